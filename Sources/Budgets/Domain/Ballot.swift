import Foundation
import HromadaDomain

public struct BallotID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// What a voter chose: projects, and points in the same order on cumulative ballots.
public struct BallotContent: Hashable, Codable, Sendable {
    public var projects: [BudgetProjectID]
    public var points: [Int]?

    public init(projects: [BudgetProjectID], points: [Int]? = nil) {
        self.projects = projects
        self.points = points
    }
}

/// How the ballot reached us.
public enum BallotChannel: String, Codable, Sendable, CaseIterable {
    case online, paper
}

/// The anonymous ballot as stored and published: the choices, the receipt,
/// the channel and the age group, and nothing that names the voter. It
/// carries no time at all, not even the day it was cast: a participation
/// records its day, and a quiet day's ballot would otherwise be paired with it.
public struct AnonymousBallot: Hashable, Codable, Sendable {
    public var id: BallotID
    public var editionID: BudgetEditionID
    /// What the voter may keep to find this ballot in the export. Without
    /// receipts (receipt-free voting) the ballot gets a code no one is shown.
    public var receipt: String
    public var content: BallotContent
    public var channel: BallotChannel
    public var ageGroup: AgeGroup

    public init(
        id: BallotID = .random(), editionID: BudgetEditionID, receipt: String, content: BallotContent, channel: BallotChannel, ageGroup: AgeGroup
    ) {
        self.id = id
        self.editionID = editionID
        self.receipt = receipt
        self.content = content
        self.channel = channel
        self.ageGroup = ageGroup
    }

    /// The content as canonical text, for the audit chain and the export.
    public var canonicalContent: String {
        let projects = content.projects.map(\.rawValue).joined(separator: ",")
        guard let points = content.points else { return projects }
        return projects + ";" + points.map(String.init).joined(separator: ",")
    }
}

/// Coarse ages for turnout statistics: fine enough to be useful, too coarse to identify.
public enum AgeGroup: String, Codable, Sendable, CaseIterable {
    case under18 = "14-17"
    case from18 = "18-29"
    case from30 = "30-44"
    case from45 = "45-59"
    case from60 = "60+"
    /// Paper ballots of people whose age staff did not record.
    case unknown

    public init(age: Int) {
        switch age {
        case ..<18: self = .under18
        case 18..<30: self = .from18
        case 30..<45: self = .from30
        case 45..<60: self = .from45
        default: self = .from60
        }
    }
}

/// Receipt codes: 80 random bits, four groups of four, easy to read aloud.
public enum BallotReceipt {
    public static func generate() -> String {
        normalized(RandomToken.base32(byteCount: 10))
    }

    /// Accepts what a person types: any case, with or without dashes and spaces.
    public static func normalized(_ text: String) -> String {
        let compact = text.uppercased().filter { $0.isLetter || $0.isNumber }
        guard compact.count == 16 else { return compact }
        return stride(from: 0, to: 16, by: 4).map { offset -> String in
            let start = compact.index(compact.startIndex, offsetBy: offset)
            return String(compact[start..<compact.index(start, offsetBy: 4)])
        }.joined(separator: "-")
    }
}
