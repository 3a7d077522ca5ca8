import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird

/// The development mail page: in demo mode only, shows the outbox in full so
/// a newcomer can follow confirmation and reset links without a mail server.
struct DevMailController {
    package let services: AppServices
    package var html: HTML { HTML(services: services) }

    package func add(to router: Router<AppRequestContext>) {
        router.get("/dev/mail", use: list)
    }

    struct MailPage {
        package struct Item {
            package let id: String
            package let recipient: String
            package let subject: String
            package let body: String
            package let createdAt: String
            package let sent: Bool
        }
        package let messages: [Item]
        /// How long letters stay here, and that a used link's letter goes at once.
        let retention: String
    }

    @Sendable package func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard services.demoMode else { throw AppError.notFound }
        let messages = try await services.store.read { try await $0.outbox.recent(limit: 50) }
        let page = MailPage(messages: messages.map {
            .init(id: $0.id.rawValue, recipient: $0.recipient, subject: $0.subject, body: $0.body,
                  createdAt: DateText.kyiv($0.createdAt), sent: $0.sentAt != nil)
        }, retention: html.t("devmail.retention", context, ["hours": String(Int((services.mailRetention / 3600).rounded(.up)))]))
        return try await html.render("devmail", page: page, titleKey: "devmail.title", request: request, context: context)
    }
}
