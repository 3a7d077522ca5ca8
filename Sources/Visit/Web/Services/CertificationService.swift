import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// Every step of «Вінницький стандарт гостинності», each in one
/// transaction with its audit entry: the applicant's application,
/// self-assessment and booking; the assessor's sections, photos and
/// submission; the staff's certificate, withdrawal, re-assessment and
/// slots; visitors' ratings and reports with the complaints' pattern; the
/// background's expiry and reminders. A change is written only from the
/// revision it was decided on, so two decisions at once leave one.
struct CertificationService {
    let services: AppServices

    /// The one place a rule of the standard becomes a status and a message.
    static func appError(_ problem: CertificationProblem) -> AppError {
        switch problem {
        case .unknownCriterion(let id): .invalid(code: "visit_cert_unknown_criterion", field: "mark.\(id)")
        case .requiredNotApplicable(let id): .invalid(code: "visit_cert_required_na", field: "mark.\(id)")
        case .noteTooLong(let id): .invalid(code: "visit_cert_note_too_long", field: "note.\(id)")
        case .tooManyPhotos: .conflict(code: "visit_cert_too_many_photos")
        case .unanswered(let ids): .invalid(code: "visit_cert_unanswered", field: ids.first.map { "mark.\($0)" })
        case .wrongChecklistVersion: .conflict(code: "visit_cert_checklist_changed")
        case .notNow: .conflict(code: "visit_cert_not_now")
        case .slotInThePast: .invalid(code: "visit_cert_slot_past", field: "slot")
        case .notYourAssessment: .forbidden(reason: "visit_cert_not_your_assessment")
        case .assessmentFailed: .conflict(code: "visit_cert_assessment_failed")
        case .reasonLength: .invalid(code: "visit_cert_reason_length", field: "reason")
        case .noCertificate: .conflict(code: "visit_cert_no_certificate")
        }
    }

    /// Runs a domain step, its refusal said as the web says it.
    static func step<T>(_ body: () throws(CertificationProblem) -> T) throws -> T {
        do { return try body() } catch { throw appError(error) }
    }

    /// Staff of this city holding `capability`: the platform's rule (401 signed
    /// out, 404 for anyone else, as a city's desks do not reveal themselves).
    static func requireCapability(_ capability: Capability, _ principal: Principal?, in city: MunicipalityID) throws -> Principal {
        try requireStaff(capability, principal, in: city)
    }

    // MARK: Reading

    func checklist(in city: MunicipalityID) async throws -> HospitalityChecklist {
        guard let checklist = try await services.store.read({ try await $0.certification.currentChecklist(in: city) }) else {
            throw AppError.conflict(code: "visit_cert_no_standard")
        }
        return checklist
    }

    func checklist(version: Int, in city: MunicipalityID) async throws -> HospitalityChecklist {
        guard let checklist = try await services.store.read({ try await $0.certification.checklist(version: version, in: city) }) else {
            throw AppError.notFound
        }
        return checklist
    }

    func certification(_ id: CertificationID, in city: MunicipalityID) async throws -> CertificationRepository.Stored {
        guard let stored = try await services.store.read({ try await $0.certification.certification(id, in: city) }) else { throw AppError.notFound }
        return stored
    }

    /// The certification of its applicant (404 for anyone else, as another's application is nobody's business).
    func own(_ id: CertificationID, in city: MunicipalityID, by account: AccountID) async throws -> CertificationRepository.Stored {
        let stored = try await certification(id, in: city)
        guard stored.certification.applicant == account else { throw AppError.notFound }
        return stored
    }

