import Foundation

/// What kind of place a site is (INTERFACES.md names them so in JSON).
public enum SiteType: String, Sendable, CaseIterable, Codable {
    case greenfield, brownfield, building
    case industrialPark = "industrial_park"
    /// An object the council offers for privatisation.
    case privatisation
    /// A public–private partnership.
    case ppp
}

/// The right to the land the city offers: ownership, a lease, or
/// superficies (суперфіцій: the right to build on another's land).
public enum SiteRight: String, Sendable, CaseIterable, Codable {
    case sale, lease, superficies
}

/// Who owns the land now.
public enum SiteOwnership: String, Sendable, CaseIterable, Codable {
    case communal, state, `private`
}

/// Where a site is on its way to an investor:
/// `available → reserved → in_auction → sold | leased`, with the steps back
/// a real process has (a reservation lapses; an auction fails).
public enum SiteStatus: String, Sendable, CaseIterable, Codable {
    case available, reserved
    case inAuction = "in_auction"
    case sold, leased

    public enum Refusal: Error, Equatable, Sendable {
        /// The step does not follow from where the site is.
        case notFromHere(from: SiteStatus, to: SiteStatus)
        /// Sold is for a site offered for sale; leased for a lease or superficies.
        case wrongOutcomeForTheRight
    }

    /// Whether it is still on offer (search shows it by default).
    public var isOnOffer: Bool { self == .available || self == .reserved || self == .inAuction }

    /// The next status, or why not. A site ends sold or leased only from an
    /// auction (Prozorro.Sale's way for communal land), and as its right says.
    public func moving(to next: SiteStatus, right: SiteRight) throws(Refusal) -> SiteStatus {
        switch (self, next) {
        case (.available, .reserved), (.reserved, .available), (.available, .inAuction), (.reserved, .inAuction), (.inAuction, .available):
            return next
        case (.inAuction, .sold):
            guard right == .sale else { throw .wrongOutcomeForTheRight }
            return next
        case (.inAuction, .leased):
            guard right != .sale else { throw .wrongOutcomeForTheRight }
            return next
        default:
            throw .notFromHere(from: self, to: next)
        }
    }
}
