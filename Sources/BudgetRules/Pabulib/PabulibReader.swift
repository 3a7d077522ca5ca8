/// A malformed Pabulib file: the line and what is wrong with it.
public struct PabulibError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var problem: String
    public var description: String { line > 0 ? "line \(line): \(problem)" : problem }
}

/// Reads the Pabulib format (pabulib.org): UTF-8 with or without a BOM, LF
/// or CRLF, `;`-separated, quoted fields, sections META, PROJECTS, VOTES.
public enum PabulibReader {
    public static func read(_ text: String) throws(PabulibError) -> Election {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }

        enum Section { case none, meta, projects, votes }
        var section = Section.none
        var header: [String] = []
        var expectHeader = false
        var meta: [(key: String, value: String)] = []
        var projectColumns: [String] = []
        var projects: [Project] = []
        var projectIndex: [String: Int] = [:]
        var voteColumns: [String] = []
        var votes: [Vote] = []
        var voters = Set<String>()
        var seen: Set<String> = []

        for (offset, raw) in lines.enumerated() {
            let number = offset + 1
            let line = raw.trimmingTrailingWhitespace()
            if line.isEmpty { continue }
            let marker = line.trimmingCharacters().uppercased()
            if marker == "META" || marker == "PROJECTS" || marker == "VOTES" {
                guard !seen.contains(marker) else { throw PabulibError(line: number, problem: "section \(marker) appears twice") }
                seen.insert(marker)
                section = marker == "META" ? .meta : marker == "PROJECTS" ? .projects : .votes
                expectHeader = true
                continue
            }
            let fields = try splitFields(line, line: number)
            if expectHeader {
                header = fields.map { $0.trimmingCharacters().lowercased() }
                expectHeader = false
                switch section {
                case .projects:
                    guard header.contains("project_id"), header.contains("cost") else {
                        throw PabulibError(line: number, problem: "the PROJECTS header must name project_id and cost")
                    }
                    projectColumns = header
                case .votes:
                    guard header.contains("voter_id"), header.contains("vote") else {
                        throw PabulibError(line: number, problem: "the VOTES header must name voter_id and vote")
                    }
                    voteColumns = header
                case .meta, .none: break
                }
                continue
            }
            switch section {
            case .none:
                throw PabulibError(line: number, problem: "data before the META section")
            case .meta:
                guard fields.count >= 2 else { throw PabulibError(line: number, problem: "a META row needs a key and a value") }
                meta.append((key: fields[0].trimmingCharacters(), value: fields[1...].joined(separator: ";")))
            case .projects:
                let row = record(header, fields)
                guard let id = row["project_id"], !id.isEmpty else { throw PabulibError(line: number, problem: "project without project_id") }
                guard let costText = row["cost"], let cost = Amount(parsing: Substring(costText.trimmingCharacters())), cost >= .zero else {
                    throw PabulibError(line: number, problem: "project \(id): cost '\(row["cost"] ?? "")' is not a non-negative number")
                }
                guard projectIndex[id] == nil else { throw PabulibError(line: number, problem: "project \(id) is listed twice") }
                projectIndex[id] = projects.count
                projects.append(Project(id: id, cost: cost, fields: row))
            case .votes:
                let row = record(header, fields)
                guard let voter = row["voter_id"], !voter.isEmpty else { throw PabulibError(line: number, problem: "vote without voter_id") }
                guard voters.insert(voter).inserted else { throw PabulibError(line: number, problem: "voter \(voter) votes twice") }
                let chosen = (row["vote"] ?? "").split(separator: ",").map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
                for id in chosen where projectIndex[id] == nil {
                    throw PabulibError(line: number, problem: "voter \(voter) votes for unknown project \(id)")
                }
                guard Set(chosen).count == chosen.count else {
                    throw PabulibError(line: number, problem: "voter \(voter) names a project twice")
                }
                var points: [Amount]?
                if let text = row["points"], !text.trimmingCharacters().isEmpty {
                    let parsed = text.split(separator: ",").map { Amount(parsing: Substring($0.trimmingCharacters())) }
                    guard parsed.allSatisfy({ $0 != nil }), parsed.count == chosen.count else {
                        throw PabulibError(line: number, problem: "voter \(voter): points must be numbers, one per project voted for")
                    }
                    points = parsed.compactMap { $0 }
                }
                votes.append(Vote(voterID: voter, projects: chosen, points: points, fields: row))
            }
        }
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

    static func record(_ header: [String], _ fields: [String]) -> [String: String] {
        var row: [String: String] = [:]
        for (index, name) in header.enumerated() where index < fields.count {
            row[name] = fields[index]
        }
        return row
    }

    /// Splits on `;` outside double quotes; `""` inside quotes is a quote.
    static func splitFields(_ line: Substring, line number: Int) throws(PabulibError) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { current.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" && current.isEmpty {
                quoted = true
            } else if character == ";" {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        guard !quoted else { throw PabulibError(line: number, problem: "a quoted field is not closed") }
        fields.append(current)
        return fields
    }
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        String(self.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }

    func trimmingTrailingWhitespace() -> Substring {
        var text = Substring(self)
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return text
    }

    /// `1000000,50` → `1000000.50` (Polish decimal comma in a budget).
    func replacingComma() -> String {
        contains(".") ? String(self) : String(self.map { $0 == "," ? "." : $0 })
    }
}
