import Foundation
import HromadaDomain

/// What an assessor (or the applicant, assessing themselves) says of one criterion.
public enum CriterionMark: String, CaseIterable, Codable, Sendable {
    case met
    case notMet = "not_met"
    /// Does not apply to this place (no rooms, no terrace); never for a required criterion.
    case notApplicable = "na"
}

/// One criterion's answer: the mark, a note, and the photos that show it.
public struct CriterionAnswer: Sendable, Equatable, Codable {
    public var mark: CriterionMark
    public var note: String
    /// Ids of photos stored by the platform, owned by the certification.
    public var photos: [String]

    public static let noteLength = 0...1_000
    public static let photosLimit = 10

    public init(mark: CriterionMark, note: String = "", photos: [String] = []) {
        self.mark = mark
        self.note = note
        self.photos = photos
    }
}

/// A checklist as filled in: the version it was made on and an answer per criterion (by id).
public struct AssessmentSheet: Sendable, Equatable, Codable {
    public let checklistVersion: Int
    public private(set) var answers: [String: CriterionAnswer]

    public init(checklistVersion: Int, answers: [String: CriterionAnswer] = [:]) {
        self.checklistVersion = checklistVersion
        self.answers = answers
    }

    /// Records answers to criteria of `checklist`, each checked; nothing is
    /// recorded when any is refused (the first refusal is thrown).
    public mutating func record(_ given: [String: CriterionAnswer], on checklist: HospitalityChecklist) throws(CertificationProblem) {
        guard checklist.version == checklistVersion else { throw .wrongChecklistVersion }
        for id in given.keys.sorted() {
            guard let answer = given[id] else { continue }
            try checklist.check(answer, for: id)
        }
        answers.merge(given) { _, new in new }
    }

    /// The criteria not answered yet, in the checklist's order.
    public func unanswered(on checklist: HospitalityChecklist) -> [String] {
        checklist.criteria.map(\.id).filter { answers[$0] == nil }
    }

    /// How many criteria of a section are answered (the assessor's progress).
    public func answered(in section: StandardSection, on checklist: HospitalityChecklist) -> Int {
        checklist.criteria(in: section).filter { answers[$0.id] != nil }.count
    }
}

/// Met weight over applicable weight, kept as two whole numbers so that
/// levels are decided exactly; the percentage is only for reading.
public struct AssessmentScore: Sendable, Equatable, Codable {
    public let met: Int
    public let applicable: Int

    public init(met: Int, applicable: Int) {
        self.met = met
        self.applicable = applicable
    }

    /// The percentage in tenths, rounded down (875 is 87.5 %); nil when nothing applied.
    public var tenths: Int? { applicable > 0 ? met * 1000 / applicable : nil }

    /// `87,5` (Ukrainian) or `87.5`, `100` for a whole number; "—" when nothing applied.
    public func percent(decimalComma: Bool) -> String {
        guard let tenths else { return "—" }
        let whole = tenths / 10, rest = tenths % 10
        return rest == 0 ? "\(whole)" : "\(whole)\(decimalComma ? "," : ".")\(rest)"
    }
}

/// What a submitted assessment comes to.
public struct AssessmentOutcome: Sendable, Equatable, Codable {
    public let score: AssessmentScore
    public let level: CertificationLevel
    /// The required criteria not met, in the checklist's order: any one means no certificate.
    public let requiredFailed: [String]

    public init(score: AssessmentScore, level: CertificationLevel, requiredFailed: [String]) {
        self.score = score
        self.level = level
        self.requiredFailed = requiredFailed
    }
}

extension HospitalityChecklist {
    /// Whether an answer may be given to the criterion `id` of this version.
    public func check(_ answer: CriterionAnswer, for id: String) throws(CertificationProblem) {
        guard let criterion = criterion(id) else { throw .unknownCriterion(id) }
        if criterion.required, answer.mark == .notApplicable { throw .requiredNotApplicable(id) }
        guard CriterionAnswer.noteLength.contains(answer.note.count) else { throw .noteTooLong(id) }
        guard answer.photos.count <= CriterionAnswer.photosLimit else { throw .tooManyPhotos(id) }
    }

    /// The outcome of a whole sheet: every criterion answered, each answer
    /// allowed; score = met weight / applicable weight; the level from the
    /// score and the required criteria.
    public func evaluate(_ sheet: AssessmentSheet) throws(CertificationProblem) -> AssessmentOutcome {
        guard sheet.checklistVersion == version else { throw .wrongChecklistVersion }
        for id in sheet.answers.keys.sorted() where criterion(id) == nil { throw .unknownCriterion(id) }
        let missing = sheet.unanswered(on: self)
        guard missing.isEmpty else { throw .unanswered(missing) }
        var met = 0, applicable = 0
        var failed: [String] = []
        for criterion in criteria {
            guard let answer = sheet.answers[criterion.id] else { continue }
            try check(answer, for: criterion.id)
            switch answer.mark {
            case .met:
                met += criterion.weight
                applicable += criterion.weight
            case .notMet:
                applicable += criterion.weight
                if criterion.required { failed.append(criterion.id) }
            case .notApplicable: break
            }
        }
        let score = AssessmentScore(met: met, applicable: applicable)
        return AssessmentOutcome(score: score, level: level(for: score, requiredFailed: !failed.isEmpty), requiredFailed: failed)
    }
}
