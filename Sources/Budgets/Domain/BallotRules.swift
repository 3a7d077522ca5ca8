import Foundation
import HromadaDomain

/// Why a ballot's content is refused. Each case is one rule of the edition;
/// nothing is stored when any of them fails.
public enum BallotProblem: Error, Equatable, Sendable {
    case empty
    /// Not on this edition's ballot: unknown, from another edition, or not found feasible.
    case unknownProject(BudgetProjectID)
    case duplicateProject(BudgetProjectID)
    case tooManyPicks(limit: Int, category: BudgetCategoryID?)
    case tooFewPicks(minimum: Int, category: BudgetCategoryID?)
    case overBudget(category: BudgetCategoryID)
    case underMinimumShare(category: BudgetCategoryID, percent: Int)
    case notOnePerCategory(category: BudgetCategoryID)
    case pointsMismatch
    case pointsNotPositive
    case pointsOverTotal(limit: Int)
    case pointsOverPerProject(limit: Int)
}

/// Why a person may not vote in an edition.
public enum VoterProblem: Error, Equatable, Sendable {
    case notVerifiedResident
    case underAge(minimum: Int)
    case votingClosed(BudgetPhase)
    case alreadyVoted
}

/// The edition's ballot rule applied to one ballot. Pure: the caller passes
/// the projects on the ballot.
public enum BallotRules {
    public static func check(
        _ ballot: BallotContent, edition: BudgetEdition, onBallot projects: [BudgetProjectID: BudgetProject]
    ) throws(BallotProblem) {
        guard !ballot.projects.isEmpty else { throw .empty }
        var seen = Set<BudgetProjectID>()
        var perCategory: [BudgetCategoryID: [BudgetProject]] = [:]
        for id in ballot.projects {
            guard let project = projects[id], project.editionID == edition.id, project.isOnBallot else { throw .unknownProject(id) }
            guard seen.insert(id).inserted else { throw .duplicateProject(id) }
            perCategory[project.categoryID, default: []].append(project)
        }
        if case .cumulative = edition.ballotRule {} else if ballot.points != nil { throw .pointsMismatch }
        switch edition.ballotRule {
        case .approval(let maxPicks, let minPicks):
            if let maxPicks, ballot.projects.count > maxPicks { throw .tooManyPicks(limit: maxPicks, category: nil) }
            if let minPicks, ballot.projects.count < minPicks { throw .tooFewPicks(minimum: minPicks, category: nil) }
            for category in edition.categories {
                let picked = perCategory[category.id]?.count ?? 0
                if let limit = category.maxPicks, picked > limit { throw .tooManyPicks(limit: limit, category: category.id) }
                if let minimum = category.minPicks, picked < minimum { throw .tooFewPicks(minimum: minimum, category: category.id) }
            }
        case .knapsack(let share):
            for category in edition.categories {
                guard let picked = perCategory[category.id] else { continue }
                let spent = Money.sum(picked.map(\.cost))
                if spent > category.fund { throw .overBudget(category: category.id) }
                // The share is of the fund, or of everything on offer when that is less.
                let offered = Money.sum(projects.values.filter { $0.categoryID == category.id && $0.isOnBallot }.map(\.cost))
                let required = min(category.fund.scaled(by: Int64(share), over: 100), offered)
                if spent < required { throw .underMinimumShare(category: category.id, percent: share) }
            }
        case .chooseOne:
            for (category, picked) in perCategory where picked.count > 1 { throw .notOnePerCategory(category: category) }
        case .cumulative(let total, let perProject):
            guard let points = ballot.points, points.count == ballot.projects.count else { throw .pointsMismatch }
            guard points.allSatisfy({ $0 > 0 }) else { throw .pointsNotPositive }
            if let perProject, let most = points.max(), most > perProject { throw .pointsOverPerProject(limit: perProject) }
            // Summed with overflow reported: points come from outside, and a
            // wrapped or trapped sum would either pass or stop the server.
            var sum = 0
            for point in points {
                let (next, overflow) = sum.addingReportingOverflow(point)
                guard !overflow, next <= total else { throw .pointsOverTotal(limit: total) }
                sum = next
            }
        }
    }

    /// Whether this person may vote online now. Identity is the residency
    /// hash, so a second account of the same person is the same voter.
    public static func checkOnlineVoter(verification: ResidencyVerification?, edition: BudgetEdition, at instant: Date)
        throws(VoterProblem) -> AgeGroup
    {
        let phase = edition.phase(at: instant)
        guard phase == .voting else { throw .votingClosed(phase) }
        guard let verification, verification.municipalityID == edition.municipalityID else { throw .notVerifiedResident }
        return try ageGroup(born: verification.birthDate, edition: edition, at: instant)
    }

    /// A paper ballot staff type in. They saw the voter's documents: the
    /// РНОКПП gives the birth date, and the basis says why the person may vote.
    /// Paper is accepted while voting runs and during counting.
    public static func checkPaperVoter(born: CalendarDate, basis: PaperVoterBasis, edition: BudgetEdition, at instant: Date)
        throws(VoterProblem) -> AgeGroup
    {
        let phase = edition.phase(at: instant)
        guard phase == .voting || phase == .counting else { throw .votingClosed(phase) }
        if basis != .resident, !edition.eligibility.paperForWorkersAndStudents { throw .notVerifiedResident }
        return try ageGroup(born: born, edition: edition, at: instant)
    }

    static func ageGroup(born: CalendarDate, edition: BudgetEdition, at instant: Date) throws(VoterProblem) -> AgeGroup {
        let age = born.age(on: CalendarDate.inKyiv(instant))
        guard age >= edition.eligibility.minimumAge else { throw .underAge(minimum: edition.eligibility.minimumAge) }
        return AgeGroup(age: age)
    }
}

/// Why a person without an online residency may still vote on paper.
public enum PaperVoterBasis: String, Codable, Sendable, CaseIterable {
    case resident
    case worksHere = "works_here"
    case studiesHere = "studies_here"
}
