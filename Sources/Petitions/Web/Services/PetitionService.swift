import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Metrics

/// One e-petition operation per method, each one transaction with its audit
/// entry and the author's notice. The domain decides; this loads, stores
/// and says no in the statuses of docs/interfaces.md.
public struct PetitionService: Sendable {
    /// `hromada_petitions_signatures_total`: signatures written, by how they
    /// count (`counted` at once, `awaiting_confirmation` by an email signer,
    /// `confirmed` when that signer follows the link).
    static let signatures = Counter(label: "hromada_petitions_signatures_total", dimensions: [("kind", "counted")])
    static let signaturesAwaitingConfirmation = Counter(label: "hromada_petitions_signatures_total", dimensions: [("kind", "awaiting_confirmation")])
    static let signaturesConfirmed = Counter(label: "hromada_petitions_signatures_total", dimensions: [("kind", "confirmed")])
    let services: AppServices

    public enum Signed: Sendable, Equatable {
        /// Counted; the exact count after it.
        case counted(Int)
        /// An email signer's: recorded, and counted once they follow the mailed link.
        case awaitingConfirmation
    }

    func load(_ id: PetitionID, in city: MunicipalityID) async throws -> PetitionRepository.Stored {
        guard let stored = try await services.store.read({ try await $0.petitions.petition(id, in: city) }) else { throw AppError.notFound }
        return stored
    }

    static func appError(_ error: PetitionError) -> AppError {
        switch error {
        case .notTheAuthor: .notFound
        case .wrongState: .conflict(code: "petition_wrong_state")
        case .titleLength: .invalid(code: "petition_title_length", field: "title")
        case .textLength: .invalid(code: "petition_text_length", field: "text")
        case .categoryMissing: .invalid(code: "petition_category_missing", field: "category")
        case .placeIncomplete: .invalid(code: "place_incomplete", field: "latitude")
        case .placeOutsideCity: .invalid(code: "place_outside_city", field: "latitude")
        case .rejectionTextRequired: .invalid(code: "rejection_text_required", field: "text")
        case .answerTextRequired: .invalid(code: "answer_text_required", field: "text")
        case .answerSignerRequired: .invalid(code: "answer_signer_required", field: "signedBy")
        case .settingsInvalid(let field): .invalid(code: "petition_settings_invalid", field: field)
        }
    }

    static func appError(_ problem: SignatureProblem) -> AppError {
        switch problem {
        case .notOpenYet: .conflict(code: "petition_not_open")
        case .closed: .conflict(code: "petition_closed")
        case .alreadySigned: .conflict(code: "already_signed")
        case .notVerifiedResident: .forbidden(reason: "signer_not_verified_resident")
        }
    }

    /// Runs a domain change, turning its refusal into the API's.
    private func decide<T>(_ change: () throws(PetitionError) -> T) throws -> T {
        do {
            return try change()
        } catch {
            throw Self.appError(error)
        }
    }

    /// Stores the new version with its audit entry and, on a change of state, the author's notice.
    private func store(
        _ next: Petition, was previous: Petition?, city: Municipality, action: String, actor: AccountID?, details: [String: String] = [:],
        alsoIn more: (@Sendable (Repositories) async throws -> Void)? = nil
    ) async throws {
        let audit = services.audit
        let notice = try await authorNotice(next, was: previous, city: city)
        let written = try await services.store.write { tx -> Bool in
            if let previous {
                guard try await tx.petitions.update(next, from: previous.state) else { return false }
            } else {
                try await tx.petitions.insert(next)
            }
            if let notice { try await tx.outbox.enqueue(notice) }
            try await audit.record(tx, action: action, actor: actor, municipality: city.id, subject: next.id.rawValue, details: details)
            try await more?(tx)
            return true
        }
        // Someone (or the clock) changed it between reading and writing.
        guard written else { throw AppError.conflict(code: "petition_wrong_state") }
    }

