import Foundation
import HromadaDomain

/// The length every sealed ballot of an edition is padded to
/// (docs/architecture.md, "Secret ballot"): that of the longest ballot the edition's rules allow on
/// its ballot paper. While a ballot waits in the box, its row can be told
/// from its voter's participation (they are written together), so its length
/// must say nothing about its choices: every ballot of the edition has this
/// one length, whether it picks one project or as many as the rules allow.
///
/// Padding to the edition's own longest ballot, rather than to a fixed block,
/// also keeps the box row short where the rules allow few picks (Vinnytsia:
/// 2 large and 2 small): short enough for SQLite to keep it on its page. A
/// 2,048-byte block spilled every sealed ballot onto an overflow page, which
/// the vote wrote and the mixer read back and zeroed (issue 25). Pure: the
/// caller passes the projects.
public struct BallotLength: Hashable, Sendable {
    /// Bytes of the ballot's JSON, padding included.
    public let bytes: Int

    public init(bytes: Int) {
        self.bytes = max(0, bytes)
    }

    /// The longest ballot's JSON: the most projects the rules let one ballot
    /// pick, those with the longest ids, each with the most points one
    /// project can take, and every other field at its longest. An upper
    /// bound, so no valid ballot is longer; the edition and its ballot paper
    /// are public, so the length tells nothing either.
    public init(edition: BudgetEdition, onBallot projects: [BudgetProject]) {
        let picks = Self.longestPicks(edition: edition, onBallot: projects)
        // Stand-ins as long as each id's JSON: the ballot's JSON is then exactly as long.
        let ids = picks.widths.map { BudgetProjectID(rawValue: String(repeating: "x", count: $0)) }
        let longest = AnonymousBallot(
            id: BallotID(rawValue: String(repeating: "x", count: Self.idLength)), editionID: edition.id,
            receipt: String(repeating: "x", count: Self.receiptLength),
            content: BallotContent(projects: ids, points: picks.points.map { Array(repeating: $0, count: ids.count) }),
            channel: Self.longestChannel, ageGroup: Self.longestAgeGroup)
        self.init(bytes: BallotSeal.plaintext(longest).count)
    }

    /// `BallotID.random()`: 26 characters of base32.
    static let idLength = 26
    /// `BallotReceipt.generate()`: four groups of four with dashes.
    static let receiptLength = 19
    static let longestChannel = BallotChannel.allCases.max { $0.rawValue.utf8.count < $1.rawValue.utf8.count } ?? .online
    static let longestAgeGroup = AgeGroup.allCases.max { $0.rawValue.utf8.count < $1.rawValue.utf8.count } ?? .unknown

    /// The escaped length of each id the longest ballot picks, longest first,
    /// and the points on each (cumulative ballots only).
    static func longestPicks(edition: BudgetEdition, onBallot projects: [BudgetProject]) -> (widths: [Int], points: Int?) {
        var seen = Set<BudgetProjectID>()
        let listed = projects.filter { $0.editionID == edition.id && $0.isOnBallot && seen.insert($0.id).inserted }
        let categories = Dictionary(edition.categories.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var widths: [Int] = []
        for (categoryID, members) in Dictionary(grouping: listed, by: \.categoryID) {
            let most = mostPicks(of: members, in: categories[categoryID], rule: edition.ballotRule)
            widths += members.map { BallotJSON.length($0.id.rawValue) }.sorted(by: >).prefix(most)
        }
        widths.sort(by: >)
        switch edition.ballotRule {
        case .approval(let maxPicks, _):
            if let maxPicks { widths = Array(widths.prefix(maxPicks)) }
            return (widths, nil)
        case .cumulative(let total, let perProject):
            // Every pick takes at least one point, and no pick more than one project may hold.
            return (Array(widths.prefix(max(0, total))), min(total, perProject ?? total))
        case .knapsack, .chooseOne:
            return (widths, nil)
        }
    }

    /// The most projects of one category a valid ballot can pick
    /// (`BallotRules.check`). A category the edition does not list has no
    /// limit of its own.
    static func mostPicks(of members: [BudgetProject], in category: BudgetCategory?, rule: BallotRule) -> Int {
        switch rule {
        case .approval:
            guard let limit = category?.maxPicks else { return members.count }
            return min(members.count, max(0, limit))
        case .chooseOne:
            return min(members.count, 1)
        case .cumulative:
            return members.count
        case .knapsack:
            guard let category else { return members.count }
            // The cheapest projects first: no set within the fund holds more.
            var spent: Int64 = 0
            var count = 0
            for cost in members.map(\.cost.kopiyky).sorted() {
                let (next, overflow) = spent.addingReportingOverflow(max(0, cost))
                guard !overflow, next <= category.fund.kopiyky else { break }
                spent = next
                count += 1
            }
            return count
        }
    }
}
