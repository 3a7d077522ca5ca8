import Foundation
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HromadaWeb
@testable import OpenData

/// The open-data catalogue: CKAN's Action API over every city's datasets,
/// the passport and data package of each, DCAT-AP, the pages, and
/// `metadata_modified` moving when (and only when) the data does.
@Suite struct OpenDataCatalogueTests {
    // MARK: Parsing what a harvester sends

    @Test func aPackageSearchReadsCKANsParametersAndRefusesWhatItCannotUse() throws {
        let search = try PackageSearch([
            "q": "петиції", "fq": "+organization:vinnytsia metadata_modified:[2026-12-01T10:00:00.000Z TO *]", "rows": "100", "start": "200",
            "sort": "id asc",
        ])
        #expect(search.words == ["петиції"] && search.organizations == ["vinnytsia"])
        #expect(search.modifiedFrom == Date(timeIntervalSince1970: 1_796_119_200) && search.modifiedUntil == nil)
        #expect(search.rows == 100 && search.start == 200 && search.sort == .field(.id, ascending: true))
        #expect(try PackageSearch(["sort": "metadata_modified desc"]).sort == .field(.metadataModified, ascending: false))
        #expect(try PackageSearch(["sort": "score desc, metadata_modified desc"]).sort == .default)
        #expect(try PackageSearch(["q": "*:*"]).words.isEmpty)
        for bad in [["rows": "1001"], ["rows": "-1"], ["rows": "99999999999999999999"], ["start": "x"], ["sort": "secret asc"],
                    ["fq": "metadata_modified:[yesterday TO *]"], ["fq": "metadata_modified:[2026-12-01 TO *"], ["fq": "author:x"],
                    ["q": "\"unbalanced"]] {
            #expect(throws: PackageSearch.Problem.self, "\(bad)") { try PackageSearch(bad) }
        }
    }

    @Test func solrTimesReadAsCKANWritesThem() {
        #expect(SolrTime.parse("2026-12-01T10:00:00Z") == Date(timeIntervalSince1970: 1_796_119_200))
        #expect(SolrTime.parse("2026-12-01T10:00:00.123456") == Date(timeIntervalSince1970: 1_796_119_200))
        #expect(SolrTime.parse("2026-12-01") == Date(timeIntervalSince1970: 1_796_083_200))
        #expect(SolrTime.parse("2026-13-01T00:00:00Z") == nil && SolrTime.parse("") == nil && SolrTime.parse("2026-12-01T10:00:00.x") == nil)
        #expect(SolrTime.format(Date(timeIntervalSince1970: 1_796_119_200.25)) == "2026-12-01T10:00:00.250000")
    }

    @Test func aCouncilsOpenDataSettingsAreCheckedAsTyped() {
        #expect(OpenDataSettings.acceptPublisherCode(" 12345678 ") == "12345678")
        #expect(OpenDataSettings.acceptPublisherCode("12345679") == nil && OpenDataSettings.acceptPublisherCode("") == "")
        #expect(OpenDataSettings.acceptTerritoryCode("ua05020030000031572") == "UA05020030000031572")
        #expect(OpenDataSettings.acceptTerritoryCode("UA0502") == nil)
        #expect(OpenDataSettings.acceptLicence("CC-BY-4.0") == "CC-BY-4.0" && OpenDataSettings.acceptLicence("GPL") == nil)
        #expect(OpenDataSettings.acceptEmail("opendata@vmr.gov.ua") == "opendata@vmr.gov.ua" && OpenDataSettings.acceptEmail("nope") == nil)
        #expect(OpenDataSettings.acceptName("Олена\u{0}") == nil)
    }

    // MARK: The CKAN Action API

    func action(_ client: any TestClientProtocol, _ path: String, body: String? = nil) async throws -> (HTTPResponse.Status, [String: Any]) {
        try await client.json(body == nil ? .get : .post, path, body: body)
    }

