import Foundation
import HromadaDomain

/// Co-authors of a proposal (співавтори): residents the author names, who
/// may edit it and its pictures until review and hear of its review and
/// result, like the author. The project stays the author's.
public enum CoauthorRules {
    /// A neighbourhood initiative group, not a petition.
    public static let maximum = 5

    public enum Problem: Error, Equatable, Sendable {
        case notTheAuthor
        case alreadyReviewed
        case notAResident
        case isTheAuthor
        case alreadyCoauthor
        case tooMany
        case notACoauthor
        case notAcceptingProposals
    }

    /// Only the author names co-authors, while proposals are open and before
    /// review; a co-author must be a verified resident of the same city.
    public static func checkAdding(
        _ candidate: AccountID, isResident: Bool, to project: BudgetProject, existing: [AccountID], by actor: AccountID,
        edition: BudgetEdition, at instant: Date
    ) throws(Problem) {
        guard actor == project.authorID else { throw .notTheAuthor }
        try checkStillOpen(project, edition: edition, at: instant)
        guard candidate != project.authorID else { throw .isTheAuthor }
        guard !existing.contains(candidate) else { throw .alreadyCoauthor }
        guard existing.count < maximum else { throw .tooMany }
        guard isResident else { throw .notAResident }
    }

    /// The author removes a co-author, or a co-author steps down, until review.
    public static func checkRemoving(
        _ coauthor: AccountID, from project: BudgetProject, existing: [AccountID], by actor: AccountID, edition: BudgetEdition, at instant: Date
    ) throws(Problem) {
        guard actor == project.authorID || actor == coauthor else { throw .notTheAuthor }
        guard existing.contains(coauthor) else { throw .notACoauthor }
        try checkStillOpen(project, edition: edition, at: instant)
    }

    private static func checkStillOpen(_ project: BudgetProject, edition: BudgetEdition, at instant: Date) throws(Problem) {
        guard project.status == .submitted, project.review == nil else { throw .alreadyReviewed }
        guard edition.phase(at: instant) == .proposals else { throw .notAcceptingProposals }
    }
}
