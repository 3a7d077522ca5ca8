import Crypto
import Foundation
import HromadaDomain

/// A ballot sealed for the ballot box (docs/design.md, secret ballot). The vote's
/// transaction writes the participation and this sealed ballot together, so
/// they share a transaction id on PostgreSQL and a commit in SQLite's WAL;
/// sealed, the ballot says nothing there. Its choices, receipt, channel and
/// age group are inside (no time); only the mixer opens it, among others.
public struct BallotSeal: Sendable {
    let key: SymmetricKey

    /// A ballot longer than its edition's length (`BallotLength`), which the
    /// rules never let through, is padded to a multiple of this instead:
    /// still sealed, and still hiding its exact length.
    public static let block = 2048

    public enum Problem: Error, Equatable, Sendable {
        /// Not sealed with this key for this edition and box row: a rotated
        /// HROMADA_SECRET, or a row moved or altered.
        case unreadable
    }

    public init(key: SymmetricKey) {
        self.key = key
    }

    /// AES-GCM over the ballot's JSON padded to its edition's length, bound
    /// to its edition and box row, so a sealed ballot cannot be moved to
    /// another edition or row.
    public func seal(_ ballot: AnonymousBallot, boxID: String, paddedTo length: BallotLength) throws -> String {
        var plain = Self.plaintext(ballot)
        // JSON allows whitespace after the value, so spaces pad without a length field.
        plain.append(contentsOf: repeatElement(UInt8(ascii: " "), count: Self.paddedCount(plain.count, to: length) - plain.count))
        let box = try AES.GCM.seal(plain, using: key, authenticating: Self.context(ballot.editionID, boxID))
        guard let combined = box.combined else { throw Problem.unreadable }
        return combined.base64EncodedString()
    }

    /// The JSON a ballot is sealed as, before padding: its fields in sorted
    /// order, written by hand. `JSONEncoder`'s generic containers were 7 % of
    /// a vote's request CPU (issue 25) for this one fixed shape, which
    /// `open` reads back with `JSONDecoder` like any JSON.
    static func plaintext(_ ballot: AnonymousBallot) -> [UInt8] {
        var json: [UInt8] = []
        json.reserveCapacity(200 + 32 * ballot.content.projects.count)
        json += #"{"ageGroup":"#.utf8
        BallotJSON.string(ballot.ageGroup.rawValue, into: &json)
        json += #","channel":"#.utf8
        BallotJSON.string(ballot.channel.rawValue, into: &json)
        json += #","content":{"#.utf8
        if let points = ballot.content.points {
            json += #""points":["#.utf8
            for (index, point) in points.enumerated() {
                if index > 0 { json.append(UInt8(ascii: ",")) }
                json += String(point).utf8
            }
            json += "],".utf8
        }
        json += #""projects":["#.utf8
        for (index, project) in ballot.content.projects.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            BallotJSON.string(project.rawValue, into: &json)
        }
        json += #"]},"editionID":"#.utf8
        BallotJSON.string(ballot.editionID.rawValue, into: &json)
        json += #","id":"#.utf8
        BallotJSON.string(ballot.id.rawValue, into: &json)
        json += #","receipt":"#.utf8
        BallotJSON.string(ballot.receipt, into: &json)
        json.append(UInt8(ascii: "}"))
        return json
    }

    /// The edition's length, or whole blocks for a ballot longer than it.
    static func paddedCount(_ count: Int, to length: BallotLength) -> Int {
        count <= length.bytes ? length.bytes : (count / block + 1) * block
    }

    public func open(_ sealed: String, boxID: String, edition: BudgetEditionID) throws(Problem) -> AnonymousBallot {
        guard let data = Data(base64Encoded: sealed),
              let box = try? AES.GCM.SealedBox(combined: data),
              let plain = try? AES.GCM.open(box, using: key, authenticating: Self.context(edition, boxID)),
              let ballot = try? JSONDecoder().decode(AnonymousBallot.self, from: plain),
              ballot.editionID == edition
        else { throw .unreadable }
        return ballot
    }

    static func context(_ edition: BudgetEditionID, _ boxID: String) -> Data {
        Data("hromada/ballot-box/v1\u{1F}\(edition.rawValue)\u{1F}\(boxID)".utf8)
    }
}

