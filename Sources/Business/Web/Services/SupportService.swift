import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// Every step of a call's cycle, as the applicant, the staff and the
/// committee take them: each checks who may take it and whether it follows,
/// writes in one transaction with its audit entry, and names what went
/// wrong so a page can say it. Capabilities are checked by the pages (the
/// principal's, in the city); this checks the rest.
struct SupportService {
    let services: AppServices

    /// A form that cannot be submitted: every problem beside its field, and the form as typed.
    struct Refused: Error {
        let problems: [ApplicationReader.Problem]
    }

    /// The stored call of a city, or 404.
    func call(_ id: SupportCallID, in city: MunicipalityID) async throws -> SupportCallRepository.StoredCall {
        guard let call = try await services.store.read({ try await $0.supportCalls.call(id, in: city) }) else { throw AppError.notFound }
        return call
    }

    /// The stored application of a city, or 404.
    func application(_ id: SupportApplicationID, in city: MunicipalityID) async throws -> SupportApplicationRepository.Stored {
        guard let stored = try await services.store.read({ try await $0.supportApplications.application(id, in: city) }) else { throw AppError.notFound }
        return stored
    }

    // MARK: The applicant

    /// A verified person's application to an open call: their draft, started now, or the one they have.
    func start(_ callID: SupportCallID, city: Municipality, by account: AccountID) async throws -> SupportApplicationRepository.Stored {
        let call = try await self.call(callID, in: city.id).call
        let now = services.clock.now()
        guard call.phase(at: now) == .open else { throw AppError.conflict(code: "business_call_not_open") }
        guard try await !services.store.read({ try await $0.residency.verifications(of: account) }).isEmpty else {
            throw AppError.forbidden(reason: "business_applicant_not_verified")
        }
        let draft = SupportApplication(id: .random(), callID: call.id, city: city.id, account: account, createdAt: now)
        return try await services.store.write { tx in
            if let started = try await tx.supportApplications.start(draft, form: ApplicationForm()) { return started }
            guard let existing = try await tx.supportApplications.application(of: account, to: call.id) else {
                throw StoreError.unexpectedResult("an application that is neither new nor there")
            }
            return existing
        }
    }

    /// Keeps what the applicant typed (a draft, or fixes to a returned application).
    func saveDraft(_ id: SupportApplicationID, form: ApplicationForm, city: Municipality, by account: AccountID) async throws {
        let stored = try await own(id, city: city, by: account)
        guard [.draft, .returned].contains(stored.application.state) else { throw AppError.conflict(code: "business_application_sent") }
        try Self.checkLengths(form)
        let saved = try await services.store.write { try await $0.supportApplications.update(stored.application, form: form, fromVersion: stored.version) }
        guard saved else { throw AppError.conflict(code: "business_application_changed") }
    }

    /// Sends the application (or sends it again after fixes): the form read
    /// whole, the call's rules met, the documents attached, the applicant
    /// not applying twice; the code and contacts go to the private table.
    func submit(_ id: SupportApplicationID, form: ApplicationForm, city: Municipality, by account: AccountID) async throws {
        let stored = try await own(id, city: city, by: account)
        try Self.checkLengths(form)
        let call = try await self.call(stored.application.callID, in: city.id).call
        let attached = Set(try await services.store.read { try await $0.supportApplications.documents(of: id) }.keys)
        let read: ApplicationReader.Read
        switch ApplicationReader.read(form, for: call, attached: attached) {
        case .read(let whole): read = whole
        case .refused(let problems):
            // What was typed is kept even when it cannot go yet.
            if [.draft, .returned].contains(stored.application.state) {
                _ = try await services.store.write { try await $0.supportApplications.update(stored.application, form: form, fromVersion: stored.version) }
            }
            throw Refused(problems: problems)
        }
        var application = stored.application
        let now = services.clock.now()
        do {
            try application.submit(to: call, at: now)
        } catch {
            throw AppError.conflict(code: Self.code(error))
        }
        let key = services.keys.identityHash(of: "business-applicant\u{1F}\(read.applicant.kind.isPerson ? "person" : "entity")\u{1F}\(read.applicant.code)")
        let entry = try services.audit.entry(
            action: AuditAction.businessApplicationSubmitted, actor: account, municipality: city.id, subject: id.rawValue)
        let submitted = application
        let email = (try? EmailAddress.validated(form.email))?.rawValue ?? form.email
        try await services.store.write { tx in
            guard try await tx.supportApplications.claimApplicant(key.rawValue, for: id, call: call.id) else {
                throw AppError.conflict(code: "business_applicant_applied")
            }
            guard try await tx.supportApplications.update(submitted, form: form, fromVersion: stored.version) else {
                throw AppError.conflict(code: "business_application_changed")
            }
            try await tx.supportApplications.putPrivate(.init(code: read.applicant.code, email: email, phone: form.phone), of: id)
            try await tx.audit.append(entry)
        }
    }