    /// Changes a certification by a domain step from the revision read, with
    /// its audit entry and whatever else `also` writes, in one transaction.
    @discardableResult
    func change<T: Sendable>(
        _ stored: CertificationRepository.Stored, audit action: String?, by actor: AccountID?, details: [String: String] = [:],
        _ step: (inout Certification) throws(CertificationProblem) -> T,
        also: @escaping @Sendable (Repositories, Certification, T) async throws -> Void = { _, _, _ in }
    ) async throws -> T {
        var changed = stored.certification
        let result = try Self.step { () throws(CertificationProblem) -> T in try step(&changed) }
        let now = services.clock.now(), revision = stored.revision, final = changed
        let entry = try action.map { try services.audit.entry(action: $0, actor: actor, municipality: final.city, subject: final.id.rawValue, details: details) }
        try await services.store.write { tx in
            guard try await tx.certification.update(final, from: revision, at: now) else { throw AppError.conflict(code: "visit_cert_changed") }
            try await also(tx, final, result)
            if let entry { try await tx.audit.append(entry) }
        }
        return result
    }

    // MARK: The applicant

    /// Applies for a place of the guide. One certification per place: the
    /// same person applying again finds theirs; someone else is told the place has applied.
    func apply(place: String, phone: String, city: Municipality, by account: AccountID) async throws -> Certification {
        let phone = phone.trimmingCharacters(in: .whitespaces)
        guard !phone.isEmpty, PlaceContacts.isPhone(phone) else { throw AppError.invalid(code: "visit_cert_phone", field: "phone") }
        let placeID = PlaceID(rawValue: place.trimmingCharacters(in: .whitespaces)), cityID = city.id
        guard !placeID.rawValue.isEmpty, placeID.rawValue.count <= 100,
              try await services.store.read({ try await $0.visitGuide.place(placeID, in: cityID) }) != nil
        else { throw AppError.invalid(code: "visit_cert_place", field: "place") }
        let checklist = try await checklist(in: city.id)
        let now = services.clock.now()
        let fresh = Certification(id: .random(), city: city.id, place: placeID, applicant: account, checklistVersion: checklist.version, contactPhone: phone, at: now)
        let entry = try services.audit.entry(action: AuditAction.visitCertApplied, actor: account, municipality: city.id, subject: fresh.id.rawValue,
                                             details: ["place": placeID.rawValue])
        let stored = try await services.store.write { tx in
            let (stored, created) = try await tx.certification.apply(fresh, at: now)
            if created { try await tx.audit.append(entry) }
            return stored
        }
        guard stored.certification.applicant == account else { throw AppError.conflict(code: "visit_cert_place_taken") }
        return stored.certification
    }

    /// The applicant's whole checklist: every criterion marked, none n.a. that is required.
    func selfAssess(_ id: CertificationID, answers: [String: CriterionAnswer], city: Municipality, by account: AccountID) async throws {
        let stored = try await own(id, in: city.id, by: account)
        let checklist = try await checklist(in: city.id)
        let sheet = try Self.step { () throws(CertificationProblem) -> AssessmentSheet in
            var sheet = AssessmentSheet(checklistVersion: checklist.version)
            try sheet.record(answers, on: checklist)
            return sheet
        }
        try await change(stored, audit: AuditAction.visitCertSelfAssessed, by: account) { (c: inout Certification) throws(CertificationProblem) in
            try c.selfAssess(sheet, on: checklist)
        }
    }

    /// Books a free slot: the slot is taken and the certification moved in one transaction, or neither.
    func book(_ id: CertificationID, slot: String, city: Municipality, by account: AccountID) async throws {
        let stored = try await own(id, in: city.id, by: account)
        let checklist = try await checklist(in: city.id)
        let now = services.clock.now(), cityID = city.id
        guard stored.certification.maybeBooked else { throw AppError.conflict(code: "visit_cert_not_now") }
        let slotID = AssessmentSlotID(rawValue: slot)
        let entry = try services.audit.entry(action: AuditAction.visitCertBooked, actor: account, municipality: cityID, subject: id.rawValue,
                                             details: ["slot": slot])
        try await services.store.write { tx in
            guard let taken = try await tx.certification.claim(slotID, for: id, in: cityID, at: now) else {
                throw AppError.invalid(code: "visit_cert_slot_taken", field: "slot")
            }
            guard let current = try await tx.certification.certification(id, in: cityID) else { throw AppError.notFound }
            var changed = current.certification
            try Self.step { () throws(CertificationProblem) in
                try changed.book(AssessmentBooking(slot: taken.id, startsAt: taken.startsAt, assessor: taken.assessor), checklist: checklist, at: now)
            }
            guard try await tx.certification.update(changed, from: current.revision, at: now) else { throw AppError.conflict(code: "visit_cert_changed") }
            try await tx.audit.append(entry)
        }
    }

