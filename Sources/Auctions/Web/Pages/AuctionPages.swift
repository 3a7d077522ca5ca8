import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// Public auction pages under `/{city}/auctions`: the city's lots, and one
/// lot with its terms, its live state and the bidder's form. Without
/// JavaScript the live page refreshes itself every two seconds while the
/// auction runs.
struct AuctionPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get("/{city}/auctions", use: list)
        router.get("/{city}/auctions/{lot}", use: show)
        router.post("/{city}/auctions/{lot}/bid", use: bid)
        router.post("/{city}/auctions/demo", use: joinDemo)
        addAdmin(to: router)
        addProtocol(to: router)
    }

    /// Prozorro's dotted names as locale keys (`active.tendering` → `active_tendering`).
    func statusText(_ status: String, _ group: String, _ context: AppRequestContext) -> String {
        html.t("auctions.\(group).\(status.replacingOccurrences(of: ".", with: "_"))", context)
    }

    func money(_ money: Money, _ context: AppRequestContext) -> String {
        money.formatted(currency: html.t("budgets.currency", context))
    }

    struct ListPage {
        struct Item {
            let url: String
            let number: Int
            let title: String
            let status: String
            let value: String
            let start: String
        }
        struct Download {
            let url: String
            let label: String
        }
        let items: [Item]
        let empty: Bool
        /// The open datasets: lots, bids and awards, as CSV and JSON.
        let openData: [Download]
        /// The property register the lots come from.
        let registerURL: String
        /// Demo mode, Вінниця: join the demo auction (or start one a minute ahead).
        let demoURL: String?
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let cityID = city.id
        // What a visitor can still take part in first (the soonest auction first), then the rest, latest first.
        let lots = try await services.store.read { try await $0.auctions.lots(in: cityID) }.sorted { a, b in
            let (openA, openB) = ([.activeTendering, .activeAuction].contains(a.lot.status), [.activeTendering, .activeAuction].contains(b.lot.status))
            if openA != openB { return openA }
            return openA ? a.lot.auctionStart < b.lot.auctionStart : a.lot.auctionStart > b.lot.auctionStart
        }
        let page = ListPage(
            items: lots.map { lot, number in
                .init(url: "/\(city.slug.rawValue)/auctions/\(lot.id.rawValue)", number: number, title: lot.title,
                      status: statusText(lot.status.rawValue, "status", context), value: money(lot.startValue, context),
                      start: DateText.kyiv(lot.auctionStart))
            },
            empty: lots.isEmpty,
            openData: ["lots", "bids", "awards", "contracts"].flatMap { name in
                ["csv", "json"].map { .init(url: "/api/v1/\(city.slug.rawValue)/auctions/open-data/\(name).\($0)", label: "\(name).\($0)") }
            },
            registerURL: "/\(city.slug.rawValue)/property",
            demoURL: services.demoMode && city.slug.rawValue == "vinnytsia" ? "/vinnytsia/auctions/demo" : nil)
        return try await html.render(
            "auctions", page: page, titleKey: "auctions.title", titleArguments: ["city": city.name.localized(context.language)], request: request,
            context: context, city: city)
    }

    struct LotPage {
        struct Row {
            let participant: String
            let amount: String
            let name: String?
            let current: Bool
        }
        let number: Int
        let title: String
        let status: String
        let procedure: String
        let value: String
        let step: String
        let guarantee: String
        let fee: String
        let tenderEnd: String
        let auctionStart: String
        /// Shown from the bidding deadline on (`Lot.biddersArePublic`).
        let bidders: String?
        let stage: String?
        let until: String?
        /// "Until" while a stage runs, "Finished" once the auction is over.
        let untilLabel: String
        /// The countdown to `until` while the auction runs (the page refreshes, so it moves).
        let secondsLeft: String?
        /// For the script: `until` in ISO 8601, and the countdown's text with `{seconds}` left in.
        let untilISO: String?
        let secondsTemplate: String
        /// The live socket, while the auction runs: with JavaScript the page follows it instead of refreshing.
        let socketURL: String?
        /// While bids are taken: the socket too, so the page turns into the live auction at the deadline (with JavaScript).
        let watchURL: String?
        /// Whose turn the forms are for: the script keeps a half-typed bid while this stays the same.
        let turnKey: String
        let rows: [Row]
        let awards: [Row]
        let hasAwards: Bool
        /// While bidding is open, for a signed-in visitor.
        let closedBidURL: String?
        let myBid: String?
        /// The closed bid's amount and legal entity code.
        let bidFields: [FormField]
        /// The bidder's move, when they have one now, and the amount it asks for, if any.
        let move: MoveForm
        let moveAmount: FormField?
        let loginURL: String?
        let message: String?
        /// A problem no field on the page shows.
        let error: String?
        /// Seconds between refreshes while the auction runs (no JavaScript needed).
        let refreshSeconds: Int?
        /// While it is the reader's turn (no automatic reload): the page again, by hand.
        let refreshURL: String?
        /// For the city's admins: the organiser's page.
        let organiserURL: String?
        /// Once the auction is over: its printable protocol.
        let protocolURL: String?
        /// The object of the property register this lot offers.
        let objectURL: String
        /// What of the city's other modules points at the lot (a strategy's measures).
        let referrers: Referrers?
        /// What a messenger shows when the lot's link is shared.
        let preview: SharePreview
        /// Follow it, or sign in to (issue 21).
        var follow: FollowButton? = nil
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let message = request.uri.queryParameters.get("done").map { _ in html.t("auctions.saved", context) }
        return try await render(request, context, message: message, error: nil)
    }

    func render(_ request: Request, _ context: AppRequestContext, message: String?, error: AppError?) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let (lot, number) = try await services.auctions.lot(LotID(rawValue: try context.parameters.require("lot")), in: city.id)
        let live = try await services.auctions.live(lot)
        let bidders = live.bidders, names = live.names, numbers = live.numbers
        let now = services.clock.now()
        let mine = context.account.flatMap { account in bidders.first { $0.accountID == account.id } }
        func label(_ bidder: AuctionBidderID) -> String { html.t("auctions.participant", context, ["number": String(numbers[bidder] ?? 0)]) }
        let base = "/\(city.slug.rawValue)/auctions/\(lot.id.rawValue)"
        // From the bidding deadline on, the page follows the auction: a countdown to its start, then its turns.
        // A cancelled lot never ran: its closed bids stay sealed.
        let started = lot.status != .cancelled && (lot.status != .activeTendering || now >= lot.tenderPeriodEnd)
        let view = started ? live.view(at: now) : nil
        let socket = "/api/v1/\(city.slug.rawValue)/auctions/\(lot.id.rawValue)/live"
        let over = view?.isOver ?? false
        var stage: String?, form = MoveForm()
        if let view {
            let actor = view.actor.map(label) ?? ""
            let amount = view.minimum.map { money($0, context) } ?? ""
            let price = view.price.map { money($0, context) } ?? ""
            stage = switch view.kind {
            case .turn: html.t("auctions.stage.turn", context, ["round": String(view.round ?? 0), "participant": actor])
            case .tenantMatch: html.t("auctions.stage.tenant_match", context, ["participant": actor, "amount": amount])
            case .sealedBids: html.t("auctions.stage.sealed_bids", context, ["participant": actor, "price": price])
            case .bestBid: html.t("auctions.stage.best_bid", context, ["participant": actor, "amount": amount])
            case .falling: html.t("auctions.stage.falling", context, ["price": price])
            case .scheduled, .pause, .finished: html.t("auctions.stage.\(view.kind.rawValue)", context)
            }
            if let mine, let action = view.action(for: mine.id) { form = MoveForm(action, url: base + "/bid", html: html, money: { money($0, context) }, context) }
        }
        let rows = (view?.standings ?? []).map {
            LotPage.Row(participant: label($0.bidder), amount: money($0.amount, context), name: over ? names[$0.bidder] : nil, current: $0.bidder == view?.actor)
        }
        let until = view?.until
        let awards = (lot.awards?.awards ?? []).map {
            LotPage.Row(participant: label($0.bidder), amount: money($0.amount, context),
                        name: "\(names[$0.bidder] ?? "") · \(statusText($0.status.rawValue, "award", context))", current: false)
        }
        let bidding = lot.status == .activeTendering && now < lot.tenderPeriodEnd
        // A refused bid comes back with what was typed and the problem beside its field.
        let typed = error == nil ? FormData() : context.form ?? FormData(), problem = FormProblem(error, html: html, context: context)
        let closedBidURL = bidding && context.account != nil ? base + "/bid" : nil
        let bidFields = closedBidURL == nil ? [] : [
            FormField(
                name: "amount", id: "bid-amount", label: html.t("auctions.amount", context), value: typed["amount"], error: problem.message(for: "amount"),
                inputmode: "decimal", required: true),
            FormField(
                name: "legalEntityCode", id: "edrpou", label: html.t("auctions.legal_entity_code", context), value: typed["legalEntityCode"],
                error: problem.message(for: "legalEntityCode"), inputmode: "numeric", maxlength: 8),
        ]
        let moveAmount = form.amountLabel.map {
            FormField(
                name: "amount", label: $0, value: typed["amount"], error: problem.message(for: "amount"), inputmode: "decimal", required: true)
        }
        let referrers = try await Referrers.of(.auctionLot, id: lot.id.rawValue, in: city, context, services: services)
        var page = LotPage(
            number: number, title: lot.title, status: statusText(lot.status.rawValue, "status", context),
            procedure: html.t("auctions.procedure.\(lot.procedure.rawValue)", context), value: money(lot.startValue, context),
            step: money(lot.minimalStep.amount(of: lot.startValue), context), guarantee: money(lot.guarantee, context),
            fee: money(lot.registrationFee, context), tenderEnd: DateText.kyiv(lot.tenderPeriodEnd), auctionStart: DateText.kyiv(lot.auctionStart),
            bidders: lot.biddersArePublic(at: now) ? String(bidders.count) : nil, stage: stage, until: until.map(DateText.kyiv),
            untilLabel: html.t(over ? "auctions.finished_at" : "auctions.until", context),
            secondsLeft: until.flatMap { end in
                over || end <= now ? nil : html.t("auctions.seconds_left", context, ["seconds": String(Int(end.timeIntervalSince(now).rounded(.up)))])
            },
            untilISO: until.map { $0.formatted(.iso8601) },
            secondsTemplate: html.t("auctions.seconds_left", context, ["seconds": "{seconds}"]),
            socketURL: started && !over ? socket : nil,
            watchURL: lot.status == .activeTendering && !started ? socket : nil,
            turnKey: [stage ?? "", form.url == nil ? "watch" : "move"].joined(separator: "|"),
            rows: rows, awards: awards, hasAwards: !awards.isEmpty,
            closedBidURL: closedBidURL, myBid: bidding ? mine.map { money($0.amount, context) } : nil, bidFields: bidFields, move: form,
            moveAmount: moveAmount, loginURL: context.account == nil && (bidding || started && !over) ? "/login?next=\(base)" : nil,
            message: message, error: problem.alert(unlessShownBy: bidFields + (moveAmount.map { [$0] } ?? [])),
            // Without JavaScript the page follows the auction by reloading, except while the reader
            // has a move to make: a reload would wipe what they are typing. A link reloads it by hand.
            refreshSeconds: started && !over && form.url == nil ? 2 : nil,
            refreshURL: started && !over && form.url != nil ? base : nil,
            organiserURL: context.principal?.may(.manageAuctions, in: city.id) == true ? "/\(city.slug.rawValue)/admin/auctions/\(lot.id.rawValue)" : nil,
            protocolURL: Self.protocolURL(lot, city: city), objectURL: "/\(city.slug.rawValue)/property/\(lot.objectID.rawValue)",
            referrers: referrers,
            preview: SharePreview(
                services: services, title: "\(html.t("auctions.lot_title", context, ["number": String(number)])): \(lot.title)",
                description: AuctionNews.terms(of: lot, language: context.language, services: services),
                path: base, city: city, language: context.language))
        page.follow = try await FollowButton.make(.auctionLot, id: lot.id.rawValue, in: city, path: base, context: context, services: services)
        return try await html.render(
            "auction", page: page, titleKey: "auctions.lot_title", titleArguments: ["number": String(number)], request: request, context: context,
            city: city, status: error?.status ?? .ok)
    }

    /// Demo mode only: the live demo auction, running or new.
    @Sendable func joinDemo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        guard services.demoMode, city.slug.rawValue == "vinnytsia",
              let lot = try await AuctionDemoSeeder(services: services).joinableLive()
        else { throw AppError.notFound }
        return HTML.redirect("/vinnytsia/auctions/\(lot.rawValue)")
    }

    /// What the bidder may do now, as the page's forms: an amount (a raise, a
    /// sealed or best bid), one button (the tenant's match, accepting the
    /// Dutch price), and passing in an English turn.
    struct MoveForm {
        var url: String?
        var amountLabel: String?
        var amountButton: String?
        var matchButton: String?
        var canPass = false

        init() {}

        init(_ action: LiveView.Action, url: String, html: HTML, money: (Money) -> String, _ context: AppRequestContext) {
            self.url = url
            func amount(_ minimum: Money, button: String) {
                amountLabel = html.t("auctions.bid_at_least", context, ["amount": money(minimum)])
                amountButton = html.t(button, context)
            }
            switch action {
            case .raise(let minimum): amount(minimum, button: "auctions.raise"); canPass = true
            case .match(let amount): matchButton = html.t("auctions.match_amount", context, ["amount": money(amount)]); canPass = true
            case .accept(let price): matchButton = html.t("auctions.accept", context, ["price": money(price)])
            case .seal(let minimum): amount(minimum, button: "auctions.seal")
            case .best(let minimum): amount(minimum, button: "auctions.best")
            }
        }
    }

    /// The closed bid while bidding is open; the bidder's raise, pass or match in their turn.
    @Sendable func bid(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let id = LotID(rawValue: try context.parameters.require("lot"))
        guard let account = context.account else { return HTML.redirect("/login?next=/\(city.slug.rawValue)/auctions/\(id.rawValue)") }
        let form = context.form ?? FormData()
        do {
            let (lot, _) = try await services.auctions.lot(id, in: city.id)
            if lot.status == .activeTendering, services.clock.now() < lot.tenderPeriodEnd {
                guard let amount = try FormMoney.parse(form["amount"], field: "amount") else {
                    throw AppError.invalid(code: "bid_amount_required", field: "amount")
                }
                try await services.auctions.submitBid(id, amount: amount, legalEntityCode: form["legalEntityCode"], city: city, by: account)
            } else {
                let move: EnglishAuction.Move
                switch form["move"] {
                case "pass": move = .pass
                case "match": move = .match
                default:
                    guard let amount = try FormMoney.parse(form["amount"], field: "amount") else {
                        throw AppError.invalid(code: "bid_amount_required", field: "amount")
                    }
                    move = .raise(to: amount)
                }
                _ = try await services.auctions.move(id, move, city: city, by: account)
            }
        } catch let error as AppError where error.belongsOnTheForm {
            return try await render(request, context, message: nil, error: error)
        }
        return HTML.redirect("/\(city.slug.rawValue)/auctions/\(id.rawValue)?done=1")
    }
}
