import Foundation
import HromadaDomain

public struct SiteID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// What an investor reads about a site beyond the figures a search filters
/// on: the land's category and zoning, the buildings on it, encumbrances,
/// the voltage of its power connection, who answers for it, and when and
/// from where its data was last verified. Every text is bounded, every
/// number range-checked (`checked`), so a page never shows what a form
/// could not have sent.
public struct SiteDetails: Sendable, Equatable, Codable {
    public var description = LocalizedName(uk: "", en: "")
    /// Категорія земель (`землі промисловості, транспорту, …`), as the cadastre names it.
    public var landCategory = ""
    /// What the zoning plan allows there.
    public var zoning = ""
    public var buildings: [Building] = []
    /// Servitudes, restrictions, protection zones; empty when there are none.
    public var encumbrances = ""
    /// The voltage of the power connection, kV.
    public var voltageKv: Double?
    public var manager = Manager()
    public var verifiedOn: CalendarDate?
    /// Where the data comes from (the cadastre's extract, the city's GIS, …).
    public var dataSource = ""
    /// The auction lot (in the auctions module) the site is offered through, while it is.
    public var auctionLotID: String?

    public struct Building: Sendable, Equatable, Codable {
        public var areaM2: Double
        public var floors: Int
        public var condition: Condition

        public enum Condition: String, Sendable, CaseIterable, Codable {
            case good
            case needsRepair = "needs_repair"
            case ruined
        }

        public init(areaM2: Double, floors: Int, condition: Condition) {
            self.areaM2 = areaM2
            self.floors = floors
            self.condition = condition
        }
    }

    /// The person who answers an investor about this site.
    public struct Manager: Sendable, Equatable, Codable {
        public var name = ""
        public var email = ""
        public var phone = ""

        public init(name: String = "", email: String = "", phone: String = "") {
            self.name = name
            self.email = email
            self.phone = phone
        }
    }

    public init() {}

    public static let maxBuildings = 50
    public static let maxText = 2_000

    /// These details trimmed, or the first field at fault (`details.…`).
    public func checked() throws(InvestmentSite.Problem) -> SiteDetails {
        func fail(_ field: String, _ reason: InvestmentSite.Problem.Reason) -> InvestmentSite.Problem {
            InvestmentSite.Problem(field: "details." + field, reason: reason)
        }
        func text(_ value: String, _ field: String, limit: Int = 200) throws(InvestmentSite.Problem) -> String {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard trimmed.count <= limit else { throw fail(field, .outOfRange) }
            return trimmed
        }
        var next = self
        next.description = LocalizedName(
            uk: try text(description.uk, "description.uk", limit: Self.maxText), en: try text(description.en, "description.en", limit: Self.maxText))
        next.landCategory = try text(landCategory, "landCategory")
        next.zoning = try text(zoning, "zoning")
        next.encumbrances = try text(encumbrances, "encumbrances", limit: Self.maxText)
        next.dataSource = try text(dataSource, "dataSource", limit: 500)
        guard buildings.count <= Self.maxBuildings else { throw fail("buildings", .outOfRange) }
        for (index, building) in buildings.enumerated() {
            guard building.areaM2.isFinite, building.areaM2 > 0, building.areaM2 <= 10_000_000 else { throw fail("buildings.\(index).areaM2", .outOfRange) }
            guard (1...200).contains(building.floors) else { throw fail("buildings.\(index).floors", .outOfRange) }
        }
        if let kv = voltageKv, !(kv.isFinite && kv > 0 && kv <= 1_150) { throw fail("voltageKv", .outOfRange) }
        next.manager = Manager(name: try text(manager.name, "manager.name"), email: try text(manager.email, "manager.email"),
                               phone: try text(manager.phone, "manager.phone", limit: 40))
        if !next.manager.email.isEmpty, (try? EmailAddress.validated(next.manager.email)) == nil { throw fail("manager.email", .malformed) }
        if let verified = verifiedOn, !(2000...2100).contains(verified.year) { throw fail("verifiedOn", .outOfRange) }
        if let lot = auctionLotID {
            let lot = lot.trimmingCharacters(in: .whitespaces)
            guard lot.count <= 64, lot.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw fail("auctionLotId", .malformed)
            }
            next.auctionLotID = lot.isEmpty ? nil : lot
        }
        return next
    }
}
