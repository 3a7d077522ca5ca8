import Foundation
import HromadaDomain
import Testing
@testable import Strategy

/// A strategy's tree to a spreadsheet and back: export writes what import
/// reads exactly, and an import is an upsert on ids that stores all of a
/// file or none of it, naming every fault at its line and column.
@Suite struct StrategyCSVTests {
    typealias Problem = StrategyImport.Problem

    // MARK: Fixture

    /// A goal → objective → measure → project chain, a second goal, and an indicator on the objective.
    static func tree() throws -> StrategyTree {
        let nodes = [
            StrategyNode(id: "G1", parent: nil, level: .goal, code: "1", title: .init(uk: "Економіка", en: "Economy")),
            StrategyNode(id: "O1", parent: "G1", level: .objective, code: "1.1", title: .init(uk: "Малий бізнес", en: "Small business")),
            StrategyNode(id: "M1", parent: "O1", level: .measure, title: .init(uk: "Гранти", en: "Grants"), planned: Money(hryvnias: 1_000_000)),
            StrategyNode(id: "P1", parent: "M1", level: .project, title: .init(uk: "Хаб", en: "Hub"), status: .inProgress),
            StrategyNode(id: "G2", parent: nil, level: .goal, code: "2", title: .init(uk: "Довкілля", en: "Environment")),
        ]
        let indicator = StrategyIndicator(
            id: "I1", node: "O1", name: .init(uk: "Кількість ФОП", en: "Sole traders"), unit: .init(uk: "осіб", en: "people"), direction: .higher,
            baseline: .init(year: 2020, value: 1_000), targets: [.init(year: 2025, value: 1_500), .init(year: 2027, value: 2_000)],
            actuals: [.init(year: 2024, value: 1_200, source: "Держстат", date: CalendarDate(year: 2025, month: 3, day: 1))])
        return try StrategyTree.make(nodes: nodes, indicators: [indicator])
    }

    static func apply(_ file: StrategyCSV.File, _ text: String, to tree: StrategyTree) throws -> StrategyImport.Outcome {
        try StrategyImport(file, bytes: Data(text.utf8)).apply(to: tree)
    }

    /// The faults of a file that must be refused.
    static func problems(_ file: StrategyCSV.File, _ text: String, to tree: StrategyTree) -> [Problem] {
        do throws(StrategyImport.Failure) {
            _ = try StrategyImport(file, bytes: Data(text.utf8)).apply(to: tree)
            Issue.record("the file was accepted")
            return []
        } catch {
            return error.problems
        }
    }

    static func roundTrip(_ tree: StrategyTree, into base: StrategyTree, separator: Character = ",", spreadsheet: Bool = false) throws
        -> (nodes: StrategyImport.Outcome, indicators: StrategyImport.Outcome)
    {
        func bytes(_ rows: [[String]]) -> Data {
            TestCSV.data(spreadsheet ? rows.map(Self.asExcelWrites(header: rows[0])) : rows, separator: separator)
        }
        let nodes = try StrategyImport(.nodes, bytes: bytes(StrategyCSV.nodes(of: tree))).apply(to: base)
        let indicators = try StrategyImport(.indicators, bytes: bytes(StrategyCSV.indicators(of: tree))).apply(to: nodes.tree)
        return (nodes, indicators)
    }

    /// Numbers as a Ukrainian Excel saves them: a decimal comma, money grouped by spaces.
    static func asExcelWrites(header: [String]) -> ([String]) -> [String] {
        { row in
            guard row != header else { return row }
            return zip(header, row).map { column, cell in
                switch column {
                case "planned_uah", "spent_uah":
                    let parts = cell.split(separator: ".")
                    let whole = Array(parts[0])
                    let grouped = whole.enumerated().map { index, digit in (index > 0 && (whole.count - index) % 3 == 0 ? " " : "") + String(digit) }.joined()
                    return grouped + (parts.count > 1 ? "," + parts[1] : "")
                case "weight", "baseline_value", "target", "actual": return cell.replacingOccurrences(of: ".", with: ",")
                default: return cell
                }
            }
        }
    }

    // MARK: The key property

