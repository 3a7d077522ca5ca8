import Foundation
import HromadaDomain

public struct PropertyObjectID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

public struct LotID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// Why an object or a lot cannot be recorded as given; the field says where.
public enum PropertyError: Error, Equatable, Sendable {
    case titleLength
    case addressRequired
    case cadastralNumberInvalid
    case landPlotNeedsCadastralNumber
    case areaInvalid
    /// Only one of longitude and latitude.
    case placeIncomplete
    /// A place outside the city's territory.
    case placeOutsideCity
    case balanceHolderRequired
    case valueInvalid
    case minimalStepInvalid
    case guaranteeInvalid
    case feeInvalid
    case tenderPeriodInvalid
    case auctionStartInvalid
    case timingsInvalid
    /// A lease with the pre-emptive right names the current tenant, the only one who may match.
    case tenantRequired
}

/// An object of the city's register of municipal property (перелік об'єктів
/// комунальної власності).
public struct PropertyObject: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case building
        case premises
        case landPlot = "land_plot"
        case movable
    }

    /// The lease lists of Law 157-IX: the first for auctions, the second for lease without one.
    public enum LeaseList: String, Codable, Sendable, CaseIterable {
        case first
        case second
    }

    public let id: PropertyObjectID
    public let municipalityID: MunicipalityID
    public var kind: Kind
    public var title: String
    public var address: String
    /// Square metres (buildings, premises) or hectares as square metres for land.
    public var areaM2: Double?
    public var cadastralNumber: String?
    /// Where the object stands, when the register knows (both or neither): within the city's territory.
    public var latitude: Double?
    public var longitude: Double?
    /// The municipal body or enterprise that keeps it on its balance (балансоутримувач).
    public var balanceHolder: String
    public var leaseList: LeaseList?

    public static let titleLength = 3...300
    /// 100,000 hectares: more than any municipal estate, and a bound on what the area takes part in.
    public static let maximumAreaM2 = 1_000_000_000.0

    public static func recorded(
        kind: Kind, title: String, address: String, areaM2: Double?, cadastralNumber: String?, latitude: Double?, longitude: Double?,
        territory: GeoBox = .ukraine, balanceHolder: String, leaseList: LeaseList?, in municipality: MunicipalityID
    ) throws(PropertyError) -> PropertyObject {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        let address = address.trimmingCharacters(in: .whitespacesAndNewlines)
        let holder = balanceHolder.trimmingCharacters(in: .whitespacesAndNewlines)
        let cadastral = cadastralNumber?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        guard titleLength.contains(title.count) else { throw .titleLength }
        guard !address.isEmpty else { throw .addressRequired }
        guard !holder.isEmpty else { throw .balanceHolderRequired }
        if let cadastral, !Self.isCadastralNumber(cadastral) { throw .cadastralNumberInvalid }
        if kind == .landPlot, cadastral == nil { throw .landPlotNeedsCadastralNumber }
        if let areaM2, !(areaM2 > 0 && areaM2 <= Self.maximumAreaM2) { throw .areaInvalid }
        let place: CityPlace?
        do {
            place = try CityPlace.optional(longitude: longitude, latitude: latitude, within: territory)
        } catch {
            throw error == .incomplete ? .placeIncomplete : .placeOutsideCity
        }
        return PropertyObject(
            id: .random(), municipalityID: municipality, kind: kind, title: title, address: address, areaM2: areaM2, cadastralNumber: cadastral,
            latitude: place?.latitude, longitude: place?.longitude, balanceHolder: holder, leaseList: leaseList)
    }

    /// The State Land Cadastre's number: `5322080400:00:001:1205`
    /// (KOATUU of the council, zone, quarter, plot).
    public static func isCadastralNumber(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return parts.map(\.count) == [10, 2, 3, 4] && parts.allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}

/// Why a lot cannot be followed by the next auction of the privatization cycle.
public enum CycleRefusal: Error, Equatable, Sendable {
    /// Only an unsuccessful auction is followed by the next.
    case notUnsuccessful
    /// A lease, or the Dutch auction: the cycle has no next auction.
    case cycleOver
    case dates(PropertyError)
}

/// A lot: an object offered by one procedure, with Prozorro's terms.
public struct Lot: Hashable, Codable, Sendable {
    public let id: LotID
    public let municipalityID: MunicipalityID
    public let objectID: PropertyObjectID
    public var title: String
    public var procedure: AuctionProcedure
    /// `value`: the full start price; the procedure may start lower (the second privatization auction).
    public var value: Money
    public var minimalStep: MinimalStep
    /// `guarantee`: the deposit a bidder pays to take part.
    public var guarantee: Money
    public var registrationFee: Money
    /// `tenderPeriod.endDate`: closed bids until then.
    public var tenderPeriodEnd: Date
    /// `auctionPeriod.startDate`.
    public var auctionStart: Date
    /// The auction's pause, turn and rounds: the law's, or seconds in the demo. Kept with the lot so a running auction never changes rules.
    public var timings: AuctionTimings
    public var status: LotStatus
    /// The current tenant's account, where the lease gives them a pre-emptive right.
    public var tenantAccountID: AccountID? = nil
    /// After the auction: the bidders' awards, best first.
    public var awards: AwardChain? = nil
    /// The unsuccessful lot of the privatization cycle this one continues.
    public var continues: LotID? = nil

