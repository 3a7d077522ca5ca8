import Foundation
import HromadaDomain
import HromadaStore

/// The emails Hromada sends, in the recipient's language.
public struct MailComposer: Sendable {
    let localizer: Localizer
    let baseURL: String

    public func confirmation(to account: Account, token: String, language: Language, at instant: Date) -> OutboxMessage {
        message("mail.confirm", to: account, link: "\(baseURL)/confirm?token=\(token)", language: language, at: instant)
    }

    public func passwordReset(to account: Account, token: String, language: Language, at instant: Date) -> OutboxMessage {
        message("mail.reset", to: account, link: "\(baseURL)/password/reset?token=\(token)", language: language, at: instant)
    }

    /// Only when the edition allows it and the voter asked: the mail ties
    /// their address to the receipt, which the page alone does not.
    public func ballotReceipt(
        to account: Account, receipt: String, edition: String, link: String, language: Language, at instant: Date
    ) -> OutboxMessage {
        message("mail.receipt", to: account, link: link, language: language, at: instant, extra: ["receipt": receipt, "edition": edition])
    }

    /// A participatory-budget notice to a project's author or co-author
    /// (review decision, result, being named), in the language they last used.
    public func budgetNotice(_ key: String, to account: Account, project: BudgetProject, link: String, at instant: Date) -> OutboxMessage {
        message(key, to: account, link: link, language: account.language, at: instant, extra: [
            "project": project.title, "number": String(project.number), "reason": project.review?.reason ?? "",
        ])
    }

    /// To a petition's author, at each change of its state.
    public func petitionNotice(_ petition: Petition, to account: Account, link: String, at instant: Date) -> OutboxMessage {
        message("mail.petition_\(petition.state.rawValue)", to: account, link: link, language: account.language, at: instant, extra: [
            "title": petition.title, "reason": petition.rejection?.text ?? "",
        ])
    }

    /// The link that makes an email signer's signature count.
    public func petitionSignatureConfirmation(_ petition: Petition, to account: Account, link: String, at instant: Date) -> OutboxMessage {
        message("mail.petition_signature_confirm", to: account, link: link, language: account.language, at: instant, extra: ["title": petition.title])
    }

    /// The council's answer, to a signer who asked to hear it.
    public func petitionAnswerToSigner(_ petition: Petition, to account: Account, link: String, at instant: Date) -> OutboxMessage {
        message("mail.petition_answer_signer", to: account, link: link, language: account.language, at: instant, extra: ["title": petition.title])
    }

    /// One address signing more than the city allows within an hour, to its moderators.
    public func petitionTrendingAlert(address: String, signatures: Int, to account: Account, link: String, at instant: Date) -> OutboxMessage {
        message("mail.petition_trending", to: account, link: link, language: account.language, at: instant, extra: [
            "address": address, "count": String(signatures),
        ])
    }

    /// A message whose subject and body are `key.subject` and `key.body` in the locale files.
    private func message(
        _ key: String, to account: Account, link: String, language: Language, at instant: Date, extra: [String: String] = [:]
    ) -> OutboxMessage {
        OutboxMessage(
            municipalityID: nil, recipient: account.email.rawValue,
            subject: localizer.string("\(key).subject", language, extra),
            body: localizer.string("\(key).body", language, extra.merging(["name": account.fullName, "link": link]) { $1 }),
            createdAt: instant)
    }
}
