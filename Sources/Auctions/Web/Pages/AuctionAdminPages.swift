import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The organiser's page for a lot at `/{city}/admin/auctions/{lot}`: who
/// registered and whether they paid (never the closed bid amounts before the
/// auction), the payments form, and after the auction the award chain with
/// qualify, disqualify (with a reason) and contract-signed.
extension AuctionPages {
    func addAdmin(to router: Router<AppRequestContext>) {
        router.get("/{city}/admin/auctions/{lot}", use: organiser)
        router.post("/{city}/admin/auctions/{lot}/payments", use: payments)
        router.post("/{city}/admin/auctions/{lot}/award", use: award)
        router.post("/{city}/admin/auctions/{lot}/next", use: continueCycle)
    }

    struct OrganiserPage {
        struct Bidder {
            let id: String
            let name: String
            let code: String?
            let admitted: Bool
            /// The payment references (ids of their own, as every bidder has the form).
            let payments: [FormField]
        }
        struct Award {
            let bidder: String
            let participant: String
            let name: String
            let amount: String
            let status: String
            let reason: String?
            let pending: Bool
            let active: Bool
            /// The disqualification's reason; its form open when a disqualification of this bidder was refused.
            let reasonField: FormField
            let disqualifyOpen: Bool
        }
        let number: Int
        let title: String
        let status: String
        let publicURL: String
        let bidders: [Bidder]
        let paymentsURL: String?
        let awards: [Award]
        let awardURL: String
        let canSign: Bool
        let protocolURL: String?
        /// After an unsuccessful privatization auction, the form for the next one of the cycle.
        let cycleURL: String?
        let cycleLead: String?
        let cycleFields: [FormField]
        /// The cycle's neighbours: the lot this one continues, and the one that continues it.
        let continues: String?
        let continuedBy: String?
        let message: String?
        /// A problem no field on the page shows.
        let error: String?
    }

    @Sendable func organiser(_ request: Request, context: AppRequestContext) async throws -> Response {
        let message = request.uri.queryParameters.get("done").map { _ in html.t("auctions.saved", context) }
        return try await renderOrganiser(request, context, message: message, error: nil)
    }

