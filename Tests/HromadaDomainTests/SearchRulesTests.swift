import Foundation
import Testing
@testable import HromadaDomain
@testable import Budgets
@testable import Petitions

/// The city search's rules: how a text is indexed and a query read, and
/// what of each module's things the index may hold.
@Suite struct SearchRulesTests {
    @Test func anApostropheWithinAWordIsTheUkrainianOneHoweverItWasTyped() {
        #expect(SearchTerms.indexed("М'ясо, м’ясо і мʼясо") == "Мʼясо, мʼясо і мʼясо")
        // Quotes around words stay quotes.
        #expect(SearchTerms.indexed("'парк' і `сквер`") == "'парк' і `сквер`")
        #expect(SearchTerms("м'ясний").prefixes == SearchTerms("мʼясний").prefixes)
        #expect(SearchTerms("м’ясний").prefixes == ["мʼясн"])
    }

    @Test func aQueryBecomesWordPrefixesAndNeverSyntax() {
        #expect(SearchTerms("Пандусів до шкіл!").prefixes == ["пандус", "шкіл"])
        #expect(SearchTerms(#"парк" OR NEAR(*) -"#).fts5(all: true) == #""парк"* AND "near"*"#)
        #expect(SearchTerms("на і в").isEmpty)
    }

    @Test func aTextIsLookedUpByEveryBeginningOfItsWordsThatAQueryCanBe() {
        #expect(SearchTerms.lookupTerms("Пандусами, дах і 0510100000") == [
            "пан", "панд", "панду", "пандус", "пандуса", "дах", "051", "0510", "05101", "051010", "0510100", "0510100000",
        ])
        // Each query term of any form of the word is one of them.
        let terms = Set(SearchTerms.lookupTerms("пандусами"))
        #expect(["пандусів", "пандуси", "пандус"].allSatisfy { SearchTerms($0).prefixes.allSatisfy(terms.contains) })
        #expect(SearchTerms.lookupTerms("м'ясо мʼясо") == ["мʼя", "мʼяс", "мʼясо"])
        // A long word is looked up by its beginnings only, so no text is a scope token of the index.
        let token = "s" + String(repeating: "76", count: 9) + "x" + String(repeating: "62", count: 7)
        #expect(!SearchTerms.lookupTerms("Заголовок \(token)").contains(token) && SearchTerms.lookupTerms(token).allSatisfy { $0.count <= 7 })
    }

    @Test func titleMatchesComeFirstThenTheRestEachNewestFirst() {
        // Keys as the index gives them, newest first in each tier; the rest holds the title matches too.
        let inTitle = [9, 4], all = [12, 9, 7, 4, 2]
        #expect(SearchOrder.page(inTitle: inTitle, all: all, key: { $0 }, offset: 0, limit: 10) == ([9, 4, 12, 7, 2], false))
        // Pages cut the one order, across the tiers; one more than the page tells there are more.
        #expect(SearchOrder.page(inTitle: inTitle, all: all, key: { $0 }, offset: 0, limit: 2) == ([9, 4], true))
        #expect(SearchOrder.page(inTitle: inTitle, all: all, key: { $0 }, offset: 2, limit: 2) == ([12, 7], true))
        #expect(SearchOrder.page(inTitle: inTitle, all: all, key: { $0 }, offset: 4, limit: 2) == ([2], false))
        #expect(SearchOrder.page(inTitle: inTitle, all: all, key: { $0 }, offset: 6, limit: 2) == ([], false))
        // A tier reads the page, what comes before it and one more; a page that is not one reads nothing.
        #expect(SearchOrder.wanted(offset: 40, limit: 20) == 61)
        #expect(SearchOrder.wanted(offset: -1, limit: 20) == nil && SearchOrder.wanted(offset: 0, limit: 0) == nil)
        #expect(SearchOrder.wanted(offset: .max, limit: .max) == nil)
    }

    @Test func aResultsTitleAndSummaryAreCutAtAWord() {
        let long = String(repeating: "слово ", count: 100)
        let document = SearchDocument(
            SearchKind(module: "petitions", name: "petition"), id: "p", title: long, summary: long, path: "petitions/p",
            body: String(repeating: "б", count: 30_000), updated: Date(timeIntervalSince1970: 0))
        #expect(document.title.uk.count <= SearchDocument.summaryLength && document.title.uk.hasSuffix("слово…"))
        #expect(document.body.count == SearchDocument.bodyLength && document.body.hasSuffix("…"))
        #expect(SearchDocument.cut("коротко", 240) == "коротко")
    }

    @Test func aPetitionIsInTheSearchOnlyInAPublicState() throws {
        let fixture = PetitionLifecycleTests()
        #expect(try fixture.draft().searchDocument == nil)
        let open = try fixture.open()
        let document = try #require(open.searchDocument)
        #expect(document.path == "petitions/\(open.id.rawValue)" && document.title.uk == open.title && document.module == "petitions")
    }

    @Test func aWithdrawnProjectIsNotInTheSearchAndAProjectNamesItsEdition() {
        let fixture = EditionFixture()
        let edition = fixture.edition()
        var project = fixture.project(edition, fixture.large, number: 7, cost: 100_000)
        let document = project.searchDocument(edition: edition.title)
        #expect(document?.title.uk == "№ 7. Проєкт 7" && document?.summary.uk == "\(edition.title.uk). Опис")
        #expect(document?.path == "budgets/\(edition.id.rawValue)/projects/\(project.id.rawValue)")
        project.status = .withdrawn
        #expect(project.searchDocument(edition: edition.title) == nil)
    }
}
