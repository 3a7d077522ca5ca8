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

    struct LotRow: Encodable {
        let ocid: String
        let auctionId: String
        let lotId: String
        let number: Int
        let municipality: String
        let title: String
        let objectId: String
        let objectTitle: String
        let objectAddress: String
        let cadastralNumber: String
        let status: String
        let procedure: String
        let currency: String
        let value: String
        let startValue: String
        let minimalStep: String
        let guarantee: String
        let registrationFee: String
        let tenderPeriodEndDate: String
        let auctionPeriodStartDate: String
        let bidders: Int?
    }

    struct BidRow: Encodable {
        let ocid: String
        let lotId: String
        let lotNumber: Int
        let participantNumber: Int
        let bidderName: String
        let legalEntityCode: String
        let currency: String
        let initialBid: String
        let finalAmount: String
        let date: String
    }

    struct AwardRow: Encodable {
        let ocid: String
        let lotId: String
        let lotNumber: Int
        /// 1 for the best bid, as the award chain ranks them.
        let rank: Int
        let participantNumber: Int?
        let bidderName: String
        let status: String
        let currency: String
        let amount: String
        let reason: String
        let decidedAt: String
        let contractSignedAt: String
    }

    private func ocid(_ entry: Entry) -> String { LotReference.ocid(city: city.slug.rawValue, number: entry.number) }

    /// The auction's participants (the admitted bidders) by their "Учасник N".
    private func participants(_ entry: Entry) -> (admitted: [LotBidder], numbers: [AuctionBidderID: Int]) {
        let admitted = entry.bidders.filter(\.isAdmitted)
        return (admitted, AuctionService.numbers(of: entry.lot, admitted: admitted))
    }

    var lotRows: [LotRow] {
        entries.map { entry in
            let lot = entry.lot
            return LotRow(
                ocid: ocid(entry), auctionId: LotReference.auctionId(city: city.slug.rawValue, number: entry.number), lotId: lot.id.rawValue,
                number: entry.number, municipality: city.name.uk, title: lot.title, objectId: lot.objectID.rawValue, objectTitle: entry.object?.title ?? "",
                objectAddress: entry.object?.address ?? "", cadastralNumber: entry.object?.cadastralNumber ?? "", status: lot.status.rawValue,
                procedure: lot.procedure.rawValue, currency: "UAH", value: OpenDataFile.hryvnias(lot.value), startValue: OpenDataFile.hryvnias(lot.startValue),
                minimalStep: OpenDataFile.hryvnias(lot.minimalStep.amount(of: lot.startValue)), guarantee: OpenDataFile.hryvnias(lot.guarantee),
                registrationFee: OpenDataFile.hryvnias(lot.registrationFee), tenderPeriodEndDate: OpenDataFile.time(lot.tenderPeriodEnd),
                auctionPeriodStartDate: OpenDataFile.time(lot.auctionStart), bidders: lot.auctionIsOver ? participants(entry).admitted.count : nil)
        }
    }

    var bidRows: [BidRow] {
        entries.filter(\.lot.auctionIsOver).flatMap { entry in
            let (admitted, numbers) = participants(entry)
            let finals = Dictionary((entry.lot.awards?.awards ?? []).map { ($0.bidder, $0.amount) }, uniquingKeysWith: { first, _ in first })
            return admitted.sorted { (numbers[$0.id] ?? 0) < (numbers[$1.id] ?? 0) }.map { bidder in
                BidRow(
                    ocid: ocid(entry), lotId: entry.lot.id.rawValue, lotNumber: entry.number, participantNumber: numbers[bidder.id] ?? 0,
                    bidderName: bidder.name, legalEntityCode: bidder.legalEntityCode ?? "", currency: "UAH", initialBid: OpenDataFile.hryvnias(bidder.amount),
                    finalAmount: OpenDataFile.hryvnias(finals[bidder.id] ?? bidder.amount), date: OpenDataFile.time(bidder.submittedAt))
            }
        }
    }

    var awardRows: [AwardRow] {
        entries.filter(\.lot.auctionIsOver).flatMap { entry in
            let numbers = participants(entry).numbers
            let names = Dictionary(entry.bidders.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            let chain = entry.lot.awards
            return (chain?.awards ?? []).enumerated().map { index, award in
                AwardRow(
                    ocid: ocid(entry), lotId: entry.lot.id.rawValue, lotNumber: entry.number, rank: index + 1, participantNumber: numbers[award.bidder],
                    bidderName: names[award.bidder] ?? "", status: award.status.rawValue, currency: "UAH", amount: OpenDataFile.hryvnias(award.amount),
                    reason: award.reason ?? "", decidedAt: OpenDataFile.time(award.decidedAt),
                    contractSignedAt: award.status == .active ? OpenDataFile.time(chain?.contractSignedAt) : "")
            }
        }
    }

    func lotsCSV() -> String {
        OpenDataFile.csv(
            header: ["ocid", "auctionId", "lotId", "number", "municipality", "title", "objectId", "objectTitle", "objectAddress", "cadastralNumber", "status",
                     "procedure", "currency", "value", "startValue", "minimalStep", "guarantee", "registrationFee", "tenderPeriodEndDate",
                     "auctionPeriodStartDate", "bidders"],
            rows: lotRows.map { row in
                [
                    row.ocid, row.auctionId, row.lotId, String(row.number), row.municipality, row.title, row.objectId, row.objectTitle, row.objectAddress,
                    row.cadastralNumber, row.status, row.procedure, row.currency, row.value, row.startValue, row.minimalStep, row.guarantee,
                    row.registrationFee, row.tenderPeriodEndDate, row.auctionPeriodStartDate, row.bidders.map(String.init) ?? "",
                ]
            })
    }

    func bidsCSV() -> String {
        OpenDataFile.csv(
            header: ["ocid", "lotId", "lotNumber", "participantNumber", "bidderName", "legalEntityCode", "currency", "initialBid", "finalAmount", "date"],
            rows: bidRows.map { row in
                [
                    row.ocid, row.lotId, String(row.lotNumber), String(row.participantNumber), row.bidderName, row.legalEntityCode, row.currency,
                    row.initialBid, row.finalAmount, row.date,
                ]
            })
    }

    func awardsCSV() -> String {
        OpenDataFile.csv(
            header: ["ocid", "lotId", "lotNumber", "rank", "participantNumber", "bidderName", "status", "currency", "amount", "reason", "decidedAt",
                     "contractSignedAt"],
            rows: awardRows.map { row in
                [
                    row.ocid, row.lotId, String(row.lotNumber), String(row.rank), row.participantNumber.map(String.init) ?? "", row.bidderName, row.status,
                    row.currency, row.amount, row.reason, row.decidedAt, row.contractSignedAt,
                ]
            })
    }

    func lotsJSON() throws -> String { try OpenDataFile.json(lotRows) }
    func bidsJSON() throws -> String { try OpenDataFile.json(bidRows) }
    func awardsJSON() throws -> String { try OpenDataFile.json(awardRows) }
}
