import Foundation
import HromadaDomain

/// A part of «Вінницький стандарт гостинності»: the criteria of a checklist
/// are grouped by these, in this order, on every page that shows them.
public enum StandardSection: String, CaseIterable, Codable, Sendable {
    /// Вітання та мови: who greets, in which languages.
    case welcome
    /// Інформація: hours, prices, maps, what is near.
    case information
    /// Чистота та безпека.
    case cleanliness = "cleanliness_safety"
    /// Доступність.
    case accessibility
    /// Оплата: cards, receipts, prices as shown.
    case payment
    /// Місцева ідентичність: Podillia's food, crafts, stories.
    case localIdentity = "local_identity"
    /// Відгуки: how guests are heard and answered.
    case feedback
}

/// One criterion of a checklist version. Its id stays the same across
/// versions while it means the same thing, so assessments compare.
public struct StandardCriterion: Sendable, Equatable, Codable {
    public let id: String
    public let section: StandardSection
    public let title: LocalizedName
    /// What the assessor looks for, and what counts as met.
    public let guidance: LocalizedName
    /// How much it counts in the score, 1 to 10.
    public let weight: Int
    /// A required criterion not met means no certificate, whatever the score; it is never "not applicable".
    public let required: Bool

    public static let weights = 1...10
    public static let idLength = 1...40

    public init(id: String, section: StandardSection, title: LocalizedName, guidance: LocalizedName, weight: Int, required: Bool) {
        self.id = id
        self.section = section
        self.title = title
        self.guidance = guidance
        self.weight = weight
        self.required = required
    }
}

/// What an assessment earns.
public enum CertificationLevel: String, CaseIterable, Codable, Sendable, Comparable {
    case notCertified = "not_certified"
    case certified
    case certifiedWithDistinction = "certified_with_distinction"

    public var passes: Bool { self != .notCertified }

    private var rank: Int {
        switch self {
        case .notCertified: 0
        case .certified: 1
        case .certifiedWithDistinction: 2
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// One version of the standard's checklist: its criteria and the two
/// thresholds, in tenths of a percent (700 is 70.0 %). A version is never
/// changed once published; a new one gets the next number, and an
/// assessment keeps the number of the version it was made on.
public struct HospitalityChecklist: Sendable, Equatable, Codable {
    public let version: Int
    public let criteria: [StandardCriterion]
    public let certifiedThreshold: Int
    public let distinctionThreshold: Int

    public static let criteriaLimit = 200
    public static let thresholds = 1...1000

    public init(version: Int, criteria: [StandardCriterion], certifiedThreshold: Int = 700, distinctionThreshold: Int = 900) {
        self.version = version
        self.criteria = criteria
        self.certifiedThreshold = certifiedThreshold
        self.distinctionThreshold = distinctionThreshold
    }

    public enum Problem: Error, Equatable, Sendable {
        case version, noCriteria, tooManyCriteria, duplicateCriterion(String), criterionID(String), weight(String), thresholds
    }

    /// What keeps this version from being published: nil when it may be.
    public var problem: Problem? {
        guard version >= 1 else { return .version }
        guard !criteria.isEmpty else { return .noCriteria }
        guard criteria.count <= Self.criteriaLimit else { return .tooManyCriteria }
        var seen = Set<String>()
        for criterion in criteria {
            guard StandardCriterion.idLength.contains(criterion.id.count),
                  criterion.id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            else { return .criterionID(criterion.id) }
            guard seen.insert(criterion.id).inserted else { return .duplicateCriterion(criterion.id) }
            guard StandardCriterion.weights.contains(criterion.weight) else { return .weight(criterion.id) }
        }
        guard Self.thresholds.contains(certifiedThreshold), Self.thresholds.contains(distinctionThreshold),
              certifiedThreshold < distinctionThreshold
        else { return .thresholds }
        return nil
    }

    public func criterion(_ id: String) -> StandardCriterion? { criteria.first { $0.id == id } }

    /// The criteria of one section, in the checklist's order.
    public func criteria(in section: StandardSection) -> [StandardCriterion] { criteria.filter { $0.section == section } }

    /// The sections that have criteria, in the standard's order.
    public var sections: [StandardSection] { StandardSection.allCases.filter { section in criteria.contains { $0.section == section } } }

    /// The level a score earns, with no required criterion failed: exact, by
    /// cross-multiplying (met / applicable ≥ threshold / 1000), never a rounded percentage.
    public func level(for score: AssessmentScore, requiredFailed: Bool) -> CertificationLevel {
        guard !requiredFailed, score.applicable > 0 else { return .notCertified }
        if score.met * 1000 >= distinctionThreshold * score.applicable { return .certifiedWithDistinction }
        if score.met * 1000 >= certifiedThreshold * score.applicable { return .certified }
        return .notCertified
    }
}
