import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import PostgresNIO
import ServiceLifecycle

/// On PostgreSQL, several instances may serve one auction's watchers: every
/// move and status change is announced with NOTIFY in the transaction that
/// writes it (so only committed changes are announced), and each instance
/// listens here and re-renders the lot for its own watchers. On SQLite there
/// is one instance and nothing to relay.
struct AuctionLiveRelay: Service {
    let services: AppServices
    let backend: PostgresBackend

    init?(services: AppServices) {
        guard let backend = services.store.backend as? PostgresBackend else { return nil }
        self.services = services
        self.backend = backend
    }

    func run() async throws {
        let services = services, feed = services.liveFeed
        await cancelWhenGracefulShutdown {
            // A dropped connection is not the end: listen again after a pause (changes in the gap reach
            // watchers by their stage alarms and the next move).
            while !Task.isCancelled {
                do {
                    try await backend.client.withConnection { connection in
                        try await connection.listen(on: AuctionRepository.liveChannel) { notifications in
                            for try await notification in notifications {
                                await feed.changed(LotID(rawValue: notification.payload), services: services)
                            }
                        }
                    }
                } catch is CancellationError {
                    return
                } catch {
                    services.logger.warning("live auction relay lost its connection", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                }
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}