    private func link(to petition: Petition, in city: Municipality) -> String {
        "\(services.configuration.publicBaseURL)/\(city.slug.rawValue)/petitions/\(petition.id.rawValue)"
    }

    private func authorNotice(_ next: Petition, was previous: Petition?, city: Municipality) async throws -> OutboxMessage? {
        guard let previous, previous.state != next.state,
              let author = try await services.store.read({ try await $0.accounts.find(id: next.authorID) })
        else { return nil }
        return services.mail.petitionNotice(
            next, to: author, link: link(to: next, in: city), at: services.clock.now())
    }

    // MARK: The author

    /// A new petition by someone who may sign in this city; sent on for moderation (or supporters) unless kept as a draft.
    public func file(
        title: String, text: String, category: String, place: (longitude: Double?, latitude: Double?) = (nil, nil), city: Municipality,
        by account: Account, submit: Bool
    ) async throws -> Petition {
        let settings = city.settings.petitionSettings
        let verification = try await services.store.read { try await $0.residency.find(account: account.id, in: city.id) }
        do {
            _ = try SignerRules.identity(of: account, verification: verification, settings: settings)
        } catch {
            throw Self.appError(error)
        }
        let now = services.clock.now()
        var petition = try decide { () throws(PetitionError) in
            try Petition.draft(
                title: title, text: text, category: category, in: city.id, by: account, place: place, territory: city.settings.placeBounds, at: now)
        }
        if submit { petition = try decide { () throws(PetitionError) in try petition.submitted(by: account.id, settings: settings, at: now) } }
        try await store(petition, was: nil, city: city, action: AuditAction.petitionFiled, actor: account.id, details: ["state": petition.state.rawValue])
        return petition
    }

    public func submit(_ id: PetitionID, city: Municipality, by account: AccountID) async throws -> Petition {
        let petition = try await load(id, in: city.id).petition
        let now = services.clock.now(), settings = city.settings.petitionSettings
        let next = try decide { () throws(PetitionError) in try petition.submitted(by: account, settings: settings, at: now) }
        try await store(next, was: petition, city: city, action: AuditAction.petitionSubmitted, actor: account)
        return next
    }

    public func withdraw(_ id: PetitionID, city: Municipality, by account: AccountID) async throws -> Petition {
        let petition = try await load(id, in: city.id).petition
        let now = services.clock.now()
        let next = try decide { () throws(PetitionError) in try petition.withdrawn(by: account, at: now) }
        try await store(next, was: petition, city: city, action: AuditAction.petitionWithdrawn, actor: account)
        return next
    }

    // MARK: Moderators

    /// How long a moderator's hold on a petition lasts before another may take it.
    static let holdLifetime: TimeInterval = 30 * 60

    /// Takes a petition from the queue, so that two moderators do not decide it.
    public func take(_ id: PetitionID, city: Municipality, by principal: Principal?) async throws {
        let principal = try requireStaff(.moderatePetition, principal, in: city.id)
        let now = services.clock.now()
        let held = try await services.store.write {
            try await $0.petitions.take(id, in: city.id, by: principal.accountID, at: now, staleBefore: now.addingTimeInterval(-Self.holdLifetime))
        }
        guard held else { throw AppError.conflict(code: "petition_taken") }
    }

    public enum Decision: Sendable, Equatable {
        case publish
        case reject(RejectionReason, text: String)
    }