    // MARK: The assessor

    /// Saves one section's marks and notes into the draft (what a poor connection may lose is one section).
    func saveSection(_ id: CertificationID, section: StandardSection, answers: [String: CriterionAnswer], city: Municipality, by assessor: AccountID) async throws {
        let stored = try await certification(id, in: city.id)
        let checklist = try await checklist(version: stored.certification.checklistVersion, in: city.id)
        // Photos already attached stay with their criterion.
        var merged = answers
        for (criterion, answer) in answers {
            merged[criterion]?.photos = stored.certification.draft?.answers[criterion]?.photos ?? answer.photos
        }
        let given = merged
        try await change(stored, audit: nil, by: assessor) { (c: inout Certification) throws(CertificationProblem) in
            try c.saveSection(section, given, on: checklist, by: assessor)
        }
    }

    /// A photo taken on site, stored by the platform and put beside its criterion.
    func addPhoto(_ id: CertificationID, file: UploadedFile?, criterion: String, caption: String, city: Municipality, by assessor: AccountID) async throws {
        let stored = try await certification(id, in: city.id)
        let checklist = try await checklist(version: stored.certification.checklistVersion, in: city.id)
        // Every refusal the domain can give is given before the bytes are stored.
        var trial = stored.certification
        try Self.step { () throws(CertificationProblem) in try trial.attachPhoto("probe", to: criterion, on: checklist, by: assessor) }
        let photo = try await services.photos.add(file, caption: caption, to: .visitCertification(id), city: city, by: assessor)
        let fresh = try await certification(id, in: city.id)
        try await change(fresh, audit: nil, by: assessor) { (c: inout Certification) throws(CertificationProblem) in
            try c.attachPhoto(photo.id.rawValue, to: criterion, on: checklist, by: assessor)
        }
    }

    /// Submits the whole sheet: the level is computed; a failing one ends a certificate still in force.
    func submit(_ id: CertificationID, city: Municipality, by assessor: AccountID) async throws -> AssessmentOutcome {
        let stored = try await certification(id, in: city.id)
        let checklist = try await checklist(version: stored.certification.checklistVersion, in: city.id)
        var trial = stored.certification
        let preview = try Self.step { () throws(CertificationProblem) in try trial.submitAssessment(on: checklist, by: assessor, at: services.clock.now()) }
        let outcome = preview.round.outcome
        let details = [
            "round": String(preview.round.number), "level": outcome.level.rawValue, "met": String(outcome.score.met),
            "applicable": String(outcome.score.applicable), "checklistVersion": String(checklist.version),
            "requiredFailed": outcome.requiredFailed.joined(separator: ","),
        ]
        let now = services.clock.now()
        let withdrawal = try preview.endsCertificate.map {
            try services.audit.entry(action: AuditAction.visitCertWithdrawn, actor: assessor, municipality: city.id, subject: $0.rawValue,
                                     details: ["certification": id.rawValue, "reason": "failed_reassessment"])
        }
        try await change(stored, audit: AuditAction.visitCertAssessed, by: assessor, details: details,
                         { (c: inout Certification) throws(CertificationProblem) in try c.submitAssessment(on: checklist, by: assessor, at: now) },
                         also: { tx, _, submitted in
                             guard let ended = submitted.endsCertificate, let withdrawal else { return }
                             try await tx.certification.withdraw(ended, reason: Self.failedReassessmentReason, at: now)
                             try await tx.audit.append(withdrawal)
                         })
        return outcome
    }

    /// What a certificate ended by a failed re-assessment says, in both languages.
    static let failedReassessmentReason = "Не пройшов повторне оцінювання / Failed the re-assessment"

    // MARK: The certification staff

