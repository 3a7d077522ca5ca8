import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The auction's protocol (протокол електронного аукціону) at
/// `/{city}/auctions/{lot}/protocol`: the lot's terms, every participant with
/// their closed bid, every move to the second in Kyiv time, the final ranking
/// and the award chain. Public once the auction is over and never before,
/// since it opens the closed bids; printable on A4.
extension AuctionPages {
    func addProtocol(to router: Router<AppRequestContext>) {
        router.get("/{city}/auctions/{lot}/protocol", use: auctionProtocol)
    }

    /// Either the protocol, or why there is none yet.
    struct ProtocolPage {
        struct NotYet {
            let message: String
            let lotURL: String
        }
        let notYet: NotYet?
        let report: ProtocolReport?
    }

    struct ProtocolReport {
        struct Term {
            let label: String
            let value: String
        }
        struct Participant {
            let number: Int
            let name: String
            let code: String?
            let initialBid: String
            let submittedAt: String
        }
        struct Move {
            /// The English round and turn; a dash for a Dutch auction, whose move names its stage.
            let round: String
            let turn: String
            let participant: String
            let move: String
            let amount: String
            let at: String
        }
        struct Rank {
            let place: Int
            let participant: String
            let name: String
            let amount: String
        }
        struct Award {
            let participant: String
            let name: String
            let amount: String
            let status: String
            let reason: String?
            let decidedAt: String?
        }
        let number: Int
        let title: String
        let status: String
        let terms: [Term]
        let participants: [Participant]
        let hasParticipants: Bool
        let moves: [Move]
        let hasMoves: Bool
        let ranking: [Rank]
        let hasRanking: Bool
        let awards: [Award]
        let hasAwards: Bool
        let contractSignedAt: String?
        let lotURL: String
        let generatedAt: String
    }

    /// Where the protocol of a lot lives; nil until it is public.
    static func protocolURL(_ lot: Lot, city: Municipality) -> String? {
        lot.auctionIsOver ? "/\(city.slug.rawValue)/auctions/\(lot.id.rawValue)/protocol" : nil
    }

    @Sendable func auctionProtocol(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let (lot, number) = try await services.auctions.lot(LotID(rawValue: try context.parameters.require("lot")), in: city.id)
        guard lot.auctionIsOver else {
            // The lot exists, its protocol does not yet: say so, as a 404 for clients.
            let notYet = ProtocolPage.NotYet(
                message: html.t("auctions.protocol.not_yet", context), lotURL: "/\(city.slug.rawValue)/auctions/\(lot.id.rawValue)")
            return try await html.render(
                "auction-protocol", page: ProtocolPage(notYet: notYet, report: nil), titleKey: "auctions.protocol.title",
                titleArguments: ["number": String(number)], request: request, context: context, city: city, status: .notFound)
        }
        let live = try await services.auctions.live(lot)
        let auction = live.auction, numbers = live.numbers, names = live.names
        let participants = live.admitted.sorted { (numbers[$0.id] ?? 0) < (numbers[$1.id] ?? 0) }
        let awards = lot.awards?.awards ?? []
        let object = try await services.store.read { [objectID = lot.objectID, cityID = city.id] in try await $0.auctions.object(objectID, in: cityID) }
        func label(_ bidder: AuctionBidderID) -> String {
            numbers[bidder].map { html.t("auctions.participant", context, ["number": String($0)]) } ?? "—"
        }
        let report = ProtocolReport(
            number: number, title: lot.title, status: statusText(lot.status.rawValue, "status", context),
            terms: terms(lot, number: number, object: object, live: live, context),
            participants: participants.map {
                .init(number: numbers[$0.id] ?? 0, name: $0.name, code: $0.legalEntityCode, initialBid: money($0.amount, context),
                      submittedAt: DateText.kyivSeconds($0.submittedAt))
            },
            hasParticipants: !participants.isEmpty, moves: live.dutch == nil ? moves(auction, label: label, context) : dutchMoves(auction.moves, label: label, context),
            hasMoves: !auction.moves.isEmpty,
            ranking: awards.enumerated().map { place, award in
                .init(place: place + 1, participant: label(award.bidder), name: names[award.bidder] ?? "", amount: money(award.amount, context))
            },
            hasRanking: !awards.isEmpty,
            awards: awards.map {
                .init(participant: label($0.bidder), name: names[$0.bidder] ?? "", amount: money($0.amount, context),
                      status: statusText($0.status.rawValue, "award", context), reason: $0.reason, decidedAt: $0.decidedAt.map(DateText.kyivSeconds))
            },
            hasAwards: !awards.isEmpty,
            contractSignedAt: lot.awards?.contractSignedAt.map(DateText.kyivSeconds),
            lotURL: "/\(city.slug.rawValue)/auctions/\(lot.id.rawValue)",
            generatedAt: html.t("auctions.protocol.generated", context, ["time": DateText.kyivSeconds(services.clock.now())]))
        return try await html.render(
            "auction-protocol", page: ProtocolPage(notYet: nil, report: report), titleKey: "auctions.protocol.title", titleArguments: ["number": String(number)], request: request,
            context: context, city: city)
    }

