import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// Staff set up a call (`business.programmes`): the form read into a
/// `SupportCall` with every problem named beside its field, and the save
/// checked against the stored call (what may change once it has opened,
/// the fund against what it has committed) in the transaction that writes
/// it, with its audit entry.
struct CallEditor {
    let services: AppServices

    /// A form that cannot be saved: the problems by the form's field.
    struct Refused: Error {
        let problems: [CallProblem]
    }

    /// Criteria and documents offered as blank rows under the call's own.
    static let blankRows = 2

    /// How many rows of criteria or documents a form may send: the domain's
    /// most, and the blank rows; more is not a form this page made.
    static let rowLimit = max(SupportCall.criteriaCount.upperBound, SupportCall.documentCount.upperBound) + blankRows

    // MARK: Reading the form

    /// The call the form describes, on top of `previous` (its id, city,
    /// publication, decision), or every problem the form has.
    static func read(_ form: FormData, previous: SupportCall?, id: SupportCallID, city: MunicipalityID, programmes: Set<String>) throws -> SupportCall {
        var problems: [CallProblem] = []
        func note(_ field: String, _ reason: CallProblem.Reason) { problems.append(CallProblem(field: field, reason: reason)) }
        func money(_ field: String) -> Money {
            do {
                guard let money = try FormMoney.parse(form[field], field: field) else {
                    note(field, .missing)
                    return .zero
                }
                return money
            } catch {
                note(field, .malformed)
                return .zero
            }
        }
        func whole(_ field: String, _ text: String, default fallback: Int) -> Int {
            guard let value = FormNumber.whole(text) else {
                note(field, .malformed)
                return fallback
            }
            return value
        }
        // The form shows minutes: an instant typed as it was shown is the stored one, to the second.
        func instant(_ field: String, was stored: Date?) -> Date {
            if let stored, form[field] == DateText.kyivInput(stored) { return stored }
            guard let date = DateText.kyivInput(form[field]) else {
                note(field, .malformed)
                return Date(timeIntervalSince1970: 0)
            }
            return date
        }

        let instrument = SupportInstrument(rawValue: form["instrument"])
        if instrument == nil { note("instrument", .missing) }
        let programme = form["programme"].isEmpty ? nil : form["programme"]
        if let programme, !programmes.contains(programme), programme != previous?.programme { note("programme", .malformed) }
        let kinds = Set(form.all("kinds").compactMap(ApplicantKind.init(rawValue:)))
        let sizes = Set(form.all("sizes").compactMap(SizeCategory.init(rawValue:)))
        let sectorTexts = Self.list(form["sectors"])
        let sectors = sectorTexts.compactMap(KVEDCode.init)
        if sectors.count != sectorTexts.count || sectors.count > 100 { note("sectors", .malformed) }
        let monthTexts = Self.list(form["reportMonths"])
        let months = monthTexts.compactMap(FormNumber.whole)
        if months.count != monthTexts.count { note("reportMonths", .malformed) }

        let criteria = try Self.rows(form, ["criterionId", "criterionUk", "criterionEn", "criterionWeight"], field: "criteria").map { row in
            ScoringCriterion(
                id: row[0], title: LocalizedName(uk: row[1], en: row[2]),
                weight: FormNumber.whole(row[3]) ?? { note("criteria", .malformed); return 0 }())
        }
        let documents = try Self.rows(form, ["documentId", "documentUk", "documentEn"], field: "documents").map { row in
            RequiredDocument(id: row[0], title: LocalizedName(uk: row[1], en: row[2]))
        }

        let call = SupportCall(
            id: id, city: city, programme: programme,
            title: LocalizedName(uk: form["titleUk"].trimmingCharacters(in: .whitespacesAndNewlines), en: form["titleEn"].trimmingCharacters(in: .whitespacesAndNewlines)),
            description: LocalizedName(uk: form["descriptionUk"], en: form["descriptionEn"]),
            instrument: instrument ?? .grant, fund: money("fund"), maximumPerApplicant: money("maximumPerApplicant"),
            opensAt: instant("opensAt", was: previous?.opensAt), closesAt: instant("closesAt", was: previous?.closesAt), fixWorkingDays: whole("fixWorkingDays", form["fixWorkingDays"], default: 0),
            eligibility: EligibilityRules(
                kinds: kinds, sizes: sizes, sectors: sectors, mustBeRegisteredInHromada: form["mustBeRegisteredInHromada"] == "on",
                mustDeclareNoTaxDebt: form["mustDeclareNoTaxDebt"] == "on"),
            criteria: Self.withIDs(criteria, known: Set(previous?.criteria.map(\.id) ?? []), prefix: "k"), scale: whole("scale", form["scale"], default: 0),
            minimumTotal: whole("minimumTotal", form["minimumTotal"], default: -1), documents: Self.withIDs(documents, known: Set(previous?.documents.map(\.id) ?? []), prefix: "d"),
            reportMonths: months.sorted(), publishedAt: previous?.publishedAt, decidedAt: previous?.decidedAt)
        // A field the form could not read is said once, as unreadable; the domain's own word for it would only repeat it.
        let unread = Set(problems.map(\.field))
        problems += call.problems.filter { !unread.contains($0.field) }
        guard problems.isEmpty else { throw Refused(problems: problems) }
        return call
    }

