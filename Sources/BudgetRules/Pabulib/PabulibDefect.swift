/// Something wrong with a Pabulib file that the reader reads past, the way
/// pabutools (the researchers' reference reader) does: the election read is
/// the one pabutools reads, and the defect says what was tolerated and how.
public struct PabulibDefect: Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line of the file.
    public var line: Int
    public var kind: Kind
    public var severity: Severity { kind.severity }
    public var message: String
    /// The ballot the defect is about, as an index into `Election.votes`; nil
    /// for a defect that is not about one ballot (a META or PROJECTS row, the
    /// format). Leaving this ballot out is how `pb check` asks whether the
    /// outcome depends on the defect.
    public var vote: Int?

    public init(line: Int, kind: Kind, message: String, vote: Int? = nil) {
        self.line = line
        self.kind = kind
        self.message = message
        self.vote = vote
    }

    public var description: String { "line \(line): \(severity.rawValue): \(message)" }

    public enum Severity: String, Sendable, Equatable {
        /// A format variant pabulib itself tolerates; the data read is as meant.
        case note
        /// The data break a rule of the format; what is counted is what pabutools counts.
        case warning
    }

    /// Stable kebab-case names (`rawValue`), for scripts reading `pb check --json`.
    public enum Kind: String, Sendable, Equatable, Hashable, CaseIterable {
        // Notes: the format read differently from the letter of pabulib, to the same effect.
        case byteOrderMark = "byte-order-mark"
        case crlfLineEnds = "crlf-line-ends"
        case blankLine = "blank-line"
        case trailingSeparator = "trailing-separator"
        case emptyVoteEntry = "empty-vote-entry"
        case missingVoteType = "missing-vote-type"
        case missingScoreColumn = "missing-score-column"
        // Warnings: the data are not what the format promises.
        case duplicateProjectInVote = "duplicate-project-in-vote"
        case unknownProjectInVote = "unknown-project-in-vote"
        case voteTooLong = "vote-too-long"
        case voteTooShort = "vote-too-short"
        case voteWithoutPoints = "vote-without-points"
        case duplicateVoter = "duplicate-voter"
        case duplicateProject = "duplicate-project"
        case duplicateMetaKey = "duplicate-meta-key"
        case numVotesMismatch = "num-votes-mismatch"
        case numProjectsMismatch = "num-projects-mismatch"
        case metaValueNotANumber = "meta-value-not-a-number"
        case extraCells = "extra-cells"

        public var severity: Severity {
            switch self {
            case .byteOrderMark, .crlfLineEnds, .blankLine, .trailingSeparator, .emptyVoteEntry, .missingVoteType, .missingScoreColumn:
                .note
            default:
                .warning
            }
        }

        /// A note of this kind is reported once for the file, with how many
        /// lines have it: it is a habit of whoever wrote the file, and a line
        /// per row would bury the warnings.
        var isReportedOnce: Bool { severity == .note }
    }
}

/// What `PabulibReader.readReport` read: the election, and what it read past.
public struct PabulibReading: Sendable {
    public var election: Election
    /// In line order. At most `PabulibReading.listedPerKind` warnings of one
    /// kind are listed (the rest are counted in `unlisted`); a note is listed
    /// once, its message saying on how many lines it occurs.
    public var defects: [PabulibDefect]
    /// Warnings found but not listed, by kind (a file can have one on every line).
    public var unlisted: [PabulibDefect.Kind: Int]
    /// Every ballot some warning is about, listed or not: indices into
    /// `election.votes`, ascending.
    public var defectiveVotes: [Int]

    public static let listedPerKind = 1000

    public var warnings: Int { count(.warning) }
    public var notes: Int { count(.note) }

    func count(_ severity: PabulibDefect.Severity) -> Int {
        defects.count(where: { $0.severity == severity }) + unlisted.reduce(0) { $0 + ($1.key.severity == severity ? $1.value : 0) }
    }
}

/// Collects defects while the reader runs: cheap per line (a message is built
/// only when it will be kept), bounded in memory whatever the file.
struct DefectLog {
    private var listed: [PabulibDefect] = []
    private var counts: [PabulibDefect.Kind: Int] = [:]
    private var ballots: [Int] = []

    mutating func add(
        _ kind: PabulibDefect.Kind, line: Int, vote: Int? = nil, occurrences: Int = 1, _ message: @autoclosure () -> String
    ) {
        let count = counts[kind, default: 0] + occurrences
        counts[kind] = count
        if let vote, kind.severity == .warning, ballots.last != vote { ballots.append(vote) }
        if kind.isReportedOnce ? count == occurrences : count <= PabulibReading.listedPerKind {
            listed.append(PabulibDefect(line: line, kind: kind, message: message(), vote: vote))
        }
    }

    func reading(_ election: Election) -> PabulibReading {
        var defects = listed
        for index in defects.indices where defects[index].kind.isReportedOnce {
            let more = counts[defects[index].kind, default: 1] - 1
            if more > 0 { defects[index].message += " (and on \(more) more line\(more == 1 ? "" : "s"))" }
        }
        // Stable: defects found at the end (META counts) join their line's place.
        defects = defects.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        var unlisted: [PabulibDefect.Kind: Int] = [:]
        for (kind, count) in counts where !kind.isReportedOnce && count > PabulibReading.listedPerKind {
            unlisted[kind] = count - PabulibReading.listedPerKind
        }
        return PabulibReading(election: election, defects: defects, unlisted: unlisted, defectiveVotes: ballots)
    }
}
