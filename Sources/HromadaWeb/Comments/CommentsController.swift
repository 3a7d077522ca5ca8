import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird

/// The routes of comments under a city (docs/interfaces.md): writing,
/// editing, flagging, a moderator's hiding, the moderation desk and the
/// read-only API. A refused submission answers with a page that holds
/// exactly what was typed (422 or 429), posting again to the same place;
/// a success goes back to the thing's page at the comment.
struct CommentsController {
    let services: AppServices
    var html: HTML { HTML(services: services) }
    var comments: CommentService { CommentService(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.post("/{city}/comments", use: post)
        router.get("/{city}/comments/{comment}/edit", use: editForm)
        router.post("/{city}/comments/{comment}/edit", use: edit)
        router.post("/{city}/comments/{comment}/flag", use: flag)
        router.get("/{city}/comments/{comment}/hide", use: hideForm)
        router.post("/{city}/comments/{comment}/hide", use: hide)
        router.post("/{city}/comments/{comment}/unhide", use: unhide)
        router.get("/{city}/admin/comments", use: desk)
        router.get("/api/v1/{city}/comments", use: api)
    }

    static func anchored(_ thing: LinkedThing, _ id: CommentID) -> String { "\(thing.path)#comment-\(id.rawValue)" }

    // MARK: The page a refusal answers with

    struct FormPage {
        struct Hidden {
            let name: String
            let value: String
        }
        let thingTitle: String
        let thingURL: String
        let error: String?
        let barrierURL: String?
        let barrierLink: String?
        let commentHTML: String?
        let hasForm: Bool
        let action: String
        let hidden: [Hidden]
        let field: FormField?
        let submit: String
    }

    /// The form again, with what was typed, the error beside it, and the way back to the thing.
    private func formPage(
        _ request: Request, _ context: AppRequestContext, city: Municipality, thing: LinkedThing?, titleKey: String, error: AppError?,
        action: String, hidden: [FormPage.Hidden], field: FormField?, submit: String, commentHTML: String? = nil
    ) async throws -> Response {
        let problem = FormProblem(error, html: html, context: context)
        let barrier = [CommentService.Barrier.signIn, .verifyResidency].first { CommentService.appError($0) == error }
        let way = Discussion.way(past: barrier, back: thing?.path ?? "/", city: city, context, html: html)
        let page = FormPage(
            thingTitle: thing?.title(in: context.language) ?? city.name.localized(context.language),
            thingURL: thing?.path ?? "/\(city.slug.rawValue)", error: problem.alert(unlessShownBy: field.map { [$0] } ?? []),
            barrierURL: way?.url, barrierLink: way?.link, commentHTML: commentHTML, hasForm: field != nil, action: action, hidden: hidden,
            field: field, submit: submit)
        var response = try await html.render(
            "comment-form", page: page, titleKey: titleKey, request: request, context: context, city: city, status: error?.status ?? .ok)
        if let retryAfter = error?.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }

    /// The error a refused write shows on its form; a missing thing or comment is the error page's.
    private static func formError(_ error: any Error) throws -> AppError {
        guard let error = error as? AppError, error.belongsOnTheForm, error != .csrfRejected else { throw error }
        return error
    }

    // MARK: Writing

    @Sendable func post(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let form = context.form ?? FormData()
        guard let subject = CommentSubject.parse(kind: form["kind"], id: form["id"]) else { throw AppError.notFound }
        let parent = form["parent"].isEmpty ? nil : CommentID(rawValue: form["parent"])
        // The thing first: one the city has not is a 404 with nothing to go back to.
        guard let thing = try await services.modules.linked(subject, in: city, services: services) else {
            throw AppError.notFound
        }
        do {
            let comment = try await comments.post(subject, on: thing, parent: parent, body: form["body"], city: city, by: context.account)
            return HTML.redirect(Self.anchored(thing, comment.id))
        } catch {
            let refusal = try Self.formError(error)
            var hidden = [FormPage.Hidden(name: "kind", value: subject.kind), FormPage.Hidden(name: "id", value: subject.id)]
            if let parent { hidden.append(.init(name: "parent", value: parent.rawValue)) }
            return try await formPage(
                request, context, city: city, thing: thing, titleKey: parent == nil ? "comments.form_title" : "comments.reply_title", error: refusal,
                action: "/\(city.slug.rawValue)/comments", hidden: hidden,
                field: Discussion.bodyField(
                    value: form["body"], error: refusal.field == "body" ? html.t(refusal.messageKey, context) : nil, context, html: html),
                submit: html.t(parent == nil ? "comments.submit" : "comments.reply_submit", context))
        }
    }

    private func commentID(_ context: AppRequestContext) throws -> CommentID {
        let raw = try context.parameters.require("comment")
        guard (1...64).contains(raw.utf8.count) else { throw AppError.notFound }
        return CommentID(rawValue: raw)
    }

    /// The comment and the thing it is on, as a page about it needs them.
    private func loaded(_ context: AppRequestContext, city: Municipality) async throws -> (CommentRepository.Listed, LinkedThing) {
        let (listed, thing) = try await moderated(context, city: city)
        guard let thing else { throw AppError.notFound }
        return (listed, thing)
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        guard let account = context.account else { throw AppError.notSignedIn }
        let (listed, thing) = try await loaded(context, city: city)
        var refusal: AppError?
        do {
            try CommentService.checked { () throws(CommentProblem) in
                try CommentRules.checkEditable(listed.comment, by: account.id, at: services.clock.now())
            }
        } catch {
            refusal = try Self.formError(error)
        }
        return try await editPage(request, context, city: city, thing: thing, id: listed.comment.id, typed: listed.comment.body, error: refusal)
    }

    private func editPage(
        _ request: Request, _ context: AppRequestContext, city: Municipality, thing: LinkedThing, id: CommentID, typed: String, error: AppError?
    ) async throws -> Response {
        // Out of its window or hidden, there is nothing to submit: the page says why.
        let closed = error.map { $0.field != "body" && $0.retryAfter == nil } ?? false
        return try await formPage(
            request, context, city: city, thing: thing, titleKey: "comments.edit_title", error: error,
            action: "/\(city.slug.rawValue)/comments/\(id.rawValue)/edit", hidden: [],
            field: closed ? nil : Discussion.bodyField(
                value: typed, error: error?.field == "body" ? error.map { html.t($0.messageKey, context) } : nil, context, html: html),
            submit: html.t("comments.save", context), commentHTML: closed ? CommentText.html(typed) : nil)
    }

    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let (listed, thing) = try await loaded(context, city: city)
        let typed = (context.form ?? FormData())["body"]
        do {
            let comment = try await comments.edit(listed.comment.id, body: typed, city: city, by: context.account)
            return HTML.redirect(Self.anchored(thing, comment.id))
        } catch {
            return try await editPage(request, context, city: city, thing: thing, id: listed.comment.id, typed: typed, error: try Self.formError(error))
        }
    }

