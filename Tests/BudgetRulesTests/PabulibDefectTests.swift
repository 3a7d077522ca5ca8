import Foundation
import Testing
@testable import BudgetRules

/// The reader reads past the defects of real files the way pabutools does,
/// and says what it read past: one test per kind of defect.
@Suite struct PabulibDefectTests {
    /// A clean approval file; each test breaks it in one place.
    static func file(meta: String = "vote_type;approval", projects: String = "p1;6\np2;5\np3;4", header: String = "voter_id;vote", votes: String)
        -> String
    {
        "META\nkey;value\nbudget;10\n\(meta)\nPROJECTS\nproject_id;cost\n\(projects)\nVOTES\n\(header)\n\(votes)\n"
    }

    func read(_ text: String) throws -> PabulibReading {
        try PabulibReader.readReport(text)
    }

    func only(_ reading: PabulibReading, _ kind: PabulibDefect.Kind) throws -> PabulibDefect {
        let defects = reading.defects.filter { $0.kind == kind }
        #expect(defects.count == 1, "\(reading.defects)")
        return try #require(defects.first)
    }

    // MARK: Ballots

    @Test func aProjectNamedTwiceInAVoteCountsOnce() throws {
        let reading = try read(Self.file(votes: "v1;p1,p2,p1\nv2;p2"))
        #expect(reading.election.votes[0].projects == ["p1", "p2"])
        let defect = try only(reading, .duplicateProjectInVote)
        #expect(defect.line == 12)
        #expect(defect.severity == .warning)
        #expect(defect.vote == 0)
        #expect(defect.message.contains("p1"))
        #expect(try Tally.scores(of: reading.election)["p1"] == Amount(1))
    }

    @Test func aProjectRankedTwiceKeepsItsFirstPlace() throws {
        // pabutools 1.2.3 reads `p3,p1,p3,p2` as the ranking p3, p1, p2.
        let reading = try read(Self.file(meta: "vote_type;ordinal\nmax_length;3", votes: "v1;p3,p1,p3,p2\nv2;p2"))
        #expect(reading.election.votes[0].projects == ["p3", "p1", "p2"])
        #expect(try only(reading, .duplicateProjectInVote).line == 13)
        #expect(!reading.defects.contains { $0.kind == .voteTooLong })
    }

    @Test func aProjectGivenPointsTwiceKeepsTheLastPoints() throws {
        // pabutools 1.2.3 reads `p2,p1,p2` with `1,2,5` as {p2: 5, p1: 2}; the scores are p1 6, p2 5, p3 4.
        let text = Self.file(
            meta: "vote_type;cumulative", projects: "p1;5\np2;5\np3;4", header: "voter_id;vote;points", votes: "v1;p2,p1,p2;1,2,5\nv2;p1;4\nv3;p3;4")
        let reading = try read(text)
        #expect(reading.election.votes[0].projects == ["p2", "p1"])
        #expect(reading.election.votes[0].points == [Amount(5), Amount(2)])
        #expect(try Tally.scores(of: reading.election) == ["p1": Amount(6), "p2": Amount(5), "p3": Amount(4)])
        #expect(try Tally.run(.greedy, on: reading.election).selected == ["p1", "p2"])
        #expect(try only(reading, .duplicateProjectInVote).line == 12)
    }

    @Test func aVoteForAProjectNotListedKeepsTheRestOfTheBallot() throws {
        let reading = try read(Self.file(votes: "v1;p1,p9,p2\nv2;p3"))
        #expect(reading.election.votes[0].projects == ["p1", "p2"])
        let defect = try only(reading, .unknownProjectInVote)
        #expect(defect.line == 12)
        #expect(defect.message.contains("p9"))
        // pabutools cannot read the file; what it would read without p9 is what is counted.
        #expect(reading.election == (try PabulibReader.read(Self.file(votes: "v1;p1,p2\nv2;p3"))))
    }

    @Test func anUnknownProjectTakesItsPointsWithIt() throws {
        let text = Self.file(meta: "vote_type;cumulative", header: "voter_id;vote;points", votes: "v1;p1,p9,p2;3,4,5")
        let vote = try read(text).election.votes[0]
        #expect(vote.projects == ["p1", "p2"])
        #expect(vote.points == [Amount(3), Amount(5)])
    }

