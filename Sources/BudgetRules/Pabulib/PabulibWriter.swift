/// Writes an election in the Pabulib format; `read(write(e)) == e`.
public enum PabulibWriter {
    public static func write(_ election: Election) -> String {
        var out = "META\nkey;value\n"
        for entry in election.meta {
            out += field(entry.key) + ";" + field(entry.value) + "\n"
        }
        out += "PROJECTS\n" + election.projectColumns.joined(separator: ";") + "\n"
        for project in election.projects {
            out += election.projectColumns.map { field(project.fields[$0] ?? "") }.joined(separator: ";") + "\n"
        }
        out += "VOTES\n" + election.voteColumns.joined(separator: ";") + "\n"
        for vote in election.votes {
            out += election.voteColumns.enumerated().map { index, column -> String in
                switch column {
                case "voter_id": return field(vote.voterID)
                case "vote": return field(vote.projects.joined(separator: ","))
                case "points": return field(vote.points.map { $0.map(\.description).joined(separator: ",") } ?? "")
                default: return field(index < vote.row.count ? vote.row[index] : "")
                }
            }.joined(separator: ";") + "\n"
        }
        return out
    }

    static func field(_ text: String) -> String {
        guard text.contains(";") || text.contains("\"") || text.contains("\n") else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import Foundation
