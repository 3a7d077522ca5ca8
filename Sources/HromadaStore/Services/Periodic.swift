import Logging
import ServiceLifecycle

/// A background service that does one round of work every `interval` until
/// the app shuts down. A failed round is logged and the next one tries again.
public protocol PeriodicService: Service {
    var interval: Duration { get }
    var logger: Logger { get }
    /// Shown in the log when a round fails.
    var name: String { get }
    func runOnce() async throws
}

extension PeriodicService {
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await runOnce()
            } catch {
                logger.error("\(name) failed", metadata: ["error": "\(error)"])
            }
            // Graceful shutdown (SIGTERM) ends the pause at once, so a long
            // interval never delays exit.
            try? await cancelWhenGracefulShutdown {
                try await Task.sleep(for: interval)
            }
        }
    }
}