    public static func announced(
        title: String, object: PropertyObject, procedure: AuctionProcedure, value: Money, minimalStep: MinimalStep, guarantee: Money,
        registrationFee: Money, tenderPeriodEnd: Date, auctionStart: Date, timings: AuctionTimings = .statutory, tenant: AccountID? = nil,
        at now: Date
    ) throws(PropertyError) -> Lot {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard PropertyObject.titleLength.contains(title.count) else { throw .titleLength }
        guard value.kopiyky > 0, value <= .ceiling else { throw .valueInvalid }
        switch minimalStep {
        case .amount(let step): guard step.kopiyky > 0, step < value else { throw .minimalStepInvalid }
        // Prozorro's step is 1 % by custom; more than 10 % would price bidders out.
        case .percent(let basisPoints): guard (1...1_000).contains(basisPoints) else { throw .minimalStepInvalid }
        }
        guard guarantee.kopiyky >= 0, guarantee <= value else { throw .guaranteeInvalid }
        guard registrationFee.kopiyky >= 0, registrationFee <= .ceiling else { throw .feeInvalid }
        guard tenderPeriodEnd > now else { throw .tenderPeriodInvalid }
        guard auctionStart >= tenderPeriodEnd else { throw .auctionStartInvalid }
        guard !procedure.needsTenant || tenant != nil else { throw .tenantRequired }
        return Lot(
            id: .random(), municipalityID: object.municipalityID, objectID: object.id, title: title, procedure: procedure, value: value,
            minimalStep: minimalStep, guarantee: guarantee, registrationFee: registrationFee, tenderPeriodEnd: tenderPeriodEnd,
            auctionStart: auctionStart, timings: timings, status: .activeTendering, tenantAccountID: procedure.needsTenant ? tenant : nil)
    }

    /// The next auction of the privatization cycle on the same object and
    /// terms, once this one is unsuccessful (nobody bid, or every award failed).
    public func continuingCycle(tenderPeriodEnd: Date, auctionStart: Date, at now: Date) throws(CycleRefusal) -> Lot {
        guard status == .unsuccessful else { throw .notUnsuccessful }
        guard let next = procedure.nextInPrivatizationCycle else { throw .cycleOver }
        guard tenderPeriodEnd > now else { throw .dates(.tenderPeriodInvalid) }
        guard auctionStart >= tenderPeriodEnd else { throw .dates(.auctionStartInvalid) }
        var lot = Lot(
            id: .random(), municipalityID: municipalityID, objectID: objectID, title: title, procedure: next, value: value,
            minimalStep: minimalStep, guarantee: guarantee, registrationFee: registrationFee, tenderPeriodEnd: tenderPeriodEnd,
            auctionStart: auctionStart, timings: timings, status: .activeTendering)
        lot.continues = id
        return lot
    }

    /// The price the auction starts at under this lot's procedure.
    public var startValue: Money { procedure.startValue(from: value) }

    /// The Dutch auction's durations (privatization's third auction), from
    /// the lot's: the law's minute-long price steps and 20-minute bid stages,
    /// or for shorter settings the same pause, steps of a fifteenth of a turn
    /// and bid stages of one turn.
    public var dutchTimings: DutchAuction.Timings {
        if timings == .statutory { return .statutory }
        return DutchAuction.Timings(pause: timings.pause, step: max(1, timings.turn / 15), sealedBids: timings.turn, bestBid: timings.turn)
    }

    /// The auction was held and is over, so its closed bids, moves and names
    /// are public (the protocol, open data, the Prozorro result). A lot
    /// cancelled before its auction never opens its closed bids.
    /// Whether the number of bidders may be shown: from the bidding deadline
    /// on, and never for a lot cancelled before its auction (its bids stay sealed).
    public func biddersArePublic(at instant: Date) -> Bool {
        switch status {
        case .activeTendering: instant >= tenderPeriodEnd
        case .cancelled: auctionIsOver
        case .activeAuction, .activeQualification, .activeAwarded, .unsuccessful, .complete: true
        }
    }

    public var auctionIsOver: Bool {
        switch status {
        case .activeTendering, .activeAuction: false
        case .activeQualification, .activeAwarded, .unsuccessful, .complete: true
        case .cancelled: awards != nil
        }
    }
}

extension String {
    /// Nil for an empty string: optional form fields that were left blank.
    public var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// A bidder on a lot: a verified person or a legal entity (ЄДРПОУ code,
/// with the representative's name), their closed bid, and the payments the
/// organiser recorded. Only a bidder with both paid enters the auction.
public struct LotBidder: Hashable, Codable, Sendable {
    public let id: AuctionBidderID
    public let lotID: LotID
    public let accountID: AccountID
    public var name: String
    public var legalEntityCode: String?
    public var amount: Money
    public var submittedAt: Date
    public var guaranteeReference: String?
    public var feeReference: String?

    public init(
        id: AuctionBidderID, lotID: LotID, accountID: AccountID, name: String, legalEntityCode: String?, amount: Money, submittedAt: Date,
        guaranteeReference: String? = nil, feeReference: String? = nil
    ) {
        self.id = id
        self.lotID = lotID
        self.accountID = accountID
        self.name = name
        self.legalEntityCode = legalEntityCode
        self.amount = amount
        self.submittedAt = submittedAt
        self.guaranteeReference = guaranteeReference
        self.feeReference = feeReference
    }

    /// Guarantee and registration fee both recorded as paid.
    public var isAdmitted: Bool { guaranteeReference != nil && feeReference != nil }

    /// As the English auction takes part in it.
    public var participant: EnglishAuction.Participant {
        EnglishAuction.Participant(bidder: id, initialBid: amount, submittedAt: submittedAt)
    }
}
