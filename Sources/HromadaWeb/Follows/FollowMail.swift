import Foundation
import HromadaDomain
import HromadaStore
import Logging

/// Turns what happened into letters for the people who follow it, through
/// the outbox (issue 21). Each round:
/// 1. looks at the calendar since the last look, and records what the
///    modules say happened by it (`FollowSchedule`);
/// 2. writes each pending event's letters in each reader's language: a
///    letter now for those who chose one, a line of tomorrow's digest for
///    daily readers; the event is marked dispatched in the same transaction;
/// 3. after 08:00 in Kyiv, sends each daily reader one letter with the lines
///    written before it.
/// Every letter carries a one-click unsubscribe link (RFC 8058).
public struct FollowMail: Sendable {
    package let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// Events in one round, letters per event are not capped: each is one outbox row.
    static let eventsPerRound = 50
    static let digestsPerRound = 200
    /// A calendar not looked at for longer (the server was down) is looked at
    /// from this far back only: a week-old "voting opens" is noise, not news.
    static let longestLook: TimeInterval = 2 * 86_400
    /// Dispatched events are kept this long, then purged.
    static let keptEvents: TimeInterval = 30 * 86_400

    public func round() async throws {
        try await lookAtCalendar()
        while try await dispatchPending() == Self.eventsPerRound {}
        while try await sendDigests() == Self.digestsPerRound {}
    }

    // MARK: 1. The calendar

    public func lookAtCalendar() async throws {
        let now = services.clock.now()
        let previous = try await services.store.read { try await $0.follows.scheduleLookedUntil() }
        guard let previous, previous < now else {
            if previous == nil { _ = try await services.store.write { try await $0.follows.moveSchedule(from: nil, to: now) } }
            return
        }
        let after = max(previous, now.addingTimeInterval(-Self.longestLook))
        var events: [FollowEvent] = []
        let cities = try await services.store.read { try await $0.municipalities.all() }
        for city in cities {
            for module in services.modules.enabled(in: city) {
                guard let schedule = module.followSchedule else { continue }
                events += try await schedule.events(city, after, now, services).filter { $0.occurredAt > after && $0.occurredAt <= now }
            }
        }
        let found = events
        try await services.store.write { tx in
            // Another server moved the mark first: it recorded these.
            guard try await tx.follows.moveSchedule(from: previous, to: now) else { return }
            for event in found { try await tx.follows.record(event) }
        }
    }

    // MARK: 2. Letters for each event

    /// Dispatches up to a round's worth of events; returns how many it took.
    @discardableResult
    public func dispatchPending() async throws -> Int {
        let now = services.clock.now()
        let pending = try await services.store.read { try await $0.follows.pending(limit: Self.eventsPerRound) }
        var cities: [MunicipalityID: Municipality] = [:]
        for event in pending {
            if cities[event.municipalityID] == nil {
                cities[event.municipalityID] = try await services.store.read { try await $0.municipalities.find(id: event.municipalityID) }
            }
            var letters: [OutboxMessage] = []
            var lines: [(AccountID, String)] = []
            // A thing the public may no longer see (or a module switched off) tells nobody anything.
            if let city = cities[event.municipalityID],
               let thing = try await services.modules.linked(event.about, in: city, services: services)
            {
                let readers = try await services.store.read { try await $0.follows.readers(of: event) }
                for reader in readers {
                    switch reader.mail {
                    case .immediate: letters.append(letter(event, thing: thing, city: city, to: reader, at: now))
                    case .daily: lines.append((reader.account, line(event, thing: thing, city: city, language: reader.language)))
                    case .none: continue
                    }
                }
            }
            let (written, waiting) = (letters, lines)
            try await services.store.write { tx in
                guard try await tx.follows.markDispatched(event.id, at: now) else { return }
                for letter in written { try await tx.outbox.enqueue(letter) }
                for (account, line) in waiting { try await tx.follows.addDigestLine(line, for: account, event: event.id, at: now) }
            }
        }
        return pending.count
    }

    func link(_ thing: LinkedThing) -> String { services.configuration.publicBaseURL + thing.path }

