import Crypto
import Foundation
import Synchronization
import HromadaDomain
import HromadaStore
import HromadaWeb

/// A dataset of a city as the catalogue offers it: the module's declaration,
/// the city, and the record of its files (sizes, digests, dates). A class:
/// searches sort and filter thousands of them per request, and a reference
/// is one retain where the value was a dozen.
final class CatalogueEntry: Sendable {
    let city: Municipality
    let module: any Module
    let dataset: OpenDataset
    let record: OpenDataRepository.Record
    /// Its parts with files of their own (an edition's ballots), in the module's order.
    let parts: [OpenDataRepository.Part]
    /// Its name in the CKAN API and in paths: `vinnytsia-petitions-signatures`.
    let name: String
    /// A UUID that never changes for this name (SHA-256 of it, in UUID form
    /// with the version-5 bits): the same on every instance and after a restore.
    let id: String
    /// Its slug within its city (the page's last segment): `petitions-signatures`.
    let citySlug: String
    /// Its CKAN package as JSON, with what else it was made of (the
    /// counts of its city and module): searches answer with the same
    /// packages over and over, and encoding them was a quarter of a search.
    private let packageJSON = Mutex<(key: String, json: String)?>(nil)

    init(city: Municipality, module: any Module, dataset: OpenDataset, record: OpenDataRepository.Record, parts: [OpenDataRepository.Part] = []) {
        self.city = city
        self.parts = parts
        self.module = module
        self.dataset = dataset
        self.record = record
        name = Self.name(city: city.slug.rawValue, module: module.slug.rawValue, dataset: dataset.slug)
        id = Self.uuid("dataset:" + name)
        citySlug = "\(module.slug.rawValue)-\(dataset.slug)"
    }

    static func name(city: String, module: String, dataset: String) -> String { "\(city)-\(module)-\(dataset)" }

    /// The UUIDs already worked out: a search answers with the same few
    /// thousand (datasets, resources, tags, cities) over and over.
    private static let uuids = Mutex<[String: String]>([:])

    static func uuid(_ text: String) -> String {
        if let known = uuids.withLock({ $0[text] }) { return known }
        let made = makeUUID(text)
        uuids.withLock { known in
            if known.count >= 100_000 { known.removeAll() }
            known[text] = made
        }
        return made
    }

