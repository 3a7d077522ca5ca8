import Foundation
import HromadaDomain

/// The words a city's (or an oblast's) staff publish around a year's
/// results report: what the year meant, in both languages. The figures
/// themselves are never typed: the report makes them from the platform's
/// data when it is read, so the words cannot drift from them unnoticed.
public struct ResultsCommentary: Sendable, Equatable, Codable {
    public var introduction: LocalizedName

    public static let years = 2000...2100

    public static func make(introduction: LocalizedName) throws(StrategyProblem) -> ResultsCommentary {
        ResultsCommentary(introduction: try Checked.name(introduction, "introduction", limit: 8000))
    }
}