    /// Issues the certificate from a passing assessment; a newer one replaces the old.
    func issue(_ id: CertificationID, city: Municipality, by staff: AccountID) async throws -> Certificate {
        let stored = try await certification(id, in: city.id)
        let now = services.clock.now(), certificateID = CertificateID(rawValue: RandomToken.base32(byteCount: 10).lowercased())
        var trial = stored.certification
        let preview = try Self.step { () throws(CertificationProblem) in try trial.issue(certificateID, at: now) }
        let round = stored.certification.rounds.count
        let details = ["certificate": certificateID.rawValue, "level": preview.certificate.level.rawValue, "validUntil": String(preview.certificate.validUntil.epochSeconds)]
        try await change(stored, audit: AuditAction.visitCertIssued, by: staff, details: details,
                         { (c: inout Certification) throws(CertificationProblem) in try c.issue(certificateID, at: now) },
                         also: { tx, _, issued in
                             guard try await tx.certification.insert(issued.certificate, round: round) else { throw AppError.conflict(code: "visit_cert_changed") }
                             if let replaced = issued.replaced { try await tx.certification.replace(replaced, by: issued.certificate.id) }
                         })
        return preview.certificate
    }

    func withdraw(_ id: CertificationID, reason: String, city: Municipality, by staff: AccountID) async throws {
        let stored = try await certification(id, in: city.id)
        let now = services.clock.now()
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let current = stored.certification.certificate?.rawValue ?? ""
        try await change(stored, audit: AuditAction.visitCertWithdrawn, by: staff, details: ["certificate": current],
                         { (c: inout Certification) throws(CertificationProblem) in try c.withdraw(reason: trimmed) },
                         also: { tx, _, ended in try await tx.certification.withdraw(ended, reason: trimmed, at: now) })
    }

    /// Orders a certified place assessed again; its applicant is asked by mail to book.
    func orderReassessment(_ id: CertificationID, city: Municipality, by staff: AccountID) async throws {
        let stored = try await certification(id, in: city.id)
        let now = services.clock.now(), link = applicationLink(id, city: city), mail = services.mail
        let placeName = try await self.placeName(stored.certification.place, in: city.id)
        try await change(stored, audit: AuditAction.visitCertReassessmentOrdered, by: staff,
                         { (c: inout Certification) throws(CertificationProblem) in try c.orderReassessment(.ordered) },
                         also: { tx, certification, _ in
                             guard let account = try await tx.accounts.find(id: certification.applicant) else { return }
                             var letter = mail.message("mail.visit_cert_reassessment", to: account, link: link, language: account.language, at: now,
                                                       extra: ["place": placeName.localized(account.language)])
                             letter.municipalityID = city.id
                             try await tx.outbox.enqueue(letter)
                         })
    }

    /// Offers an assessment slot: a time to come (Kyiv time, in the future) and an assessor of this city.
    func offerSlot(startsAt: String, assessor email: String, city: Municipality, by staff: AccountID) async throws {
        let now = services.clock.now()
        guard let startsAt = DateText.kyivInput(startsAt.trimmingCharacters(in: .whitespaces)) else {
            throw AppError.invalid(code: "visit_cert_slot_date", field: "startsAt")
        }
        guard startsAt > now else { throw AppError.invalid(code: "visit_cert_slot_past", field: "startsAt") }
        let address = email.trimmingCharacters(in: .whitespaces)
        guard address.count <= 254, let account = try await services.store.read({ try await $0.accounts.find(email: EmailAddress(rawValue: address.lowercased())) }),
              try await services.accounts.principal(of: account).may(.visitAssess, in: city.id)
        else { throw AppError.invalid(code: "visit_cert_assessor", field: "assessor") }
        let slot = CertificationRepository.Slot(id: .random(), city: city.id, startsAt: startsAt, assessor: account.id, certification: nil)
        let entry = try services.audit.entry(action: AuditAction.visitCertSlotOffered, actor: staff, municipality: city.id, subject: slot.id.rawValue)
        try await services.store.write { tx in
            try await tx.certification.offer(slot, at: now)
            try await tx.audit.append(entry)
        }
    }

