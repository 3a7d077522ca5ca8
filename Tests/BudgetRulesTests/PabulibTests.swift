import Foundation
import Testing
@testable import BudgetRules

@Suite struct PabulibReaderTests {
    static let sample = #"""
        META
        key;value
        description;"Тест; з крапкою з комою"
        budget;1000
        vote_type;approval
        rule;greedy
        PROJECTS
        project_id;cost;votes;name;extra
        p1;600;2;"Парк ""Дружба""";x
        p2;500;2;Сквер;y
        p3;400;1;Ліхтарі
        VOTES
        voter_id;vote;age
        v1;p1,p2;30
        v2;p2,p1;41
        v3;p3
        """#

    @Test func readsMetaProjectsVotesAndKeepsEveryMetaKey() throws {
        let election = try PabulibReader.read(Self.sample)
        #expect(election.meta.map(\.key) == ["description", "budget", "vote_type", "rule"])
        #expect(election.metaValue("description") == "Тест; з крапкою з комою")
        #expect(election.projects.map(\.id) == ["p1", "p2", "p3"])
        #expect(election.projects[0].fields["name"] == "Парк \"Дружба\"")
        #expect(election.projects[2].fields["extra"] == nil)
        #expect(election.votes.count == 3)
        #expect(election.votes[1].projects == ["p2", "p1"])
        #expect(election.votes[0].field("age", in: election) == "30")
        #expect(election.votes[0].voterID == "v1")
        #expect(election.budget == Amount(1000))
    }

    @Test func crlfAndByteOrderMarkReadTheSame() throws {
        let crlf = "\u{FEFF}" + Self.sample.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try PabulibReader.read(crlf) == PabulibReader.read(Self.sample))
    }

    @Test func writeThenReadGivesTheSameElection() throws {
        let election = try PabulibReader.read(Self.sample)
        #expect(try PabulibReader.read(PabulibWriter.write(election)) == election)
    }

    @Test(arguments: [
        ("PROJECTS\nproject_id;cost\np1;10\nVOTES\nvoter_id;vote\nv1;p1\n", "no META section"),
        ("META\nkey;value\nbudget;10\nVOTES\nvoter_id;vote\nv1;p1\n", "no PROJECTS section"),
        ("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;10\n", "no VOTES section"),
        ("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;ten\nVOTES\nvoter_id;vote\n", "line 6: project p1: cost 'ten' is not a non-negative number"),
        ("META\nkey;value\nvote_type;approval\nPROJECTS\nproject_id;cost\np1;10\nVOTES\nvoter_id;vote\n", "META has no budget"),
        ("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;\"10\nVOTES\nvoter_id;vote\n", "line 6: a quoted field is not closed"),
    ])
    func malformedFileIsExplainedByLine(_ text: String, _ message: String) {
        #expect(throws: PabulibError.self) { try PabulibReader.read(text) }
        do {
            _ = try PabulibReader.read(text)
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    /// These were refused before; pabutools reads past them, and so does the reader now.
    @Test(arguments: [
        ("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;10\nVOTES\nvoter_id;vote\nv1;p9\n", 9, PabulibDefect.Kind.unknownProjectInVote),
        ("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;10\nVOTES\nvoter_id;vote\nv1;p1\nv1;p1\n", 10, .duplicateVoter),
        ("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;10\nVOTES\nvoter_id;vote\nv1;p1,p1\n", 9, .duplicateProjectInVote),
        ("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;10\np1;20\nVOTES\nvoter_id;vote\nv1;p1\n", 7, .duplicateProject),
    ])
    func defectsOnceRefusedAreReadAndReportedByLine(_ text: String, _ line: Int, _ kind: PabulibDefect.Kind) throws {
        let reading = try PabulibReader.readReport(text)
        #expect(reading.defects.filter { $0.severity == .warning }.map(\.line) == [line])
        #expect(reading.defects.contains { $0.kind == kind && $0.line == line })
    }

    @Test(.enabled(if: SharedData.isPresent), arguments: SharedData.files)
    func everyRealFileReadsAndRoundTrips(_ name: String) throws {
        let election = try SharedData.election(name)
        #expect(!election.projects.isEmpty)
        #expect(!election.votes.isEmpty)
        #expect(try PabulibReader.read(PabulibWriter.write(election)) == election)
    }

    @Test(.enabled(if: SharedData.isPresent))
    func allFiveVoteTypesAreRead() throws {
        let types = Set(try SharedData.files.map { try SharedData.election($0).voteType })
        #expect(types.isSuperset(of: [.approval, .chooseOne, .cumulative, .ordinal]))
    }

    @Test func rulesForApprovalRefuseOtherBallotsWithAReason() throws {
        let cumulative = Self.sample.replacingOccurrences(of: "vote_type;approval", with: "vote_type;cumulative")
        let election = try PabulibReader.read(cumulative)
        #expect(throws: RuleError.unsupportedVoteType(rule: "mes", voteType: .cumulative)) { try Tally.run(.mes, on: election) }
    }

    @Test func ballotRowsKeepEveryCellThroughTheCompactStorage() throws {
        var vote = Vote(voterID: "v1", projects: ["p1"], points: nil, row: ["", "", "a\u{1F}b", "", "Вінниця"])
        #expect(vote.row == ["", "", "a\u{1F}b", "", "Вінниця"])
        vote.row = ["", "", "30", ""]
        #expect(vote.row == ["", "", "30", ""])
        vote.projects = ["p2", "p1"]
        #expect(vote.projects == ["p2", "p1"])
    }

    @Test func editingTheProjectListAfterReadingKeepsBallotsOnTheirProjects() throws {
        var election = try PabulibReader.read(Self.sample)
        let before = try Tally.scores(of: election)
        election.projects.reverse()
        #expect(try Tally.scores(of: election) == before)
        #expect(election.votes[1].projects == ["p2", "p1"])
    }

    @Test func byteKeyTableFindsEachKeyAndReturnsTheValueItReplaces() {
        var table = ByteKeyTable()
        func update(_ key: String, _ value: Int) -> Int? {
            var key = key
            return key.withUTF8 { table.updateValue(value, for: $0) }
        }
        func value(_ key: String) -> Int? {
            var key = key
            return key.withUTF8 { table.value(for: $0) }
        }
        // Past several doublings, with keys of every length around a word.
        let keys = (0..<5000).map { "voter-\($0)" + String(repeating: "x", count: $0 % 19) }
        for (index, key) in keys.enumerated() { #expect(update(key, index) == nil) }
        #expect(table.count == keys.count)
        for (index, key) in keys.enumerated() where index % 7 == 0 { #expect(value(key) == index) }
        #expect(update(keys[42], -1) == 42)
        #expect(value(keys[42]) == -1)
        #expect(value("") == nil && value("voter-") == nil && value("voter-2x") == nil)
        #expect(update("", 9) == nil && value("") == 9)
    }

    @Test func voterRegistryFindsARepeatedVoterInOrderOrNot() {
        var registry = VoterRegistry()
        func record(_ id: String, _ line: Int) -> Int? {
            var id = id
            return id.withUTF8 { registry.record($0, line: line) }
        }
        // In increasing order (shorter first, so 9 before 10) nothing repeats.
        for (line, id) in ["1", "2", "9", "10", "11", "a1"].enumerated() { #expect(record(id, line + 1) == nil) }
        // Out of order: every earlier id is still known, with its line.
        #expect(record("10", 7) == 4)
        #expect(record("3", 8) == nil)
        #expect(record("a1", 9) == 6)
        #expect(record("10", 10) == 7)
        var equal = VoterRegistry()
        #expect(equal.record(UnsafeBufferPointer(start: nil, count: 0), line: 1) == nil)
        #expect(equal.record(UnsafeBufferPointer(start: nil, count: 0), line: 2) == 1)
    }

    @Test func aNumVotesBeyondTheFileReservesNoMoreThanTheFileCanHold() throws {
        let text = "META\nkey;value\nbudget;10\nnum_votes;999999999999999999\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvoter_id;vote\nv1;p1\n"
        let reading = try PabulibReader.readReport(text)
        #expect(reading.election.votes.count == 1)
        #expect(reading.defects.map(\.kind).contains(.numVotesMismatch))
    }

    @Test func ballotIdsAreMatchedAsReadWhateverTheirBytes() throws {
        // A project id with a byte that is not UTF-8 is read with it repaired;
        // a ballot naming it the same way finds it. Quoted cells, a `;` inside
        // quotes and an unknown id are read as before the byte-level reader.
        var bytes = Array("META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n".utf8)
        bytes += [0xFF] + Array("1;4\n\"p;2\";5\nVOTES\nvoter_id;vote;note\n".utf8)
        bytes += Array("v1;\"".utf8) + [0xFF] + Array("1,p;2\";a\u{1F}b\n\"v2\";\"p;2\",zz;\"q\"\"\"\n".utf8)
        let reading = try PabulibReader.readReport(bytes: bytes)
        let election = reading.election
        #expect(election.projects.map(\.id) == ["\u{FFFD}1", "p;2"])
        #expect(election.votes.map(\.projects) == [["\u{FFFD}1", "p;2"], ["p;2"]])
        #expect(election.votes.map(\.voterID) == ["v1", "v2"])
        #expect(election.votes.map(\.row) == [["", "", "a\u{1F}b"], ["", "", "q\""]])
        #expect(reading.defects.filter { $0.severity == .warning }.map(\.kind) == [.unknownProjectInVote])
    }

    @Test func amountsAreExactDecimals() throws {
        #expect(Amount(parsing: "2500.50")?.description == "2500.5")
        #expect(Amount(parsing: "0.1")! + Amount(parsing: "0.2")! == Amount(parsing: "0.3")!)
        #expect(Amount(parsing: "1e3") == nil)
    }
}
