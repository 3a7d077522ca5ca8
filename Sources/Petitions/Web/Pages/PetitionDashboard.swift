import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The author's own petitions at `/{city}/petitions/mine`: every state,
/// drafts and moderation included, with what they can still do (send a
/// draft on, take a petition back before it opens) and where each stands.
extension PetitionPages {
    struct DashboardPage {
        struct Item {
            let url: String
            let number: Int
            let title: String
            let state: String
            let count: String
            let threshold: String
            let percent: Int
            let counted: Bool
            /// What is next: the collection deadline, the moderation or answer due date, or the outcome.
            let status: String?
            let submitURL: String?
            let withdrawURL: String?
        }
        let items: [Item]
        let empty: Bool
        let newURL: String
        let message: String?
        let error: String?
    }

    @Sendable func mine(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderMine(request, context, message: request.uri.queryParameters.get("done").map { _ in html.t("petitions.mine_saved", context) }, error: nil)
    }

    func renderMine(_ request: Request, _ context: AppRequestContext, message: String?, error: AppError?) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        guard let account = context.account else { return HTML.redirect("/login?next=/\(city.slug.rawValue)/petitions/mine") }
        let cityID = city.id, now = services.clock.now()
        let stored = try await services.store.read {
            try await $0.petitions.petitions(in: cityID, states: PetitionState.allCases, author: account.id, order: .newest, limit: 200)
        }
        let base = "/\(city.slug.rawValue)/petitions"
        let items = stored.map { item -> DashboardPage.Item in
            let petition = item.petition, listed = ListPage.Item(item, city: city, html: html, context: context)
            let url = "\(base)/\(petition.id.rawValue)"
            return DashboardPage.Item(
                url: listed.url, number: listed.number, title: listed.title, state: listed.state, count: listed.count, threshold: listed.threshold,
                percent: listed.percent, counted: listed.counted, status: status(of: petition, at: now, context),
                submitURL: petition.state == .draft ? url + "/submit" : nil,
                withdrawURL: [.draft, .collectingSupporters, .moderation].contains(petition.state) ? url + "/withdraw" : nil)
        }
        let page = DashboardPage(
            items: items, empty: items.isEmpty, newURL: base + "/new", message: message, error: error.map { html.t($0.messageKey, context) })
        return try await html.render(
            "petitions-mine", page: page, titleKey: "petitions.mine_title", request: request, context: context, city: city, status: error?.status ?? .ok)
    }

    /// One line on where the petition stands, with its next date in Kyiv time.
    private func status(of petition: Petition, at now: Date, _ context: AppRequestContext) -> String? {
        switch petition.state {
        case .moderation:
            return petition.moderationDue.map { html.t("petitions.mine_moderation_due", context, ["date": DateText.kyiv($0)]) }
        case .open:
            return petition.deadline.map { html.t("petitions.mine_collecting_until", context, ["date": DateText.kyiv($0)]) }
        case .underConsideration:
            return petition.answerDue.map { html.t("petitions.mine_answer_due", context, ["date": DateText.kyiv($0)]) }
        case .rejected:
            return petition.rejection.map { "\(html.t("petitions.reason.\($0.reason.rawValue)", context)). \($0.text)" }
        case .closed:
            return petition.handedOnAsAppeal ? html.t("petitions.appeal", context) : nil
        case .answered:
            return petition.answer.map { html.t("petitions.decision.\($0.decision.rawValue)", context) }
        case .draft, .collectingSupporters, .withdrawn:
            return nil
        }
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await authorAction(request, context) { id, city, account in _ = try await services.petitions.submit(id, city: city, by: account) }
    }

    @Sendable func withdraw(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await authorAction(request, context) { id, city, account in _ = try await services.petitions.withdraw(id, city: city, by: account) }
    }

    /// Runs the author's change and returns to the dashboard, saying why not if it was refused.
    private func authorAction(
        _ request: Request, _ context: AppRequestContext, _ change: (PetitionID, Municipality, AccountID) async throws -> Void
    ) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        guard let account = context.account else { throw AppError.notSignedIn }
        do {
            try await change(PetitionID(rawValue: try context.parameters.require("petition")), city, account.id)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderMine(request, context, message: nil, error: error)
        }
        return HTML.redirect("/\(city.slug.rawValue)/petitions/mine?done=1")
    }
}
