import Foundation
import HromadaDomain
import HromadaStore

/// A thing's comments as its page shows them, through the platform's
/// partial `comments.mustache`: every module's page shows them alike. A
/// page puts it in its model as `discussion` and includes the partial
/// inside `{{#page.discussion}}`.
public struct Discussion: Sendable {
    public struct Item: Sendable {
        let id: String
        /// The element's id, which a link to the comment ends with (`#comment-…`).
        let anchor: String
        let author: String
        let time: String
        /// The time in the machine-readable form of `<time datetime>`.
        let datetime: String
        let edited: Bool
        let isReply: Bool
        /// The text as safe HTML (`CommentText`), nil when the reader may not see it.
        let bodyHTML: String?
        let hidden: Bool
        /// Why a moderator hid it, for its author and the moderators.
        let reason: String?
        let editURL: String?
        let flagURL: String?
        let flagged: Bool
        let hideURL: String?
        let unhideURL: String?
        /// The reply form's parent: set on top-level comments when the reader may write.
        let replyTo: String?
    }

    let heading: String
    let count: Int
    let items: [Item]
    let hasItems: Bool
    /// Where the forms post, and what they are about.
    let action: String
    let subjectKind: String
    let subjectID: String
    /// The new comment's field; nil when the reader may not write here.
    let form: FormField?
    /// What the reader needs to write (sign in, verify), with where to do it.
    let barrier: String?
    let barrierURL: String?
    let barrierLink: String?
    let maxLength: Int

    /// The discussion of the thing `id` of `kind` in `city` as `context`'s
    /// reader sees it, or nil when the thing takes no comments (the city
    /// lacks it or its module, or it is not discussed).
    public static func of(
        _ kind: LinkKind, id: String, in city: Municipality, _ context: AppRequestContext, services: AppServices
    ) async throws -> Discussion? {
        guard let subject = CommentSubject.parse(kind: kind.rawValue, id: id),
              let thing = try await services.modules.linked(kind, id: id, in: city, services: services), thing.isDiscussable
        else { return nil }
        let comments = CommentService(services: services), html = HTML(services: services)
        let account = context.account, cityID = city.id
        let thread = try await services.store.read { try await $0.comments.thread(of: subject, in: cityID) }
        let flagged = try await account.asyncFlatMap { account in
            try await services.store.read { try await $0.comments.flagged(by: account.id, among: thread.map(\.comment.id)) }
        } ?? []
        let barrier = try await comments.barrier(for: account, in: city)
        let moderator = context.principal?.may(.moderateComments, in: cityID) == true
        let now = services.clock.now(), base = "/\(city.slug.rawValue)/comments"
        let iso = ISO8601DateFormatter()
        let items = thread.map { listed -> Item in
            let comment = listed.comment, mine = account?.id == comment.authorID
            let readable = comment.hidden == nil || mine || moderator
            return Item(
                id: comment.id.rawValue, anchor: "comment-\(comment.id.rawValue)", author: listed.authorName, time: DateText.kyiv(comment.createdAt),
                datetime: iso.string(from: comment.createdAt), edited: comment.editedAt != nil, isReply: !comment.isTopLevel,
                bodyHTML: readable ? CommentText.html(comment.body) : nil, hidden: comment.hidden != nil,
                reason: readable ? comment.hidden?.reason : nil,
                editURL: mine && comment.hidden == nil && CommentRules.isWithinEditWindow(comment, at: now) ? "\(base)/\(comment.id.rawValue)/edit" : nil,
                flagURL: account != nil && !mine && comment.hidden == nil ? "\(base)/\(comment.id.rawValue)/flag" : nil,
                flagged: flagged.contains(comment.id),
                hideURL: moderator && comment.hidden == nil ? "\(base)/\(comment.id.rawValue)/hide" : nil,
                unhideURL: moderator && comment.hidden != nil ? "\(base)/\(comment.id.rawValue)/unhide" : nil,
                replyTo: barrier == nil && comment.isTopLevel ? comment.id.rawValue : nil)
        }
        let way = Self.way(past: barrier, back: thing.path, city: city, context, html: html)
        let shown = thread.filter { $0.comment.hidden == nil }.count
        return Discussion(
            heading: html.t("comments.heading", context), count: shown, items: items, hasItems: !items.isEmpty, action: base,
            subjectKind: subject.kind, subjectID: subject.id,
            form: barrier == nil ? bodyField(value: "", error: nil, context, html: html) : nil,
            barrier: barrier.map { html.t(CommentService.appError($0).messageKey, context) }, barrierURL: way?.url, barrierLink: way?.link,
            maxLength: CommentRules.maximumLength)
    }

    /// Where a reader stopped by `barrier` goes to get past it (signing in,
    /// then back to `path`; verifying residency), with the link's words; nil
    /// where no page of ours helps (the city takes no comments, the address awaits its confirmation).
    static func way(
        past barrier: CommentService.Barrier?, back path: String, city: Municipality, _ context: AppRequestContext, html: HTML
    ) -> (url: String, link: String)? {
        switch barrier {
        case .signIn: ("/login?next=\(HTML.nextParameter(path))", html.t("comments.sign_in_link", context))
        case .verifyResidency: ("/\(city.slug.rawValue)/verify", html.t("comments.verify_link", context))
        case .confirmEmail, .closed, nil: nil
        }
    }

    /// The text area of a comment, with what was typed and what is wrong with it.
    package static func bodyField(value: String, error: String?, id: String = "comment-body", _ context: AppRequestContext, html: HTML) -> FormField {
        FormField(
            name: "body", id: id, label: html.t("comments.body_label", context), value: value, error: error,
            hint: html.t("comments.body_hint", context, ["max": NumberFormat.grouped(Int64(CommentRules.maximumLength))]), required: true, rows: 5)
    }
}