    private func terms(
        _ lot: Lot, number: Int, object: PropertyObject?, live: AuctionService.LiveAuction, _ context: AppRequestContext
    ) -> [ProtocolReport.Term] {
        let view = live.view(at: services.clock.now())
        let end = view.isOver && !live.admitted.isEmpty ? DateText.kyivSeconds(view.until) : "—"
        var terms: [(String, String)] = [
            ("auctions.protocol.lot_number", String(number)),
            ("auctions.protocol.lot_title", lot.title),
        ]
        if let object {
            terms.append(("auctions.protocol.object", object.title))
            terms.append(("auctions.protocol.address", object.address))
            if let cadastral = object.cadastralNumber { terms.append(("auctions.protocol.cadastral", cadastral)) }
            terms.append(("auctions.protocol.balance_holder", object.balanceHolder))
        }
        terms += [
            ("auctions.protocol.procedure", html.t("auctions.procedure.\(lot.procedure.rawValue)", context)),
            ("auctions.start_price", money(lot.startValue, context)),
            ("auctions.minimal_step", money(lot.minimalStep.amount(of: lot.startValue), context)),
            ("auctions.guarantee", money(lot.guarantee, context)),
            ("auctions.registration_fee", money(lot.registrationFee, context)),
            ("auctions.tender_end", DateText.kyivSeconds(lot.tenderPeriodEnd)),
            ("auctions.auction_start", DateText.kyivSeconds(lot.auctionStart)),
            ("auctions.protocol.auction_end", end),
        ]
        return terms.map { .init(label: html.t($0.0, context), value: $0.1) }
    }

    /// The moves in the order they were made, each with the bid it left:
    /// the raise's amount, the standing bid kept by a pass, the best bid a
    /// match took.
    private func moves(_ auction: EnglishAuction, label: (AuctionBidderID) -> String, _ context: AppRequestContext) -> [ProtocolReport.Move] {
        var current = Dictionary(uniqueKeysWithValues: auction.participants.map { ($0.bidder, $0.initialBid) })
        return auction.moves.map { made in
            let kind: String, amount: Money
            switch made.move {
            case .raise(let to):
                (kind, amount) = ("raise", to)
                current[made.bidder] = to
            case .pass: (kind, amount) = ("pass", current[made.bidder] ?? auction.startValue)
            case .match:
                let best = current.filter { $0.key != made.bidder }.values.max() ?? auction.startValue
                (kind, amount) = ("match", best)
                current[made.bidder] = best
            }
            return .init(
                round: String(made.turn.round), turn: String(made.turn.position + 1), participant: label(made.bidder),
                move: html.t("auctions.protocol.move_\(kind)", context), amount: money(amount, context), at: DateText.kyivSeconds(made.at))
        }
    }

    /// A Dutch auction's entries in order: the accepted price, the sealed bids, the best bid (their store keys name the stage).
    private func dutchMoves(_ entries: [EnglishAuction.RecordedMove], label: (AuctionBidderID) -> String, _ context: AppRequestContext) -> [ProtocolReport.Move] {
        entries.sorted { $0.at < $1.at }.map { made in
            let kind = switch made.turn.round {
            case 0: "dutch_accept"
            case 1: "dutch_sealed"
            default: "dutch_best"
            }
            let amount: Money? = if case .raise(let to) = made.move { to } else { nil }
            return .init(
                round: "—", turn: "—", participant: label(made.bidder), move: html.t("auctions.protocol.move_\(kind)", context),
                amount: amount.map { money($0, context) } ?? "—", at: DateText.kyivSeconds(made.at))
        }
    }
}