    /// Publishes or rejects a petition in moderation (taking it first, if nobody holds it).
    public func decide(_ id: PetitionID, _ decision: Decision, city: Municipality, by principal: Principal?) async throws -> Petition {
        let principal = try requireStaff(.moderatePetition, principal, in: city.id)
        try await take(id, city: city, by: principal)
        let petition = try await load(id, in: city.id).petition
        let now = services.clock.now(), settings = city.settings.petitionSettings
        let next: Petition
        switch decision {
        case .publish:
            next = try decide { () throws(PetitionError) in try petition.published(settings: settings, at: now) }
            try await store(next, was: petition, city: city, action: AuditAction.petitionPublished, actor: principal.accountID)
        case .reject(let reason, let text):
            next = try decide { () throws(PetitionError) in try petition.rejected(reason, text: text, by: principal.accountID, at: now) }
            try await store(
                next, was: petition, city: city, action: AuditAction.petitionRejected, actor: principal.accountID, details: ["reason": reason.rawValue])
        }
        return next
    }

    /// Invalidates signatures by address, email domain or time window, with a
    /// reason; the count drops, and the petition may fall back below its threshold.
    public func invalidate(
        _ id: PetitionID, _ selection: PetitionRepository.Selection, reason: String, city: Municipality, by principal: Principal?
    ) async throws -> Int {
        let principal = try requireStaff(.moderatePetition, principal, in: city.id)
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (5...500).contains(why.count) else { throw AppError.invalid(code: "invalidation_reason_required", field: "reason") }
        guard !selection.isEmpty else { throw AppError.invalid(code: "invalidation_selection_required", field: "clientAddress") }
        _ = try await load(id, in: city.id)
        let audit = services.audit, now = services.clock.now(), settings = city.settings.petitionSettings
        return try await services.store.write { tx in
            let removed = try await tx.petitions.invalidate(id, selection, reason: why, at: now)
            try await audit.record(
                tx, action: AuditAction.petitionSignaturesInvalidated, actor: principal.accountID, municipality: city.id, subject: id.rawValue,
                details: [
                    "count": String(removed), "reason": why, "address": selection.clientAddress ?? "", "domain": selection.emailDomain ?? "",
                    "from": selection.from.map { String($0.epochSeconds) } ?? "", "until": selection.until.map { String($0.epochSeconds) } ?? "",
                ])
            try await applyCount(id, in: city, settings: settings, at: now, tx: tx)
            return removed
        }
    }

    // MARK: Signing

    /// One signature of the signed-in person. A resident's is counted at
    /// once, and reaching the threshold moves the petition in the same
    /// transaction; an email signer's is recorded and counted only once they
    /// follow the link mailed in the same transaction.
    public func sign(
        _ id: PetitionID, city: Municipality, by account: Account, clientAddress: String, notifyOnAnswer: Bool = false
    ) async throws -> Signed {
        let limits = [(RateLimitRule.signingPerAddress, CIDR.rateLimitSubject(clientAddress)), (RateLimitRule.signingPerAccount, account.id.rawValue)]
        let settings = city.settings.petitionSettings
        let (stored, verification) = try await services.store.read { tx in
            (try await tx.petitions.petition(id, in: city.id), try await tx.residency.find(account: account.id, in: city.id))
        }
        guard let stored else { throw AppError.notFound }
        let now = services.clock.now()
        let identity: SignerRules.Identity
        do {
            try stored.petition.checkSignable(at: now)
            identity = try SignerRules.identity(of: account, verification: verification, settings: settings)
        } catch {
            throw Self.appError(error)
        }
        // The link for an email signer, its digest stored, the token only mailed.
        let token = identity.countsAtOnce ? nil : RandomToken.base64URL(byteCount: 32)
        let signature = PetitionRepository.NewSignature(
            petitionID: id, identityKey: identity.key, accountID: account.id, signerName: account.fullName, signedAt: now,
            clientAddress: clientAddress, emailDomain: String(account.email.rawValue.split(separator: "@").last ?? "").lowercased(),
            confirmed: token == nil, notifyOnAnswer: notifyOnAnswer, confirmationDigest: token.map(services.keys.sessionDigest(of:)))
        let confirmation = token.map {
            var letter = services.mail.petitionSignatureConfirmation(
                stored.petition, to: account, link: "\(link(to: stored.petition, in: city))/confirm?token=\($0)", at: now)
            letter.linkDigest = signature.confirmationDigest
            return letter
        }
        let signed = HashedAuditEntry(try services.audit.entry(
            action: AuditAction.petitionSigned, actor: account.id, municipality: city.id, subject: id.rawValue,
            details: token == nil ? [:] : ["confirmed": "false"]))
        enum Outcome: Sendable { case counted(Int), pending, alreadySigned, limited(Int) }
        let outcome = try await services.store.write { tx -> Outcome in
            if let wait = try await RateLimiter.hit(limits, in: tx, at: now) { return .limited(wait) }
            guard let count = try await tx.petitions.sign(signature) else { return .alreadySigned }
            try await tx.audit.append(signed)
            if let confirmation {
                try await tx.outbox.enqueue(confirmation)
                return .pending
            }
            // Only a signature that may move the petition reads it again: a
            // supporter, or the one that reaches the threshold. (On PostgreSQL
            // two signers can both miss it; the scheduler's tick catches that.)
            if stored.petition.state == .collectingSupporters || count == stored.petition.threshold {
                try await applyCount(id, in: city, settings: settings, at: now, tx: tx, exact: count)
            }
            return .counted(count)
        }
        switch outcome {
        case .counted(let count):
            Self.signatures.increment()
            return .counted(count)
        case .pending:
            Self.signaturesAwaitingConfirmation.increment()
            return .awaitingConfirmation
        case .alreadySigned: throw AppError.conflict(code: "already_signed")
        case .limited(let wait): throw AppError.rateLimited(retryAfter: max(1, wait))
        }
    }