    /// Upholds or dismisses a visitor's report (dismissed ones stop counting toward the pattern).
    func decideReport(_ id: CertificationID, report: String, decision: String, city: Municipality, by staff: AccountID) async throws {
        let stored = try await certification(id, in: city.id)
        guard let state = ReportState(rawValue: decision), state != .open else { throw AppError.invalid(code: "visit_cert_report_decision", field: "decision") }
        let entry = try services.audit.entry(action: AuditAction.visitCertReportDecided, actor: staff, municipality: city.id, subject: id.rawValue,
                                             details: ["report": report, "state": state.rawValue])
        let now = services.clock.now(), certificationID = stored.certification.id
        try await services.store.write { tx in
            guard try await tx.certification.decideReport(report, of: certificationID, as: state, at: now) else { throw AppError.notFound }
            try await tx.audit.append(entry)
        }
    }

    // MARK: Visitors

    /// A certificate of the city, for the verification page (404 for another city's).
    func certificate(_ id: CertificateID, in city: MunicipalityID) async throws -> Certificate {
        guard let certificate = try await services.store.read({ try await $0.certification.certificate(id, in: city) }) else { throw AppError.notFound }
        return certificate
    }

    /// A signed-in visitor rates a place with a valid certificate, once in 30 days.
    func rate(_ id: CertificateID, stars: String, city: Municipality, by account: AccountID) async throws {
        let certificate = try await certificate(id, in: city.id)
        guard certificate.status(at: services.clock.now()) == .valid else { throw AppError.conflict(code: "visit_cert_not_valid") }
        guard let value = FormNumber.whole(stars), let rating = VisitorRating(stars: value, at: services.clock.now()) else {
            throw AppError.invalid(code: "visit_cert_stars", field: "stars")
        }
        let stored = try await certification(certificate.certification, in: city.id)
        guard stored.certification.applicant != account else { throw AppError.conflict(code: "visit_cert_own_place") }
        let watcher = self
        try await services.store.write { tx in
            guard try await tx.certification.rate(rating, of: certificate.certification, by: account) else {
                throw AppError.conflict(code: "visit_cert_rated_recently")
            }
            try await watcher.watchPattern(certificate.certification, city: city, tx: tx, at: rating.at)
        }
    }

    /// At most five reports a day from one account, across places.
    static let reportsPerAccount = RateLimitRule(name: "visit-cert-report-account", limit: 5, window: 86_400)

    /// A signed-in visitor reports a problem with a certified place (kept for staff, never published).
    func report(_ id: CertificateID, text: String, city: Municipality, by account: AccountID) async throws {
        let certificate = try await certificate(id, in: city.id)
        guard certificate.status(at: services.clock.now()) == .valid else { throw AppError.conflict(code: "visit_cert_not_valid") }
        guard let body = VisitorReportText.checked(text) else { throw AppError.invalid(code: "visit_cert_report_length", field: "report") }
        let now = services.clock.now(), watcher = self
        let wait = try await services.store.write { tx -> Int? in
            if let wait = try await RateLimiter.hit([(Self.reportsPerAccount, account.rawValue)], in: tx, at: now) { return wait }
            try await tx.certification.report(id: RandomToken.base32(byteCount: 10), of: certificate.certification, by: account, body: body, at: now)
            try await watcher.watchPattern(certificate.certification, city: city, tx: tx, at: now)
            return nil
        }
        if let wait { throw AppError.rateLimited(retryAfter: max(1, wait)) }
    }

