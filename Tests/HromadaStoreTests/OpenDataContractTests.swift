import Foundation
import HromadaDomain
import HromadaTestSupport
import Testing
@testable import HromadaStore
@testable import OpenData

/// The catalogue's records on both databases: a dataset's `modified` moves
/// only when a digest (or whether it is published) changes, its first
/// publication is kept, and a city's last check is remembered.
@Suite struct OpenDataContractTests {
    @Test(arguments: TestDatabase.available)
    func modifiedMovesOnlyWhenTheFilesChange(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let city = MunicipalityID(rawValue: "vinnytsia")
            let csv = OpenDataRepository.FileDigest(bytes: 10, sha256: "aa"), json = OpenDataRepository.FileDigest(bytes: 20, sha256: "bb")
            func record(_ published: Bool, _ csv: OpenDataRepository.FileDigest, at seconds: Double) async throws {
                try await store.write {
                    try await $0.openData.record(
                        city: city, module: "petitions", dataset: "signatures", published: published, rows: 3, csv: csv, json: json,
                        at: Date(timeIntervalSince1970: seconds))
                }
            }
            func stored() async throws -> OpenDataRepository.Record {
                try #require(try await store.read { try await $0.openData.records(in: [city]) }.first)
            }
            try await record(false, csv, at: 1_000)
            #expect(try await stored().firstPublished == Date(timeIntervalSince1970: 0), "not published yet")
            try await record(true, csv, at: 2_000)
            #expect(try await stored().firstPublished == Date(timeIntervalSince1970: 2_000))
            #expect(try await stored().modified == Date(timeIntervalSince1970: 2_000))
            try await record(true, csv, at: 3_000.5)
            let same = try await stored()
            #expect(same.modified == Date(timeIntervalSince1970: 2_000) && same.checked == Date(timeIntervalSince1970: 3_000.5))
            try await record(true, .init(bytes: 11, sha256: "cc"), at: 4_000)
            let changed = try await stored()
            #expect(changed.modified == Date(timeIntervalSince1970: 4_000) && changed.firstPublished == Date(timeIntervalSince1970: 2_000))
            #expect(changed.csv == .init(bytes: 11, sha256: "cc") && changed.json == json && changed.rows == 3 && changed.published)
            #expect(try await store.read { try await $0.openData.records(in: [MunicipalityID(rawValue: "zhmerynka")]) }.isEmpty)

            #expect(try await store.read { try await $0.openData.refreshes() }.isEmpty)
            try await store.write { try await $0.openData.noteRefresh(of: city, auditSequence: nil, at: Date(timeIntervalSince1970: 5_000)) }
            try await store.write { try await $0.openData.noteRefresh(of: city, auditSequence: 42, at: Date(timeIntervalSince1970: 6_000)) }
            let refresh = try #require(try await store.read { try await $0.openData.refreshes() }[city])
            #expect(refresh.auditSequence == 42 && refresh.at == Date(timeIntervalSince1970: 6_000))
            let latest = try await store.read { try await $0.audit.latestSequences() }
            #expect(latest.keys.contains(city))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDatasetsPartsAreReplacedWholeAndKeepTheirOrder(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let city = MunicipalityID(rawValue: "vinnytsia"), other = MunicipalityID(rawValue: "zhmerynka")
            func part(_ key: String, rows: Int64) -> OpenDataRepository.Part {
                .init(key: key, title: .init(uk: "Конкурс \(key)", en: "Edition \(key)"), rows: rows,
                      csv: .init(bytes: rows * 10, sha256: "c" + key), json: .init(bytes: rows * 20, sha256: "j" + key))
            }
            let first = [part("2025", rows: 3), part("2024", rows: 1)]
            try await store.write { try await $0.openData.replaceParts(city: city, module: "budgets", dataset: "ballots", with: first) }
            let elsewhere = [part("x", rows: 0)]
            try await store.write { try await $0.openData.replaceParts(city: other, module: "budgets", dataset: "ballots", with: elsewhere) }
            #expect(try await store.read { try await $0.openData.parts(in: [city]) } == [city: ["budgets/ballots": first]], "in the order given")
            let next = [part("2026", rows: 5), part("2025", rows: 3), part("2024", rows: 1)]
            try await store.write { try await $0.openData.replaceParts(city: city, module: "budgets", dataset: "ballots", with: next) }
            let all = try await store.read { try await $0.openData.parts() }
            #expect(all[city] == ["budgets/ballots": next] && all[other]?["budgets/ballots"]?.map(\.key) == ["x"])
            try await store.write { try await $0.openData.replaceParts(city: city, module: "budgets", dataset: "ballots", with: []) }
            #expect(try await store.read { try await $0.openData.parts(in: [city]) }.isEmpty)
            #expect(try await store.read { try await $0.openData.parts(in: []) }.isEmpty)
        }
    }
}
