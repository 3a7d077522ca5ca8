import Foundation
import HromadaDomain

/// A lot in Prozorro.Sale's procedure shape, by Prozorro's own field names
/// (docs/domain.md): what Hromada exports for a city to publish, and the shape of
/// the result it takes back. Money is Prozorro's: hryvnias with at most two
/// decimals, exact (`Decimal`, never a binary float).
public struct ProzorroProcedure: Codable, Hashable, Sendable {
    public struct Value: Codable, Hashable, Sendable {
        public var amount: Decimal
        public var currency: String
        public var valueAddedTaxIncluded: Bool

        public init(_ money: Money, valueAddedTaxIncluded: Bool = false) {
            amount = ProzorroExchange.hryvnias(money)
            currency = "UAH"
            self.valueAddedTaxIncluded = valueAddedTaxIncluded
        }
    }

    public struct Period: Codable, Hashable, Sendable {
        public var startDate: Date?
        public var endDate: Date?

        public init(startDate: Date? = nil, endDate: Date? = nil) {
            self.startDate = startDate
            self.endDate = endDate
        }
    }

    public struct Classification: Codable, Hashable, Sendable {
        public var scheme: String
        public var id: String
        public var description: String
    }

    public struct Address: Codable, Hashable, Sendable {
        public var streetAddress: String
        public var locality: String
        public var countryName: String
    }

    public struct Unit: Codable, Hashable, Sendable {
        /// UN/CEFACT Recommendation 20 codes, as Prozorro uses them.
        public var code: String
        public var name: String
    }

    public struct Item: Codable, Hashable, Sendable {
        public var id: String
        public var description: String
        public var classification: Classification
        public var address: Address
        public var quantity: Decimal
        public var unit: Unit
        public var cadastralNumber: String?
    }

    public struct Identifier: Codable, Hashable, Sendable {
        /// `UA-EDR`: the ЄДРПОУ register.
        public var scheme: String
        public var id: String
    }

    public struct Bidder: Codable, Hashable, Sendable {
        public var name: String
        public var identifier: Identifier?
    }

    public struct Bid: Codable, Hashable, Sendable {
        /// Hromada's bidder id: the result names bidders by it.
        public var id: String
        public var status: String
        /// "Учасник N" of the auction.
        public var participantNumber: Int?
        public var bidders: [Bidder]
        /// The closed bid.
        public var initialValue: Value?
        /// The bid the auction ended with.
        public var value: Value
        public var date: Date?
    }

    public struct Award: Codable, Hashable, Sendable {
        public var id: String
        public var bidId: String
        /// `pending`, `pending.waiting`, `active` or `unsuccessful`.
        public var status: String
        public var value: Value
        /// When the organiser decided; none while it waits.
        public var date: Date?
        /// Why the award was not granted (disqualified, refused).
        public var description: String?
    }

    public struct Contract: Codable, Hashable, Sendable {
        public var id: String
        public var awardId: String
        public var status: String
        public var value: Value?
        public var dateSigned: Date?
    }

    /// Hromada's lot id.
    public var id: String
    public var auctionId: String
    /// The Open Contracting id, `ocds-hromada-{city}-{number}`.
    public var ocid: String?
    public var title: String
    /// Prozorro.Sale's name for the procedure, such as `legitimatePropertyLease-english`.
    public var sellingMethod: String
    public var status: String
    public var value: Value
    public var minimalStep: Value
    public var guarantee: Value
    public var registrationFee: Value
    public var tenderPeriod: Period
    public var auctionPeriod: Period
    public var items: [Item]
    public var bids: [Bid]?
    public var awards: [Award]?
    public var contracts: [Contract]?
}