    /// An email signer follows the mailed link: their signature counts from
    /// now, if the petition is still collecting. The link works once.
    public func confirmSignature(_ id: PetitionID, token: String, city: Municipality) async throws -> Int {
        let stored = try await load(id, in: city.id)
        let now = services.clock.now(), settings = city.settings.petitionSettings
        do {
            try stored.petition.checkSignable(at: now)
        } catch {
            throw Self.appError(error)
        }
        let digest = services.keys.sessionDigest(of: token), audit = services.audit
        let count = try await services.store.write { tx -> Int? in
            guard let pending = try await tx.petitions.pendingSignature(id, digest: digest),
                  let count = try await tx.petitions.confirm(id, digest: digest)
            else { return nil }
            try await audit.record(
                tx, action: AuditAction.petitionSignatureConfirmed, actor: pending.accountID, municipality: city.id, subject: id.rawValue)
            // The used link's letter goes (issue 13).
            try await tx.outbox.deleteLetters(carrying: [digest])
            if stored.petition.state == .collectingSupporters || count == stored.petition.threshold {
                try await applyCount(id, in: city, settings: settings, at: now, tx: tx, exact: count)
            }
            return count
        }
        guard let count else { throw AppError.invalid(code: "signature_link_invalid", field: "token") }
        Self.signaturesConfirmed.increment()
        return count
    }

    /// Brings the petition's state in line with its exact count, inside the
    /// caller's transaction, and records a change like any other: audit entry
    /// and the author's notice.
    func applyCount(
        _ id: PetitionID, in city: Municipality, settings: PetitionSettings, at now: Date, tx: Repositories, exact: Int? = nil
    ) async throws {
        guard let stored = try await tx.petitions.petition(id, in: city.id) else { return }
        let count: Int
        if let exact { count = exact } else { count = try await tx.petitions.exactCount(of: id) }
        var next = stored.petition.counted(count, settings: settings, at: now)
        if next.state == .collectingSupporters { next = (try? next.supported(by: count, settings: settings, at: now)) ?? next }
        try await recordChange(next, was: stored.petition, signatures: count, city: city, at: now, tx: tx)
    }