    @Test func theCKANActionAPIAnswersInCKANsEnvelopeOnBothPaths() async throws {
        try await WebHarness.run { _, client in
            let (status, list) = try await action(client, "/api/3/action/package_list")
            #expect(status == .ok && list["success"] as? Bool == true && (list["help"] as? String)?.contains("package_list") == true)
            let names = try #require(list["result"] as? [String])
            #expect(names == names.sorted() && Set(names).count == names.count)
            #expect(names.contains("vinnytsia-petitions-signatures") && names.contains("zhmerynka-auctions-lots"))
            // Ballots exist only where an edition has its results out.
            #expect(names.contains("vinnytsia-budgets-ballots") && !names.contains("zhmerynka-budgets-ballots"))
            let (_, other) = try await action(client, "/api/action/package_list")
            #expect(other["result"] as? [String] == names)

            // Every dataset once, over pages of package_search, as a harvester walks them.
            var seen: [String] = []
            for start in stride(from: 0, to: 1000, by: 5) {
                let (_, page) = try await action(client, "/api/3/action/package_search", body: #"{"rows": 5, "start": \#(start), "sort": "id asc"}"#)
                let results = try #require((page["result"] as? [String: Any])?["results"] as? [[String: Any]])
                if results.isEmpty { break }
                seen += results.compactMap { $0["name"] as? String }
            }
            #expect(seen.sorted() == names)

            let (shown, package) = try await action(client, "/api/3/action/package_show?id=vinnytsia-petitions-signatures")
            let result = try #require(package["result"] as? [String: Any])
            #expect(shown == .ok && result["license_id"] as? String == "CC-BY-4.0" && result["language"] as? String == "uk")
            for field in ["purpose_of_collecting_information", "update_frequency", "tag_string", "metadata_modified", "metadata_created"] {
                #expect((result[field] as? String)?.isEmpty == false, "\(field)")
            }
            // data.gov.ua's own codes, and its limit on the purpose.
            #expect(result["update_frequency"] as? String == "immediately after making changes")
            #expect(((result["purpose_of_collecting_information"] as? String)?.count ?? 999) <= 512)
            #expect((result["organization"] as? [String: Any])?["name"] as? String == "vinnytsia")
            let resources = try #require(result["resources"] as? [[String: Any]])
            #expect(resources.map { $0["format"] as? String } == ["CSV", "JSON"])
            #expect((resources[0]["url"] as? String)?.hasSuffix("/api/v1/vinnytsia/open-data/petitions/signatures.csv") == true)
            #expect((resources[0]["hash"] as? String)?.hasPrefix("sha256:") == true && (resources[0]["size"] as? Int ?? 0) > 0)
            let (byID, _) = try await action(client, "/api/3/action/package_show", body: #"{"id": "\#(result["id"] as? String ?? "")"}"#)
            #expect(byID == .ok)
            let resourceID = try #require(resources[0]["id"] as? String)
            #expect(try await action(client, "/api/3/action/resource_show?id=\(resourceID)").0 == .ok)

            let (missing, notFound) = try await action(client, "/api/3/action/package_show?id=kyiv-petitions-signatures")
            #expect(missing == .notFound && notFound["success"] as? Bool == false)
            #expect((notFound["error"] as? [String: Any])?["__type"] as? String == "Not Found Error")
            let (invalid, refusal) = try await action(client, "/api/3/action/package_search?rows=5000")
            #expect(invalid == .conflict && (refusal["error"] as? [String: Any])?["__type"] as? String == "Validation Error")
            #expect(try await action(client, "/api/3/action/package_delete").0 == .badRequest)
            #expect(try await action(client, "/api/3/action/package_search", body: "[1, 2]").0 == .badRequest)

            let (_, organizations) = try await action(client, "/api/3/action/organization_list")
            #expect(organizations["result"] as? [String] == ["khmilnyk", "ladyzhyn", "vinnytsia", "zhmerynka"])
            let (_, organization) = try await action(client, "/api/3/action/organization_show?id=vinnytsia&include_datasets=true")
            let packages = try #require((organization["result"] as? [String: Any])?["packages"] as? [[String: Any]])
            #expect(packages.count == names.filter { $0.hasPrefix("vinnytsia-") }.count)
            let (_, groups) = try await action(client, "/api/3/action/group_list")
            #expect(groups["result"] as? [String] == ["budgets", "petitions", "auctions", "invest", "strategy", "waste", "business", "visit"])
            let (_, filtered) = try await action(client, "/api/3/action/package_search?fq=organization:ladyzhyn&q=петиції")
            let found = try #require((filtered["result"] as? [String: Any])?["results"] as? [[String: Any]])
            #expect(found.compactMap { $0["name"] as? String }.sorted() == ["ladyzhyn-petitions-answers", "ladyzhyn-petitions-petitions", "ladyzhyn-petitions-signatures"])
        }
    }

    @Test func metadataModifiedMovesWhenTheDataChangesAndOnlyThen() async throws {
        try await WebHarness.run { harness, client in
            func modified(_ name: String) async throws -> String {
                let (_, body) = try await action(client, "/api/3/action/package_show?id=\(name)")
                return try #require((body["result"] as? [String: Any])?["metadata_modified"] as? String)
            }
            func changedSince(_ time: String) async throws -> Set<String> {
                let (_, body) = try await action(client, "/api/3/action/package_search?rows=1000&fq=metadata_modified:[\(time)%20TO%20*]")
                return Set(try #require((body["result"] as? [String: Any])?["results"] as? [[String: Any]]).compactMap { $0["name"] as? String })
            }
            let author = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            let moderator = try await apiToken(client, "vinnytsia.moderator@demo.hromada.ua", "moderator-demo-2026")
            let lots = try await modified("vinnytsia-auctions-lots")
            let signaturesBefore = try await modified("vinnytsia-petitions-signatures")
            let body = #"{"title": "Висадити липи вздовж Соборної вулиці", "text": "Прошу висадити липи вздовж Соборної вулиці навесні.", "category": "Довкілля"}"#
            let (_, petition) = try await client.json(.post, "/api/v1/vinnytsia/petitions", body: body, token: author)
            let id = try #require(petition["id"] as? String)
            _ = try await client.json(.post, "/api/v1/vinnytsia/petitions/\(id)/decision", body: #"{"decision": "publish"}"#, token: moderator)
            harness.clock.advance(by: 5)
            #expect(try await modified("vinnytsia-petitions-petitions") != signaturesBefore)
            #expect(try await modified("vinnytsia-petitions-signatures") == signaturesBefore, "no one has signed yet")

            harness.clock.advance(by: 5)
            let since = SolrTime.format(harness.clock.now())
            harness.clock.advance(by: 1)
            let (signed, _) = try await client.json(.post, "/api/v1/vinnytsia/petitions/\(id)/signatures", token: author)
            #expect(signed == .created)
            harness.clock.advance(by: 2)
            let changed = try await changedSince(since)
            #expect(changed.contains("vinnytsia-petitions-signatures"))
            #expect(changed.isSubset(of: ["vinnytsia-petitions-signatures", "vinnytsia-petitions-petitions"]), "\(changed)")
            // Read again after the full recheck: nothing changed, nothing moves.
            let after = try await modified("vinnytsia-petitions-signatures")
            harness.clock.advance(by: 120)
            #expect(try await modified("vinnytsia-petitions-signatures") == after)
            #expect(try await modified("vinnytsia-auctions-lots") == lots)
        }
    }

    /// The files are written as their rows come (`OpenDataWriter`, the
    /// ballots a page at a time); the bytes are the whole table's.
    @Test func aStreamedFileIsTheWholeTableByteForByte() async throws {
        let toy = ToyModule()
        try await WebHarness.run(modules: ModuleRegistry(ModuleRegistry.standard.modules + [toy])) { harness, client in
            let city = try await harness.city("vinnytsia")
            for module in harness.services.modules.modules {
                for dataset in module.openDatasets {
                    let table = try await dataset.table(harness.services, in: city)
                    var csv = "", json = ""
                    try await dataset.write(.csv, harness.services, in: city) { csv += $0 }
                    try await dataset.write(.json, harness.services, in: city) { json += $0 }
                    #expect(csv == table.csv(), "\(module.slug.rawValue)/\(dataset.slug)")
                    #expect(json == (try table.json()), "\(module.slug.rawValue)/\(dataset.slug)")
                    let served = try await client.execute(uri: "/api/v1/vinnytsia/open-data/\(module.slug.rawValue)/\(dataset.slug).csv", method: .get)
                    #expect(String(buffer: served.body) == csv)
                }
            }
            #expect(try await client.json(.get, "/api/3/action/package_search?sort=id+asc&rows=2").0 == .ok, "+ is a space, as CKAN reads it")
        }
    }

    /// An edition's anonymous ballots (and projects) are a resource of
    /// their own: its rows of the dataset without the edition column, their
    /// size and digest as the package says, and nothing for an edition
    /// whose results are not out.
    @Test func eachPublishedEditionsBallotsAreAResourceOfTheirOwn() async throws {
        try await WebHarness.run { _, client in
            let (_, shown) = try await client.json(.get, "/api/3/action/package_show?id=vinnytsia-budgets-ballots")
            let resources = try #require((shown["result"] as? [String: Any])?["resources"] as? [[String: Any]])
            let whole = try await client.execute(uri: "/api/v1/vinnytsia/open-data/budgets/ballots.csv", method: .get)
            let wholeLines = String(buffer: whole.body).split(separator: "\r\n").dropFirst()
            let parts = resources.dropFirst(2)
            #expect(!parts.isEmpty && parts.count % 2 == 0, "a CSV and a JSON per published edition")
            var partRows = 0
            for resource in parts {
                let url = try #require(resource["url"] as? String)
                let path = String(url[try #require(url.range(of: "/api/v1/")).lowerBound...])
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok, "\(path)")
                let text = String(buffer: response.body)
                var digest = OpenDataDigest()
                digest.add(text)
                #expect(resource["size"] as? Int == Int(digest.bytes), "\(path)")
                #expect(resource["hash"] as? String == "sha256:" + digest.sha256(), "\(path)")
                guard path.hasSuffix(".csv") else { continue }
                let edition = String(path.split(separator: "/").last?.dropLast(4) ?? "")
                let lines = text.split(separator: "\r\n")
                #expect(lines.first == "receipt,projects,points,channel,ageGroup")
                let mine = wholeLines.filter { $0.hasPrefix(edition + ",") }.map { $0.dropFirst(edition.count + 1) }
                #expect(lines.dropFirst().map { $0[...] } == mine, "the edition's rows of the whole file")
                let own = try await client.execute(uri: "/api/v1/vinnytsia/budgets/\(edition)/open-data/ballots.csv", method: .get)
                #expect(String(buffer: own.body) == text, "the edition's own path serves the same file")
                partRows += mine.count
            }
            #expect(partRows == wholeLines.count, "every ballot is in its edition's file")

            let (_, package) = try await client.json(.get, "/vinnytsia/opendata/budgets-ballots/datapackage.json")
            let described = try #require(package["resources"] as? [[String: Any]])
            let partFields = try #require((described[2]["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
            #expect(partFields.compactMap { $0["name"] as? String } == ["receipt", "projects", "points", "channel", "ageGroup"])

            // An edition still voting (or a draft) has no file, whatever its id.
            let editions = try await client.execute(uri: "/api/v1/vinnytsia/open-data/budgets/editions.json", method: .get)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: editions.body).utf8)) as? [[String: Any]])
            #expect(rows.contains { ["voting", "review", "proposals"].contains($0["phase"] as? String ?? "") }, "the demo has an edition not yet counted")
            for row in rows where !["results", "delivery", "finished"].contains(row["phase"] as? String ?? "") {
                let id = try #require(row["editionId"] as? String)
                #expect(try await client.execute(uri: "/api/v1/vinnytsia/open-data/budgets/ballots/\(id).csv", method: .get).status == .notFound)
            }
            #expect(try await client.execute(uri: "/api/v1/vinnytsia/open-data/budgets/ballots/nothing.csv", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/vinnytsia/open-data/petitions/petitions/x.csv", method: .get).status == .notFound)
            let page = try await client.execute(uri: "/vinnytsia/opendata/budgets-ballots?lang=en", method: .get)
            #expect(String(buffer: page.body).contains("Files by part"))
        }
    }

    /// A search's packages are kept as JSON between searches: what it
    /// answers is what `package_show` encodes, before and after a change.
    @Test func aSearchsKeptPackagesAreThoseOfPackageShow() async throws {
        try await WebHarness.run { harness, client in
            func compare() async throws {
                let (status, searched) = try await action(client, "/api/3/action/package_search?rows=1000&sort=name+asc")
                #expect(status == .ok && searched["success"] as? Bool == true)
                let result = try #require(searched["result"] as? [String: Any])
                let results = try #require(result["results"] as? [[String: Any]])
                #expect(result["count"] as? Int == results.count && result["sort"] as? String == "name asc")
                #expect(results.compactMap { $0["name"] as? String } == results.compactMap { $0["name"] as? String }.sorted())
                for package in results.prefix(12) {
                    let (_, shown) = try await action(client, "/api/3/action/package_show?id=\(package["name"] as? String ?? "")")
                    let expected = try #require(shown["result"] as? [String: Any])
                    // Compared as JSON with sorted keys: Foundation's dictionaries do not compare nested arrays on Linux.
                    let found = try JSONSerialization.data(withJSONObject: package, options: .sortedKeys)
                    #expect(found == (try JSONSerialization.data(withJSONObject: expected, options: .sortedKeys)), "\(package["name"] ?? "")")
                }
            }
            try await compare()
            try await compare()
            // A city's settings change its packages (and its entries): the kept JSON is not used for the new ones.
            try await harness.services.store.write { tx in
                let city = try #require(try await tx.municipalities.find(slug: "vinnytsia"))
                var settings = city.settings
                settings.openData.responsibleName = "Олена Петренко"
                try await tx.municipalities.updateSettings(settings, of: city.id)
            }
            harness.clock.advance(by: 120)
            let (_, searched) = try await action(client, "/api/3/action/package_search?rows=1000&fq=organization:vinnytsia")
            let results = try #require((searched["result"] as? [String: Any])?["results"] as? [[String: Any]])
            #expect(!results.isEmpty && results.allSatisfy { $0["maintainer"] as? String == "Олена Петренко" })
            try await compare()
        }
    }

    /// The delivery of the winning projects and the auctions' contracts are datasets of the demo, with rows.
    @Test func deliveryAndContractsArePublished() async throws {
        try await WebHarness.run { _, client in
            for (name, header) in [
                ("budgets/delivery", "editionId,projectId,projectNumber,projectName,updateId,status,spent,cost,note,postedAt"),
                ("auctions/contracts", "ocid,contractId,lotId,lotNumber,procedure,title,objectId,supplierName,legalEntityCode,currency,value,dateSigned,status"),
            ] {
                let response = try await client.execute(uri: "/api/v1/vinnytsia/open-data/\(name).csv", method: .get)
                let lines = String(buffer: response.body).split(separator: "\r\n")
                #expect(lines.first.map(String.init) == header, "\(name)")
                #expect(lines.count > 1, "\(name) has rows in the demo")
            }
        }
    }

    // MARK: Documents and pages

    @Test func eachDatasetHasItsPassportDataPackageAndPage() async throws {
        try await WebHarness.run { _, client in
            let (status, passport) = try await client.json(.get, "/vinnytsia/opendata/petitions-signatures/passport.json")
            #expect(status == .ok && passport["identifier"] as? String == "vinnytsia-petitions-signatures")
            for field in ["name", "description", "legalBasis", "purpose", "language", "formats", "firstPublished", "lastModified", "currentAsOf",
                          "updateFrequency", "keywords", "dataURLs", "apiURL", "structureURL", "responsiblePerson", "publisher", "territory", "licence"] {
                #expect(passport[field] != nil, "\(field)")
            }
            #expect(((passport["name"] as? [String: String])?["uk"]?.count ?? 999) <= 254)
            #expect((passport["publisher"] as? [String: Any])?["edrpou"] as? String == "12345678")
            let (_, package) = try await client.json(.get, "/vinnytsia/opendata/budgets-ballots/datapackage.json")
            let resources = try #require(package["resources"] as? [[String: Any]])
            let csvFields = try #require((resources[0]["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
            #expect(csvFields.compactMap { $0["name"] as? String } == ["editionId", "receipt", "projects", "points", "channel", "ageGroup"])
            let jsonFields = try #require((resources[1]["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
            #expect(jsonFields.first { $0["name"] as? String == "projects" }?["type"] as? String == "array")
            for language in ["uk", "en"] {
                let page = try await client.execute(uri: "/vinnytsia/opendata?lang=\(language)", method: .get)
                #expect(page.status == .ok)
                let dataset = try await client.execute(uri: "/vinnytsia/opendata/petitions-signatures?lang=\(language)", method: .get)
                #expect(dataset.status == .ok && String(buffer: dataset.body).contains("12345678"))
            }
            #expect(try await client.execute(uri: "/oblast/vinnytska/opendata", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/vinnytsia/opendata/petitions-nothing", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/zhmerynka/opendata/budgets-ballots/passport.json", method: .get).status == .notFound)
            let turtle = try await client.execute(uri: "/vinnytsia/opendata/catalog.ttl", method: .get)
            #expect(turtle.status == .ok && String(buffer: turtle.body).contains("dcat:Catalog"))
            let graph = try await client.execute(uri: "/vinnytsia/opendata/catalog.jsonld", method: .get)
            #expect(graph.status == .ok && String(buffer: graph.body).contains("http://www.w3.org/ns/dcat#Dataset"))
            #expect(try await client.execute(uri: "/vinnytsia/opendata/catalog.jsonld?page=9", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/vinnytsia/opendata/catalog.jsonld?page=0", method: .get).status == .unprocessableContent)
        }
    }

    /// Every resource of every dataset of the demo, read as a harvester
    /// would, holds no email address, no IP address and no identity hash.
    @Test func noPersonalDataInAnyResourceOfTheDemo() async throws {
        try await WebHarness.run { harness, client in
            let hashes = try await harness.services.store.read { tx in
                try await tx.db.raw("SELECT identity_hash FROM residency_verifications").all().map { try $0.decode(column: "identity_hash", as: String.self) }
            }
            #expect(!hashes.isEmpty)
            let (_, list) = try await client.json(.get, "/api/3/action/current_package_list_with_resources")
            let packages = try #require(list["result"] as? [[String: Any]])
            let email = try Regex(#"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#)
            let address = try Regex(#"(^|[^0-9.])(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}([^0-9.]|$)"#)
            var read = 0
            for package in packages {
                for resource in package["resources"] as? [[String: Any]] ?? [] {
                    let url = try #require(resource["url"] as? String)
                    let start = try #require(url.range(of: "/api/v1/"), "\(url)")
                    let path = String(url[start.lowerBound...])
                    let response = try await client.execute(uri: path, method: .get)
                    #expect(response.status == .ok, "\(path)")
                    let text = String(buffer: response.body)
                    read += 1
                    #expect(text.firstMatch(of: email) == nil, "\(path) holds an email address")
                    #expect(text.firstMatch(of: address) == nil, "\(path) holds an IP address")
                    #expect(!hashes.contains { text.contains($0) }, "\(path) holds an identity hash")
                }
            }
            #expect(read >= 40)
        }
    }
}

import Synchronization

/// A module whose one dataset counts how often it is read and carries a
/// fingerprint the test sets (`OpenDataset.version`).
struct FingerprintedModule: Module {
    static let state = Mutex((version: "v1", reads: 0, value: 1))

    var slug: ModuleSlug { ModuleSlug(rawValue: "fingerprinted") }
    func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {}
    var openDatasets: [OpenDataset] {
        [
            OpenDataset(
                "things", strings: "open_data.fingerprinted.things", frequency: .daily, fields: [OpenDataField("n", .integer)],
                version: { _, _ in Self.state.withLock { $0.version } },
                parts: { _, _ in
                    [OpenDataPart(key: "all", title: LocalizedName(uk: "Усі", en: "All")) { batch in
                        try await batch([[.int(Self.state.withLock { $0.value })]])
                    }]
                }
            ) { _, _ in
                let value = Self.state.withLock { state in
                    state.reads += 1
                    return state.value
                }
                return [[.int(value)]]
            },
        ]
    }
}

extension OpenDataCatalogueTests {
    /// While a dataset's fingerprint stays, a check takes its files as they
    /// were and does not read them; a new fingerprint has them read again.
    @Test func aDatasetWhoseFingerprintStaysIsNotReadAgain() async throws {
        try await WebHarness.run(modules: ModuleRegistry(ModuleRegistry.standard.modules + [FingerprintedModule()])) { harness, client in
            let catalogue = try #require(harness.services.moduleState(Catalogue.self))
            let city = try await harness.city("vinnytsia")
            // Every city checked once (the first search checks them all).
            #expect(try await client.json(.get, "/api/3/action/package_list").0 == .ok)
            let first = FingerprintedModule.state.withLock { $0.reads }
            #expect(first >= 4)
            FingerprintedModule.state.withLock { $0.value = 2 }
            try await catalogue.check(city, services: harness.services)
            #expect(FingerprintedModule.state.withLock { $0.reads } == first, "the same fingerprint: not read")
            let (_, before) = try await client.json(.get, "/api/3/action/package_show?id=vinnytsia-fingerprinted-things")
            let size = ((before["result"] as? [String: Any])?["resources"] as? [[String: Any]])?.first?["hash"] as? String
            FingerprintedModule.state.withLock { $0.version = "v2" }
            harness.clock.advance(by: 5)
            try await catalogue.check(city, services: harness.services)
            #expect(FingerprintedModule.state.withLock { $0.reads } == first + 1, "a new fingerprint: read again")
            let (_, after) = try await client.json(.get, "/api/3/action/package_show?id=vinnytsia-fingerprinted-things")
            #expect(((after["result"] as? [String: Any])?["resources"] as? [[String: Any]])?.first?["hash"] as? String != size)

            // A database from before parts were kept (none stored): the same fingerprint reads it once more, parts and all.
            try await harness.services.store.write { try await $0.db.raw("DELETE FROM open_data_parts WHERE module = 'fingerprinted'").run() }
            harness.clock.advance(by: 5)
            try await catalogue.check(city, services: harness.services)
            #expect(FingerprintedModule.state.withLock { $0.reads } == first + 2)
            let parts = try await harness.services.store.read { try await $0.openData.parts(in: [city.id]) }[city.id]?["fingerprinted/things"]
            #expect(parts?.map(\.key) == ["all"] && parts?.first?.rows == 1)
        }
    }
}