    @Test(arguments: 1...24 as ClosedRange<UInt64>)
    func importingTheExportIntoTheSameTreeChangesNothing(seed: UInt64) throws {
        var generator = StrategyTreeGenerator(seed: seed)
        let tree = try generator.tree(nodes: 40, indicators: 25)
        let outcome = try Self.roundTrip(tree, into: tree)
        #expect(outcome.nodes.tree == tree)
        #expect(outcome.indicators.tree == tree)
        let changed = (outcome.nodes.changes + outcome.indicators.changes).filter { $0.effect != .unchanged }
        #expect(changed.isEmpty, "seed \(seed)")
        #expect(outcome.nodes.changes.count == tree.nodes.count && outcome.indicators.changes.count == tree.indicators.count)
    }

    @Test(arguments: 1...24 as ClosedRange<UInt64>)
    func importingTheExportIntoAnEmptyTreeMakesTheSameTree(seed: UInt64) throws {
        var generator = StrategyTreeGenerator(seed: seed)
        let tree = try generator.tree(nodes: 40, indicators: 25)
        let outcome = try Self.roundTrip(tree, into: .empty)
        #expect(outcome.indicators.tree == tree, "seed \(seed)")
        #expect((outcome.nodes.changes + outcome.indicators.changes).allSatisfy { $0.effect == .added })
    }

    /// The two properties above hold only as far as the trees try them.
    @Test func theGeneratedTreesHoldTheHardCases() throws {
        var nodes: [StrategyNode] = [], indicators: [StrategyIndicator] = []
        for seed in 1...24 as ClosedRange<UInt64> {
            var generator = StrategyTreeGenerator(seed: seed)
            let tree = try generator.tree(nodes: 40, indicators: 25)
            nodes += tree.nodes
            indicators += tree.indicators
        }
        let titles = nodes.map(\.title.uk) + nodes.map(\.description.en)
        for start in ["=", "-", "+", "@", "'=", "''-", "'a"] { #expect(titles.contains { $0.hasPrefix(start) }, "a text starting with \(start)") }
        for piece in [",", ";", "\"", "\n", "\r\n", "ї", "\t"] { #expect(titles.contains { $0.contains(piece) }, "a text with \(piece)") }
        #expect(nodes.contains { $0.planned == Money.ceiling } && nodes.contains { $0.spent.kopiyky % 100 != 0 })
        #expect(nodes.contains { $0.weight == Weight(thousandths: 125) } && nodes.contains { $0.id.hasPrefix("-") })
        #expect(nodes.contains { node in nodes.firstIndex { $0.id == node.parent } ?? -1 > nodes.firstIndex { $0.id == node.id } ?? 0 })
        let values = indicators.flatMap { [$0.baseline.value] + $0.targets.map(\.value) + $0.actuals.map(\.value) }
        #expect(values.contains { $0 < 0 && $0 != $0.rounded() } && values.contains(0.00001) && values.contains(-1e13))
    }

    @Test(arguments: 1...8 as ClosedRange<UInt64>)
    func semicolonFilesWithDecimalCommasReadTheSame(seed: UInt64) throws {
        var generator = StrategyTreeGenerator(seed: seed)
        let tree = try generator.tree(nodes: 30, indicators: 20)
        let outcome = try Self.roundTrip(tree, into: .empty, separator: ";", spreadsheet: true)
        #expect(outcome.indicators.tree == tree, "seed \(seed)")
    }

    @Test func aSpreadsheetsOwnNumbersReadAsTheirValues() throws {
        let file = """
            id;level;title_uk;planned_uah;weight
            G3;goal;Туризм;12 500 000,50;0,125
            """
        let node = try #require(try Self.apply(.nodes, file, to: .empty).tree.nodes.first)
        #expect(node.planned == Money(kopiyky: 1_250_000_050))
        #expect(node.weight == Weight(thousandths: 125))
    }

    @Test func numbersAreWrittenSoTheyReadBackExactly() {
        #expect(MeasuredValue.format(0.00001) == "0.00001")
        #expect(MeasuredValue.parse(MeasuredValue.format(-0.000015)) == -0.000015)
        #expect(MeasuredValue.format(12.5) == "12.5" && MeasuredValue.format(-3) == "-3")
        #expect(StrategyCSV.hryvnias(Money(kopiyky: 1_250_000_050)) == "12500000.50")
        #expect(StrategyCSV.hryvnias(Money(kopiyky: 1_250_000_000)) == "12500000")
        #expect(StrategyCSV.hryvnias(Money(kopiyky: 7)) == "0.07")
    }

    // MARK: Export

    @Test func anIndicatorHasARowPerYearItHasATargetOrAnActualFor() throws {
        let rows = StrategyCSV.indicators(of: try Self.tree())
        #expect(rows[0] == StrategyCSV.indicatorColumns)
        let year = try #require(rows[0].firstIndex(of: "year")), target = try #require(rows[0].firstIndex(of: "target"))
        let actual = try #require(rows[0].firstIndex(of: "actual")), source = try #require(rows[0].firstIndex(of: "source"))
        #expect(rows.dropFirst().map { [$0[year], $0[target], $0[actual], $0[source]] } == [
            ["2024", "", "1200", "Держстат"], ["2025", "1500", "", ""], ["2027", "2000", "", ""],
        ])
    }

