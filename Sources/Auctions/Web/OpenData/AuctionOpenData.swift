import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// A city's property auctions as open data (CMU Resolution 835 names
/// "municipal property and leases"): one row per lot with Prozorro's terms
/// and an OCDS `ocid`, one row per bid, and one per award. Bids come only
/// from auctions that are over: a closed bid is sealed until the auction
/// opens it, and a lot cancelled before its auction never opens them.
/// Money is in hryvnias with a dot, as in the budget datasets; times ISO.
/// Served at `/api/v1/{city}/auctions/open-data/{file}` and by the platform
/// at `/api/v1/{city}/open-data/auctions/{file}`, from these declarations.
struct AuctionOpenData {
    struct Entry {
        let lot: Lot
        let number: Int
        let object: PropertyObject?
        /// Every bidder; read only for a lot whose auction is over.
        let bidders: [LotBidder]
    }

    let city: Municipality
    let entries: [Entry]

    static let datasets: [OpenDataset] = [lots, bids, awards, contracts, property]

    /// The register of municipal property: every object the city has
    /// recorded, with its kind, address, area, cadastral number, place,
    /// balance holder and lease list (CMU Resolution 835's "перелік об'єктів
    /// комунальної власності").
    static let property = OpenDataset(
        "property", strings: "open_data.auctions.property", mandatoryItem: "communal_property", frequency: .continuous,
        fields: [
            OpenDataField("objectId", .text), OpenDataField("municipality", .text), OpenDataField("kind", .text), OpenDataField("title", .text),
            OpenDataField("address", .text), OpenDataField("areaM2", .decimal, unit: "m2"), OpenDataField("cadastralNumber", .text),
            OpenDataField("latitude", .decimal, unit: "degree"), OpenDataField("longitude", .decimal, unit: "degree"),
            OpenDataField("balanceHolder", .text), OpenDataField("leaseList", .text),
        ]
    ) { services, city in
        let cityID = city.id
        return try await services.store.read { try await $0.auctions.objects(in: cityID) }.map { object -> OpenDataRow in
            [
                .text(object.id.rawValue), .text(city.name.uk), .text(object.kind.rawValue), .text(object.title), .text(object.address),
                .optional(object.areaM2), .optional(object.cadastralNumber), .optional(object.latitude), .optional(object.longitude),
                .text(object.balanceHolder), .optional(object.leaseList?.rawValue),
            ]
        }
    }

    /// Money in hryvnias.
    private static func money(_ name: String) -> OpenDataField { OpenDataField(name, .decimal, unit: "UAH") }

    static let lots = OpenDataset(
        "lots", strings: "open_data.auctions.lots", mandatoryItem: "communal_property", frequency: .continuous,
        fields: [
            OpenDataField("ocid", .text), OpenDataField("auctionId", .text), OpenDataField("lotId", .text), OpenDataField("number", .integer),
            OpenDataField("municipality", .text), OpenDataField("title", .text), OpenDataField("objectId", .text), OpenDataField("objectTitle", .text),
            OpenDataField("objectAddress", .text), OpenDataField("cadastralNumber", .text), OpenDataField("status", .text),
            OpenDataField("procedure", .text), OpenDataField("currency", .text), money("value"), money("startValue"), money("minimalStep"),
            money("guarantee"), money("registrationFee"), OpenDataField("tenderPeriodEndDate", .datetime),
            OpenDataField("auctionPeriodStartDate", .datetime), OpenDataField("bidders", .integer),
        ]
    ) { services, city in try await AuctionOpenData.read(services, city).lotRows }

    static let bids = OpenDataset(
        "bids", strings: "open_data.auctions.bids", mandatoryItem: "communal_property", frequency: .continuous,
        fields: [
            OpenDataField("ocid", .text), OpenDataField("lotId", .text), OpenDataField("lotNumber", .integer), OpenDataField("participantNumber", .integer),
            OpenDataField("bidderName", .text), OpenDataField("legalEntityCode", .text), OpenDataField("currency", .text), money("initialBid"),
            money("finalAmount"), OpenDataField("date", .datetime),
        ]
    ) { services, city in try await AuctionOpenData.read(services, city).bidRows }

    static let awards = OpenDataset(
        "awards", strings: "open_data.auctions.awards", mandatoryItem: "communal_property", frequency: .continuous,
        fields: [
            OpenDataField("ocid", .text), OpenDataField("lotId", .text), OpenDataField("lotNumber", .integer), OpenDataField("rank", .integer),
            OpenDataField("participantNumber", .integer), OpenDataField("bidderName", .text), OpenDataField("status", .text),
            OpenDataField("currency", .text), money("amount"), OpenDataField("reason", .text), OpenDataField("decidedAt", .datetime),
            OpenDataField("contractSignedAt", .datetime),
        ]
    ) { services, city in try await AuctionOpenData.read(services, city).awardRows }

    /// The contracts signed with the auctions' winners: one per lot whose
    /// contract is signed, its number as in the lot's Prozorro procedure.
    static let contracts = OpenDataset(
        "contracts", strings: "open_data.auctions.contracts", mandatoryItem: "communal_property", frequency: .continuous,
        fields: [
            OpenDataField("ocid", .text), OpenDataField("contractId", .text), OpenDataField("lotId", .text), OpenDataField("lotNumber", .integer),
            OpenDataField("procedure", .text), OpenDataField("title", .text), OpenDataField("objectId", .text), OpenDataField("supplierName", .text),
            OpenDataField("legalEntityCode", .text), OpenDataField("currency", .text), money("value"), OpenDataField("dateSigned", .datetime),
            OpenDataField("status", .text),
        ]
    ) { services, city in try await AuctionOpenData.read(services, city).contractRows }

