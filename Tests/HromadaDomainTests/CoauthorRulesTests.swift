import Foundation
import Testing
@testable import HromadaDomain
@testable import Auctions
@testable import Budgets
@testable import Petitions

@Suite struct CoauthorRulesTests {
    let fixture = EditionFixture()
    let author = AccountID(rawValue: "a")
    let neighbour = AccountID(rawValue: "n")

    func submitted() throws -> BudgetProject {
        try ProjectProposal(
            categoryID: fixture.small.id, title: "Лавки біля школи № 5", summary: "Десять лавок і п’ять урн уздовж алеї біля школи.",
            district: "", address: "", costItems: [.init(label: "Лавки", amount: Money(hryvnias: 120_000))]
        ).validate(edition: fixture.edition(), author: author, verified: true, number: 1, at: fixture.start)
    }

    @Test func aWithdrawnProjectMayBeReadOnlyByItsAuthorsAndReviewers() throws {
        var project = try submitted()
        let city = fixture.edition().municipalityID
        let reviewer = Principal(accountID: .init(rawValue: "r"), isPlatformAdmin: false, capabilities: [city: [.reviewBudgetProject]])
        let otherCityReviewer = Principal(
            accountID: .init(rawValue: "o"), isPlatformAdmin: false, capabilities: [MunicipalityID(rawValue: "elsewhere"): [.reviewBudgetProject]])
        let resident = { (id: AccountID) in Principal(accountID: id, isPlatformAdmin: false) }
        #expect(project.mayBeRead(by: nil, municipality: city))
        project.status = .withdrawn
        #expect(!project.mayBeRead(by: nil, municipality: city))
        #expect(!project.mayBeRead(by: resident(AccountID(rawValue: "x")), coauthors: [neighbour], municipality: city))
        #expect(!project.mayBeRead(by: otherCityReviewer, municipality: city))
        #expect(project.mayBeRead(by: resident(author), municipality: city))
        #expect(project.mayBeRead(by: resident(neighbour), coauthors: [neighbour], municipality: city))
        #expect(project.mayBeRead(by: reviewer, municipality: city))
    }

    @Test func onlyTheAuthorNamesCoauthorsAndOnlyResidents() throws {
        let project = try submitted(), edition = fixture.edition(), now = fixture.start
        try CoauthorRules.checkAdding(neighbour, isResident: true, to: project, existing: [], by: author, edition: edition, at: now)
        #expect(throws: CoauthorRules.Problem.notTheAuthor) {
            try CoauthorRules.checkAdding(neighbour, isResident: true, to: project, existing: [], by: AccountID(rawValue: "x"), edition: edition, at: now)
        }
        #expect(throws: CoauthorRules.Problem.notAResident) {
            try CoauthorRules.checkAdding(neighbour, isResident: false, to: project, existing: [], by: author, edition: edition, at: now)
        }
        #expect(throws: CoauthorRules.Problem.isTheAuthor) {
            try CoauthorRules.checkAdding(author, isResident: true, to: project, existing: [], by: author, edition: edition, at: now)
        }
        #expect(throws: CoauthorRules.Problem.alreadyCoauthor) {
            try CoauthorRules.checkAdding(neighbour, isResident: true, to: project, existing: [neighbour], by: author, edition: edition, at: now)
        }
    }

    @Test func aProjectHasAtMostFiveCoauthors() throws {
        let five = (1...CoauthorRules.maximum).map { AccountID(rawValue: "c\($0)") }
        #expect(throws: CoauthorRules.Problem.tooMany) {
            try CoauthorRules.checkAdding(
                neighbour, isResident: true, to: try submitted(), existing: five, by: author, edition: fixture.edition(), at: fixture.start)
        }
    }

    @Test func coauthorsChangeNothingOnceReviewStarts() throws {
        var reviewed = try submitted()
        reviewed.status = .feasible
        #expect(throws: CoauthorRules.Problem.alreadyReviewed) {
            try CoauthorRules.checkAdding(neighbour, isResident: true, to: reviewed, existing: [], by: author, edition: fixture.edition(), at: fixture.start)
        }
        #expect(throws: CoauthorRules.Problem.notAcceptingProposals) {
            try CoauthorRules.checkRemoving(neighbour, from: try submitted(), existing: [neighbour], by: author, edition: fixture.edition(), at: fixture.voting)
        }
    }

    @Test func aCoauthorMayStepDownButNotRemoveOthers() throws {
        let project = try submitted(), edition = fixture.edition(), now = fixture.start
        let other = AccountID(rawValue: "o")
        try CoauthorRules.checkRemoving(neighbour, from: project, existing: [neighbour, other], by: neighbour, edition: edition, at: now)
        #expect(throws: CoauthorRules.Problem.notTheAuthor) {
            try CoauthorRules.checkRemoving(other, from: project, existing: [neighbour, other], by: neighbour, edition: edition, at: now)
        }
        try CoauthorRules.checkRemoving(other, from: project, existing: [neighbour, other], by: author, edition: edition, at: now)
    }

    @Test func aCoauthorsEditLeavesTheProjectTheAuthors() throws {
        let project = try submitted()
        let proposal = ProjectProposal(
            categoryID: fixture.small.id, title: "Лавки й урни біля школи № 5", summary: project.summary, district: "", address: "",
            costItems: project.costItems)
        let edited = try project.edited(with: proposal, by: neighbour, coauthors: [neighbour], edition: fixture.edition(), at: fixture.start)
        #expect(edited.authorID == author)
        #expect(edited.title == "Лавки й урни біля школи № 5")
        #expect(throws: ProposalError.notTheAuthor) {
            try project.edited(with: proposal, by: neighbour, coauthors: [], edition: fixture.edition(), at: fixture.start)
        }
    }
}
