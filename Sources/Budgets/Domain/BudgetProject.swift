import Foundation
import HromadaDomain

public struct BudgetProjectID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// A proposal in an edition, from submission to delivery.
public struct BudgetProject: Hashable, Codable, Sendable {
    public var id: BudgetProjectID
    public var editionID: BudgetEditionID
    public var categoryID: BudgetCategoryID
    /// A short public number, e.g. 17, as printed on paper ballots.
    public var number: Int
    public var title: String
    public var summary: String
    public var district: String?
    public var address: String?
    public var latitude: Double?
    public var longitude: Double?
    /// The itemised estimate (кошторис); the cost is its sum unless review revised it.
    public var costItems: [CostItem]
    public var authorID: AccountID
    public var status: Status
    /// The reviewer's decision, public once made.
    public var review: Review?
    public var submittedAt: Date
    /// The project a duplicate was merged into.
    public var mergedInto: BudgetProjectID?

    public enum Status: String, Codable, Sendable, CaseIterable {
        case submitted, feasible, infeasible, merged, withdrawn
    }

    public struct CostItem: Hashable, Codable, Sendable {
        public var label: String
        public var amount: Money
        public init(label: String, amount: Money) {
            self.label = label
            self.amount = amount
        }
    }

    public struct Review: Hashable, Codable, Sendable {
        public var reviewerID: AccountID
        public var feasible: Bool
        public var reason: String
        public var revisedCost: Money?
        public var decidedAt: Date
        public init(reviewerID: AccountID, feasible: Bool, reason: String, revisedCost: Money?, decidedAt: Date) {
            self.reviewerID = reviewerID
            self.feasible = feasible
            self.reason = reason
            self.revisedCost = revisedCost
            self.decidedAt = decidedAt
        }
    }

    public init(
        id: BudgetProjectID = .random(), editionID: BudgetEditionID, categoryID: BudgetCategoryID, number: Int, title: String,
        summary: String, district: String? = nil, address: String? = nil, latitude: Double? = nil, longitude: Double? = nil,
        costItems: [CostItem], authorID: AccountID, status: Status = .submitted, review: Review? = nil, submittedAt: Date
    ) {
        self.id = id
        self.editionID = editionID
        self.categoryID = categoryID
        self.number = number
        self.title = title
        self.summary = summary
        self.district = district
        self.address = address
        self.latitude = latitude
        self.longitude = longitude
        self.costItems = costItems
        self.authorID = authorID
        self.status = status
        self.review = review
        self.submittedAt = submittedAt
    }

    public var estimatedCost: Money { Money.sum(costItems.map(\.amount)) }
    /// What the city would spend: the reviewer's figure when they revised it.
    public var cost: Money { review?.revisedCost ?? estimatedCost }
    /// Only projects found feasible go on the ballot.
    public var isOnBallot: Bool { status == .feasible }

    /// Staff merge a duplicate into another project of the same category
    /// before voting; the duplicate leaves the ballot and points to the other.
    public func merged(into target: BudgetProject, phase: BudgetPhase) throws(ProjectReviewError) -> BudgetProject {
        guard phase < .voting else { throw .notReviewable }
        guard target.id != id, target.editionID == editionID, target.categoryID == categoryID,
              target.status != .merged, target.status != .withdrawn, status != .withdrawn
        else { throw .mergeInvalid }
        var next = self
        next.status = .merged
        next.mergedInto = target.id
        return next
    }

    /// The reviewer's decision. Infeasible needs a reason the author can read.
    public func reviewed(
        by reviewer: AccountID, feasible: Bool, reason: String, revisedCost: Money?, in category: BudgetCategory, at instant: Date
    ) throws(ProjectReviewError) -> BudgetProject {
        guard status == .submitted || status == .feasible || status == .infeasible else { throw .notReviewable }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if !feasible, reason.isEmpty { throw .reasonRequired }
        if let revisedCost, revisedCost < category.minCost || revisedCost > category.maxCost { throw .costOutsideCategory }
        if feasible, revisedCost == nil, estimatedCost < category.minCost || estimatedCost > category.maxCost {
            throw .costOutsideCategory
        }
        var next = self
        next.status = feasible ? .feasible : .infeasible
        next.review = Review(reviewerID: reviewer, feasible: feasible, reason: reason, revisedCost: revisedCost, decidedAt: instant)
        return next
    }
}

public enum ProjectReviewError: Error, Equatable, Sendable {
    case notReviewable
    case mergeInvalid
    case reasonRequired
    case costOutsideCategory
}

/// What an author fills in; `validate` turns it into a project or says what is wrong.
public struct ProjectProposal: Sendable, Equatable {
    /// A real estimate has a dozen lines; a hundred is generous, and bounds the sum.
    public static let maximumCostItems = 100

    public var categoryID: BudgetCategoryID
    public var title: String
    public var summary: String
    public var district: String
    public var address: String
    public var costItems: [BudgetProject.CostItem]
    /// Where it would be built: a tap on the form's map, the geocoder's answer, or typed; both nil is no place.
    public var longitude: Double?
    public var latitude: Double?

    public init(
        categoryID: BudgetCategoryID, title: String, summary: String, district: String, address: String,
        costItems: [BudgetProject.CostItem], longitude: Double? = nil, latitude: Double? = nil
    ) {
        self.categoryID = categoryID
        self.title = title
        self.summary = summary
        self.district = district
        self.address = address
        self.costItems = costItems
        self.longitude = longitude
        self.latitude = latitude
    }