    /// The city's lots by number with their objects, and the bidders of
    /// those whose auction is over: a sealed lot's bidders are not even read.
    static func read(_ services: AppServices, _ city: Municipality) async throws -> AuctionOpenData {
        let cityID = city.id
        let entries = try await services.store.read { tx in
            let objects = Dictionary(try await tx.auctions.objects(in: cityID).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            var entries: [Entry] = []
            for (lot, number) in try await tx.auctions.lots(in: cityID).sorted(by: { $0.number < $1.number }) {
                let bidders = lot.auctionIsOver ? try await tx.auctions.bidders(of: lot.id) : []
                entries.append(.init(lot: lot, number: number, object: objects[lot.objectID], bidders: bidders))
            }
            return entries
        }
        return AuctionOpenData(city: city, entries: entries)
    }

    private func ocid(_ entry: Entry) -> String { LotReference.ocid(city: city.slug.rawValue, number: entry.number) }

    /// The auction's participants (the admitted bidders) by their "Учасник N".
    private func participants(_ entry: Entry) -> (admitted: [LotBidder], numbers: [AuctionBidderID: Int]) {
        let admitted = entry.bidders.filter(\.isAdmitted)
        return (admitted, AuctionService.numbers(of: entry.lot, admitted: admitted))
    }

    var lotRows: [OpenDataRow] {
        entries.map { entry -> OpenDataRow in
            let lot = entry.lot
            return [
                .text(ocid(entry)), .text(LotReference.auctionId(city: city.slug.rawValue, number: entry.number)), .text(lot.id.rawValue),
                .int(entry.number), .text(city.name.uk), .text(lot.title), .text(lot.objectID.rawValue), .optional(entry.object?.title),
                .optional(entry.object?.address), .optional(entry.object?.cadastralNumber), .text(lot.status.rawValue), .text(lot.procedure.rawValue),
                .text("UAH"), .hryvnias(lot.value), .hryvnias(lot.startValue), .hryvnias(lot.minimalStep.amount(of: lot.startValue)),
                .hryvnias(lot.guarantee), .hryvnias(lot.registrationFee), .datetime(lot.tenderPeriodEnd), .datetime(lot.auctionStart),
                // Bidders are counted only once the auction is over.
                lot.auctionIsOver ? .int(participants(entry).admitted.count) : .null,
            ]
        }
    }

    var bidRows: [OpenDataRow] {
        entries.filter(\.lot.auctionIsOver).flatMap { entry in
            let (admitted, numbers) = participants(entry)
            let finals = Dictionary((entry.lot.awards?.awards ?? []).map { ($0.bidder, $0.amount) }, uniquingKeysWith: { first, _ in first })
            return admitted.sorted { (numbers[$0.id] ?? 0) < (numbers[$1.id] ?? 0) }.map { bidder -> OpenDataRow in
                [
                    .text(ocid(entry)), .text(entry.lot.id.rawValue), .int(entry.number), .int(numbers[bidder.id] ?? 0), .text(bidder.name),
                    .optional(bidder.legalEntityCode), .text("UAH"), .hryvnias(bidder.amount), .hryvnias(finals[bidder.id] ?? bidder.amount),
                    .datetime(bidder.submittedAt),
                ]
            }
        }
    }

    var awardRows: [OpenDataRow] {
        entries.filter(\.lot.auctionIsOver).flatMap { entry in
            let numbers = participants(entry).numbers
            let names = Dictionary(entry.bidders.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            let chain = entry.lot.awards
            return (chain?.awards ?? []).enumerated().map { index, award -> OpenDataRow in
                [
                    .text(ocid(entry)), .text(entry.lot.id.rawValue), .int(entry.number), .int(index + 1), .optional(numbers[award.bidder]),
                    .text(names[award.bidder] ?? ""), .text(award.status.rawValue), .text("UAH"), .hryvnias(award.amount), .optional(award.reason),
                    .optional(award.decidedAt), award.status == .active ? .optional(chain?.contractSignedAt) : .null,
                ]
            }
        }
    }

    var contractRows: [OpenDataRow] {
        entries.filter(\.lot.auctionIsOver).compactMap { entry -> OpenDataRow? in
            guard let chain = entry.lot.awards, let signed = chain.contractSignedAt,
                  let index = chain.awards.firstIndex(where: { $0.status == .active }) else { return nil }
            let award = chain.awards[index]
            let winner = entry.bidders.first { $0.id == award.bidder }
            return [
                .text(ocid(entry)), .text("contract-\(index + 1)"), .text(entry.lot.id.rawValue), .int(entry.number),
                .text(entry.lot.procedure.rawValue), .text(entry.lot.title), .text(entry.lot.objectID.rawValue), .optional(winner?.name),
                .optional(winner?.legalEntityCode), .text("UAH"), .hryvnias(award.amount), .datetime(signed), .text("active"),
            ]
        }
    }
}
