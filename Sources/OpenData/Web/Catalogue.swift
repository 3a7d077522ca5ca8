import Crypto
import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// A dataset of a city as the catalogue offers it: the module's declaration,
/// the city, and the record of its files (sizes, digests, dates).
struct CatalogueEntry: Sendable {
    let city: Municipality
    let module: any Module
    let dataset: OpenDataset
    let record: OpenDataRepository.Record

    /// Its name in the CKAN API and in paths: `vinnytsia-petitions-signatures`.
    var name: String { Self.name(city: city.slug.rawValue, module: module.slug.rawValue, dataset: dataset.slug) }

    static func name(city: String, module: String, dataset: String) -> String { "\(city)-\(module)-\(dataset)" }

    /// A UUID that never changes for this name (SHA-256 of it, in UUID form
    /// with the version-5 bits): the same on every instance and after a restore.
    var id: String { Self.uuid("dataset:" + name) }

    static func uuid(_ text: String) -> String {
        var bytes = Array(SHA256.hash(data: Data(text.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(hex[hex.index(hex.startIndex, offsetBy: range.lowerBound)..<hex.index(hex.startIndex, offsetBy: range.upperBound)])
        }
        return parts.joined(separator: "-")
    }

    /// The file's URL path on the platform's open-data paths.
    func path(_ format: OpenDataFile.Format) -> String {
        "/api/v1/\(city.slug.rawValue)/\(ModuleRegistry.openDataSegment)/\(module.slug.rawValue)/\(dataset.slug).\(format.rawValue)"
    }

    /// The dataset's page under its city: `/vinnytsia/opendata/petitions-signatures`.
    var pagePath: String { "/\(city.slug.rawValue)/opendata/\(module.slug.rawValue)-\(dataset.slug)" }

    /// Its slug within its city (the page's last segment).
    var citySlug: String { "\(module.slug.rawValue)-\(dataset.slug)" }
}

/// The catalogue: which datasets each city publishes, and the record of
/// each (sizes, digests, first published, last changed), kept current.
///
/// A city is checked again when a reader asks and either its newest audit
/// entry is not the one of its last check (every change a module makes is
/// audited in its transaction) or `recheckInterval` has passed (what the
/// clock alone changes: an edition reaching its results). A check reads
/// every dataset of the city, digests its CSV and JSON, and records them;
/// the database moves a dataset's `modified` only when a digest changed.
/// Checks of one city run one at a time in this process, and no more often
/// than `spacing` while its data keeps changing (a petition being signed
/// every second would otherwise have every reader re-read it).
actor Catalogue {
    /// The longest a dataset's record may trail a change the clock made.
    let recheckInterval: TimeInterval
    /// The shortest time between two checks of a city that keeps changing.
    let spacing: TimeInterval

    init(recheckInterval: TimeInterval = 60, spacing: TimeInterval = 1) {
        self.recheckInterval = recheckInterval
        self.spacing = spacing
    }

    private struct Cached {
        let refresh: OpenDataRepository.Refresh
        let records: [OpenDataRepository.Record]
    }

    private var cached: [MunicipalityID: Cached] = [:]
    private var checking: [MunicipalityID: Task<Void, any Error>] = [:]

    /// The published datasets of these cities (those running the catalogue),
    /// in the cities' order, then the registry's and each module's.
    func entries(_ services: AppServices, cities: [Municipality]) async throws -> [CatalogueEntry] {
        let cities = cities.filter { $0.settings.enables(.opendata) }
        let (latest, refreshes) = try await services.store.read { tx in
            (try await tx.audit.latestSequences(), try await tx.openData.refreshes())
        }
        let now = services.clock.now()
        for city in cities {
            let head = latest[city.id] ?? nil
            let refresh = refreshes[city.id]
            if needsCheck(refresh, head: head, now: now) {
                try await check(city, services: services)
            }
        }
        let stored = try await services.store.read { try await $0.openData.refreshes() }
        let stale = cities.filter { city in stored[city.id] != cached[city.id]?.refresh }
        if !stale.isEmpty {
            let records = try await services.store.read { try await $0.openData.records(in: stale.map(\.id)) }
            let byCity = Dictionary(grouping: records, by: \.city)
            for city in stale {
                guard let refresh = stored[city.id] else { continue }
                cached[city.id] = Cached(refresh: refresh, records: byCity[city.id] ?? [])
            }
        }
        return cities.flatMap { city -> [CatalogueEntry] in
            let records = cached[city.id]?.records ?? []
            return services.modules.enabled(in: city).flatMap { module in
                module.openDatasets.compactMap { dataset in
                    records.first { $0.module == module.slug.rawValue && $0.dataset == dataset.slug && $0.published }
                        .map { CatalogueEntry(city: city, module: module, dataset: dataset, record: $0) }
                }
            }
        }
    }

    private func needsCheck(_ refresh: OpenDataRepository.Refresh?, head: Int64?, now: Date) -> Bool {
        guard let refresh else { return true }
        let age = now.timeIntervalSince(refresh.at)
        if age >= recheckInterval || age < 0 { return true }
        return refresh.auditSequence != head && age >= spacing
    }

    /// Checks the city now, or waits for the check already running.
    func check(_ city: Municipality, services: AppServices) async throws {
        if let running = checking[city.id] { return try await running.value }
        let task = Task { try await Self.read(city, services: services) }
        checking[city.id] = task
        defer { checking[city.id] = nil }
        try await task.value
    }

    /// Reads every dataset of every module in the city (those switched off
    /// are recorded as unpublished) and records what it found.
    private static func read(_ city: Municipality, services: AppServices) async throws {
        // The newest audit entry before reading: a change made while reading is caught next time.
        let head = try await services.store.read { try await $0.audit.latestSequences() }[city.id] ?? nil
        let now = services.clock.now()
        struct Found {
            let module: String
            let dataset: String
            let published: Bool
            let rows: Int64
            let csv: OpenDataRepository.FileDigest
            let json: OpenDataRepository.FileDigest
        }
        var found: [Found] = []
        let runs = city.settings.enables(.opendata)
        for module in services.modules.modules {
            let enabled = runs && city.settings.enables(module.slug)
            for dataset in module.openDatasets {
                let published = enabled ? try await dataset.published(services, in: city) : false
                guard published else {
                    found.append(Found(module: module.slug.rawValue, dataset: dataset.slug, published: false, rows: 0,
                                       csv: digest(""), json: digest("")))
                    continue
                }
                let table = try await dataset.table(services, in: city)
                found.append(Found(
                    module: module.slug.rawValue, dataset: dataset.slug, published: true, rows: Int64(table.rows.count),
                    csv: digest(table.csv()), json: digest(try table.json())))
            }
        }
        let results = found
        try await services.store.write { tx in
            for item in results {
                try await tx.openData.record(
                    city: city.id, module: item.module, dataset: item.dataset, published: item.published, rows: item.rows, csv: item.csv,
                    json: item.json, at: now)
            }
            try await tx.openData.noteRefresh(of: city.id, auditSequence: head, at: now)
        }
    }

    static func digest(_ text: String) -> OpenDataRepository.FileDigest {
        let data = Data(text.utf8)
        return .init(bytes: Int64(data.count), sha256: SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined())
    }
}