    /// A change no person made (the count or the clock moved it): stored,
    /// audited, and told to the author when the state changed.
    private func recordChange(_ next: Petition, was previous: Petition, signatures: Int, city: Municipality, at now: Date, tx: Repositories) async throws {
        guard next != previous, try await tx.petitions.update(next, from: previous.state) else { return }
        try await services.audit.record(
            tx, action: AuditAction.petitionChanged, actor: nil, municipality: city.id, subject: next.id.rawValue,
            details: ["state": next.state.rawValue, "signatures": String(signatures)])
        if next.state != previous.state, let author = try await tx.accounts.find(id: next.authorID) {
            try await tx.outbox.enqueue(services.mail.petitionNotice(next, to: author, link: link(to: next, in: city), at: now))
        }
    }

    // MARK: The council's answer

    public func answer(
        _ id: PetitionID, text: String, decision: Petition.Answer.Decision, signedBy: String, city: Municipality, by principal: Principal?
    ) async throws -> Petition {
        let principal = try requireStaff(.answerPetition, principal, in: city.id)
        let petition = try await load(id, in: city.id).petition
        let now = services.clock.now()
        let next = try decide { () throws(PetitionError) in
            try petition.answered(text, decision: decision, signedBy: signedBy, by: principal.accountID, at: now)
        }
        // Signers who asked to hear the answer get it with the author's notice, in the same transaction.
        let mail = services.mail, link = link(to: next, in: city)
        try await store(next, was: petition, city: city, action: AuditAction.petitionAnswered, actor: principal.accountID,
                        details: ["decision": decision.rawValue]) { tx in
            try await tx.follows.record(FollowEvent(
                in: city.id, what: "petitions.follow.answered", detail: "petitions.decision.\(decision.rawValue)",
                about: FollowTarget(.petition, id: id.rawValue), at: now))
            for subscriber in try await tx.petitions.answerSubscribers(of: id) where subscriber != next.authorID {
                guard let account = try await tx.accounts.find(id: subscriber) else { continue }
                try await tx.outbox.enqueue(mail.petitionAnswerToSigner(next, to: account, link: link, at: now))
            }
        }
        return next
    }

    // MARK: The scheduler

    /// One pass of the clock's work: displayed counts refreshed, thresholds
    /// a signer missed applied, expired petitions closed. Returns how many
    /// petitions changed state.
    @discardableResult
    public func tick() async throws -> Int {
        let now = services.clock.now()
        // One instance does the clock's work; another takes over within
        // seconds of it stopping (the lease outlives a few rounds only).
        guard try await holdsLease(at: now) else { return 0 }
        try await services.store.write { try await $0.petitions.refreshDisplayedCounts() }
        let active = try await services.store.read { try await $0.petitions.active() }
        let cities = try await citiesByID()
        var changed = 0
        for stored in active {
            guard let city = cities[stored.petition.municipalityID] else { continue }
            let settings = city.settings.petitionSettings, id = stored.petition.id
            let before = stored.petition.state
            let after = try await services.store.write { tx -> PetitionState in
                try await applyCount(id, in: city, settings: settings, at: now, tx: tx)
                guard let current = try await tx.petitions.petition(id, in: city.id)?.petition else { return before }
                // Closing is final: the count it closes with is counted row by row.
                let closing = current.state == .open && current.deadline.map { now >= $0 } == true
                let count = closing ? try await tx.petitions.recount(id).counted : try await tx.petitions.exactCount(of: id)
                let expired = current.expired(signatures: count, at: now)
                try await recordChange(expired, was: current, signatures: count, city: city, at: now, tx: tx)
                return expired.state
            }
            if after != before { changed += 1 }
        }
        return changed
    }

    /// Every city by id: the scheduler's rounds look each petition's city up in it.
    private func citiesByID() async throws -> [MunicipalityID: Municipality] {
        Dictionary(uniqueKeysWithValues: try await services.store.read { try await $0.municipalities.all() }.map { ($0.id, $0) })
    }