/// JSON strings as a sealed ballot writes them: quoted, with `"` and `\`
/// escaped, control characters as `\u00XX`, everything else as UTF-8.
/// `BallotLength` measures ids with `length`, so both follow one rule (`width`).
enum BallotJSON {
    static func string(_ text: String, into json: inout [UInt8]) {
        json.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch width(of: byte) {
            case 1: json.append(byte)
            case 2: json += [UInt8(ascii: "\\"), byte]
            default:
                json += #"\u00"#.utf8
                json += [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        json.append(UInt8(ascii: "\""))
    }

    /// The bytes `string` writes for `text`, quotes aside.
    static func length(_ text: String) -> Int {
        text.utf8.reduce(0) { $0 + width(of: $1) }
    }

    /// The bytes one byte of text takes in JSON.
    private static func width(of byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): 2
        case ..<0x20: 6
        default: 1
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)
}

/// What a ballot shares with every ballot of its pool. A reader of the
/// database knows this much of a participation already (its channel is
/// stored with it; a resident's age group follows from the birth date of
/// their verification), and the published ballot carries the same two. A
/// pool mixing strata would let that reader narrow a ballot down to the
/// members of its own stratum in the pool, so pools never mix them. The
/// day a participation records is not part of it: no ballot carries the day
/// it was cast, so a quiet day's ballot hides among its whole stratum.
public struct BallotStratum: Hashable, Sendable {
    public var channel: BallotChannel
    public var ageGroup: AgeGroup

    public init(channel: BallotChannel, ageGroup: AgeGroup) {
        self.channel = channel
        self.ageGroup = ageGroup
    }

    public init(_ ballot: AnonymousBallot) {
        self.init(channel: ballot.channel, ageGroup: ballot.ageGroup)
    }
}

/// When sealed ballots leave the box, and in which pools. A pool is opened
/// in one transaction; a database reader can follow a participation to its
/// pool (on PostgreSQL the sealed row carries the vote's transaction id and
/// the mix deletes it) but not further, so each pool must be large.
public struct BallotPools: Sendable {
    /// k: the fewest ballots a pool holds while its stratum takes ballots.
    public var poolSize: Int

    /// A vote that read the clock just before its stratum closed may reach
    /// the database a moment later: for this long a closed stratum still
    /// takes ballots, and the mixer waits as long again before it takes the
    /// stratum's last pool, for instances whose clocks differ a little.
    public static let grace: TimeInterval = 60

    public init(poolSize: Int = 10) {
        self.poolSize = max(1, poolSize)
    }

    /// Whether a ballot of this stratum may still go into the box. Checked
    /// again inside the vote's transaction, so no ballot joins a stratum
    /// after its last pool has been opened.
    public func accepts(_ stratum: BallotStratum, of edition: BudgetEdition, at instant: Date) -> Bool {
        !isClosed(stratum, of: edition, at: instant.addingTimeInterval(-Self.grace))
    }

    /// Whether no ballot can join the stratum any more, so the ballots still
    /// sealed in it are its last pool, opened whole.
    public func isSettled(_ stratum: BallotStratum, of edition: BudgetEdition, at instant: Date) -> Bool {
        !accepts(stratum, of: edition, at: instant.addingTimeInterval(-Self.grace))
    }

    /// An online stratum closes when voting closes; a paper one stays open
    /// while clerks type ballots during counting; every one closes when
    /// results are published (nothing is counted after).
    func isClosed(_ stratum: BallotStratum, of edition: BudgetEdition, at instant: Date) -> Bool {
        if edition.schedule.resultsPublishedAt != nil { return true }
        return stratum.channel == .online && instant >= edition.schedule.votingClose
    }

    /// The ballots of one stratum to open now, in random order. A settled
    /// stratum opens whole. An open one waits until 2k are sealed, then opens
    /// a random all-but-k: at least k each time, and at least k left for the
    /// last pool, so every pool of a stratum that ever reaches k holds k.
    public func pool<T>(from waiting: [T], settled: Bool, using generator: inout some RandomNumberGenerator) -> [T] {
        if settled { return waiting.shuffled(using: &generator) }
        guard waiting.count >= 2 * poolSize else { return [] }
        return Array(waiting.shuffled(using: &generator).prefix(waiting.count - poolSize))
    }

    /// The most ballots of an open stratum that leave the box in one write.
    /// A busy second of voting seals thousands, and one write moving them all
    /// held every voter queued behind the single SQLite writer for a fifth of
    /// a second. At least 2k, so every part below still holds k.
    public var largestPart: Int { max(2 * poolSize, 250) }

    /// An open stratum's pool in parts of at most `largestPart`, as even as
    /// they come, each leaving the box in a write of its own. Each part is
    /// over half of `largestPart` (when there are two or more), so it holds
    /// at least k: splitting never makes a pool smaller than the rule allows.
    public func parts<T>(of pool: [T]) -> [[T]] {
        guard pool.count > largestPart else { return pool.isEmpty ? [] : [pool] }
        let count = (pool.count + largestPart - 1) / largestPart
        return (0..<count).map { part in Array(pool[(part * pool.count / count)..<((part + 1) * pool.count / count)]) }
    }
}
