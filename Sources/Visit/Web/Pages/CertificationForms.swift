import Foundation
import HromadaDomain
import HromadaWeb

/// The checklist as a form, for the applicant's self-assessment and the
/// assessor's sections alike: per criterion a choice (met, not met, and
/// n.a. where the criterion is not required) and a note, each with what was
/// typed and its problem beside it. Reading the form back names every
/// criterion it marks, so a mark of a criterion the version lacks is refused, not dropped.
struct CertificationForms {
    let html: HTML
    let context: AppRequestContext

    struct Photo {
        let url: String
        let caption: String
    }

    struct Criterion {
        let id: String
        let title: String
        let guidance: String
        let required: Bool
        let weight: String
        let fields: [FormField]
        let photos: [Photo]
        let hasPhotos: Bool
    }

    struct Section {
        let key: String
        let title: String
        let criteria: [Criterion]
        /// `3 / 4`: criteria answered of the section's.
        let progress: String
        /// Where this section's form posts (the assessor's), nil inside one form (the self-assessment).
        let action: String?
        /// The key the browser keeps unsaved inputs under (`visit-assessment.js`).
        let storageKey: String
    }

    func t(_ key: String, _ arguments: [String: String] = [:]) -> String { html.t("visit.cert.\(key)", context, arguments) }

    func sectionTitle(_ section: StandardSection) -> String { t("section.\(section.rawValue)") }

    func levelName(_ level: CertificationLevel) -> String { t("level.\(level.rawValue)") }

    func markName(_ mark: CriterionMark) -> String { t("mark.\(mark.rawValue)") }

    /// The sections of `checklist` as forms, filled from `typed` when a refused form comes back, else from `sheet`.
    func sections(
        _ checklist: HospitalityChecklist, sheet: AssessmentSheet?, typed: FormData?, problem: FormProblem?, action: ((StandardSection) -> String)? = nil,
        storagePrefix: String, photoURL: (String) -> String = { $0 }
    ) -> [Section] {
        checklist.sections.map { section in
            let criteria = checklist.criteria(in: section).map { criterion -> Criterion in
                let answer = sheet?.answers[criterion.id]
                let mark = typed.map { $0["mark.\(criterion.id)"] } ?? answer?.mark.rawValue ?? ""
                let note = typed.map { $0["note.\(criterion.id)"] } ?? answer?.note ?? ""
                let marks: [CriterionMark] = criterion.required ? [.met, .notMet] : [.met, .notMet, .notApplicable]
                let fields = [
                    FormField(
                        name: "mark.\(criterion.id)", label: t("mark_label"), value: mark, error: problem.message(for: "mark.\(criterion.id)"),
                        options: [SelectOption(value: "", label: t("mark.choose"), selected: mark.isEmpty)]
                            + marks.map { SelectOption(value: $0.rawValue, label: markName($0), selected: mark == $0.rawValue) }),
                    FormField(
                        name: "note.\(criterion.id)", label: t("note_label"), value: note, error: problem.message(for: "note.\(criterion.id)"),
                        maxlength: CriterionAnswer.noteLength.upperBound, rows: 2),
                ]
                let photos = (answer?.photos ?? []).map { Photo(url: photoURL($0), caption: criterion.title.localized(context.language)) }
                return Criterion(
                    id: criterion.id, title: criterion.title.localized(context.language), guidance: criterion.guidance.localized(context.language),
                    required: criterion.required, weight: t("weight", ["weight": String(criterion.weight)]), fields: fields, photos: photos,
                    hasPhotos: !photos.isEmpty)
            }
            let answered = sheet?.answered(in: section, on: checklist) ?? 0
            return Section(
                key: section.rawValue, title: sectionTitle(section), criteria: criteria,
                progress: t("progress", ["done": String(answered), "all": String(criteria.count)]), action: action?(section),
                storageKey: "\(storagePrefix)-\(section.rawValue)")
        }
    }

    /// The answers a form gives: every `mark.<criterion>` it sends with a
    /// value, and its note. A mark that is none of the three is refused beside
    /// its field; the domain then refuses criteria the version lacks.
    static func answers(_ form: FormData) throws -> [String: CriterionAnswer] {
        var answers: [String: CriterionAnswer] = [:]
        let marks = form.fields.keys.filter { $0.hasPrefix("mark.") }.sorted()
        guard marks.count <= HospitalityChecklist.criteriaLimit else { throw AppError.invalid(code: "visit_cert_too_many_marks") }
        for key in marks {
            let id = String(key.dropFirst("mark.".count)), value = form[key]
            guard !value.isEmpty else { continue }
            guard let mark = CriterionMark(rawValue: value) else { throw AppError.invalid(code: "visit_cert_mark", field: key) }
            let note = form["note.\(id)"].trimmingCharacters(in: .whitespacesAndNewlines)
            answers[id] = CriterionAnswer(mark: mark, note: note)
        }
        return answers
    }

    /// A submitted assessment as the applicant's and the staff's pages list it.
    struct Round {
        let number: String
        let when: String
        let assessor: String
        let level: String
        let passes: Bool
        let score: String
        let version: String
        let failed: [String]
        let hasFailed: Bool
    }

    /// The rounds, the latest first; `title` names a criterion of a version, `assessors` who assessed.
    func rounds(_ certification: Certification, title: (Int, String) -> String, assessors: [AccountID: String] = [:]) -> [Round] {
        certification.rounds.reversed().map { round in
            Round(
                number: String(round.number), when: DateText.kyiv(round.submittedAt), assessor: assessors[round.assessor] ?? "",
                level: levelName(round.outcome.level), passes: round.outcome.level.passes,
                score: round.outcome.score.percent(decimalComma: context.language == .uk) + " %", version: String(round.sheet.checklistVersion),
                failed: round.outcome.requiredFailed.map { title(round.sheet.checklistVersion, $0) }, hasFailed: !round.outcome.requiredFailed.isEmpty)
        }
    }

    /// `12.03.2027`: a date as people here read it, in Kyiv time.
    static func day(_ date: Date) -> String { String(DateText.kyiv(date).prefix(10)) }
}
