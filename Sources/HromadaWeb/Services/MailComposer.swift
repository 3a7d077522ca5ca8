import Foundation
import HromadaDomain
import HromadaStore

/// The emails Hromada sends, in the recipient's language.
public struct MailComposer: Sendable {
    package let localizer: Localizer
    let baseURL: String

    public func confirmation(to account: Account, token: String, language: Language, at instant: Date) -> OutboxMessage {
        message("mail.confirm", to: account, link: "\(baseURL)/confirm?token=\(token)", language: language, at: instant)
    }

    public func passwordReset(to account: Account, token: String, language: Language, at instant: Date) -> OutboxMessage {
        message("mail.reset", to: account, link: "\(baseURL)/password/reset?token=\(token)", language: language, at: instant)
    }

    /// A message whose subject and body are `key.subject` and `key.body` in
    /// the locale files (a module's mail composes through this, with keys
    /// of its own).
    public func message(
        _ key: String, to account: Account, link: String, language: Language, at instant: Date, extra: [String: String] = [:]
    ) -> OutboxMessage {
        message(key, to: account.email, name: account.fullName, link: link, language: language, at: instant, extra: extra)
    }

    /// The same to someone without an account (an investor who wrote in).
    public func message(
        _ key: String, to address: EmailAddress, name: String, link: String, language: Language, at instant: Date, extra: [String: String] = [:]
    ) -> OutboxMessage {
        OutboxMessage(
            municipalityID: nil, recipient: address.rawValue,
            subject: localizer.string("\(key).subject", language, extra),
            body: localizer.string("\(key).body", language, extra.merging(["name": name, "link": link]) { $1 }),
            createdAt: instant)
    }
}
