import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The committee's page of a call (`business.score`): every accepted
/// application the member has not declared a conflict on, each with its
/// plan, its PDFs and a score sheet (a whole number per criterion, with a
/// comment), and the button that declares a conflict of interest, after
/// which the application is gone from their page. Then the list:
/// `decide` (`business.review`) once applications are closed.
struct CommitteePages {
    let services: AppServices
    var html: HTML { HTML(services: services) }
    var service: SupportService { SupportService(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/admin/business/calls/:call/committee", use: page)
        router.post(":city/admin/business/committee/:application/score", use: score)
        router.post(":city/admin/business/committee/:application/conflict", use: conflict)
        router.get(":city/admin/business/committee/:application/documents/:document", use: document)
        router.post(":city/admin/business/calls/:call/decide", use: decide)
    }

    static func url(_ city: Municipality, _ call: SupportCallID) -> String {
        "/\(city.slug.rawValue)/admin/business/calls/\(call.rawValue)/committee"
    }

    struct Card {
        let anchor: String
        let title: String
        let applicant: String
        let requested: String
        let plan: String
        let documents: [ReviewPages.Document]
        let scoreAction: String
        let conflictAction: String
        let fields: [FormField]
        let scored: Bool
    }

    struct Page {
        let cards: [Card]
        let empty: Bool
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let member = try requireStaff(.businessScore, context.principal, in: city.id)
        let call = try await service.call(SupportCallID(rawValue: try context.parameters.require("call")), in: city.id).call
        return try await render(request, context, city: city, call: call, member: member.accountID)
    }

    private func render(
        _ request: Request, _ context: AppRequestContext, city: Municipality, call: SupportCall, member: AccountID,
        typed: (SupportApplicationID, FormData)? = nil, error: (field: String, message: String)? = nil
    ) async throws -> Response {
        let (visible, sheets, documents) = try await services.store.read { tx in
            (
                try await tx.supportApplications.forCommittee(member, call: call.id), try await tx.supportApplications.sheets(of: call.id),
                try await tx.supportApplications.documents(ofCall: call.id)
            )
        }
        var cards: [Card] = []
        for stored in visible {
            let id = stored.application.id
            let mine = sheets[id]?.first { $0.member == member }
            let posted = typed.flatMap { $0.0 == id ? $0.1 : nil }
            let base = "/\(city.slug.rawValue)/admin/business/committee/\(id.rawValue)"
            let fields = call.criteria.flatMap { criterion -> [FormField] in
                let label = criterion.title.localized(context.language)
                return [
                    FormField(
                        name: "score-\(criterion.id)", id: "score-\(id.rawValue)-\(criterion.id)",
                        label: html.t("business.committee.score", context, ["criterion": label, "weight": String(criterion.weight), "scale": String(call.scale)]),
                        value: posted?["score-\(criterion.id)"] ?? mine?.points[criterion.id].map(String.init) ?? "",
                        error: posted != nil && error?.field == "score-\(criterion.id)" ? error?.message : nil, inputmode: "numeric", required: true, maxlength: 3),
                    FormField(
                        name: "comment-\(criterion.id)", id: "comment-\(id.rawValue)-\(criterion.id)", label: html.t("business.committee.comment", context),
                        value: posted?["comment-\(criterion.id)"] ?? mine?.comments[criterion.id] ?? "",
                        error: posted != nil && error?.field == "comment-\(criterion.id)" ? error?.message : nil, maxlength: ScoreSheet.commentLength.upperBound, rows: 2),
                ]
            }
            cards.append(Card(
                anchor: "application-\(id.rawValue)", title: stored.form.projectTitle, applicant: stored.form.name, requested: stored.form.requested,
                plan: stored.form.plan,
                documents: ReviewPages.documents(of: call, attached: documents[id] ?? [:], under: base, context.language),
                scoreAction: "\(base)/score", conflictAction: "\(base)/conflict", fields: fields, scored: mine != nil))
        }
        let page = Page(cards: cards, empty: cards.isEmpty)
        return try await html.render(
            "business-committee", page: page, titleKey: "business.committee.title", titleArguments: ["call": call.title.localized(context.language)],
            request: request, context: context, city: city)
    }

    /// The member's application: accepted, in this city, and no conflict declared by them.
    private func visible(_ context: AppRequestContext) async throws -> (Municipality, AccountID, SupportApplicationRepository.Stored, SupportCall) {
        let city = try await CityLookup(store: services.store).require(context)
        let member = try requireStaff(.businessScore, context.principal, in: city.id).accountID
        let stored = try await service.application(SupportApplicationID(rawValue: try context.parameters.require("application")), in: city.id)
        let id = stored.application.id
        guard stored.application.state == .accepted, try await !services.store.read({ try await $0.supportApplications.hasConflict(member, on: id) }) else {
            throw AppError.notFound
        }
        return (city, member, stored, try await service.call(stored.application.callID, in: city.id).call)
    }

    @Sendable func score(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, member, stored, call) = try await visible(context)
        let form = context.form ?? FormData()
        var points: [String: Int] = [:], comments: [String: String] = [:]
        do {
            for criterion in call.criteria {
                guard let value = ApplicationReader.whole(form["score-\(criterion.id)"], in: 0...call.scale) else {
                    throw AppError.invalid(code: "business_score_out_of_range", field: "score-\(criterion.id)")
                }
                points[criterion.id] = value
                comments[criterion.id] = form["comment-\(criterion.id)"]
            }
            try await service.score(stored.application.id, points: points, comments: comments, city: city, by: member)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await render(request, context, city: city, call: call, member: member, typed: (stored.application.id, form),
                                    error: (ApplicationPages.fieldName(of: error) ?? "", html.t(error.messageKey, context)))
        }
        return HTML.redirect(Self.url(city, call.id) + "#application-\(stored.application.id.rawValue)")
    }

    @Sendable func conflict(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, member, stored, call) = try await visible(context)
        try await service.declareConflict(stored.application.id, city: city, by: member)
        return HTML.redirect(Self.url(city, call.id))
    }

    @Sendable func document(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _, stored, _) = try await visible(context)
        let id = AttachmentID(rawValue: try context.parameters.require("document"))
        return try await services.attachments.response(id, of: ApplicationPages.owner(stored.application.id), city: city.id)
    }

    /// Decides and publishes the list, back to the call's applications.
    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let staff = try requireStaff(.businessReview, context.principal, in: city.id)
        let call = SupportCallID(rawValue: try context.parameters.require("call"))
        _ = try await service.decide(call, city: city, by: staff.accountID)
        return HTML.redirect("/\(city.slug.rawValue)/admin/business/calls/\(call.rawValue)")
    }
}
