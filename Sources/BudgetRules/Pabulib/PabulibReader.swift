/// A Pabulib file that cannot be read: the line and what is wrong with it.
public struct PabulibError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var problem: String
    public var description: String { line > 0 ? "line \(line): \(problem)" : problem }
}

/// Reads the Pabulib format (pabulib.org): UTF-8, `;`-separated, quoted
/// fields, sections META, PROJECTS, VOTES. Works on bytes: files run to
/// millions of ballots, and parsing should cost less than the rules that
/// follow it.
///
/// Real files have defects. Where pabutools (the researchers' reader) reads
/// past one, so does this reader, and the election it returns is the one
/// pabutools reads: the same ballots, counted the same way. `readReport`
/// also says what it read past (`PabulibDefect`). What neither can make
/// sense of (no budget, a cost that is not a number, an unclosed quote) is
/// a `PabulibError`.
public enum PabulibReader {
    public static func read(_ text: String) throws(PabulibError) -> Election {
        try readReport(text).election
    }

    public static func read(bytes: [UInt8]) throws(PabulibError) -> Election {
        try readReport(bytes: bytes).election
    }

    /// Reads straight from memory (a file's bytes), without copying them.
    public static func read(buffer: UnsafeBufferPointer<UInt8>) throws(PabulibError) -> Election {
        try readReport(buffer: buffer).election
    }

    public static func readReport(_ text: String) throws(PabulibError) -> PabulibReading {
        try readReport(bytes: Array(text.utf8))
    }

    public static func readReport(bytes: [UInt8]) throws(PabulibError) -> PabulibReading {
        try bytes.withUnsafeBufferPointer { (buffer) throws(PabulibError) in try readReport(buffer: buffer) }
    }

