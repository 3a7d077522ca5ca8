import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// Investors' enquiries on the city's clock: sent without an account,
/// acknowledged by mail at once with a private link (opening it and
/// confirming starts the clock), taken and answered by the city's enquiry
/// managers, every step audited (under the enquiry's id, never the
/// investor's name or address).
public struct EnquiryService: Sendable {
    let services: AppServices

    /// Enquiries sent from one address (IPv6: one /64): the sender's own budget.
    static let perAddress = RateLimitRule(name: "invest-enquiry-ip", limit: 5, window: 3_600)
    /// Acknowledgements mailed to one address a day, so nobody can flood an
    /// inbox with them. Counted by the address's keyed digest, never the address.
    static let mailsPerRecipient = RateLimitRule(name: "invest-enquiry-mail", limit: 10, window: 86_400)
    /// An enquiry nobody confirmed is deleted after a week.
    static let confirmationWindow: TimeInterval = 7 * 86_400

    static func appError(_ problem: Enquiry.Problem) -> AppError {
        switch problem {
        case .invalid(let field, let reason): .invalid(code: "enquiry_\(reason.rawValue)", field: field)
        case .notNow: .conflict(code: "enquiry_not_now")
        case .shortlistSize: .invalid(code: "enquiry_shortlist_size", field: "sites")
        }
    }

    private func decide<T>(_ change: () throws(Enquiry.Problem) -> T) throws -> T {
        do { return try change() } catch { throw Self.appError(error) }
    }

    /// The private link's key: derived from the enquiry's id, so every later mail carries the same link.
    func key(of id: EnquiryID) -> String { Self.key(of: id, keys: services.keys) }

    static func key(of id: EnquiryID, keys: KeyRing) -> String { keys.linkKey(for: "invest-enquiry:" + id.rawValue) }

    func link(_ enquiry: Enquiry, city: Municipality) -> String {
        "\(services.configuration.publicBaseURL)/\(city.slug.rawValue)/invest/enquiries/\(enquiry.id.rawValue)?key=\(key(of: enquiry.id))"
    }

    /// A new enquiry: checked, stored, and acknowledged by mail in the investor's language.
    public func send(
        site: SiteID?, name: String, email: String, company: String, country: String, phone: String, message: String, language: Language,
        city: Municipality, clientAddress: String
    ) async throws -> Enquiry {
        var siteTitle = ""
        if let site {
            guard let stored = try await services.store.read({ try await $0.invest.site(site, in: city.id) }), stored.site.status.isOnOffer else {
                throw AppError.invalid(code: "enquiry_site_unknown", field: "siteId")
            }
            siteTitle = stored.site.title.localized(language)
        }
        let now = services.clock.now()
        let enquiry = try decide { () throws(Enquiry.Problem) in
            try Enquiry.send(
                city: city.id, site: site, name: name, email: email, company: company, country: country, phone: phone, language: language,
                message: message, at: now)
        }
        // Counted once the enquiry is sound: a typo corrected costs nothing.
        try await services.rateLimiter.check(Self.perAddress, address: clientAddress)
        let rules = city.settings.investEnquiries
        let letter = services.mail.message(
            "mail.invest_enquiry_received", to: enquiry.investor.email, name: enquiry.investor.name, link: link(enquiry, city: city),
            language: language, at: now, extra: [
                "city": city.name.localized(language), "site": siteTitle.isEmpty ? "" : services.localizer.string("invest.enquiry.mail_about", language, ["site": siteTitle]),
                "first": String(rules.firstAnswerWorkingDays), "shortlist": String(rules.shortlistWorkingDays),
            ])
        let digest = services.keys.sessionDigest(of: key(of: enquiry.id))
        let recipient = services.keys.sessionDigest(of: "invest-enquiry-recipient:" + enquiry.investor.email.rawValue)
        let audit = services.audit
        let wait = try await services.store.write { tx -> Int? in
            if let wait = try await RateLimiter.hit([(Self.mailsPerRecipient, recipient)], in: tx, at: now) { return wait }
            try await tx.enquiries.deleteUnconfirmed(sentBefore: now.addingTimeInterval(-Self.confirmationWindow))
            try await tx.enquiries.insert(enquiry, keyDigest: digest)
            try await tx.outbox.enqueue(letter)
            try await audit.record(
                tx, action: AuditAction.investEnquirySent, actor: nil, municipality: city.id, subject: enquiry.id.rawValue,
                details: ["site": site?.rawValue ?? ""])
            return nil
        }
        if let wait { throw AppError.limited(code: "enquiry_mail_limit", retryAfter: wait) }
        return enquiry
    }

    func load(_ id: EnquiryID, in city: MunicipalityID) async throws -> (enquiry: Enquiry, keyDigest: String) {
        guard let found = try await services.store.read({ try await $0.enquiries.enquiry(id, in: city) }) else { throw AppError.notFound }
        return found
    }

    /// The enquiry for whoever holds its private link; anyone else gets a 404.
    public func forInvestor(_ id: EnquiryID, key: String, city: MunicipalityID) async throws -> Enquiry {
        let found = try await load(id, in: city)
        guard !key.isEmpty, ConstantTime.equal(services.keys.sessionDigest(of: key), found.keyDigest) else { throw AppError.notFound }
        return found.enquiry
    }

    /// Writes a change made from `previous` with its audit entry and mail; a change someone made first is a 409.
    private func store(
        _ next: Enquiry, from previous: Enquiry, action: String, actor: AccountID?, details: [String: String] = [:], mail: OutboxMessage? = nil
    ) async throws {
        let audit = services.audit, version = previous.steps.count
        let written = try await services.store.write { tx -> Bool in
            guard try await tx.enquiries.update(next, fromVersion: version) else { return false }
            if let mail { try await tx.outbox.enqueue(mail) }
            try await audit.record(tx, action: action, actor: actor, municipality: next.city, subject: next.id.rawValue, details: details)
            return true
        }
        guard written else { throw AppError.conflict(code: "enquiry_changed_meanwhile") }
    }