    /// A list typed with commas, semicolons or spaces between (`56.10, 10.1`, `6 12`).
    static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
    }

    /// The form's rows of `names` (inputs repeated once per row), trimmed,
    /// the blank ones left out; a form with more rows than the page offers,
    /// or rows of unequal length, is refused whole.
    static func rows(_ form: FormData, _ names: [String], field: String) throws -> [[String]] {
        let columns = names.map { form.all($0) }
        let count = columns.first?.count ?? 0
        guard count <= rowLimit, columns.allSatisfy({ $0.count == count }) else { throw Refused(problems: [CallProblem(field: field, reason: .malformed)]) }
        return (0..<count).map { row in columns.map { $0[row].trimmingCharacters(in: .whitespacesAndNewlines) } }
            .filter { !$0.dropFirst().allSatisfy(\.isEmpty) }
    }

    /// Rows keep the ids the stored call gave them (scores are kept by a
    /// criterion's id); any other row, new or with an id the page did not
    /// give, gets the first `prefix` + number no other row has.
    static func withIDs<Row: IdentifiedRow>(_ rows: [Row], known: Set<String>, prefix: String) -> [Row] {
        var seen = Set<String>()
        let kept = rows.map { row in known.contains(row.id) && seen.insert(row.id).inserted ? row.id : nil }
        var taken = Set(kept.compactMap { $0 })
        var next = 1
        return zip(rows, kept).map { row, id in
            if id != nil { return row }
            while taken.contains("\(prefix)\(next)") { next += 1 }
            taken.insert("\(prefix)\(next)")
            return row.with(id: "\(prefix)\(next)")
        }
    }

    /// The id of a new call: its English title's first words (the form
    /// asks for both titles) and a random tail, since ids are unique across
    /// every city of the deployment.
    static func newID(for title: LocalizedName) -> SupportCallID {
        let slug = title.en.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? String($0) : "-" }.joined()
            .split(separator: "-").prefix(6).joined(separator: "-")
        let tail = RandomToken.base32(byteCount: 3).lowercased().prefix(4)
        return SupportCallID(rawValue: (slug.isEmpty ? "call" : String(slug.prefix(48))) + "-" + tail)
    }

    // MARK: Saving

    /// Saves the call staff edited (`isNew`: created by this save), checked
    /// against the stored version in the transaction that writes it.
    func save(_ call: SupportCall, isNew: Bool, city: Municipality, by staff: AccountID) async throws {
        let now = services.clock.now()
        let entry = try services.audit.entry(
            action: AuditAction.businessCallSaved, actor: staff, municipality: city.id, subject: call.id.rawValue,
            details: ["published": call.publishedAt == nil ? "no" : "yes", "kopiyky": String(call.fund.kopiyky)])
        try await services.store.write { tx in
            let stored = try await tx.supportCalls.call(call.id, in: city.id, forUpdate: true)
            if isNew {
                guard stored == nil else { throw AppError.conflict(code: "business_call_changed") }
            } else {
                guard let stored else { throw AppError.notFound }
                let locked = stored.call.lockedChanges(to: call, at: now)
                guard locked.isEmpty else { throw Refused(problems: locked) }
            }
            guard try await tx.supportCalls.save(call, at: now) else {
                throw isNew ? AppError.conflict(code: "business_call_changed") : Refused(problems: [CallProblem(field: "fund", reason: .belowCommitted)])
            }
            try await tx.audit.append(entry)
        }
    }
}

/// A row of a call's form that keeps its id: a criterion, a document.
protocol IdentifiedRow {
    var id: String { get }
    func with(id: String) -> Self
}

extension ScoringCriterion: IdentifiedRow {
    func with(id: String) -> ScoringCriterion { ScoringCriterion(id: id, title: title, weight: weight) }
}

extension RequiredDocument: IdentifiedRow {
    func with(id: String) -> RequiredDocument { RequiredDocument(id: id, title: title) }
}