    func renderOrganiser(_ request: Request, _ context: AppRequestContext, message: String?, error: AppError?) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        _ = try requireStaff(.manageAuctions, context.principal, in: city.id)
        let (lot, number) = try await services.auctions.lot(LotID(rawValue: try context.parameters.require("lot")), in: city.id)
        let live = try await services.auctions.live(lot)
        let bidders = live.bidders, numbers = live.numbers, names = live.names
        let base = "/\(city.slug.rawValue)/admin/auctions/\(lot.id.rawValue)"
        let cityID = city.id, lots = try await services.store.read { try await $0.auctions.lots(in: cityID) }
        let followed = lots.first { $0.lot.continues == lot.id }
        let cycle = (
            canContinue: lot.status == .unsuccessful && lot.procedure.nextInPrivatizationCycle != nil && followed == nil,
            previous: lot.continues.flatMap { previous in lots.first { $0.lot.id == previous }?.number }, next: followed?.number)
        // A refused form comes back with what was typed and the problem beside its field: the payments or the
        // disqualification of the bidder it was about, or the next auction of the cycle.
        let form = context.form ?? FormData(), problem = FormProblem(error, html: html, context: context)
        let posted = error == nil ? nil : form["bidder"], decision = form["decision"]
        var shown: [FormField] = []
        let awards = (lot.awards?.awards ?? []).map { award in
            let refused = posted == award.bidder.rawValue && decision == "disqualify"
            let reason = FormField(
                name: "reason", id: "reason-\(award.bidder.rawValue)", label: html.t("auctions.disqualify_reason", context),
                value: refused ? form["reason"] : "", error: refused ? problem.message(for: "reason") : nil, required: true, maxlength: 2_000, rows: 2)
            if refused { shown.append(reason) }
            return OrganiserPage.Award(
                bidder: award.bidder.rawValue, participant: html.t("auctions.participant", context, ["number": String(numbers[award.bidder] ?? 0)]),
                name: names[award.bidder] ?? "", amount: money(award.amount, context), status: statusText(award.status.rawValue, "award", context),
                reason: award.reason, pending: award.status == .pending, active: award.status == .active && lot.awards?.contractSignedAt == nil,
                reasonField: reason, disqualifyOpen: refused)
        }
        let paying = lot.status == .activeTendering
        let bidderRows = bidders.map { bidder in
            let refused = paying && posted == bidder.id.rawValue && decision.isEmpty
            func reference(_ name: String, _ labelKey: String, stored: String?) -> FormField {
                FormField(
                    name: name, id: "\(name)-\(bidder.id.rawValue)", label: html.t(labelKey, context), value: refused ? form[name] : stored ?? "",
                    error: refused ? problem.message(for: name) : nil, maxlength: 60)
            }
            let payments = paying
                ? [reference("guarantee", "auctions.guarantee_paid", stored: bidder.guaranteeReference),
                   reference("fee", "auctions.fee_paid", stored: bidder.feeReference)]
                : []
            if refused { shown += payments }
            return OrganiserPage.Bidder(
                id: bidder.id.rawValue, name: bidder.name, code: bidder.legalEntityCode, admitted: bidder.isAdmitted, payments: payments)
        }
        let cycleFields = cycle.canContinue
            ? [("tenderPeriodEnd", "auctions.tender_end"), ("auctionStart", "auctions.auction_start")].map { name, labelKey in
                FormField(
                    name: name, label: html.t(labelKey, context), value: form[name], error: problem.message(for: name), type: "datetime-local",
                    required: true)
            }
            : []
        shown += cycleFields
        let page = OrganiserPage(
            number: number, title: lot.title, status: statusText(lot.status.rawValue, "status", context),
            publicURL: "/\(city.slug.rawValue)/auctions/\(lot.id.rawValue)",
            bidders: bidderRows, paymentsURL: paying ? base + "/payments" : nil, awards: awards, awardURL: base + "/award",
            canSign: awards.contains(where: \.active), protocolURL: Self.protocolURL(lot, city: city),
            cycleURL: cycle.canContinue ? base + "/next" : nil,
            cycleLead: lot.procedure.nextInPrivatizationCycle.map { next in
                html.t("auctions.cycle_lead", context, [
                    "procedure": html.t("auctions.procedure.\(next.rawValue)", context), "price": money(next.startValue(from: lot.value), context)])
            },
            cycleFields: cycleFields, continues: cycle.previous.map { html.t("auctions.continues", context, ["number": String($0)]) },
            continuedBy: cycle.next.map { html.t("auctions.continued_by", context, ["number": String($0)]) },
            message: message, error: problem.alert(unlessShownBy: shown))
        return try await html.render(
            "auction-organiser", page: page, titleKey: "auctions.lot_title", titleArguments: ["number": String(number)], request: request,
            context: context, city: city, status: error?.status ?? .ok)
    }

    @Sendable func payments(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await organiserAction(request, context) { id, city, form in
            try await services.auctions.recordPayments(
                id, bidder: AuctionBidderID(rawValue: form["bidder"]), guarantee: form["guarantee"], fee: form["fee"], city: city, by: context.principal)
            return id
        }
    }

    @Sendable func award(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await organiserAction(request, context) { id, city, form in
            let bidder = AuctionBidderID(rawValue: form["bidder"])
            let decision: AuctionService.Decision
            switch form["decision"] {
            case "qualify": decision = .qualify(bidder)
            case "disqualify": decision = .disqualify(bidder, reason: form["reason"])
            case "contract": decision = .contractSigned
            default: throw AppError.badRequest(code: "bad_request")
            }
            _ = try await services.auctions.decide(id, decision, city: city, by: context.principal)
            return id
        }
    }

    /// The next auction of the privatization cycle; on success, its organiser's page.
    @Sendable func continueCycle(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await organiserAction(request, context) { id, city, form in
            guard let tenderEnd = DateText.kyivInput(form["tenderPeriodEnd"]) else { throw AppError.invalid(code: "lot_tender_period_invalid", field: "tenderPeriodEnd") }
            guard let start = DateText.kyivInput(form["auctionStart"]) else { throw AppError.invalid(code: "lot_auction_start_invalid", field: "auctionStart") }
            do {
                return try await services.auctions.continueCycle(id, tenderPeriodEnd: tenderEnd, auctionStart: start, city: city, by: context.principal).lot.id
            } catch AppError.invalid(let code, let field) where field == "tenderPeriod" || field == "auctionPeriod" {
                // The lot's dates, as this form names them.
                throw AppError.invalid(code: code, field: field == "tenderPeriod" ? "tenderPeriodEnd" : "auctionStart")
            }
        }
    }

    /// Runs the organiser's change and goes to the organiser's page of the lot it names (this one, or the
    /// next of the cycle); refused, the same page says why.
    private func organiserAction(
        _ request: Request, _ context: AppRequestContext, _ change: (LotID, Municipality, FormData) async throws -> LotID
    ) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let id = LotID(rawValue: try context.parameters.require("lot"))
        let shown: LotID
        do {
            shown = try await change(id, city, context.form ?? FormData())
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderOrganiser(request, context, message: nil, error: error)
        }
        return HTML.redirect("/\(city.slug.rawValue)/admin/auctions/\(shown.rawValue)?done=1")
    }
}
