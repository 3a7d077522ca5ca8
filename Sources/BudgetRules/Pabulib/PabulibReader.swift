/// A malformed Pabulib file: the line and what is wrong with it.
public struct PabulibError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var problem: String
    public var description: String { line > 0 ? "line \(line): \(problem)" : problem }
}

/// Reads the Pabulib format (pabulib.org): UTF-8 with or without a BOM, LF
/// or CRLF, `;`-separated, quoted fields, sections META, PROJECTS, VOTES.
/// Works on bytes: files run to millions of ballots, and parsing should cost
/// less than the rules that follow it.
public enum PabulibReader {
    public static func read(_ text: String) throws(PabulibError) -> Election {
        try read(bytes: Array(text.utf8))
    }

    public static func read(bytes: [UInt8]) throws(PabulibError) -> Election {
        try bytes.withUnsafeBufferPointer { (buffer) throws(PabulibError) in try read(buffer: buffer) }
    }

    /// Reads straight from memory (a file's bytes), without copying them.
    public static func read(buffer: UnsafeBufferPointer<UInt8>) throws(PabulibError) -> Election {
        var parser = Parser()
        var start = 0
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
        var lineNumber = 0
        while start < buffer.count {
            var end = start
            while end < buffer.count, buffer[end] != 0x0A { end += 1 }
            lineNumber += 1
            var last = end
            while last > start, buffer[last - 1] == 0x0D || buffer[last - 1] == 0x20 || buffer[last - 1] == 0x09 { last -= 1 }
            if last > start {
                try parser.line(UnsafeBufferPointer(rebasing: buffer[start..<last]), number: lineNumber)
            }
            start = end + 1
        }
        return try parser.finish()
    }

    struct Parser {
        enum Section { case none, meta, projects, votes }
        var section = Section.none
        var expectHeader = false
        var seen: Set<String> = []
        var meta: [(key: String, value: String)] = []
        var projectColumns: [String] = []
        var projects: [Project] = []
        var projectIndex: [String: Int] = [:]
        var voteColumns: [String] = []
        var voterColumn = 0
        var voteColumn = 0
        var pointsColumn: Int?
        var votes: [Vote] = []
        var voters = Set<String>()
        var projectTable: ProjectIDs?
        var namedIn: [Int] = []
        var fields: [String] = []

        mutating func line(_ bytes: UnsafeBufferPointer<UInt8>, number: Int) throws(PabulibError) {
            if bytes.count <= 8 {
                let marker = String(decoding: bytes, as: UTF8.self).trimmingCharacters().uppercased()
                if marker == "META" || marker == "PROJECTS" || marker == "VOTES" {
                    guard seen.insert(marker).inserted else { throw PabulibError(line: number, problem: "section \(marker) appears twice") }
                    // The sections come in this order; a vote can only name a listed project.
                    if marker == "PROJECTS", !seen.contains("META") {
                        throw PabulibError(line: number, problem: "the file has no META section before PROJECTS")
                    }
                    if marker == "VOTES", !seen.contains("PROJECTS") {
                        throw PabulibError(line: number, problem: "the file has no PROJECTS section before VOTES")
                    }
                    section = marker == "META" ? .meta : marker == "PROJECTS" ? .projects : .votes
                    expectHeader = true
                    return
                }
            }
            try PabulibReader.splitFields(bytes, line: number, into: &fields)
            if expectHeader {
                try header(number)
                return
            }
            switch section {
            case .none:
                throw PabulibError(line: number, problem: "data before the META section")
            case .meta:
                guard fields.count >= 2 else { throw PabulibError(line: number, problem: "a META row needs a key and a value") }
                meta.append((key: fields[0].trimmingCharacters(), value: fields[1...].joined(separator: ";")))
            case .projects:
                try project(number)
            case .votes:
                try vote(number)
            }
        }

