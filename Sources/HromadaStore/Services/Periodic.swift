import ServiceLifecycle

/// The pause between rounds of a background service. Graceful shutdown
/// (SIGTERM) ends the pause at once, so a long interval never delays exit.
public protocol PeriodicService: Service {}

extension PeriodicService {
    public static func pause(_ interval: Duration) async {
        try? await cancelWhenGracefulShutdown {
            try await Task.sleep(for: interval)
        }
    }
}