    private func holdsLease(at now: Date) async throws -> Bool {
        try await services.holdsLease("petitions", at: now)
    }

    // MARK: The recount

    /// Counts every collecting petition's valid signatures row by row and
    /// compares them with its counters, in a read (the writer is not held);
    /// a petition whose counters disagree is recounted in a write, logged,
    /// audited and brought in line. Returns the petitions that disagreed.
    @discardableResult
    public func recount() async throws -> [PetitionID] {
        let now = services.clock.now()
        guard try await holdsLease(at: now) else { return [] }
        let active = try await services.store.read { try await $0.petitions.active() }
        let cities = try await citiesByID()
        var corrected: [PetitionID] = []
        for stored in active {
            let id = stored.petition.id
            let tally = try await services.store.read { try await $0.petitions.tally(id) }
            guard tally.counted != tally.counters, let city = cities[stored.petition.municipalityID] else { continue }
            let audit = services.audit, settings = city.settings.petitionSettings
            let fixed = try await services.store.write { tx in
                let fixed = try await tx.petitions.recount(id)
                guard fixed.counted != fixed.counters else { return fixed }
                try await audit.record(
                    tx, action: AuditAction.petitionRecounted, actor: nil, municipality: city.id, subject: id.rawValue,
                    details: ["counted": String(fixed.counted), "counters": String(fixed.counters)])
                try await applyCount(id, in: city, settings: settings, at: now, tx: tx, exact: fixed.counted)
                return fixed
            }
            guard fixed.counted != fixed.counters else { continue }
            services.logger.warning(
                "petition counters disagreed with the signatures; recounted",
                metadata: ["petition": "\(id.rawValue)", "counted": "\(fixed.counted)", "counters": "\(fixed.counters)"])
            corrected.append(id)
        }
        return corrected
    }

    // MARK: Trending addresses

    /// Addresses that signed more than the city's `trendingAddressPerHour`
    /// within the last hour: each raised once per address and clock hour,
    /// with an audit entry and a mail to whoever moderates the city's petitions,
    /// and listed in the moderation queue. Returns how many were new.
    @discardableResult
    public func raiseTrendingAlerts() async throws -> Int {
        let now = services.clock.now()
        guard try await holdsLease(at: now) else { return 0 }
        let cities = try await citiesByID()
        let lowest = cities.values.map(\.settings.petitionSettings.trendingAddressPerHour).min() ?? 50
        let busy = try await services.store.read { try await $0.petitions.busyAddresses(since: now.addingTimeInterval(-3_600), over: lowest) }
        let hour = Date(epochSeconds: now.epochSeconds / 3_600 * 3_600)
        let audit = services.audit, mail = services.mail, base = services.configuration.publicBaseURL
        // Whoever moderates petitions there: by a role that includes it, or by the capability alone.
        let moderators = services.modules.grants(giving: .moderatePetition)
        var raised = 0
        for (cityID, address, count) in busy {
            guard let city = cities[cityID], count > city.settings.petitionSettings.trendingAddressPerHour else { continue }
            let alert = PetitionRepository.Alert(municipalityID: cityID, clientAddress: address, hourStart: hour, signatures: count, raisedAt: now)
            let isNew = try await services.store.write { tx -> Bool in
                guard try await tx.petitions.raise(alert) else { return false }
                try await audit.record(
                    tx, action: AuditAction.petitionAddressTrending, actor: nil, municipality: cityID, subject: address,
                    details: ["signatures": String(count)])
                for staff in try await tx.roles.holders(of: moderators, in: cityID) {
                    guard let account = try await tx.accounts.find(id: staff) else { continue }
                    try await tx.outbox.enqueue(mail.petitionTrendingAlert(
                        address: address, signatures: count, to: account, link: "\(base)/\(city.slug.rawValue)/admin/petitions", at: now))
                }
                return true
            }
            if isNew { raised += 1 }
        }
        return raised
    }
}