    /// What happened, said in `language`: "Рішення експертизи: «Сквер на Замості»".
    func headline(_ event: FollowEvent, thing: LinkedThing, city: Municipality, language: Language) -> String {
        services.localizer.string(
            "follow.mail.headline", language,
            ["what": services.localizer.string(event.what, language), "title": thing.title(in: language), "city": city.name.localized(language)])
    }

    func detail(_ event: FollowEvent, language: Language) -> String {
        event.detail.map { services.localizer.string($0, language) } ?? ""
    }

    func letter(_ event: FollowEvent, thing: LinkedThing, city: Municipality, to reader: FollowRepository.Reader, at now: Date) -> OutboxMessage {
        let language = reader.language
        let headline = headline(event, thing: thing, city: city, language: language)
        let unsubscribe = unsubscribeLink(for: reader.account)
        var message = OutboxMessage(
            municipalityID: city.id, recipient: reader.email.rawValue,
            subject: services.localizer.string("follow.mail.subject", language, ["headline": headline]),
            body: services.localizer.string(
                "follow.mail.body", language,
                ["name": reader.name, "headline": headline, "detail": detail(event, language: language), "link": link(thing),
                 "settings": settingsLink, "unsubscribe": unsubscribe]),
            createdAt: now)
        message.listUnsubscribe = unsubscribe
        return message
    }

    func line(_ event: FollowEvent, thing: LinkedThing, city: Municipality, language: Language) -> String {
        services.localizer.string(
            "follow.digest.line", language,
            ["headline": headline(event, thing: thing, city: city, language: language), "detail": detail(event, language: language),
             "link": link(thing)])
    }

    // MARK: 3. The morning's digest

    /// Sends up to a round's worth of digests; returns how many readers it looked at.
    @discardableResult
    public func sendDigests() async throws -> Int {
        let now = services.clock.now()
        let moment = FollowRules.lastDigestMoment(atOrBefore: now)
        let due = try await services.store.read { try await $0.follows.digestsDue(before: moment, limit: Self.digestsPerRound) }
        for accountID in due {
            let unsubscribe = unsubscribeLink(for: accountID), settings = settingsLink, localizer = services.localizer
            try await services.store.write { tx in
                let lines = try await tx.follows.takeDigest(of: accountID, before: moment)
                guard !lines.isEmpty, let account = try await tx.accounts.find(id: accountID) else { return }
                let language = account.language
                var message = OutboxMessage(
                    municipalityID: nil, recipient: account.email.rawValue,
                    subject: localizer.string("follow.digest.subject", language, ["count": String(lines.count)]),
                    body: localizer.string(
                        "follow.digest.body", language,
                        ["name": account.fullName, "lines": lines.map(\.line).joined(separator: "\n\n"), "settings": settings,
                         "unsubscribe": unsubscribe]),
                    createdAt: now)
                message.listUnsubscribe = unsubscribe
                try await tx.outbox.enqueue(message)
            }
        }
        return due.count
    }

    /// Deletes dispatched events past keeping (run by housekeeping's schedule).
    public func purge() async throws {
        let before = services.clock.now().addingTimeInterval(-Self.keptEvents)
        _ = try await services.store.write { try await $0.follows.purgeDispatched(before: before) }
    }

    // MARK: Links in every letter

    var settingsLink: String { services.configuration.publicBaseURL + "/account/follows" }

    /// The key of a person's unsubscribe link: derived from the deployment's
    /// secret, so it is stored nowhere and works from every letter they got.
    static func unsubscribeKey(for account: AccountID, keys: KeyRing) -> String {
        keys.linkKey(for: "unsubscribe\u{1F}\(account.rawValue)")
    }

    func unsubscribeLink(for account: AccountID) -> String {
        let key = Self.unsubscribeKey(for: account, keys: services.keys)
        return "\(services.configuration.publicBaseURL)/unsubscribe?account=\(account.rawValue)&key=\(key)"
    }
}

extension AppServices {
    public var followMail: FollowMail { FollowMail(services: self) }
}
