import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

extension MailComposer {
    /// A participatory-budget notice to a project's author or co-author
    /// (review decision, result, being named), in the language they last used.
    public func budgetNotice(_ key: String, to account: Account, project: BudgetProject, link: String, at instant: Date) -> OutboxMessage {
        message(key, to: account, link: link, language: account.language, at: instant, extra: [
            "project": project.title, "number": String(project.number), "reason": project.review?.reason ?? "",
        ])
    }
}