    @Test func aVoteLongerThanMaxLengthIsCountedAsCast() throws {
        let reading = try read(Self.file(meta: "vote_type;approval\nmax_length;2", votes: "v1;p1,p2,p3\nv2;p1"))
        #expect(reading.election.votes[0].projects == ["p1", "p2", "p3"])
        let defect = try only(reading, .voteTooLong)
        #expect(defect.line == 13)
        #expect(defect.vote == 0)
    }

    @Test func aVoteShorterThanMinLengthIsCountedAsCast() throws {
        let reading = try read(Self.file(meta: "vote_type;approval\nmin_length;2", votes: "v1;p1,p2\nv2;p3"))
        #expect(reading.election.votes[1].projects == ["p3"])
        #expect(try only(reading, .voteTooShort).line == 14)
    }

    @Test func aVoterWhoVotesTwiceHasBothBallotsCounted() throws {
        let reading = try read(Self.file(votes: "v1;p1\nv2;p2\nv1;p3"))
        #expect(reading.election.votes.map(\.voterID) == ["v1", "v2", "v1"])
        let defect = try only(reading, .duplicateVoter)
        #expect(defect.line == 14)
        #expect(defect.vote == 2)
        #expect(defect.message.contains("line 12"))
    }

    @Test func aCumulativeVoteWithoutPointsIsAnEmptyBallot() throws {
        // pabutools 1.2.3: "if not, the ballot should be empty" (no points column).
        let reading = try read(Self.file(meta: "vote_type;cumulative", votes: "v1;p1,p2\nv2;p3"))
        #expect(reading.election.votes.map(\.projects) == [[], []])
        #expect(reading.defects.filter { $0.kind == .voteWithoutPoints }.map(\.line) == [12, 13])
    }

    // MARK: Projects and META

    @Test func aProjectListedTwiceKeepsItsFirstRow() throws {
        let reading = try read(Self.file(projects: "p1;6\np2;5\np1;1\np3;4", votes: "v1;p1"))
        #expect(reading.election.projects.map(\.id) == ["p1", "p2", "p3"])
        #expect(reading.election.projects[0].cost == Amount(6))
        #expect(try only(reading, .duplicateProject).line == 9)
    }

    @Test func metaCountsThatDisagreeWithTheRowsAreReported() throws {
        let reading = try read(Self.file(meta: "vote_type;approval\nnum_projects;4\nnum_votes;1", votes: "v1;p1\nv2;p2"))
        #expect(try only(reading, .numProjectsMismatch).line == 5)
        #expect(try only(reading, .numVotesMismatch).line == 6)
        #expect(reading.warnings == 2)
        #expect(reading.election.votes.count == 2)
    }

    @Test func aMetaKeyGivenTwiceTakesTheLastValue() throws {
        let reading = try read(Self.file(meta: "vote_type;approval\nbudget;20", votes: "v1;p1"))
        #expect(reading.election.budget == Amount(20))
        #expect(reading.election.meta.filter { $0.key == "budget" }.count == 1)
        #expect(try only(reading, .duplicateMetaKey).line == 5)
    }

    @Test func aLengthLimitThatIsNotANumberIsReportedAndNotChecked() throws {
        let reading = try read(Self.file(meta: "vote_type;approval\nmax_length;two", votes: "v1;p1,p2,p3"))
        #expect(try only(reading, .metaValueNotANumber).line == 5)
        #expect(!reading.defects.contains { $0.kind == .voteTooLong })
    }

    @Test func aMissingVoteTypeReadsApprovalBallots() throws {
        let reading = try read(Self.file(meta: "", votes: "v1;p1"))
        #expect(reading.election.voteType == .approval)
        let defect = try only(reading, .missingVoteType)
        #expect(defect.severity == .note)
        #expect(defect.line == 1)
    }

