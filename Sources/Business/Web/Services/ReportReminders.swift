import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// Reminds recipients of the results they owe: within the week before a
/// report is due, and once a week while it is overdue. Each reminder is
/// claimed (the report row marked) and its letter put in the outbox in
/// one transaction, so two servers never both send it and a crash sends
/// neither half. The letter goes in the recipient's language, with a link
/// to their application's page, where the report is filed.
struct ReportReminders {
    let services: AppServices

    /// How often one report is reminded of at most.
    static let spacing: TimeInterval = 7 * 86_400

    func task() -> PeriodicTask {
        PeriodicTask("business report reminders", every: .seconds(300), logger: services.logger) { try await self.remind() }
    }

    /// One round: the reminders due now; how many letters went to the outbox.
    @discardableResult
    func remind() async throws -> Int {
        let now = services.clock.now(), mail = services.mail, base = services.configuration.publicBaseURL
        return try await services.store.write { tx in
            var sent = 0
            for due in try await tx.supportCalls.claimReminders(at: now, remindedBefore: now.addingTimeInterval(-Self.spacing)) {
                guard let agreement = try await tx.supportCalls.agreement(due.agreementID),
                      let stored = try await tx.supportApplications.application(anyCity: agreement.applicationID),
                      let account = try await tx.accounts.find(id: stored.application.account),
                      let city = try await tx.municipalities.find(id: stored.application.city)
                else { continue }
                let call = try await tx.supportCalls.call(agreement.callID, in: city.id)?.call
                let link = "\(base)/\(city.slug.rawValue)/business/applications/\(stored.application.id.rawValue)"
                let key = due.due < now ? "mail.business_report_overdue" : "mail.business_report_due"
                try await tx.outbox.enqueue(mail.message(key, to: account, link: link, language: account.language, at: now, extra: [
                    "call": call?.title.localized(account.language) ?? "", "project": stored.form.projectTitle, "due": DateText.kyiv(due.due),
                ]))
                sent += 1
            }
            return sent
        }
    }
}