    /// The election and the defects read past, from a file's bytes.
    public static func readReport(buffer: UnsafeBufferPointer<UInt8>) throws(PabulibError) -> PabulibReading {
        var parser = Parser()
        parser.fileSize = buffer.count
        var start = 0
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            start = 3
            parser.log.add(.byteOrderMark, line: 1, "the file starts with a byte-order mark, which is skipped")
        }
        var lineNumber = 0
        // Counted here rather than logged per line: a CRLF file has it on every line.
        var crlfLines = 0
        var firstCRLFLine = 0
        while start < buffer.count {
            var end = start
            while end < buffer.count, buffer[end] != 0x0A { end += 1 }
            lineNumber += 1
            var last = end
            if last > start, buffer[last - 1] == 0x0D {
                if crlfLines == 0 { firstCRLFLine = lineNumber }
                crlfLines += 1
            }
            while last > start, buffer[last - 1] == 0x0D || buffer[last - 1] == 0x20 || buffer[last - 1] == 0x09 { last -= 1 }
            if last > start {
                try parser.line(UnsafeBufferPointer(rebasing: buffer[start..<last]), number: lineNumber)
            } else {
                parser.log.add(.blankLine, line: lineNumber, "a blank line is skipped")
            }
            start = end + 1
        }
        if crlfLines > 0 {
            parser.log.add(.crlfLineEnds, line: firstCRLFLine, occurrences: crlfLines, "the line ends in CR LF (Windows style), read as LF")
        }
        return try parser.finish()
    }

    enum Section { case none, meta, projects, votes }

    struct Parser {
        var section = Section.none
        /// The file's length in bytes: a bound on what META may make the reader reserve.
        var fileSize = 0
        var expectHeader = false
        var seen: Set<String> = []
        var log = DefectLog()
        var metaLine = 0
        var meta: [(key: String, value: String)] = []
        /// META key → its row's line; a key given twice keeps its first place and its last value, as pabutools' dict does.
        var metaLines: [String: Int] = [:]
        var projectColumns: [String] = []
        var projects: [Project] = []
        var projectIndex: [String: Int] = [:]
        var projectLines: [Int] = []
        var voteColumns: [String] = []
        var voterColumn = 0
        var voteColumn = 0
        var pointsColumn: Int?
        var votes: [Vote] = []
        /// voter_id → the line of its last ballot.
        var voterLines = VoterRegistry()
        var projectTable: ProjectIDs?
        /// project_id → its index, for the ballots.
        var projectLookup = ByteKeyTable()
        var namedIn: [Int] = []
        /// The row being read; `fields` has its cells as strings, except in VOTES.
        var cells = RowCells()
        var fields: [String] = []
        /// A ballot's other cells joined by U+001F (`Cells.packed`), reused from row to row.
        var packed: [UInt8] = []
        // Read from META when the VOTES section starts (META and PROJECTS come first).
        var voteType = VoteType.approval
        var minLength: Int?
        var maxLength: Int?

        mutating func line(_ bytes: UnsafeBufferPointer<UInt8>, number: Int) throws(PabulibError) {
            if let marker = PabulibReader.sectionMarker(bytes) {
                try startSection(marker, line: number)
                if marker.rest < bytes.count { extraOnMarker(UnsafeBufferPointer(rebasing: bytes[marker.rest...]), line: number) }
                return
            }
            try PabulibReader.splitFields(bytes, line: number, into: &cells)
            if expectHeader {
                fields = cells.strings
                try header(number)
                return
            }
            switch section {
            case .none:
                throw PabulibError(line: number, problem: "data before the META section")
            case .meta:
                fields = cells.strings
                try metaRow(number)
            case .projects:
                if cells.count > projectColumns.count { dropCells(past: projectColumns.count, line: number) }
                fields = cells.strings
                try project(number)
            case .votes:
                if cells.count > voteColumns.count { dropCells(past: voteColumns.count, line: number) }
                try vote(number)
            }
        }

        mutating func startSection(_ marker: (section: Section, name: String, rest: Int), line number: Int) throws(PabulibError) {
            guard seen.insert(marker.name).inserted else { throw PabulibError(line: number, problem: "section \(marker.name) appears twice") }
            // The sections come in this order; a vote can only name a listed project.
            if marker.name == "PROJECTS", !seen.contains("META") {
                throw PabulibError(line: number, problem: "the file has no META section before PROJECTS")
            }
            if marker.name == "VOTES", !seen.contains("PROJECTS") {
                throw PabulibError(line: number, problem: "the file has no PROJECTS section before VOTES")
            }
            section = marker.section
            expectHeader = true
            switch marker.section {
            case .meta: metaLine = number
            case .votes: try readBallotRules()
            default: break
            }
        }

        /// `META;` and the like: pabutools reads the first cell only.
        mutating func extraOnMarker(_ rest: UnsafeBufferPointer<UInt8>, line number: Int) {
            if rest.allSatisfy({ $0 == UInt8(ascii: ";") || $0 == 0x20 || $0 == 0x09 }) {
                log.add(.trailingSeparator, line: number, Self.trailingSeparatorMessage)
            } else {
                log.add(.extraCells, line: number, "the section name is followed by other cells, which are ignored")
            }
        }

        static let trailingSeparatorMessage = "a row ends in ';' with no column after it; the empty cell is ignored"

        /// What the ballots are read by: the vote type and the length limits.
        mutating func readBallotRules() throws(PabulibError) {
            if let typeText = value("vote_type")?.trimmingCharacters() {
                guard let type = VoteType(rawValue: typeText) else {
                    throw PabulibError(
                        line: metaLines["vote_type"] ?? 0,
                        problem: "META vote_type '\(typeText)' is not one of approval, ordinal, cumulative, scoring, choose-1")
                }
                voteType = type
            } else {
                log.add(.missingVoteType, line: metaLine, "META has no vote_type; the ballots are read as approval ballots")
            }
            minLength = integer("min_length")
            maxLength = integer("max_length")
            // Room for the declared ballots at once, rather than growing (and
            // copying) the lists some twenty times; never more than the file
            // could hold, whatever num_votes says (each ballot row takes at least 4 bytes).
            if let declared = value("num_votes").flatMap({ Int($0.trimmingCharacters()) }), declared > 0 {
                let ballots = min(declared, fileSize / 4)
                votes.reserveCapacity(ballots)
                voterLines.reserve(ballots)
            }
        }

        func value(_ key: String) -> String? {
            meta.first { $0.key == key }?.value
        }

        /// A META count or limit; one that is not a whole number is reported and then not used.
        mutating func integer(_ key: String) -> Int? {
            guard let text = value(key) else { return nil }
            guard let number = Int(text.trimmingCharacters()) else {
                log.add(.metaValueNotANumber, line: metaLines[key] ?? metaLine, "META \(key) '\(text)' is not a whole number; it is not checked")
                return nil
            }
            return number
        }

        mutating func header(_ number: Int) throws(PabulibError) {
            var header = fields.map { $0.trimmingCharacters().lowercased() }
            expectHeader = false
            if header.count > 1, header.last == "" {
                while header.count > 1, header.last == "" { header.removeLast() }
                log.add(.trailingSeparator, line: number, Self.trailingSeparatorMessage)
            }
            switch section {
            case .projects:
                guard header.contains("project_id"), header.contains("cost") else {
                    throw PabulibError(line: number, problem: "the PROJECTS header must name project_id and cost")
                }
                if !header.contains("votes"), !header.contains("score") {
                    log.add(.missingScoreColumn, line: number, "PROJECTS has neither a votes nor a score column; the counts come from the ballots")
                }
                projectColumns = header
            case .votes:
                guard let voter = header.firstIndex(of: "voter_id"), let vote = header.firstIndex(of: "vote") else {
                    throw PabulibError(line: number, problem: "the VOTES header must name voter_id and vote")
                }
                voteColumns = header
                voterColumn = voter
                voteColumn = vote
                pointsColumn = header.firstIndex(of: "points")
            case .meta, .none:
                break
            }
        }

        mutating func metaRow(_ number: Int) throws(PabulibError) {
            guard fields.count >= 2 else { throw PabulibError(line: number, problem: "a META row needs a key and a value") }
            if fields.count > 2, fields.last?.isEmpty == true {
                while fields.count > 2, fields.last?.isEmpty == true { fields.removeLast() }
                log.add(.trailingSeparator, line: number, Self.trailingSeparatorMessage)
            }
            let key = fields[0].trimmingCharacters()
            // A value with an unquoted ';' keeps it (descriptions have them).
            let value = fields[1...].joined(separator: ";")
            if let first = metaLines[key], let index = meta.firstIndex(where: { $0.key == key }) {
                log.add(
                    .duplicateMetaKey, line: number,
                    "META \(key) is given again (first on line \(first)); this value, '\(value)', is used, as pabutools does")
                meta[index].value = value
            } else {
                meta.append((key: key, value: value))
            }
            metaLines[key] = number
        }

        /// A row longer than its header: empty cells (a trailing `;`) are a
        /// note, anything else a warning; either way they are not read.
        mutating func dropCells(past width: Int, line number: Int) {
            if (width..<cells.count).allSatisfy({ cells.isBlank($0) }) {
                log.add(.trailingSeparator, line: number, Self.trailingSeparatorMessage)
            } else {
                log.add(
                    .extraCells, line: number,
                    "the row has \(cells.count) cells but the header names \(width) columns; the cells past the header are ignored")
            }
            cells.removeLast(cells.count - width)
        }

        mutating func project(_ number: Int) throws(PabulibError) {
            var row: [String: String] = [:]
            // An empty cell is an absent value, so a missing trailing column reads the same.
            for (index, name) in projectColumns.enumerated() where index < fields.count && !fields[index].isEmpty { row[name] = fields[index] }
            guard let id = row["project_id"]?.trimmingCharacters(), !id.isEmpty else {
                throw PabulibError(line: number, problem: "project without project_id")
            }
            // A decimal comma is read as pabutools reads it (and as the budget is).
            guard let costText = row["cost"], let cost = Amount(parsing: Substring(costText.trimmingCharacters().replacingComma())),
                  cost >= .zero
            else {
                throw PabulibError(line: number, problem: "project \(id): cost '\(row["cost"] ?? "")' is not a non-negative number")
            }
            if let first = projectIndex[id] {
                // pabutools' instance is a set of projects equal by id: adding the second leaves the first.
                log.add(
                    .duplicateProject, line: number,
                    "project \(id) is listed again (first on line \(projectLines[first])); the first row, cost \(projects[first].cost), is kept, as pabutools does"
                )
                return
            }
            // Ballots keep projects as 32-bit indices.
            guard projects.count < Int(Int32.max) else { throw PabulibError(line: number, problem: "too many projects") }
            projectIndex[id] = projects.count
            projectLines.append(number)
            projects.append(Project(id: id, cost: cost, fields: row))
        }

        mutating func vote(_ number: Int) throws(PabulibError) {
            guard voterColumn < cells.count, !cells.isEmpty(voterColumn) else {
                throw PabulibError(line: number, problem: "vote without voter_id")
            }
            // Slots and ballots are counted in 32 bits.
            guard votes.count < Int(Int32.max) - 1 else { throw PabulibError(line: number, problem: "too many ballots") }
            var voter = cells.string(voterColumn)
            let ballot = votes.count
            // Keyed by the id as read (invalid UTF-8 repaired), as a string key would be.
            let previous = voter.withUTF8 { voterLines.record($0, line: number) }
            if let previous {
                log.add(.duplicateVoter, line: number, vote: ballot, "voter \(voter) also voted on line \(previous); both ballots are counted, as pabutools does")
            }
            let table: ProjectIDs
            if let shared = projectTable {
                table = shared
            } else {
                table = ProjectIDs(projects.map(\.id))
                projectTable = table
                namedIn = [Int](repeating: 0, count: projects.count)
                projectLookup = ByteKeyTable(capacity: projects.count)
                for (index, project) in projects.enumerated() {
                    var id = project.id
                    id.withUTF8 { _ = projectLookup.updateValue(index, for: $0) }
                }
            }
            var given: [Amount]?
            if let column = pointsColumn, column < cells.count, !cells.isBlank(column) {
                var parsed: [Amount] = []
                for part in cells.string(column).split(separator: ",") {
                    guard let value = Amount(parsing: Substring(part.trimmingCharacters())) else {
                        throw PabulibError(line: number, problem: "voter \(voter): points '\(part)' is not a number")
                    }
                    parsed.append(value)
                }
                given = parsed
            }
            var entries = VoteEntries()
            if voteColumn < cells.count {
                let keepLastPoints = voteType.keepsLastPoints
                cells.withCell(voteColumn) {
                    entries.read($0, line: number, given: given, keepLastPoints: keepLastPoints, projects: projectLookup, namedIn: &namedIn)
                }
            }
            if let given, given.count != entries.count {
                throw PabulibError(line: number, problem: "voter \(voter): \(given.count) points for \(entries.count) projects")
            }
            report(entries, voter: voter, ballot: ballot, line: number)
            var chosen = entries.chosen
            var points = given == nil ? nil : entries.points
            if voteType.keepsLastPoints, given == nil, !chosen.isEmpty {
                // pabutools reads a cumulative or scoring vote without points as an empty ballot.
                log.add(
                    .voteWithoutPoints, line: number, vote: ballot,
                    "voter \(voter) names \(chosen.count) project\(chosen.count == 1 ? "" : "s") but gives no points; the ballot is counted as empty, as pabutools does"
                )
                chosen = []
                points = nil
            }
            votes.append(Vote(voterID: voter, choices: .indexed(chosen, table), points: points, cells: otherCells()))
        }

        /// The ballot row's cells for `Vote.row`: padded to the header, as a
        /// written file will have them, with voter_id, vote and points empty,
        /// since they live in their own properties (keeping the raw text too
        /// would double the memory of a large file). Packed as `Cells` packs
        /// them, without a string per cell.
        mutating func otherCells() -> Cells {
            guard !voteColumns.isEmpty else { return Cells([]) }
            packed.removeAll(keepingCapacity: true)
            for column in voteColumns.indices {
                if column > 0 { packed.append(0x1F) }
                guard column < cells.count, column != voterColumn, column != voteColumn, column != pointsColumn else { continue }
                let range = cells.bounds(column)
                if cells.bytes[range].contains(0x1F) {
                    // A cell with the separator itself: the rare row kept as a list.
                    var row = cells.strings
                    while row.count < voteColumns.count { row.append("") }
                    row[voterColumn] = ""
                    row[voteColumn] = ""
                    if let points = pointsColumn { row[points] = "" }
                    return Cells(row)
                }
                packed.append(contentsOf: cells.bytes[range])
            }
            return .packed(String(decoding: packed, as: UTF8.self))
        }

        /// What one vote list had wrong, as defects of its line.
        mutating func report(_ entries: VoteEntries, voter: String, ballot: Int, line number: Int) {
            if entries.hasEmptyEntry {
                log.add(.emptyVoteEntry, line: number, "a vote list has an empty entry (a stray or trailing comma), which is skipped")
            }
            if !entries.repeated.isEmpty {
                let names = Self.list(entries.repeated)
                let how = switch voteType {
                case .approval, .chooseOne: "it counts once, since pabutools reads an approval ballot as a set"
                case .ordinal: "it keeps its first place in the ranking, as pabutools does"
                case .cumulative, .scoring: "it counts once, with the points given last, as pabutools does"
                }
                log.add(.duplicateProjectInVote, line: number, vote: ballot, "voter \(voter) names \(names) more than once; \(how)")
            }
            if !entries.unknown.isEmpty {
                let names = Self.list(entries.unknown)
                let these = entries.unknown.count == 1 ? "it is" : "they are"
                log.add(
                    .unknownProjectInVote, line: number, vote: ballot,
                    "voter \(voter) names \(names), not in PROJECTS; \(these) left out of the ballot and the rest is counted (pabutools cannot read such a file)"
                )
            }
            let length = entries.chosen.count
            if let maxLength, length > maxLength {
                log.add(.voteTooLong, line: number, vote: ballot, "voter \(voter) names \(length) projects, more than max_length \(maxLength); the ballot is counted as cast")
            }
            if let minLength, length < minLength {
                log.add(.voteTooShort, line: number, vote: ballot, "voter \(voter) names \(length) project\(length == 1 ? "" : "s"), fewer than min_length \(minLength); the ballot is counted as cast")
            }
        }

        static func list(_ ids: [String]) -> String {
            var seen = Set<String>()
            return ids.filter { seen.insert($0).inserted }.joined(separator: ", ")
        }

        mutating func finish() throws(PabulibError) -> PabulibReading {
            for required in ["META", "PROJECTS", "VOTES"] where !seen.contains(required) {
                throw PabulibError(line: 0, problem: "the file has no \(required) section")
            }
            guard let budgetText = value("budget") else {
                throw PabulibError(line: 0, problem: "META has no budget")
            }
            guard let budget = Amount(parsing: Substring(budgetText.trimmingCharacters().replacingComma())) else {
                throw PabulibError(line: metaLines["budget"] ?? 0, problem: "META budget '\(budgetText)' is not a number")
            }
            if let declared = integer("num_projects"), declared != projects.count {
                log.add(
                    .numProjectsMismatch, line: metaLines["num_projects"] ?? metaLine,
                    "META num_projects is \(declared) but PROJECTS lists \(projects.count) project\(projects.count == 1 ? "" : "s")")
            }
            if let declared = integer("num_votes"), declared != votes.count {
                log.add(
                    .numVotesMismatch, line: metaLines["num_votes"] ?? metaLine,
                    "META num_votes is \(declared) but VOTES has \(votes.count) ballot\(votes.count == 1 ? "" : "s")")
            }
            let election = Election(
                meta: meta, projectColumns: projectColumns, projects: projects, voteColumns: voteColumns, votes: votes,
                budget: budget, voteType: voteType)
            return log.reading(election)
        }
    }

    /// The projects of one vote list, read the way pabutools reads the ballot:
    /// each project once (in the place it is first named), unknown ids left out.
    struct VoteEntries {
        var chosen: [Int32] = []
        /// Points per chosen project, when the vote gives points.
        var points: [Amount] = []
        /// Non-empty entries, known or not: what the points are matched against.
        var count = 0
        var hasEmptyEntry = false
        var repeated: [String] = []
        var unknown: [String] = []

        mutating func read(
            _ bytes: UnsafeBufferPointer<UInt8>, line number: Int, given: [Amount]?, keepLastPoints: Bool, projects: ByteKeyTable,
            namedIn: inout [Int]
        ) {
            // An empty vote is an empty ballot, not an empty entry.
            guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: ",") { end += 1 }
                var first = start, last = end
                while first < last, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
                while last > first, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09 { last -= 1 }
                start = end + 1
                guard first < last else {
                    hasEmptyEntry = true
                    continue
                }
                let idBytes = UnsafeBufferPointer(rebasing: bytes[first..<last])
                let entry = count
                count += 1
                // The raw bytes first; then the id as read with invalid UTF-8
                // repaired, which is how the project's own id was read.
                var found = projects.value(for: idBytes)
                if found == nil {
                    var repaired = String(decoding: idBytes, as: UTF8.self)
                    found = repaired.withUTF8 { projects.value(for: $0) }
                    if found == nil { unknown.append(repaired) }
                }
                guard let index = found else { continue }
                let value = given.flatMap { entry < $0.count ? $0[entry] : nil }
                // namedIn remembers the line that last named each project, so a repeat is seen in one pass.
                if namedIn[index] == number {
                    repeated.append(String(decoding: idBytes, as: UTF8.self))
                    if keepLastPoints, let value, let place = chosen.firstIndex(of: Int32(index)), place < points.count {
                        points[place] = value
                    }
                    continue
                }
                namedIn[index] = number
                chosen.append(Int32(index))
                if let value { points.append(value) }
            }
        }
    }

    /// A section marker: META, PROJECTS or VOTES (any case) as the line's first
    /// cell, as pabutools recognises one; `rest` is where the cell ends.
    static func sectionMarker(_ line: UnsafeBufferPointer<UInt8>) -> (section: Section, name: String, rest: Int)? {
        var end = 0
        while end < line.count, line[end] != UInt8(ascii: ";") {
            end += 1
            if end > 16 { return nil }
        }
        var first = 0, last = end
        while first < last, line[first] == 0x20 || line[first] == 0x09 { first += 1 }
        while last > first, line[last - 1] == 0x20 || line[last - 1] == 0x09 { last -= 1 }
        func matches(_ word: StaticString) -> Bool {
            guard last - first == word.utf8CodeUnitCount else { return false }
            let letters = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            // ASCII letters: clearing bit 5 upper-cases them.
            return letters.indices.allSatisfy { line[first + $0] & 0xDF == letters[$0] }
        }
        if matches("META") { return (.meta, "META", end) }
        if matches("PROJECTS") { return (.projects, "PROJECTS", end) }
        if matches("VOTES") { return (.votes, "VOTES", end) }
        return nil
    }

    /// Splits on `;` outside double quotes; `""` inside quotes is a quote.
    static func splitFields(_ line: UnsafeBufferPointer<UInt8>, line number: Int, into cells: inout RowCells) throws(PabulibError) {
        cells.removeAll()
        var index = 0
        let count = line.count
        while true {
            if index < count, line[index] == UInt8(ascii: "\"") {
                index += 1
                var closed = false
                while index < count {
                    if line[index] == UInt8(ascii: "\"") {
                        if index + 1 < count, line[index + 1] == UInt8(ascii: "\"") {
                            cells.appendByte(UInt8(ascii: "\""))
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    cells.appendByte(line[index])
                    index += 1
                }
                guard closed else { throw PabulibError(line: number, problem: "a quoted field is not closed") }
                while index < count, line[index] != UInt8(ascii: ";") { cells.appendByte(line[index]); index += 1 }
                cells.closeCell()
            } else {
                let start = index
                while index < count, line[index] != UInt8(ascii: ";") { index += 1 }
                cells.append(UnsafeBufferPointer(rebasing: line[start..<index]))
            }
            if index >= count { break }
            index += 1
            if index == count {
                cells.closeCell()
                break
            }
        }
    }
}

extension VoteType {
    /// Ballots whose points pabutools keeps in a dict by project: a project
    /// named twice keeps its first place and the points given last.
    var keepsLastPoints: Bool { self == .cumulative || self == .scoring }
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        let utf8 = Array(self.utf8)
        var start = 0
        var end = utf8.count
        while start < end, utf8[start] == 0x20 || utf8[start] == 0x09 { start += 1 }
        while end > start, utf8[end - 1] == 0x20 || utf8[end - 1] == 0x09 || utf8[end - 1] == 0x0D { end -= 1 }
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }

    /// `1000000,50` → `1000000.50` (a decimal comma in a budget).
    func replacingComma() -> String {
        contains(".") ? String(self) : String(self.map { $0 == "," ? "." : $0 })
    }
}
