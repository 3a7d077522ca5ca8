import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

extension MailComposer {
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
}