    /// Flags the certification once the complaints' pattern holds, audits it and mails the certification staff.
    func watchPattern(_ id: CertificationID, city: Municipality, tx: Repositories, at now: Date) async throws {
        guard let stored = try await tx.certification.certification(id, in: city.id) else { return }
        let reports = try await tx.certification.reports(of: id).map { (state: $0.state, at: $0.createdAt) }
        let ratings = try await tx.certification.ratings(of: id)
        guard let reason = ComplaintPattern.holds(reports: reports, ratings: ratings, at: now) else { return }
        var changed = stored.certification
        guard changed.flag(at: now), try await tx.certification.update(changed, from: stored.revision, at: now) else { return }
        let why: String
        switch reason {
        case .reports(let count): why = "reports:\(count)"
        case .ratings(let mean): why = "ratings:\(mean)"
        }
        try await services.audit.record(tx, action: AuditAction.visitCertFlagged, actor: nil, municipality: city.id, subject: id.rawValue, details: ["reason": why])
        let placeName = try await tx.visitGuide.place(stored.certification.place, in: city.id)?.name
        let link = services.configuration.publicBaseURL + CertificationDeskPages.url(city, id)
        for staff in try await tx.roles.holders(of: [.capability(.visitCertify), .role(.admin)], in: city.id) {
            guard let account = try await tx.accounts.find(id: staff) else { continue }
            var letter = services.mail.message("mail.visit_cert_flagged", to: account, link: link, language: account.language, at: now,
                                               extra: ["place": placeName?.localized(account.language) ?? stored.certification.place.rawValue])
            letter.municipalityID = city.id
            try await tx.outbox.enqueue(letter)
        }
    }

    // MARK: Background

    /// Records each certificate past its date as expired, with its audit entry; how many.
    @discardableResult
    func expire() async throws -> Int {
        let now = services.clock.now(), audit = services.audit
        return try await services.store.write { tx in
            let expired = try await tx.certification.claimExpired(at: now)
            for certificate in expired {
                if let stored = try await tx.certification.certification(certificate.certification, in: certificate.city) {
                    var changed = stored.certification
                    changed.expire(certificate.id)
                    _ = try await tx.certification.update(changed, from: stored.revision, at: now)
                }
                try await audit.record(tx, action: AuditAction.visitCertExpired, actor: nil, municipality: certificate.city, subject: certificate.id.rawValue,
                                       details: ["certification": certificate.certification.rawValue])
            }
            return expired.count
        }
    }

    /// Mails the applicants of certificates 90 and 30 days before they expire, each once; how many letters.
    @discardableResult
    func remind() async throws -> Int {
        let now = services.clock.now(), mail = services.mail, base = services.configuration.publicBaseURL
        let cities = try await services.store.read { try await $0.municipalities.all() }
        let byID = Dictionary(cities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return try await services.store.write { tx in
            var sent = 0
            for (certificate, days) in try await tx.certification.claimReminders(at: now) {
                guard let city = byID[certificate.city], let stored = try await tx.certification.certification(certificate.certification, in: city.id),
                      let account = try await tx.accounts.find(id: stored.certification.applicant)
                else { continue }
                let place = try await tx.visitGuide.place(certificate.place, in: city.id)
                var letter = mail.message(
                    "mail.visit_cert_expiring", to: account, link: base + CertificationApplicantPages.url(city, stored.certification.id),
                    language: account.language, at: now,
                    extra: ["place": place?.name.localized(account.language) ?? "", "days": String(days), "until": String(DateText.kyiv(certificate.validUntil).prefix(10))])
                letter.municipalityID = city.id
                try await tx.outbox.enqueue(letter)
                sent += 1
            }
            return sent
        }
    }

    func task() -> [PeriodicTask] {
        [
            PeriodicTask("visit certificates expiry", every: .seconds(300), logger: services.logger) { _ = try await self.expire() },
            PeriodicTask("visit certificates reminders", every: .seconds(300), logger: services.logger) { _ = try await self.remind() },
        ]
    }

    // MARK: Helpers

    func placeName(_ place: PlaceID, in city: MunicipalityID) async throws -> LocalizedName {
        try await services.store.read { try await $0.visitGuide.place(place, in: city) }?.name ?? LocalizedName(uk: place.rawValue, en: place.rawValue)
    }

    func applicationLink(_ id: CertificationID, city: Municipality) -> String {
        services.configuration.publicBaseURL + CertificationApplicantPages.url(city, id)
    }

    /// The absolute address of a certificate's verification page: what the door's QR code holds.
    func verificationURL(_ id: CertificateID, city: Municipality) -> String {
        services.configuration.publicBaseURL + CertificationPages.url(city, id)
    }
}