    /// The applicant takes their application back before a decision.
    func withdraw(_ id: SupportApplicationID, city: Municipality, by account: AccountID) async throws {
        let stored = try await own(id, city: city, by: account)
        try await move(stored, action: nil, by: account, city: city.id) { application, _ in try application.withdraw() }
    }

    /// The person's own application; someone else's is not there.
    func own(_ id: SupportApplicationID, city: Municipality, by account: AccountID) async throws -> SupportApplicationRepository.Stored {
        let stored = try await application(id, in: city.id)
        // Someone else's application does not exist, as far as they can tell.
        guard stored.application.account == account else { throw AppError.notFound }
        return stored
    }

    /// No field holds more than the form allows: a longer one is refused by name, and the stored draft stays as it was.
    static func checkLengths(_ form: ApplicationForm) throws {
        let fields: [(String, String)] = [
            ("kind", form.kind), ("name", form.name), ("code", form.code), ("size", form.size), ("activity", form.activity),
            ("employees", form.employees), ("projectTitle", form.projectTitle), ("requested", form.requested), ("jobsPlanned", form.jobsPlanned),
            ("email", form.email), ("phone", form.phone),
        ]
        if let long = fields.first(where: { !ApplicationForm.fieldLength.contains($0.1.count) }) {
            throw AppError.invalid(code: "business_field_too_long", field: long.0)
        }
        if form.plan.count > ProjectPlan.planLength.upperBound { throw AppError.invalid(code: "business_field_too_long", field: "plan") }
    }

    // MARK: Staff

    /// Staff send a submitted application back once, with what to fix; the deadline counts the city's working days.
    func returnForFixes(_ id: SupportApplicationID, note: String, city: Municipality, by staff: AccountID) async throws {
        let stored = try await application(id, in: city.id)
        let call = try await self.call(stored.application.callID, in: city.id).call
        let calendar = city.settings.workingCalendar ?? .martialLaw
        try await move(stored, action: AuditAction.businessApplicationReturned, by: staff, city: city.id) { application, now in
            try application.returnForFixes(note: note, call: call, calendar: calendar, at: now)
        }
    }

    func accept(_ id: SupportApplicationID, city: Municipality, by staff: AccountID) async throws {
        let stored = try await application(id, in: city.id)
        try await move(stored, action: AuditAction.businessApplicationAccepted, by: staff, city: city.id) { application, now in
            try application.accept(at: now)
        }
    }

    func reject(_ id: SupportApplicationID, reason: String, city: Municipality, by staff: AccountID) async throws {
        let stored = try await application(id, in: city.id)
        try await move(stored, action: AuditAction.businessApplicationRejected, by: staff, city: city.id) { application, now in
            try application.reject(reason: reason, at: now)
        }
    }

    /// One step of an application, written if nobody moved it meanwhile, with its audit entry (none for the applicant's own withdrawal).
    private func move(
        _ stored: SupportApplicationRepository.Stored, action: String?, by actor: AccountID, city: MunicipalityID,
        _ step: (inout SupportApplication, Date) throws -> Void
    ) async throws {
        var application = stored.application
        do {
            try step(&application, services.clock.now())
        } catch let problem as SupportApplication.Problem {
            throw problem == .noteMissing ? AppError.invalid(code: "business_note_missing", field: "note") : AppError.conflict(code: Self.code(problem))
        }
        let entry = try action.map { try services.audit.entry(action: $0, actor: actor, municipality: city, subject: application.id.rawValue) }
        let moved = application
        try await services.store.write { tx in
            guard try await tx.supportApplications.update(moved, form: stored.form, fromVersion: stored.version) else {
                throw AppError.conflict(code: "business_application_changed")
            }
            if let entry { try await tx.audit.append(entry) }
        }
    }

