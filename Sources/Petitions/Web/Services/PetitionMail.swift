import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

extension MailComposer {
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
}
