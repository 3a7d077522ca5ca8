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

/// One state of an edition's counted ballots, told apart without reading
/// them (`BudgetRepository.ballotSetStamp`): a count kept for one stamp is
/// the count of any later read with the same stamp.
public struct BallotSetStamp: Hashable, Sendable {
    public var counted: Int64
    public var firstReceipt: String?
    public var lastReceipt: String?
    /// Ballots still sealed in the box: they count only once opened, so no kept count holds.
    public var anySealed: Bool

    public init(counted: Int64, firstReceipt: String?, lastReceipt: String?, anySealed: Bool) {
        self.counted = counted
        self.firstReceipt = firstReceipt
        self.lastReceipt = lastReceipt
        self.anySealed = anySealed
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

extension BallotContent {
    /// The stored form read without a JSON decoder: exactly what the store
    /// writes (sorted keys, no spaces), `{"points":[1,2],"projects":["a","b"]}`
    /// or `{"projects":["a","b"]}`, the ids without escapes and the points
    /// plain digits. Nil for any other text, which the JSON decoder then
    /// reads. Half a million ballots in one open-data file made the decoder
    /// most of the file's cost; this reads one in a fraction of it.
    public init?(storedCompact text: String) {
        var reader = CompactReader(Array(text.utf8))
        var points: [Int]?
        guard reader.take("{\"") else { return nil }
        if reader.take("points\":[") {
            guard let read = reader.numbers(), reader.take(",\"") else { return nil }
            points = read
        }
        guard reader.take("projects\":["), let projects = reader.strings(), reader.take("}"), reader.atEnd else { return nil }
        self.init(projects: projects.map(BudgetProjectID.init(rawValue:)), points: points)
    }

    /// A cursor over the bytes of the compact form; every step checks its bounds.
    private struct CompactReader {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        mutating func take(_ literal: String) -> Bool {
            let expected = Array(literal.utf8)
            guard bytes.count - index >= expected.count, bytes[index..<index + expected.count].elementsEqual(expected) else { return false }
            index += expected.count
            return true
        }

        /// `1,2,3]` (up to nine digits each) or `]`.
        mutating func numbers() -> [Int]? {
            var values: [Int] = []
            if take("]") { return values }
            while true {
                var value = 0, digits = 0
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]), digits < 9 {
                    value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                    digits += 1
                    index += 1
                }
                guard digits > 0 else { return nil }
                values.append(value)
                if take("]") { return values }
                guard take(",") else { return nil }
            }
        }

        /// `"a","b"]` (no escapes, no control bytes) or `]`.
        mutating func strings() -> [String]? {
            var values: [String] = []
            if take("]") { return values }
            while true {
                guard take("\"") else { return nil }
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20 { index += 1 }
                guard take("\"") else { return nil }
                guard let value = String(validating: bytes[start..<index - 1], as: UTF8.self) else { return nil }
                values.append(value)
                if take("]") { return values }
                guard take(",") else { return nil }
            }
        }
    }
}