    /// Proposals are taken while the edition accepts them, from verified residents, within a category's cost range;
    /// a place, when given, lies within the city's `territory`.
    public func validate(
        edition: BudgetEdition, author: AccountID, verified: Bool, number: Int, territory: GeoBox = .ukraine, at instant: Date
    ) throws(ProposalError) -> BudgetProject {
        let phase = edition.phase(at: instant)
        guard phase == .proposals else { throw .notAcceptingProposals }
        guard verified else { throw .notVerifiedResident }
        guard let category = edition.category(categoryID) else { throw .unknownCategory }
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        let summary = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (5...200).contains(title.count) else { throw .titleLength }
        guard (20...5000).contains(summary.count) else { throw .summaryLength }
        // Rows left blank on the form are skipped; a half-filled row is an error, named by its place in what was sent.
        var items: [BudgetProject.CostItem] = []
        for (index, item) in costItems.enumerated() {
            let blank = item.label.trimmingCharacters(in: .whitespaces).isEmpty
            if blank, item.amount.kopiyky == 0 { continue }
            guard !blank, item.amount.kopiyky > 0, item.amount <= .ceiling else { throw .badCostItem(index: index) }
            items.append(item)
        }
        guard !items.isEmpty else { throw .noCostItems }
        guard items.count <= Self.maximumCostItems else { throw .tooManyCostItems }
        // Each item is at most the ceiling and there are at most 100, so the
        // sum is exact; Money's sum would saturate (and be refused) anyway.
        let total = Money.sum(items.map(\.amount))
        guard total >= category.minCost, total <= category.maxCost else { throw .costOutsideCategory }
        let district = district.trimmingCharacters(in: .whitespacesAndNewlines)
        let address = address.trimmingCharacters(in: .whitespacesAndNewlines)
        guard district.count <= 100, address.count <= 300 else { throw .placeTooLong }
        let point: CityPlace?
        do {
            point = try CityPlace.optional(longitude: longitude, latitude: latitude, within: territory)
        } catch {
            throw error == .incomplete ? .placeIncomplete : .placeOutsideCity
        }
        return BudgetProject(
            editionID: edition.id, categoryID: category.id, number: number, title: title, summary: summary,
            district: district.isEmpty ? nil : district, address: address.isEmpty ? nil : address, latitude: point?.latitude,
            longitude: point?.longitude, costItems: items, authorID: author, submittedAt: instant)
    }
}

extension BudgetProject {
    /// The author's changes, accepted until review starts (and before any decision).
    /// The author's (or a co-author's) changes, accepted until review starts.
    /// The project stays its author's whoever edits it.
    public func edited(
        with proposal: ProjectProposal, by editor: AccountID, coauthors: [AccountID] = [], edition: BudgetEdition, territory: GeoBox = .ukraine,
        at instant: Date
    ) throws(ProposalError) -> BudgetProject {
        try checkAuthorMayChange(editor, coauthors: coauthors)
        var next = try proposal.validate(edition: edition, author: authorID, verified: true, number: number, territory: territory, at: instant)
        next.id = id
        next.submittedAt = submittedAt
        return next
    }
}

extension BudgetProject {
    /// The authors' hand on the project (the author's and co-authors') ends when review starts.
    public func checkAuthorMayChange(_ account: AccountID, coauthors: [AccountID] = []) throws(ProposalError) {
        guard account == authorID || coauthors.contains(account) else { throw .notTheAuthor }
        guard status == .submitted, review == nil else { throw .alreadyReviewed }
    }

    /// Anyone may read a project its edition lists; a withdrawn one only its
    /// authors and the city's reviewers (its link may have been sent round, but
    /// the author took it back).
    public func mayBeRead(by principal: Principal?, coauthors: [AccountID] = [], municipality: MunicipalityID) -> Bool {
        guard status == .withdrawn else { return true }
        guard let principal else { return false }
        return principal.may(.reviewBudgetProject, in: municipality) || principal.accountID == authorID || coauthors.contains(principal.accountID)
    }

    /// Pictures of the place: the author adds and removes them while the
    /// proposal can still change; the city's reviewers can at any time (to
    /// take down one that should not be public, or add their own).
    public func checkPhotosMayChange(
        by principal: Principal, coauthors: [AccountID] = [], municipality: MunicipalityID, edition: BudgetEdition, at instant: Date
    ) throws(ProposalError) {
        if principal.may(.reviewBudgetProject, in: municipality) { return }
        try checkAuthorMayChange(principal.accountID, coauthors: coauthors)
        guard edition.phase(at: instant) == .proposals else { throw .notAcceptingProposals }
    }
}

public enum ProposalError: Error, Equatable, Sendable {
    case notTheAuthor
    case alreadyReviewed
    case notAcceptingProposals
    case notVerifiedResident
    case unknownCategory
    case titleLength
    case summaryLength
    case noCostItems
    /// The item at this index (of those sent) has no label, or an amount that is not positive or above `Money.ceiling`.
    case badCostItem(index: Int)
    case tooManyCostItems
    case costOutsideCategory
    case placeTooLong
    /// Only one of longitude and latitude.
    case placeIncomplete
    /// A place outside the city's territory.
    case placeOutsideCity
}
