import Foundation
import HromadaDomain
import HromadaStore
import Logging
import Metrics
import ServiceLifecycle

/// Sends queued mail over SMTP when `HROMADA_SMTP_URL` is set; otherwise it
/// only logs each message id (the body stays on the dev mail page in demo mode).
public struct OutboxDeliverer: PeriodicService {
    package let store: Store
    package let smtp: SMTPClient?
    package let clock: any Clock
    public let logger: Logger
    public let interval: Duration

    public init(store: Store, smtp: SMTPClient?, clock: any Clock, logger: Logger, interval: Duration = .seconds(2)) {
        self.store = store
        self.smtp = smtp
        self.clock = clock
        self.logger = logger
        self.interval = interval
    }

    public var name: String { "outbox delivery" }

    public func runOnce() async throws {
        try await deliverDue()
    }

    package static func summary(_ error: any Error) -> String {
        guard let smtp = error as? SMTPError else { return String(reflecting: type(of: error)) }
        switch smtp {
        case .unexpectedReply(let command, let code, _): return "\(command) answered \(code)"
        case .authenticationFailed(let code): return "authentication failed (\(code))"
        case .invalidAddress: return "invalid address"
        case .invalidURL: return "invalid SMTP URL"
        case .connectionFailed: return "connection failed"
        case .tlsUnavailable: return "TLS unavailable"
        case .timeout: return "timeout"
        }
    }

    public func deliverDue() async throws {
        let now = clock.now()
        let due = try await store.write { try await $0.outbox.claimDue(at: now, limit: 20) }
        for message in due {
            guard let smtp else {
                // Never log bodies or recipients: they hold links that act as passwords.
                // Without SMTP (demo and development) the message is only logged,
                // and stays readable on the development mail page in demo mode.
                logger.warning("mail not delivered: HROMADA_SMTP_URL is not set", metadata: ["message": "\(message.id)"])
                try await store.write { try await $0.outbox.markSent(message.id, at: now) }
                continue
            }
            do {
                try await smtp.send(SMTPMessage(
                    messageID: message.id.rawValue, to: message.recipient, subject: message.subject, textBody: message.body,
                    listUnsubscribe: message.listUnsubscribe))
                try await store.write { try await $0.outbox.markSent(message.id, at: now) }
                MailMetrics.sent.increment()
                logger.info("mail sent", metadata: ["message": "\(message.id)"])
            } catch let error as SMTPError where error.refusesThisMessageForGood {
                // A 5yz for the recipient or the letter: the same letter again would be refused again.
                let reason = "\(error)"
                try await store.write { try await $0.outbox.markRefused(message.id, error: reason) }
                MailMetrics.permanentFailures.increment()
                logger.error("mail refused for good, not retried", metadata: ["message": "\(message.id)", "error": "\(Self.summary(error))"])
            } catch {
                let reason = "\(error)"
                try await store.write { try await $0.outbox.markFailed(message.id, attempts: message.attempts, error: reason, at: now) }
                MailMetrics.temporaryFailures.increment()
                // The stored reason may name the recipient; the log gets only its kind.
                logger.warning("mail not sent, will retry", metadata: ["message": "\(message.id)", "error": "\(Self.summary(error))"])
            }
        }
    }
}

/// Letters handed to the SMTP server, and attempts that failed: `temporary`
/// ones are retried, `permanent` ones (a 5yz refusal) are not.
enum MailMetrics {
    static let sent = Counter(label: "hromada_mail_sent_total")
    static let temporaryFailures = Counter(label: "hromada_mail_failures_total", dimensions: [("kind", "temporary")])
    static let permanentFailures = Counter(label: "hromada_mail_failures_total", dimensions: [("kind", "permanent")])
}
