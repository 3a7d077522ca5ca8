import Foundation
import HromadaDomain

/// Why a Prozorro.Sale result cannot close the lot; nothing changes.
public enum ProzorroImportError: Error, Equatable, Sendable {
    /// Not JSON in the procedure shape.
    case unreadable
    /// The `auctionId` (or `id`) is another lot's.
    case lotMismatch
    /// The lot already has its result, or was cancelled.
    case lotClosed
    /// `status` is not one a finished procedure can have.
    case statusInvalid
    /// A bid or award names nobody who bid on this lot.
    case bidderUnknown
    /// Not hryvnias with at most two decimals, negative, or not UAH.
    case amountInvalid
    /// An unknown award status, one bidder awarded twice, or two winners at once.
    case awardsInvalid
    /// The awards and contracts do not lead to the `status` given.
    case statusMismatch
    /// A result other than cancellation for a lot whose own auction has not
    /// ended: importing it would open the closed bids before their time.
    case auctionNotOver
}

/// Lots to Prozorro.Sale's procedure document and results back (docs/domain.md:
/// "lots can also be exported in Prozorro.Sale's procedure shape, and results
/// imported back"). Pure: the web layer reads and writes the store.
public enum ProzorroExchange {
    /// Prozorro.Sale's `sellingMethod` for each of Hromada's procedures.
    public static func sellingMethod(_ procedure: AuctionProcedure) -> String {
        switch procedure {
        case .leaseEnglish: "legitimatePropertyLease-english"
        case .leasePreemptive: "legitimatePropertyLease-priorityEnglish"
        // The second privatization auction is the same method at a reduced start price.
        case .privatizationEnglish, .privatizationReduced: "smallPrivatization-english"
        case .privatizationDutch: "smallPrivatization-dutch"
        case .landLease: "landRental-english"
        }
    }

    /// Kopiyky as Prozorro's hryvnias: 1234567 → 12345.67, exactly.
    public static func hryvnias(_ money: Money) -> Decimal {
        Decimal(money.kopiyky) / 100
    }

    /// Hryvnias back to kopiyky; nil for a fraction of a kopiyka, a negative
    /// amount, or one above `Money.ceiling` (it comes from an outside document).
    public static func kopiyky(_ hryvnias: Decimal) -> Money? {
        var scaled = hryvnias * 100, whole = Decimal()
        NSDecimalRound(&whole, &scaled, 0, .plain)
        guard !scaled.isNaN, whole == scaled, let kopiyky = Int64(whole.description) else { return nil }
        return Money(input: kopiyky)
    }

    // MARK: Export

    /// The lot as a procedure. Bids, awards and contracts only once the
    /// auction is over: before that the closed bids are nobody's business.
    public static func procedure(
        for lot: Lot, number: Int, city slug: String, cityName: String, object: PropertyObject?, bidders: [LotBidder]
    ) -> ProzorroProcedure {
        var procedure = ProzorroProcedure(
            id: lot.id.rawValue, auctionId: LotReference.auctionId(city: slug, number: number), ocid: LotReference.ocid(city: slug, number: number),
            title: lot.title, sellingMethod: sellingMethod(lot.procedure), status: lot.status.rawValue, value: .init(lot.startValue),
            minimalStep: .init(lot.minimalStep.amount(of: lot.startValue)), guarantee: .init(lot.guarantee), registrationFee: .init(lot.registrationFee),
            tenderPeriod: .init(endDate: lot.tenderPeriodEnd), auctionPeriod: .init(startDate: lot.auctionStart),
            items: object.map { [item($0, cityName: cityName)] } ?? [])
        guard lot.auctionIsOver else { return procedure }
        let admitted = bidders.filter(\.isAdmitted)
        let numbers = EnglishAuction(
            startValue: lot.startValue, minimalStep: lot.minimalStep, startsAt: lot.auctionStart, timings: lot.timings,
            participants: admitted.map(\.participant)
        ).participantNumbers
        let awards = lot.awards?.awards ?? []
        let finals = Dictionary(awards.map { ($0.bidder, $0.amount) }, uniquingKeysWith: { first, _ in first })
        procedure.bids = admitted.sorted { (numbers[$0.id] ?? 0) < (numbers[$1.id] ?? 0) }.map { bidder in
            ProzorroProcedure.Bid(
                id: bidder.id.rawValue, status: "active", participantNumber: numbers[bidder.id],
                bidders: [.init(name: bidder.name, identifier: bidder.legalEntityCode.map { .init(scheme: "UA-EDR", id: $0) })],
                initialValue: .init(bidder.amount), value: .init(finals[bidder.id] ?? bidder.amount), date: bidder.submittedAt)
        }
        procedure.awards = awards.enumerated().map { index, award in
            ProzorroProcedure.Award(
                id: awardID(index), bidId: award.bidder.rawValue, status: award.status.rawValue, value: .init(award.amount), date: award.decidedAt,
                description: award.reason)
        }
        procedure.contracts = awards.enumerated().compactMap { index, award in
            guard award.status == .active, let signed = lot.awards?.contractSignedAt else { return nil }
            return ProzorroProcedure.Contract(id: "contract-\(index + 1)", awardId: awardID(index), status: "active", value: .init(award.amount), dateSigned: signed)
        }
        return procedure
    }

    private static func awardID(_ index: Int) -> String { "award-\(index + 1)" }