    @Test func anIndicatorWithoutYearsHasOneRowWithTheYearEmpty() throws {
        let bare = StrategyIndicator(
            id: "I2", node: "G1", name: .init(uk: "Бал", en: ""), unit: .init(uk: "", en: ""), direction: .lower, baseline: .init(year: 2021, value: 3),
            targets: [])
        let tree = try StrategyTree.make(nodes: try Self.tree().nodes, indicators: [bare])
        let rows = StrategyCSV.indicators(of: tree)
        #expect(rows.count == 2 && rows[1][StrategyCSV.indicatorColumns.firstIndex(of: "year") ?? 0] == "")
    }

    @Test func aTextThatStartsWithApostrophesAndAFormulaSignReadsBackWhole() {
        #expect(StrategyCSV.exported("'=x") == "''=x" && StrategyCSV.imported("''=x") == "'=x")
        #expect(StrategyCSV.exported("=x") == "=x" && StrategyCSV.imported("'=x") == "=x", "the platform's writer adds the one apostrophe")
        #expect(StrategyCSV.imported("'apostrophe") == "'apostrophe" && StrategyCSV.imported("'-5") == "-5")
    }

    // MARK: Import rules

    @Test func aBadRowRefusesTheWholeFileAndListsEveryBadRow() throws {
        let file = """
            id,level,title_uk,start,planned_uah
            G3,goal,Туризм,2026-01-01,100
            G4,aim,Спорт,,
            G5,goal,Освіта,2026-13-01,12.345
            G6,goal,Культура,,
            """
        #expect(Self.problems(.nodes, file, to: try Self.tree()) == [
            Problem(line: 3, column: "level", reason: .notInList),
            Problem(line: 4, column: "start", reason: .notADate),
            Problem(line: 4, column: "planned_uah", reason: .notANumber),
        ])
    }

    @Test func rowProblemsAndPlacementProblemsAreListedTogether() throws {
        let file = """
            id,parent,level,title_uk,start
            X1,G1,measure,Заходи,2026-99-01
            X2,,goal,,
            X3,NOPE,objective,Ціль,
            """
        #expect(Self.problems(.nodes, file, to: try Self.tree()) == [
            Problem(line: 2, column: "parent", reason: .misplaced), Problem(line: 2, column: "start", reason: .notADate),
            Problem(line: 3, column: "title_uk", reason: .missing),
            Problem(line: 4, column: "parent", reason: .unknown),
        ])
    }

    @Test func aChangedValueShowsUpAsOneChange() throws {
        let tree = try Self.tree()
        var rows = StrategyCSV.nodes(of: tree)
        let column = try #require(rows[0].firstIndex(of: "title_en"))
        rows[2][column] = "Small and medium business"
        let outcome = try StrategyImport(.nodes, bytes: TestCSV.data(rows)).apply(to: tree)
        #expect(outcome.changes.map(\.effect) == [.unchanged, .changed(["title_en"]), .unchanged, .unchanged, .unchanged])
        #expect(outcome.tree.nodes[1].title.en == "Small and medium business" && outcome.tree.nodes[1].title.uk == "Малий бізнес")

        var indicatorRows = StrategyCSV.indicators(of: tree)
        let target = try #require(indicatorRows[0].firstIndex(of: "target"))
        indicatorRows[2][target] = "1 600"
        let indicators = try StrategyImport(.indicators, bytes: TestCSV.data(indicatorRows)).apply(to: tree)
        #expect(indicators.changes == [StrategyImport.Change(id: "I1", effect: .changed(["target.2025"]))])
        #expect(indicators.tree.indicators[0].target(in: 2025) == 1_600)
    }

    @Test func anUnknownColumnIsRefusedByName() throws {
        #expect(Self.problems(.nodes, "id,level,title_uk,colour\nG3,goal,Туризм,red\n", to: try Self.tree()) == [
            Problem(line: 1, column: "colour", reason: .unknownColumn)
        ])
    }

    @Test func aMissingRequiredColumnIsRefused() throws {
        #expect(Self.problems(.nodes, "id,level\nG3,goal\n", to: try Self.tree()) == [Problem(line: 1, column: "title_uk", reason: .missingColumn)])
        #expect(Self.problems(.indicators, "id,node,name_uk,direction,baseline_year\nI2,G1,Бал,higher,2020\n", to: try Self.tree()) == [
            Problem(line: 1, column: "baseline_value", reason: .missingColumn)
        ])
        #expect(Self.problems(.nodes, "id,level,title_uk,level\n", to: try Self.tree()) == [Problem(line: 1, column: "level", reason: .duplicate)])
    }

    @Test func aNodeUnderAParentOfTheWrongLevelIsRefusedAtItsRow() throws {
        let file = """
            id,parent,level,title_uk
            G3,,goal,Туризм
            M9,G3,measure,Фестиваль
            """
        #expect(Self.problems(.nodes, file, to: try Self.tree()) == [Problem(line: 3, column: "parent", reason: .misplaced)])
        #expect(Self.problems(.nodes, "id,level,title_uk\nO9,objective,Без цілі\n", to: .empty) == [
            Problem(line: 2, column: "level", reason: .missing)
        ], "an objective needs a parent; without the parent column the level is at fault")
    }

    @Test func aNewLevelThatStrandsChildrenIsRefusedAtThatRow() throws {
        // O1 becomes a goal: its measure M1, which the file leaves alone, would hang under a goal.
        #expect(Self.problems(.nodes, "id,parent,level,title_uk\nO1,,goal,Малий бізнес\n", to: try Self.tree()) == [
            Problem(line: 2, column: "level", reason: .hasChildren)
        ])
    }

    @Test func aTreeHoldsAtMostItsLimitOfNodes() {
        let file = "id,level,title_uk\n" + (0...StrategyTree.maxNodes).map { "G\($0),goal,Ціль \($0)\n" }.joined()
        #expect(Self.problems(.nodes, file, to: .empty) == [Problem(line: StrategyTree.maxNodes + 2, column: nil, reason: .tooMany)])
    }

    @Test func theSameIdTwiceIsRefusedAtTheSecondRow() throws {
        #expect(Self.problems(.nodes, "id,level,title_uk\nG3,goal,A\nG3,goal,B\n", to: .empty) == [Problem(line: 3, column: "id", reason: .duplicate)])
        #expect(Self.problems(.nodes, "id,level,title_uk\nG 3,goal,A\n,goal,B\n", to: .empty) == [
            Problem(line: 2, column: "id", reason: .malformed), Problem(line: 3, column: "id", reason: .missing),
        ])
    }

    @Test func aRowWithTheWrongNumberOfCellsIsListedWithTheOthers() throws {
        #expect(Self.problems(.nodes, "id,level,title_uk\nG3,goal\nG4,goal,B,extra\nG5,nope,C\n", to: .empty) == [
            Problem(line: 2, column: nil, reason: .wrongNumberOfFields), Problem(line: 3, column: nil, reason: .wrongNumberOfFields),
            Problem(line: 4, column: "level", reason: .notInList),
        ])
    }

    @Test func anImportAddsAndChangesButNeverDeletes() throws {
        let tree = try Self.tree()
        let file = """
            id,parent,level,title_uk,status
            N2,G2,objective,Чисте повітря,
            G2,,goal,Довкілля і клімат,done
            N1,G2,objective,Вода,in_progress
            """
        let outcome = try Self.apply(.nodes, file, to: tree)
        #expect(outcome.tree.nodes.map(\.id) == ["G1", "O1", "M1", "P1", "G2", "N2", "N1"], "new nodes after the tree's, in the file's order")
        #expect(outcome.changes.map(\.effect) == [.added, .changed(["title_uk", "status"]), .added])
        let goal = try #require(outcome.tree.nodes.first { $0.id == "G2" })
        #expect(goal.code == "2" && goal.title.en == "Environment", "columns left out keep their values")
        let added = try #require(outcome.tree.nodes.first { $0.id == "N2" })
        #expect(added.status == .planned && added.weight == .one && added.title.en == "Чисте повітря", "a new node's defaults")
        #expect(outcome.tree.indicators == tree.indicators)
    }

    @Test func moneyIsReadWithinTheCeilingAndNeverTraps() throws {
        let accepted: [(String, Int64)] = [
            ("12 500 000,50", 1_250_000_050), ("0,5", 50), ("7.05", 705), ("", 0), ("000012", 1_200),
            ("10000000000000", Money.ceiling.kopiyky), ("10\u{00A0}000", 1_000_000),
        ]
        for (text, kopiyky) in accepted { #expect(try StrategyCell.money(text) == Money(kopiyky: kopiyky), "\(text)") }
        let refused: [(String, StrategyImport.Reason)] = [
            ("10000000000000,01", .outOfRange), ("99999999999999999999999999", .outOfRange), ("-1", .outOfRange), ("1.234", .notANumber),
            ("1,2,3", .notANumber), ("abc", .notANumber), ("1e5", .notANumber), (",5", .notANumber), ("5.", .notANumber), ("١٢", .notANumber),
        ]
        for (text, reason) in refused { #expect(throws: reason, "\(text)") { try StrategyCell.money(text) } }
        #expect(Self.problems(.nodes, "id,level,title_uk,spent_uah\nG3,goal,A,100000000000000\n", to: .empty) == [
            Problem(line: 2, column: "spent_uah", reason: .outOfRange)
        ])
    }

    @Test func otherNumbersAreRangeCheckedBeforeUse() throws {
        let file = """
            id,level,title_uk,reported_progress,weight,start,end,links
            G3,goal,A,101,1001,2026-05-01,2026-04-01,petition:1
            G4,goal,B,99999999999999999999,0.0001,,,ballot:3
            G5,goal,C,5.5,abc,1900-01-01,,petition:1 petition:1
            """
        #expect(Self.problems(.nodes, file, to: .empty) == [
            Problem(line: 2, column: "end", reason: .outOfRange), Problem(line: 2, column: "reported_progress", reason: .outOfRange),
            Problem(line: 2, column: "weight", reason: .outOfRange),
            Problem(line: 3, column: "reported_progress", reason: .outOfRange), Problem(line: 3, column: "weight", reason: .outOfRange),
            Problem(line: 3, column: "links", reason: .notInList),
            Problem(line: 4, column: "reported_progress", reason: .notANumber), Problem(line: 4, column: "weight", reason: .notANumber),
            Problem(line: 4, column: "start", reason: .outOfRange), Problem(line: 4, column: "links", reason: .duplicate),
        ].sorted { ($0.line ?? 0, Self.order($0)) < ($1.line ?? 0, Self.order($1)) })
    }

    static func order(_ problem: Problem) -> Int {
        ["id", "level", "title_uk", "reported_progress", "weight", "start", "end", "links"].firstIndex(of: problem.column ?? "") ?? -1
    }

    @Test func linksAreKindAndIdPairsBetweenSpacesOrSemicolons() throws {
        let links = try StrategyCell.links("budget_project:abc;petition:xyz  auction_lot:7")
        #expect(links == [.init(kind: .budgetProject, id: "abc"), .init(kind: .petition, id: "xyz"), .init(kind: .auctionLot, id: "7")])
        #expect(throws: StrategyImport.Reason.malformed) { try StrategyCell.links("petition") }
        #expect(throws: StrategyImport.Reason.malformed) { try StrategyCell.links("petition:") }
    }

    // MARK: Indicators

    static let indicatorHeader = "id,node,name_uk,direction,baseline_year,baseline_value,year,target,actual,source\n"

    @Test func aConflictingRepeatedIndicatorDefinitionIsRefusedAtItsRowAndColumn() throws {
        let file = Self.indicatorHeader + """
            I2,G1,Туристи,higher,2020,"1 000",2025,2000,,
            I2,G1,Туристи,higher,2020,"1000,0",2026,3000,,
            I2,G2,Туристи,lower,2020,1000,2027,4000,,
            """
        #expect(Self.problems(.indicators, file, to: try Self.tree()) == [
            Problem(line: 4, column: "node", reason: .conflictingDefinition), Problem(line: 4, column: "direction", reason: .conflictingDefinition),
        ], "1 000 and 1000,0 are the same number")
    }

    @Test func yearsTheFileLeavesOutKeepTheirValuesAndAnEmptyCellClearsOne() throws {
        let file = Self.indicatorHeader + """
            I1,O1,Кількість ФОП,higher,2020,1000,2025,,1300,Податкова
            I1,O1,Кількість ФОП,higher,2020,1000,2028,2500,,
            """
        let outcome = try Self.apply(.indicators, file, to: try Self.tree())
        let indicator = try #require(outcome.tree.indicators.first)
        #expect(indicator.targets.map(\.year) == [2027, 2028], "2025's target cleared, 2027's kept, 2028's added")
        #expect(indicator.actuals.map(\.year) == [2024, 2025])
        #expect(indicator.name.en == "Sole traders" && indicator.unit.uk == "осіб")
        #expect(outcome.changes == [.init(id: "I1", effect: .changed(["target.2025", "actual.2025", "target.2028"]))])
    }

    @Test func anActualNeedsASourceAndAValueNeedsAYear() throws {
        let file = Self.indicatorHeader + """
            I2,G1,Туристи,higher,2020,1000,2024,,1100,
            I2,G1,Туристи,higher,2020,1000,,1500,,
            I2,G1,Туристи,higher,2020,1000,2024,,,
            I2,G1,Туристи,higher,2020,1000,2020,5,,
            """
        #expect(Self.problems(.indicators, file, to: try Self.tree()) == [
            Problem(line: 2, column: "source", reason: .missing), Problem(line: 3, column: "year", reason: .missing),
            Problem(line: 4, column: "year", reason: .duplicate), Problem(line: 5, column: "target", reason: .outOfRange),
        ])
    }

    @Test func anIndicatorOnANodeNotInTheTreeIsRefusedAtItsNodeColumn() throws {
        let file = Self.indicatorHeader + "I2,NOPE,Туристи,higher,2020,1000,,,,\nI3,G1,Бал,sideways,20x0,,,,,\n"
        #expect(Self.problems(.indicators, file, to: try Self.tree()) == [
            Problem(line: 2, column: "node", reason: .unknown), Problem(line: 3, column: "direction", reason: .notInList),
            Problem(line: 3, column: "baseline_year", reason: .notANumber), Problem(line: 3, column: "baseline_value", reason: .missing),
        ])
    }

    @Test func aBaselineMovedPastAKeptTargetIsRefusedAtTheBaseline() throws {
        // I1 keeps its 2025 target (the file does not give 2025), which a 2026 baseline rules out.
        let file = Self.indicatorHeader + "I1,O1,Кількість ФОП,higher,2026,1000,,,,\n"
        #expect(Self.problems(.indicators, file, to: try Self.tree()) == [Problem(line: 2, column: "baseline_year", reason: .outOfRange)])
    }

    // MARK: The file

    @Test func anUnreadableFileIsRefusedAsAWhole() {
        #expect(Self.problems(.nodes, "", to: .empty) == [Problem(line: nil, column: nil, reason: .empty)])
        #expect(Self.problems(.nodes, "id,level,title_uk\nG3,goal,\"open\n", to: .empty) == [Problem(line: 2, column: nil, reason: .unclosedQuote)])
        do throws(StrategyImport.Failure) {
            _ = try StrategyImport(.nodes, bytes: Data([0xFF, 0xFE, 0x00]))
            Issue.record("accepted")
        } catch {
            #expect(error.problems == [Problem(line: nil, column: nil, reason: .notText)])
        }
    }
}