    /// The investor confirms their address: the clock starts in the city's working days.
    public func confirm(_ id: EnquiryID, key: String, city: Municipality) async throws -> Enquiry {
        let enquiry = try await forInvestor(id, key: key, city: city.id)
        guard enquiry.state == .awaitingConfirmation else { return enquiry }
        let now = services.clock.now(), rules = city.settings.investEnquiries, calendar = city.settings.workingCalendar ?? .martialLaw
        let next = try decide { () throws(Enquiry.Problem) in try enquiry.confirmed(at: now, rules: rules, calendar: calendar) }
        try await store(next, from: enquiry, action: AuditAction.investEnquiryConfirmed, actor: nil)
        return next
    }

    /// The investor writes again on their page.
    public func reply(_ id: EnquiryID, key: String, text: String, city: Municipality) async throws -> Enquiry {
        let enquiry = try await forInvestor(id, key: key, city: city.id)
        let now = services.clock.now()
        let next = try decide { () throws(Enquiry.Problem) in try enquiry.investorReplied(text, at: now) }
        try await store(next, from: enquiry, action: AuditAction.investEnquiryReplied, actor: nil)
        return next
    }

    // MARK: The city's managers

    /// The signed-in enquiry manager, as the investor sees them.
    func manager(_ principal: Principal?, in city: Municipality) async throws -> Enquiry.Manager {
        let staff = try requireStaff(.answerEnquiries, principal, in: city.id)
        let account = try await services.store.read { try await $0.accounts.find(id: staff.accountID) }
        return Enquiry.Manager(account: staff.accountID, name: account?.fullName ?? "")
    }

    public func queue(in city: Municipality, closed: Bool, principal: Principal?) async throws -> [Enquiry] {
        _ = try requireStaff(.answerEnquiries, principal, in: city.id)
        let cityID = city.id
        return try await services.store.read { try await $0.enquiries.queue(in: cityID, closed: closed) }
    }

    /// A confirmed enquiry, for its managers (an unconfirmed one is nobody's business yet).
    public func forManager(_ id: EnquiryID, city: Municipality, principal: Principal?) async throws -> Enquiry {
        _ = try requireStaff(.answerEnquiries, principal, in: city.id)
        let enquiry = try await load(id, in: city.id).enquiry
        guard enquiry.state.isConfirmed else { throw AppError.notFound }
        return enquiry
    }

    public func take(_ id: EnquiryID, city: Municipality, principal: Principal?) async throws -> Enquiry {
        let manager = try await manager(principal, in: city)
        let enquiry = try await forManager(id, city: city, principal: principal)
        let now = services.clock.now()
        let next = try decide { () throws(Enquiry.Problem) in try enquiry.assigned(to: manager, at: now) }
        try await store(next, from: enquiry, action: AuditAction.investEnquiryAssigned, actor: manager.account)
        return next
    }

    public func answer(_ id: EnquiryID, text: String, city: Municipality, principal: Principal?) async throws -> Enquiry {
        let manager = try await manager(principal, in: city)
        let enquiry = try await forManager(id, city: city, principal: principal)
        let now = services.clock.now()
        let next = try decide { () throws(Enquiry.Problem) in try enquiry.answered(text, by: manager, at: now) }
        let mail = services.mail.message(
            "mail.invest_enquiry_answer", to: next.investor.email, name: next.investor.name, link: link(next, city: city), language: next.language,
            at: now, extra: ["city": city.name.localized(next.language), "manager": manager.name])
        try await store(
            next, from: enquiry, action: AuditAction.investEnquiryAnswered, actor: manager.account,
            details: ["onTime": next.answeredOnTime(at: now).map { $0 ? "yes" : "no" } ?? ""], mail: mail)
        return next
    }

    public func shortlist(_ id: EnquiryID, sites: [SiteID], note: String, city: Municipality, principal: Principal?) async throws -> Enquiry {
        let manager = try await manager(principal, in: city)
        let enquiry = try await forManager(id, city: city, principal: principal)
        let cityID = city.id
        for site in sites {
            guard try await services.store.read({ try await $0.invest.site(site, in: cityID) }) != nil else {
                throw AppError.invalid(code: "enquiry_site_unknown", field: "sites")
            }
        }
        let now = services.clock.now()
        let next = try decide { () throws(Enquiry.Problem) in try enquiry.shortlisted(sites, note: note, by: manager, at: now) }
        let mail = services.mail.message(
            "mail.invest_enquiry_shortlist", to: next.investor.email, name: next.investor.name, link: link(next, city: city),
            language: next.language, at: now, extra: ["city": city.name.localized(next.language), "count": String(sites.count)])
        try await store(
            next, from: enquiry, action: AuditAction.investEnquiryShortlisted, actor: manager.account, details: ["sites": String(sites.count)],
            mail: mail)
        return next
    }

    public func close(_ id: EnquiryID, city: Municipality, principal: Principal?) async throws -> Enquiry {
        let manager = try await manager(principal, in: city)
        let enquiry = try await forManager(id, city: city, principal: principal)
        let now = services.clock.now()
        let next = try decide { () throws(Enquiry.Problem) in try enquiry.closed(by: manager, at: now) }
        try await store(next, from: enquiry, action: AuditAction.investEnquiryClosed, actor: manager.account)
        return next
    }
}

extension AppServices {
    public var enquiries: EnquiryService { EnquiryService(services: self) }
}
