import Foundation
import HromadaDomain
import HromadaStore
import Prometheus

/// What an operator alerts on that no request counts: read fresh at each
/// `/metrics` scrape (a Prometheus server scrapes every 15–60 s; each read
/// here is one indexed query), so the figures are as of the scrape.
///
/// The outbox and the audit log are shared by every instance on one
/// database, so each instance reports the same backlog: alert on `max`.
enum OperationalMetrics {
    static func refresh(_ services: AppServices) async {
        let registry = services.metrics
        let now = services.clock.now()
        let store = services.store
        let ready = await Readiness.problems(services).isEmpty
        gauge(registry, "hromada_ready", "1 when /readyz would answer 200: reads and writes answer, migrations applied, disk not full.")
            .set(ready ? 1.0 : 0.0)

        if let outbox = await Readiness.within(Readiness.timeout, { try? await store.read { try await $0.outbox.backlog() } }) ?? nil {
            gauge(registry, "hromada_mail_outbox_pending", "Letters waiting to be sent (not given up on).").set(outbox.pending)
            gauge(registry, "hromada_mail_oldest_pending_age_seconds", "Age of the oldest letter waiting to be sent; 0 when none waits.")
                .set(age(of: outbox.oldestPending, at: now))
            gauge(registry, "hromada_mail_abandoned", "Letters given up on (refused for good, or ten failed attempts) still kept in the outbox.")
                .set(outbox.abandoned)
        }
        if let audit = await Readiness.within(Readiness.timeout, { try? await store.read { try await $0.audit.unsealedBacklog() } }) ?? nil {
            gauge(registry, "hromada_audit_unsealed_entries", "Audit entries written and not yet sealed into a signed block.").set(audit.entries)
            gauge(registry, "hromada_audit_oldest_unsealed_age_seconds", "Age of the oldest audit entry not yet sealed; 0 when all are sealed.")
                .set(age(of: audit.oldest, at: now))
        }
        if case .sqliteFile(let path) = services.configuration.database {
            let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.int64Value ?? 0
            gauge(registry, "hromada_db_wal_bytes", "Size of the SQLite write-ahead log.").set(wal)
            if let free = Readiness.freeBytes(under: URL(fileURLWithPath: path).deletingLastPathComponent().path) {
                gauge(registry, "hromada_db_disk_free_bytes", "Bytes still free on the filesystem that holds the SQLite database.")
                    .set(Double(free))
            }
        }
        for module in services.modules.modules {
            for sample in await module.metricSamples(services) {
                registry.gauge(sample.name, help: sample.help, labels: sample.labels).set(sample.value)
            }
        }
    }

    /// The lease named `lease`: 1 on the instance that holds it, 0 on the others.
    static func leaseHeld(_ registry: PrometheusCollectorRegistry, lease: String, held: Bool) {
        registry.gauge(
            "hromada_scheduler_lease_held", help: "1 on the instance that holds the named scheduler lease (it runs that scheduler), 0 elsewhere.",
            labels: [("lease", lease)]
        ).set(held ? 1.0 : 0.0)
    }

    private static func gauge(_ registry: PrometheusCollectorRegistry, _ name: String, _ help: String) -> Gauge {
        registry.gauge(name, help: help)
    }

    private static func age(of oldest: Date?, at now: Date) -> Double {
        oldest.map { max(0, now.timeIntervalSince($0)) } ?? 0
    }
}

/// Our metrics are named whole (`hromada_http_requests_total`), with their
/// help text; the registry's descriptor splits a name into parts we do not use.
extension PrometheusCollectorRegistry {
    func gauge(_ name: String, help: String, labels: [(String, String)] = []) -> Gauge {
        makeGauge(descriptor: .init(metricName: name, unitName: "", helpText: help), labels: labels)
    }

    func counter(_ name: String, help: String, labels: [(String, String)] = []) -> Counter {
        makeCounter(descriptor: .init(metricName: name, unitName: "", helpText: help), labels: labels)
    }

    func durationHistogram(_ name: String, help: String, labels: [(String, String)] = [], buckets: [Duration]) -> DurationHistogram {
        makeDurationHistogram(descriptor: .init(metricName: name, unitName: "", helpText: help), labels: labels, buckets: buckets)
    }
}
