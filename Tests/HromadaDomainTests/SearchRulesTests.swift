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
            "пан", "панд", "панду", "пандус", "пандуса", "пандусами", "дах", "051", "0510", "05101", "051010", "0510100", "0510100000",
        ])
        // Each query term of any form of the word is one of them.
        let terms = Set(SearchTerms.lookupTerms("пандусами"))
        #expect(["пандусів", "пандуси", "пандус"].allSatisfy { SearchTerms($0).prefixes.allSatisfy(terms.contains) })
        #expect(SearchTerms.lookupTerms("м'ясо мʼясо") == ["мʼя", "мʼяс", "мʼясо"])
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