        mutating func header(_ number: Int) throws(PabulibError) {
            let header = fields.map { $0.trimmingCharacters().lowercased() }
            expectHeader = false
            switch section {
            case .projects:
                guard header.contains("project_id"), header.contains("cost") else {
                    throw PabulibError(line: number, problem: "the PROJECTS header must name project_id and cost")
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

        mutating func project(_ number: Int) throws(PabulibError) {
            var row: [String: String] = [:]
            // An empty cell is an absent value, so a missing trailing column reads the same.
            for (index, name) in projectColumns.enumerated() where index < fields.count && !fields[index].isEmpty { row[name] = fields[index] }
            guard let id = row["project_id"]?.trimmingCharacters(), !id.isEmpty else {
                throw PabulibError(line: number, problem: "project without project_id")
            }
            guard let costText = row["cost"], let cost = Amount(parsing: Substring(costText.trimmingCharacters())), cost >= .zero else {
                throw PabulibError(line: number, problem: "project \(id): cost '\(row["cost"] ?? "")' is not a non-negative number")
            }
            guard projectIndex[id] == nil else { throw PabulibError(line: number, problem: "project \(id) is listed twice") }
            projectIndex[id] = projects.count
            projects.append(Project(id: id, cost: cost, fields: row))
        }

        mutating func vote(_ number: Int) throws(PabulibError) {
            guard voterColumn < fields.count, !fields[voterColumn].isEmpty else {
                throw PabulibError(line: number, problem: "vote without voter_id")
            }
            let voter = fields[voterColumn]
            guard voters.insert(voter).inserted else { throw PabulibError(line: number, problem: "voter \(voter) votes twice") }
            let text = voteColumn < fields.count ? fields[voteColumn] : ""
            let table: ProjectIDs
            if let shared = projectTable {
                table = shared
            } else {
                table = ProjectIDs(projects.map(\.id))
                projectTable = table
                namedIn = [Int](repeating: 0, count: projects.count)
            }
            var chosen: [Int32] = []
            for part in text.utf8.split(separator: UInt8(ascii: ",")) {
                var start = part.startIndex, end = part.endIndex
                while start < end, part[start] == 0x20 || part[start] == 0x09 { start = part.index(after: start) }
                while end > start, part[part.index(before: end)] == 0x20 || part[part.index(before: end)] == 0x09 { end = part.index(before: end) }
                if start == end { continue }
                let id = String(decoding: part[start..<end], as: UTF8.self)
                guard let index = projectIndex[id] else {
                    throw PabulibError(line: number, problem: "voter \(voter) votes for unknown project \(id)")
                }
                // namedIn remembers the line that last named each project, so a repeat is seen in one pass.
                guard namedIn[index] != number else {
                    throw PabulibError(line: number, problem: "voter \(voter) names a project twice")
                }
                namedIn[index] = number
                chosen.append(Int32(index))
            }
            var points: [Amount]?
            if let column = pointsColumn, column < fields.count, !fields[column].trimmingCharacters().isEmpty {
                var parsed: [Amount] = []
                for part in fields[column].split(separator: ",") {
                    guard let value = Amount(parsing: Substring(part.trimmingCharacters())) else {
                        throw PabulibError(line: number, problem: "voter \(voter): points '\(part)' is not a number")
                    }
                    parsed.append(value)
                }
                guard parsed.count == chosen.count else {
                    throw PabulibError(line: number, problem: "voter \(voter): \(parsed.count) points for \(chosen.count) projects")
                }
                points = parsed
            }
            var row = fields
            // Missing trailing cells read as empty ones, as a written file will have them.
            while row.count < voteColumns.count { row.append("") }
            // voter_id, vote and points live in their own properties; keeping the
            // raw text too would double the memory of a large file.
            row[voterColumn] = ""
            row[voteColumn] = ""
            if let column = pointsColumn { row[column] = "" }
            votes.append(Vote(voterID: voter, choices: .indexed(chosen, table), points: points, cells: Cells(row)))
        }

        func finish() throws(PabulibError) -> Election {
            for required in ["META", "PROJECTS", "VOTES"] where !seen.contains(required) {
                throw PabulibError(line: 0, problem: "the file has no \(required) section")
            }
            guard let budgetText = meta.first(where: { $0.key == "budget" })?.value else {
                throw PabulibError(line: 0, problem: "META has no budget")
            }
            guard let budget = Amount(parsing: Substring(budgetText.trimmingCharacters().replacingComma())) else {
                throw PabulibError(line: 0, problem: "META budget '\(budgetText)' is not a number")
            }
            let typeText = meta.first(where: { $0.key == "vote_type" })?.value.trimmingCharacters() ?? "approval"
            guard let voteType = VoteType(rawValue: typeText) else {
                throw PabulibError(line: 0, problem: "META vote_type '\(typeText)' is not one of approval, ordinal, cumulative, scoring, choose-1")
            }
            return Election(
                meta: meta, projectColumns: projectColumns, projects: projects, voteColumns: voteColumns, votes: votes,
                budget: budget, voteType: voteType)
        }
    }

    /// Splits on `;` outside double quotes; `""` inside quotes is a quote.
    static func splitFields(_ line: UnsafeBufferPointer<UInt8>, line number: Int, into fields: inout [String]) throws(PabulibError) {
        fields.removeAll(keepingCapacity: true)
        var index = 0
        let count = line.count
        while true {
            if index < count, line[index] == UInt8(ascii: "\"") {
                var value: [UInt8] = []
                index += 1
                var closed = false
                while index < count {
                    if line[index] == UInt8(ascii: "\"") {
                        if index + 1 < count, line[index + 1] == UInt8(ascii: "\"") {
                            value.append(UInt8(ascii: "\""))
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    value.append(line[index])
                    index += 1
                }
                guard closed else { throw PabulibError(line: number, problem: "a quoted field is not closed") }
                while index < count, line[index] != UInt8(ascii: ";") { value.append(line[index]); index += 1 }
                fields.append(String(decoding: value, as: UTF8.self))
            } else {
                let start = index
                while index < count, line[index] != UInt8(ascii: ";") { index += 1 }
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: line[start..<index]), as: UTF8.self))
            }
            if index >= count { break }
            index += 1
            if index == count {
                fields.append("")
                break
            }
        }
    }
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
