import Foundation
import HromadaDomain

/// How a lot is named outside Hromada, from its city and its number there
/// ("лот № 7"): never from the random id, so a person can read it aloud.
public enum LotReference {
    /// `HROMADA-VINNYTSIA-7`: Prozorro's `auctionId`, as the lot API gives it.
    public static func auctionId(city slug: String, number: Int) -> String {
        "HROMADA-\(slug.uppercased())-\(number)"
    }

    /// `ocds-hromada-vinnytsia-7`: the Open Contracting `ocid`. OCDS wants a
    /// registered prefix per publisher; `ocds-hromada` stands in for Hromada's
    /// until one is registered, and the city's slug keeps two cities' lot
    /// № 7 apart (docs/auction-exchange.md).
    public static func ocid(city slug: String, number: Int) -> String {
        "ocds-hromada-\(slug.lowercased())-\(number)"
    }
}