    @Test func projectsWithoutAVotesOrScoreColumnAreANote() throws {
        let reading = try read(Self.file(votes: "v1;p1"))
        #expect(try only(reading, .missingScoreColumn).line == 6)
        let counted = try read(Self.file(projects: "p1;6;1", votes: "v1;p1").replacingOccurrences(of: "project_id;cost", with: "project_id;cost;votes"))
        #expect(!counted.defects.contains { $0.kind == .missingScoreColumn })
    }

    // MARK: Format variants (notes)

    @Test func aByteOrderMarkIsANote() throws {
        let reading = try read("\u{FEFF}" + Self.file(votes: "v1;p1"))
        #expect(try only(reading, .byteOrderMark).line == 1)
        #expect(reading.election == (try PabulibReader.read(Self.file(votes: "v1;p1"))))
    }

    @Test func crlfLineEndsAreOneNoteForTheFile() throws {
        let text = Self.file(votes: "v1;p1\nv2;p2").replacingOccurrences(of: "\n", with: "\r\n")
        let reading = try read(text)
        let defect = try only(reading, .crlfLineEnds)
        #expect(defect.line == 1)
        #expect(defect.message.contains("and on 12 more lines"))
        #expect(reading.warnings == 0)
    }

    @Test func trailingSeparatorsOnHeadersAndRowsAreIgnored() throws {
        let text = "META;\nkey;value;\nbudget;10;\nvote_type;approval;\nPROJECTS;\nproject_id;cost;votes;\np1;6;1;\np2;5;0\nVOTES\nvoter_id;vote\nv1;p1;\n"
        let reading = try read(text)
        #expect(reading.election == (try PabulibReader.read(Self.file(projects: "p1;6;1\np2;5;0", votes: "v1;p1")
            .replacingOccurrences(of: "project_id;cost", with: "project_id;cost;votes"))))
        let defect = try only(reading, .trailingSeparator)
        #expect(defect.line == 1)
        #expect(defect.message.contains("and on 7 more lines"))
        #expect(reading.election.budget == Amount(10))
    }

    @Test func cellsPastTheHeaderAreIgnoredWithAWarning() throws {
        let reading = try read(Self.file(votes: "v1;p1;extra"))
        #expect(reading.election.votes[0].row.count == 2)
        #expect(try only(reading, .extraCells).line == 12)
    }

    @Test func trailingCommasInAVoteAreSkipped() throws {
        let reading = try read(Self.file(votes: "v1;p1,p2,\nv2;,p3\nv3;"))
        #expect(reading.election.votes.map(\.projects) == [["p1", "p2"], ["p3"], []])
        let defect = try only(reading, .emptyVoteEntry)
        #expect(defect.line == 12)
        #expect(defect.severity == .note)
    }

    @Test func blankLinesAreSkipped() throws {
        let reading = try read("\n" + Self.file(votes: "v1;p1").replacingOccurrences(of: "PROJECTS", with: "\nPROJECTS") + "\n")
        let defect = try only(reading, .blankLine)
        #expect(defect.line == 1)
        #expect(defect.message.contains("and on 2 more lines"))
    }

    // MARK: Limits and the report

    @Test func onlyTheFirstThousandOfAKindAreListed() throws {
        let votes = (1...1_500).map { "v;p\($0 % 3 + 1)" }.joined(separator: "\n")
        let reading = try read(Self.file(votes: votes))
        #expect(reading.election.votes.count == 1_500)
        #expect(reading.defects.count(where: { $0.kind == .duplicateVoter }) == PabulibReading.listedPerKind)
        #expect(reading.unlisted[.duplicateVoter] == 499)
        #expect(reading.warnings == 1_499)
        #expect(reading.defectiveVotes.count == 1_499)
    }

    @Test func everyKindHasAStableKebabCaseName() {
        for kind in PabulibDefect.Kind.allCases {
            #expect(kind.rawValue.allSatisfy { $0.isLowercase || $0 == "-" }, "\(kind)")
        }
        #expect(PabulibDefect.Kind.duplicateProjectInVote.rawValue == "duplicate-project-in-vote")
    }

    @Test func aCleanFileHasNoDefects() throws {
        #expect(try read(PabulibReaderTests.sample).defects.isEmpty)
    }

    // MARK: Agreement with pabutools on defective files

    /// Duplicates counted as separate approvals would give p1 three votes.
    static let duplicates = file(votes: "v1;p1,p1,p1\nv2;p2,p3\nv3;p2,p3\nv4;p2")

    /// BOM, CRLF, trailing `;` on every header and row, blank lines, a trailing
    /// comma, a META key twice, a project listed twice (cost 60, then 10), a
    /// voter twice, a project twice in a vote, a vote past max_length and
    /// num_votes off by one: pabutools 1.2.3 reads it (from a file, which
    /// strips the BOM).
    static let defective = "\u{FEFF}" + """
        META;
        key;value;
        description;defects;
        budget;100;
        vote_type;approval;
        num_projects;3;
        num_votes;4;
        max_length;2;
        budget;100;

        PROJECTS;
        project_id;cost;votes;
        a;60;3;
        b;50;2;
        a;10;1;
        c;40;2;

        VOTES;
        voter_id;vote;
        1;a,b,;
        2;b,c,c;
        3;a,b,c;
        1;c;
        5;a;

        """.replacingOccurrences(of: "\n", with: "\r\n")

    @Test func defectiveFilesCountAsPabutoolsCountsThem() throws {
        // Expected ids from pabutools 1.2.3: method_of_equal_shares(sat_class=Cost_Sat)
        // and greedy_utilitarian_welfare(sat_class=Cost_Sat) on parse_pabulib of each file.
        let duplicates = try PabulibReader.read(Self.duplicates)
        #expect(try Tally.run(.mes, on: duplicates).selected == ["p2"])
        #expect(try Tally.run(.greedy, on: duplicates).selected == ["p2", "p3"])
        let defective = try read(Self.defective)
        #expect(defective.election.votes.map { Set($0.projects) } == [["a", "b"], ["b", "c"], ["a", "b", "c"], ["c"], ["a"]])
        #expect(defective.election.projects.map(\.cost) == [Amount(60), Amount(50), Amount(40)])
        #expect(try Tally.run(.mes, on: defective.election).selected == ["a", "c"])
        #expect(try Tally.run(.greedy, on: defective.election).selected == ["a", "c"])
        let kinds = Set(defective.defects.map(\.kind))
        #expect(kinds == [
            .byteOrderMark, .crlfLineEnds, .trailingSeparator, .blankLine, .emptyVoteEntry, .duplicateMetaKey, .duplicateProject,
            .duplicateVoter, .duplicateProjectInVote, .voteTooLong, .numVotesMismatch,
        ])
        #expect(defective.defects.map(\.line) == defective.defects.map(\.line).sorted())
    }

    @Test func theOutcomeDependsOnADefectiveBallotOnlyIfLeavingItOutChangesIt() throws {
        let reading = try read(Self.defective)
        let dependence = try reading.outcomeDependence(on: .greedy)
        // Ballot 2 (`b,c,c`) and ballot 3 (`a,b,c`, too long), and ballot 4 (voter 1 again).
        #expect(reading.defectiveVotes == [1, 2, 3])
        #expect(dependence.byBallot.count == 3)
        #expect(dependence.remaining == nil)
        for vote in reading.defectiveVotes {
            var without = reading.election
            without.votes.remove(at: vote)
            let changes = try Tally.run(.greedy, on: without).selected != Tally.run(.greedy, on: reading.election).selected
            #expect(dependence.byBallot[vote] == changes)
        }
        let joint = try reading.outcomeDependence(on: .greedy, checkingAlone: 1)
        #expect(joint.byBallot.count == 1)
        #expect(joint.remaining?.ballots == 2)
    }

    @Test(.enabled(if: SharedData.isPresent), arguments: SharedData.files)
    func everySharedFileReadsWithoutWarnings(_ name: String) throws {
        let data = try Data(contentsOf: SharedData.folder.appendingPathComponent(name))
        let reading = try PabulibReader.readReport(bytes: Array(data))
        #expect(reading.warnings == 0, "\(reading.defects)")
        #expect(Set(reading.defects.map(\.kind)).isSubset(of: [.crlfLineEnds]))
    }
}