    private static func makeUUID(_ text: String) -> String {
        var bytes = Array(SHA256.hash(data: Data(text.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Hex.encode(bytes)
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(hex[hex.index(hex.startIndex, offsetBy: range.lowerBound)..<hex.index(hex.startIndex, offsetBy: range.upperBound)])
        }
        return parts.joined(separator: "-")
    }

    /// The file's URL path on the platform's open-data paths.
    func path(_ format: OpenDataFile.Format) -> String {
        "/api/v1/\(city.slug.rawValue)/\(ModuleRegistry.openDataSegment)/\(module.slug.rawValue)/\(dataset.slug).\(format.rawValue)"
    }

    /// A part's file on the platform's open-data paths: `/api/v1/vinnytsia/open-data/budgets/ballots/{edition}.csv`.
    func path(_ part: OpenDataRepository.Part, _ format: OpenDataFile.Format) -> String {
        "/api/v1/\(city.slug.rawValue)/\(ModuleRegistry.openDataSegment)/\(module.slug.rawValue)/\(dataset.slug)/\(part.key).\(format.rawValue)"
    }

    /// Its package's JSON made with `key` (what besides the entry goes into it), made once per key.
    func packageJSON(key: String, make: () throws -> String) rethrows -> String {
        if let known = packageJSON.withLock({ $0 }), known.key == key { return known.json }
        let json = try make()
        packageJSON.withLock { $0 = (key, json) }
        return json
    }

    /// The dataset's page under its city: `/vinnytsia/opendata/petitions-signatures`.
    var pagePath: String { "/\(city.slug.rawValue)/opendata/\(citySlug)" }
}

/// The last value worked out from a list of entries, by key, kept with the
/// entries it was made of: asked again for the same entries (compared by
/// identity: entries are immutable, a changed dataset is a new entry), it
/// answers without working it out. Keeping the entries keeps their
/// identities theirs.
final class EntriesMemo<Value: Sendable>: Sendable {
    private let kept = Mutex<[String: (entries: [CatalogueEntry], value: Value)]>([:])

    func value(_ key: String, of entries: [CatalogueEntry], make: () -> Value) -> Value {
        if let known = kept.withLock({ $0[key] }), known.entries.count == entries.count, zip(known.entries, entries).allSatisfy({ $0 === $1 }) {
            return known.value
        }
        let value = make()
        kept.withLock { $0[key] = (entries, value) }
        return value
    }
}

/// The catalogue: which datasets each city publishes, and the record of
/// each (sizes, digests, first published, last changed), kept current.
///
/// A reader's request checks a city again when its newest audit entry is
/// not the one of its last check (every change a module makes is audited in
/// its transaction): one indexed lookup per city tells. What the clock alone
/// changes (an edition reaching its results) is caught by `recheckAll`,
/// which the module runs in the background every `recheckInterval`. A check
/// reads every dataset of the city, digests its CSV and JSON as they are
/// written, and records them; the database moves a dataset's `modified`
/// only when a digest changed. Checks of one city run one at a time in this
/// process, and no more often than `spacing` while its data keeps changing
/// (a petition being signed every second would otherwise have every reader
/// re-read it). Records are served from memory, reloaded after each check
/// (another instance's checks show as a changed audit entry too).
actor Catalogue {
    let recheckInterval: Duration
    /// The shortest time between two checks of a city that keeps changing.
    let spacing: TimeInterval

    init(recheckInterval: Duration = .seconds(60), spacing: TimeInterval = 1) {
        self.recheckInterval = recheckInterval
        self.spacing = spacing
    }

    private struct Cached {
        let refresh: OpenDataRepository.Refresh
        let records: [OpenDataRepository.Record]
        /// The datasets' parts by `module/dataset`.
        let parts: [String: [OpenDataRepository.Part]]
        /// The entries made from them for the city as it was then (its settings decide which are shown).
        var built: (city: Municipality, entries: [CatalogueEntry])?
    }

    private var cached: [MunicipalityID: Cached] = [:]
    private var loaded = false
    private var checking: [MunicipalityID: Task<Void, any Error>] = [:]

    /// The published datasets of these cities (those running the catalogue),
    /// in the cities' order, then the registry's and each module's.
    func entries(_ services: AppServices, cities: [Municipality]) async throws -> [CatalogueEntry] {
        let cities = cities.filter { $0.settings.enables(.opendata) }
        if !loaded { try await load(services) }
        let latest = try await services.store.read { try await $0.audit.latestSequences() }
        let now = services.clock.now()
        for city in cities {
            guard let known = cached[city.id]?.refresh else { try await check(city, services: services); continue }
            let age = now.timeIntervalSince(known.at)
            if known.auditSequence != (latest[city.id] ?? nil), age >= spacing || age < 0 {
                try await check(city, services: services)
            }
        }
        return cities.flatMap { city in entries(of: city, modules: services.modules) }
    }

    /// A city's published entries, made once per check and per change of its settings.
    private func entries(of city: Municipality, modules: ModuleRegistry) -> [CatalogueEntry] {
        guard var known = cached[city.id] else { return [] }
        if let built = known.built, built.city == city { return built.entries }
        let records = Dictionary(known.records.map { ("\($0.module)/\($0.dataset)", $0) }) { first, _ in first }
        let entries = modules.enabled(in: city).flatMap { module in
            module.openDatasets.compactMap { dataset in
                let key = "\(module.slug.rawValue)/\(dataset.slug)"
                return records[key].flatMap { record in
                    record.published ? CatalogueEntry(city: city, module: module, dataset: dataset, record: record, parts: known.parts[key] ?? []) : nil
                }
            }
        }
        known.built = (city, entries)
        cached[city.id] = known
        return entries
    }

    /// Every city's records as stored: a restart does not check every city again.
    private func load(_ services: AppServices) async throws {
        let (refreshes, records, parts) = try await services.store.read { tx in
            (try await tx.openData.refreshes(), try await tx.openData.records(), try await tx.openData.parts())
        }
        let byCity = Dictionary(grouping: records, by: \.city)
        for (city, refresh) in refreshes where cached[city] == nil {
            cached[city] = Cached(refresh: refresh, records: byCity[city] ?? [], parts: parts[city] ?? [:])
        }
        loaded = true
    }

    /// Checks every city that runs the catalogue (the background round).
    func recheckAll(_ services: AppServices) async throws {
        let cities = try await services.store.read { try await $0.municipalities.all() }.filter { $0.settings.enables(.opendata) }
        for city in cities { try await check(city, services: services) }
    }

    /// Checks the city now, or waits for the check already running.
    func check(_ city: Municipality, services: AppServices) async throws {
        if let running = checking[city.id] { return try await running.value }
        let task = Task { try await Self.read(city, services: services) }
        checking[city.id] = task
        defer { checking[city.id] = nil }
        try await task.value
        let id = city.id
        let (refresh, records, parts) = try await services.store.read { tx in
            (try await tx.openData.refreshes()[id], try await tx.openData.records(in: [id]), try await tx.openData.parts(in: [id])[id] ?? [:])
        }
        if let refresh { cached[id] = Cached(refresh: refresh, records: records, parts: parts) }
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
            let version: String
            let parts: [OpenDataRepository.Part]
        }
        var found: [Found] = []
        let runs = city.settings.enables(.opendata)
        let cityID = city.id
        let (storedRecords, storedParts) = try await services.store.read { tx in
            (try await tx.openData.records(in: [cityID]), try await tx.openData.parts(in: [cityID])[cityID] ?? [:])
        }
        let stored = Dictionary(storedRecords.map { ("\($0.module)/\($0.dataset)", $0) }) { first, _ in first }
        for module in services.modules.modules {
            let enabled = runs && city.settings.enables(module.slug)
            for dataset in module.openDatasets {
                let published = enabled ? try await dataset.published(services, in: city) : false
                // A dataset whose fingerprint is what it was when its files were last read keeps that reading.
                let version = published ? try await dataset.version?(services, city) ?? "" : ""
                let key = "\(module.slug.rawValue)/\(dataset.slug)"
                // (Parts read before: a database from before parts were kept reads the dataset once more.)
                if published, !version.isEmpty, let known = stored[key], known.published, known.version == version,
                   dataset.parts == nil || storedParts[key]?.isEmpty == false {
                    found.append(Found(
                        module: known.module, dataset: known.dataset, published: true, rows: known.rows, csv: known.csv, json: known.json, version: version,
                        parts: storedParts[key] ?? []))
                    continue
                }
                // Both files digested as they are written, batch by batch: memory stays flat for the largest.
                let files = published ? try await Files(fields: dataset.fields) { try await dataset.rows(services, in: city, $0) } : Files()
                found.append(Found(
                    module: module.slug.rawValue, dataset: dataset.slug, published: published, rows: files.rows, csv: files.csv, json: files.json,
                    version: version,
                    parts: published ? try await digestParts(of: dataset, services: services, city: city) : []))
            }
        }
        let results = found
        try await services.store.write { tx in
            for item in results {
                try await tx.openData.record(
                    city: city.id, module: item.module, dataset: item.dataset, published: item.published, rows: item.rows, csv: item.csv,
                    json: item.json, version: item.version, at: now)
                if item.parts != storedParts["\(item.module)/\(item.dataset)"] ?? [] {
                    try await tx.openData.replaceParts(city: city.id, module: item.module, dataset: item.dataset, with: item.parts)
                }
            }
            try await tx.openData.noteRefresh(of: city.id, auditSequence: head, at: now)
        }
    }

    /// Each part's files digested as they are written. Parts whose keys
    /// would not make a path, or repeat one, are left out.
    private static func digestParts(of dataset: OpenDataset, services: AppServices, city: Municipality) async throws -> [OpenDataRepository.Part] {
        guard let declared = try await dataset.parts?(services, city) else { return [] }
        var digested: [OpenDataRepository.Part] = [], seen = Set<String>()
        for part in declared where part.hasValidKey && seen.insert(part.key).inserted {
            let files = try await Files(fields: dataset.partFields, rows: part.stream)
            digested.append(.init(key: part.key, title: part.title, rows: files.rows, csv: files.csv, json: files.json))
        }
        return digested
    }

    /// A dataset's (or a part's) CSV and JSON files as digested: rows, sizes, SHA-256.
    private struct Files {
        var rows: Int64 = 0
        var csv = OpenDataRepository.FileDigest(bytes: 0, sha256: OpenDataDigest().sha256())
        var json = OpenDataRepository.FileDigest(bytes: 0, sha256: OpenDataDigest().sha256())

        /// None: a dataset not published has no files.
        init() {}

        /// Both files written from the rows as they come and digested, never held whole.
        init(fields: [OpenDataField], rows stream: (([OpenDataRow]) async throws -> Void) async throws -> Void) async throws {
            var csvDigest = OpenDataDigest(), jsonDigest = OpenDataDigest(), count: Int64 = 0
            var csvWriter = OpenDataWriter(fields: fields, format: .csv), jsonWriter = OpenDataWriter(fields: fields, format: .json)
            try await stream { batch in
                count += Int64(batch.count)
                csvDigest.add(try csvWriter.add(batch))
                jsonDigest.add(try jsonWriter.add(batch))
            }
            csvDigest.add(csvWriter.finish())
            jsonDigest.add(jsonWriter.finish())
            rows = count
            csv = .init(bytes: csvDigest.bytes, sha256: csvDigest.sha256())
            json = .init(bytes: jsonDigest.bytes, sha256: jsonDigest.sha256())
        }
    }
}