    /// The object as Prozorro's item: CAV-PS classification, the area in
    /// square metres (hectares for land), or one piece for a movable.
    static func item(_ object: PropertyObject, cityName: String) -> ProzorroProcedure.Item {
        let classification: ProzorroProcedure.Classification, quantity: Decimal, unit: ProzorroProcedure.Unit
        let area = Decimal(string: String(format: "%.4f", object.areaM2 ?? 0)) ?? 0
        switch object.kind {
        case .building, .premises:
            classification = .init(scheme: "CAV-PS", id: "04000000-8", description: "Нерухоме майно")
            (quantity, unit) = (area, .init(code: "MTK", name: "метри квадратні"))
        case .landPlot:
            classification = .init(scheme: "CAV-PS", id: "06000000-2", description: "Земельні ділянки")
            (quantity, unit) = (area / 10_000, .init(code: "HAR", name: "гектар"))
        case .movable:
            classification = .init(scheme: "CAV-PS", id: "30000000-9", description: "Рухоме майно")
            (quantity, unit) = (1, .init(code: "H87", name: "штука"))
        }
        return .init(
            id: object.id.rawValue, description: object.title, classification: classification,
            address: .init(streetAddress: object.address, locality: cityName, countryName: "Україна"), quantity: quantity, unit: unit,
            cadastralNumber: object.cadastralNumber)
    }

    // MARK: Import

    /// The statuses a procedure can come back with once it is decided.
    static let resultStatuses: Set<LotStatus> = [.activeQualification, .activeAwarded, .unsuccessful, .complete, .cancelled]
    /// The lot statuses a result may close: its own auction has not decided it.
    static let openStatuses: Set<LotStatus> = [.activeTendering, .activeAuction, .activeQualification]

    /// The lot with the result's awards and status, once every part of the
    /// document has been checked against the lot and its bidders.
    ///
    /// `auctionEnded`: the lot's own auction has run to its end. Before that,
    /// the only result Prozorro.Sale allows is the organiser's cancellation,
    /// and a lot cancelled before its auction keeps its closed bids sealed
    /// for ever (no awards, so nothing counts it as over). Anything else
    /// would make the lot count as over and publish bidders and amounts.
    public static func applying(
        _ result: ProzorroProcedure, to lot: Lot, auctionId: String, bidders: [LotBidder], auctionEnded: Bool
    ) throws(ProzorroImportError) -> Lot {
        guard result.auctionId == auctionId, result.id == lot.id.rawValue else { throw .lotMismatch }
        guard openStatuses.contains(lot.status) else { throw .lotClosed }
        guard let status = LotStatus(rawValue: result.status), resultStatuses.contains(status) else { throw .statusInvalid }
        guard auctionEnded || status == .cancelled else { throw .auctionNotOver }
        if !auctionEnded {
            var cancelled = lot
            cancelled.status = .cancelled
            cancelled.awards = nil
            return cancelled
        }
        let known = Set(bidders.map(\.id.rawValue))
        for bid in result.bids ?? [] {
            guard known.contains(bid.id) else { throw .bidderUnknown }
            _ = try money(bid.value)
            if let initial = bid.initialValue { _ = try money(initial) }
        }
        var awards: [AwardChain.Award] = []
        for award in result.awards ?? [] {
            guard known.contains(award.bidId) else { throw .bidderUnknown }
            guard let awardStatus = AwardChain.Status(rawValue: award.status), !awards.contains(where: { $0.bidder.rawValue == award.bidId }) else {
                throw .awardsInvalid
            }
            let reason = award.description?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
            awards.append(.init(
                bidder: AuctionBidderID(rawValue: award.bidId), amount: try money(award.value), status: awardStatus,
                reason: awardStatus == .unsuccessful ? reason : nil, decidedAt: award.date))
        }
        // One award at a time is the winner's: pending while checked, or active.
        guard awards.filter({ $0.status == .pending || $0.status == .active }).count <= 1 else { throw .awardsInvalid }
        var signed: Date?
        for contract in result.contracts ?? [] where contract.status == "active" {
            guard let index = Int(contract.awardId.dropFirst("award-".count)), contract.awardId.hasPrefix("award-"), awards.indices.contains(index - 1),
                  awards[index - 1].status == .active, let date = contract.dateSigned
            else { throw .statusMismatch }
            signed = date
        }
        let chain = AwardChain(awards: awards, contractSignedAt: signed)
        // Cancelled stands on its own; otherwise the awards must say what the status says.
        guard status == .cancelled || chain.lotStatus == status else { throw .statusMismatch }
        var next = lot
        next.awards = chain
        next.status = status
        return next
    }

    private static func money(_ value: ProzorroProcedure.Value) throws(ProzorroImportError) -> Money {
        guard value.currency == "UAH", let money = kopiyky(value.amount) else { throw .amountInvalid }
        return money
    }

    // MARK: JSON

    /// Prozorro's times: ISO 8601 with milliseconds, read with or without them.
    public static func encode(_ procedure: ProzorroProcedure) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        return try encoder.encode(procedure)
    }

    public static func decode(_ data: Data) throws(ProzorroImportError) -> ProzorroProcedure {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
            return try Date.ISO8601FormatStyle().parse(text)
        }
        do { return try decoder.decode(ProzorroProcedure.self, from: data) } catch { throw .unreadable }
    }
}