    static func code(_ problem: SupportApplication.Problem) -> String {
        switch problem {
        case .notNow: "business_application_not_now"
        case .callNotOpen: "business_call_not_open"
        case .fixDeadlinePassed: "business_fix_deadline_passed"
        case .alreadyReturned: "business_already_returned"
        case .noteMissing: "business_note_missing"
        }
    }

    // MARK: The committee

    /// A member declares a conflict of interest: the application is hidden from them from now on.
    func declareConflict(_ id: SupportApplicationID, city: Municipality, by member: AccountID) async throws {
        let stored = try await application(id, in: city.id)
        guard stored.application.state == .accepted else { throw AppError.conflict(code: "business_application_not_now") }
        let entry = try services.audit.entry(action: AuditAction.businessConflictDeclared, actor: member, municipality: city.id, subject: id.rawValue)
        let now = services.clock.now()
        try await services.store.write { tx in
            try await tx.supportApplications.declareConflict(member, on: id, at: now)
            try await tx.audit.append(entry)
        }
    }

    /// A member's scores of an application with the committee, until the list is published.
    func score(_ id: SupportApplicationID, points: [String: Int], comments: [String: String], city: Municipality, by member: AccountID) async throws {
        let stored = try await application(id, in: city.id)
        let call = try await self.call(stored.application.callID, in: city.id).call
        guard stored.application.state == .accepted, call.decidedAt == nil else { throw AppError.conflict(code: "business_application_not_now") }
        let sheet = ScoreSheet(member: member, points: points, comments: comments)
        do {
            try sheet.check(against: call)
        } catch {
            switch error {
            case .outOfRange(let criterion), .unknownCriterion(let criterion): throw AppError.invalid(code: "business_score_out_of_range", field: "score-\(criterion)")
            case .commentTooLong(let criterion): throw AppError.invalid(code: "business_field_too_long", field: "comment-\(criterion)")
            }
        }
        let entry = try services.audit.entry(action: AuditAction.businessScored, actor: member, municipality: city.id, subject: id.rawValue)
        let now = services.clock.now()
        try await services.store.write { tx in
            guard try await tx.supportApplications.score(sheet, on: id, at: now) else { throw AppError.forbidden(reason: "business_conflict_declared") }
            try await tx.audit.append(entry)
        }
    }

    /// Decides and publishes the call's list once applications are closed:
    /// every accepted application must have been scored; each is settled as
    /// awarded or not, with its place and total.
    func decide(_ callID: SupportCallID, city: Municipality, by staff: AccountID) async throws -> [AwardList.Line] {
        var call = try await self.call(callID, in: city.id).call
        let now = services.clock.now()
        guard call.phase(at: now) == .review else { throw AppError.conflict(code: "business_call_not_in_review") }
        let (accepted, sheets) = try await services.store.read { tx in
            (try await tx.supportApplications.applications(to: callID, states: [.accepted]), try await tx.supportApplications.sheets(of: callID))
        }
        var candidates: [AwardList.Candidate] = []
        for stored in accepted {
            let application = stored.application
            guard let total = ScoreTotal(sheets: sheets[application.id] ?? [], call: call), let submitted = application.submittedAt else {
                throw AppError.conflict(code: "business_application_unscored")
            }
            guard case .read(let read) = ApplicationReader.read(stored.form, for: call, attached: Set(call.documents.map(\.id))) else {
                throw AppError.conflict(code: "business_application_unreadable")
            }
            candidates.append(AwardList.Candidate(id: application.id, total: total, requested: read.project.requested, submittedAt: submitted))
        }
        let lines = AwardList.decide(candidates, fund: call.fund, minimumTotal: call.minimumTotal)
        call.decidedAt = now
        let decided = call
        let byID = Dictionary(uniqueKeysWithValues: accepted.map { ($0.application.id, $0) })
        let entry = try services.audit.entry(
            action: AuditAction.businessListPublished, actor: staff, municipality: city.id, subject: callID.rawValue,
            details: ["applications": String(lines.count), "awarded": String(lines.filter { $0.verdict == .awarded }.count)])
        try await services.store.write { tx in
            for line in lines {
                guard let stored = byID[line.candidate.id] else { continue }
                var application = stored.application
                try application.settle(awarded: line.verdict == .awarded, at: now)
                guard try await tx.supportApplications.update(application, form: stored.form, fromVersion: stored.version) else {
                    throw AppError.conflict(code: "business_application_changed")
                }
                try await tx.supportApplications.place(line)
            }
            guard try await tx.supportCalls.save(decided, at: now) else { throw AppError.conflict(code: "business_call_changed") }
            // Its followers hear of the list with the decision.
            _ = try await tx.follows.record(BusinessFollows.listPublished(decided, at: now))
            try await tx.audit.append(entry)
        }
        return lines
    }