    @Sendable func flag(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let (listed, thing) = try await loaded(context, city: city)
        try await comments.flag(listed.comment.id, city: city, by: context.account)
        return HTML.redirect(Self.anchored(thing, listed.comment.id))
    }

    // MARK: Moderation

    /// Where a moderator goes back to: the desk they came from, or the thing
    /// (the desk when the thing is gone: its comments are still moderated).
    private func back(_ context: AppRequestContext, city: Municipality, thing: LinkedThing?, id: CommentID) -> String {
        guard let thing, (context.form ?? FormData())["from"] != "desk" else { return "/\(city.slug.rawValue)/admin/comments#comment-\(id.rawValue)" }
        return Self.anchored(thing, id)
    }

    /// The comment and, if the city still has it, the thing it is on: a
    /// moderator decides on a comment whatever became of its thing.
    private func moderated(_ context: AppRequestContext, city: Municipality) async throws -> (CommentRepository.Listed, LinkedThing?) {
        let listed = try await comments.load(try commentID(context), in: city)
        let subject = listed.comment.subject
        return (listed, try await services.modules.linked(subject, in: city, services: services))
    }

    @Sendable func hideForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        try requireStaff(.moderateComments, context.principal, in: city.id)
        let (listed, thing) = try await moderated(context, city: city)
        return try await hidePage(request, context, city: city, thing: thing, listed: listed, typed: "", error: nil)
    }

    private func hidePage(
        _ request: Request, _ context: AppRequestContext, city: Municipality, thing: LinkedThing?, listed: CommentRepository.Listed, typed: String,
        error: AppError?
    ) async throws -> Response {
        let from = (context.form ?? FormData())["from"]
        return try await formPage(
            request, context, city: city, thing: thing, titleKey: "comments.hide_title", error: error,
            action: "/\(city.slug.rawValue)/comments/\(listed.comment.id.rawValue)/hide",
            hidden: from == "desk" ? [.init(name: "from", value: "desk")] : [],
            field: FormField(
                name: "reason", label: html.t("comments.reason_label", context), value: typed,
                error: error?.field == "reason" ? error.map { html.t($0.messageKey, context) } : nil, hint: html.t("comments.reason_hint", context),
                required: true, minlength: CommentRules.reasonLength.lowerBound, maxlength: CommentRules.reasonLength.upperBound),
            submit: html.t("comments.hide_submit", context), commentHTML: CommentText.html(listed.comment.body))
    }

    @Sendable func hide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        try requireStaff(.moderateComments, context.principal, in: city.id)
        let (listed, thing) = try await moderated(context, city: city)
        let typed = (context.form ?? FormData())["reason"]
        do {
            try await comments.hide(listed.comment.id, reason: typed, city: city, by: context.principal)
        } catch {
            return try await hidePage(request, context, city: city, thing: thing, listed: listed, typed: typed, error: try Self.formError(error))
        }
        return HTML.redirect(back(context, city: city, thing: thing, id: listed.comment.id))
    }

    @Sendable func unhide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        try requireStaff(.moderateComments, context.principal, in: city.id)
        let (listed, thing) = try await moderated(context, city: city)
        do {
            try await comments.unhide(listed.comment.id, city: city, by: context.principal)
        } catch let error as AppError where error == .conflict(code: "comment_not_hidden") {
            // Shown already (another moderator was quicker): the same place either way.
        }
        return HTML.redirect(back(context, city: city, thing: thing, id: listed.comment.id))
    }
}
