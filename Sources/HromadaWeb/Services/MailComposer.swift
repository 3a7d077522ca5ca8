import Foundation
import HromadaDomain
import HromadaStore

/// The emails Hromada sends, in the recipient's language.
public struct MailComposer: Sendable {
    let localizer: Localizer
    let baseURL: String

    public func confirmation(to account: Account, token: String, language: Language, at instant: Date) -> OutboxMessage {
        let link = "\(baseURL)/confirm?token=\(token)"
        return OutboxMessage(
            municipalityID: nil, recipient: account.email.rawValue,
            subject: localizer.string("mail.confirm.subject", language),
            body: localizer.string("mail.confirm.body", language, ["name": account.fullName, "link": link]),
            createdAt: instant)
    }

    public func passwordReset(to account: Account, token: String, language: Language, at instant: Date) -> OutboxMessage {
        let link = "\(baseURL)/password/reset?token=\(token)"
        return OutboxMessage(
            municipalityID: nil, recipient: account.email.rawValue,
            subject: localizer.string("mail.reset.subject", language),
            body: localizer.string("mail.reset.body", language, ["name": account.fullName, "link": link]),
            createdAt: instant)
    }
}