    // MARK: The fund

    /// Signs the agreement with an awarded applicant for what they asked (or less).
    func signAgreement(
        _ id: SupportApplicationID, amount: Money, reference: String, city: Municipality, by staff: AccountID
    ) async throws -> SupportCallRepository.Agreement {
        let stored = try await application(id, in: city.id)
        guard stored.application.state == .awarded else { throw AppError.conflict(code: "business_application_not_awarded") }
        let held = try await self.call(stored.application.callID, in: city.id)
        do {
            try held.position.checkAgreement(amount, maximumPerApplicant: held.call.maximumPerApplicant)
        } catch {
            throw AppError.invalid(code: error == .beyondMaximum ? "business_amount_over_maximum" : "business_amount_beyond_fund", field: "amount")
        }
        let reference = try Self.reference(reference)
        let entry = try services.audit.entry(
            action: AuditAction.businessAgreementSigned, actor: staff, municipality: city.id, subject: id.rawValue, details: ["kopiyky": String(amount.kopiyky)])
        let now = services.clock.now()
        return try await services.store.write { tx in
            let agreement = try await Self.refusing { try await tx.supportCalls.signAgreement(
                id: RandomToken.base32(byteCount: 10), call: held.call, application: id, amount: amount, reference: reference, at: now) }
            try await tx.audit.append(entry)
            return agreement
        }
    }

    /// Records a payout under an agreement: never more than agreed, never more than the fund.
    func recordPayout(_ agreement: String, amount: Money, reference: String, city: Municipality, by staff: AccountID) async throws {
        guard amount > .zero, amount.isWithinCeiling else { throw AppError.invalid(code: "business_amount_not_positive", field: "amount") }
        let reference = try Self.reference(reference)
        let entry = try services.audit.entry(
            action: AuditAction.businessPayoutRecorded, actor: staff, municipality: city.id, subject: agreement, details: ["kopiyky": String(amount.kopiyky)])
        let now = services.clock.now()
        try await services.store.write { tx in
            try await Self.refusing {
                try await tx.supportCalls.recordPayout(
                    id: RandomToken.base32(byteCount: 10), agreement: agreement, in: city.id, amount: amount, reference: reference, by: staff, at: now)
            }
            try await tx.audit.append(entry)
        }
    }

    // MARK: Results

    /// The recipient files the results due at `due` under their agreement, once; from a week before the date.
    func fileReport(_ id: SupportApplicationID, due: Date, report: ResultReport, city: Municipality, by account: AccountID) async throws {
        let stored = try await own(id, city: city, by: account)
        guard let agreement = try await services.store.read({ try await $0.supportCalls.agreement(for: stored.application.id) }) else {
            throw AppError.notFound
        }
        if let field = report.problems.first { throw AppError.invalid(code: "business_report_field", field: field) }
        let now = services.clock.now()
        guard ReportSchedule.remindNow(due: due, at: now) else { throw AppError.conflict(code: "business_report_not_yet") }
        let entry = try services.audit.entry(action: AuditAction.businessReportFiled, actor: account, municipality: city.id, subject: agreement.id)
        try await services.store.write { tx in
            guard try await tx.supportCalls.file(report, agreement: agreement.id, due: due, at: now) else {
                throw AppError.conflict(code: "business_report_filed")
            }
            try await tx.audit.append(entry)
        }
    }

    /// An agreement's or a payout's document number, trimmed: 1 to 100 characters.
    static func reference(_ text: String) throws -> String {
        let reference = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(reference.count) else { throw AppError.invalid(code: "business_reference_missing", field: "reference") }
        return reference
    }

    /// The store's refusals of the fund, as a person reads them.
    static func refusing<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let refusal as SupportCallRepository.FundRefusal {
            switch refusal {
            case .beyondFund: throw AppError.invalid(code: "business_amount_beyond_fund", field: "amount")
            case .beyondAgreement: throw AppError.invalid(code: "business_amount_beyond_agreement", field: "amount")
            case .alreadyAgreed: throw AppError.conflict(code: "business_already_agreed")
            case .noSuchAgreement: throw AppError.notFound
            }
        }
    }
}
