import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPTypes
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import HromadaWeb
import HromadaModules

/// Helpers the strategy module's web tests share.
enum StrategyWeb {
    static let document = "vinnytsia-development-2027"
    static let api = "/api/v1/vinnytsia/strategies/vinnytsia-development-2027"
    static let admin = ("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")

    /// A GET answered as text, with its content type.
    static func fetch(_ client: any TestClientProtocol, _ path: String) async throws -> (HTTPResponse.Status, String, String) {
        let response = try await client.execute(uri: path, method: .get)
        return (response.status, response.headers[.contentType] ?? "", String(buffer: response.body))
    }

    /// A CSV file posted to the API; the JSON answer is checked against the OpenAPI document as `json` does.
    static func postCSV(_ client: any TestClientProtocol, _ path: String, _ text: String, token: String?) async throws -> (HTTPResponse.Status, [String: Any]) {
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        if let token { headers[.authorization] = "Bearer \(token)" }
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: text))
        let data = Data(buffer: response.body)
        for problem in APISchema.problems(method: "POST", path: path, status: Int(response.status.code), body: data) {
            Issue.record(Comment(rawValue: "OpenAPI: \(problem)"))
        }
        return (response.status, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
    }

    static func field(_ object: [String: Any]) -> String? { (object["error"] as? [String: Any])?["field"] as? String }

    static func revision(_ client: any TestClientProtocol) async throws -> Int {
        let (_, body) = try await client.json(.get, api)
        return try #require(body["revision"] as? Int)
    }

    static func node(_ body: [String: Any], _ id: String) -> [String: Any]? {
        (body["nodes"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    /// Every match of a regular expression's first group.
    static func matches(_ pattern: String, in text: String) -> [[String]] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).map { match in
            (1..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }

    static func unescape(_ text: String) -> String {
        var text = text
        for (entity, character) in [("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&#x2F;", "/"), ("&#47;", "/"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }

    /// The fields of the form posting to `action`, as a browser would send them unchanged (no files, no `_csrf`).
    static func form(_ page: String, action: String) -> [(String, String)] {
        guard let start = page.range(of: "action=\"\(action)\"") else { return [] }
        let rest = page[start.upperBound...]
        let body = String(rest[..<(rest.range(of: "</form>")?.lowerBound ?? rest.endIndex)])
        var fields: [(String, String)] = []
        for tag in matches("(<input[^>]*>)", in: body).map({ $0[0] }) {
            func attribute(_ name: String) -> String? { matches(" \(name)=\"([^\"]*)\"", in: tag).first.map { unescape($0[0]) } }
            guard let name = attribute("name"), name != "_csrf" else { continue }
            let type = attribute("type") ?? "text"
            if type == "file" { continue }
            if type == "checkbox" || type == "radio" {
                if tag.contains(" checked") { fields.append((name, attribute("value") ?? "on")) }
                continue
            }
            fields.append((name, attribute("value") ?? ""))
        }
        for match in matches("<textarea[^>]* name=\"([^\"]*)\"[^>]*>(.*?)</textarea>", in: body) {
            fields.append((match[0], unescape(match[1])))
        }
        for match in matches("<select[^>]* name=\"([^\"]*)\"[^>]*>(.*?)</select>", in: body) {
            let selected = matches("<option value=\"([^\"]*)\" selected", in: match[1]).first?[0]
            fields.append((match[0], unescape(selected ?? matches("<option value=\"([^\"]*)\"", in: match[1]).first?[0] ?? "")))
        }
        return fields
    }

    static func replacing(_ fields: [(String, String)], _ changes: [String: String]) -> [(String, String)] {
        fields.map { field in changes[field.0].map { (field.0, $0) } ?? field }
    }

    static let nodesCSV = api + "/nodes.csv"
    static let indicatorsCSV = api + "/indicators.csv"

    /// The line ending the exported CSV uses.
    static func newline(_ csv: String) -> String { csv.contains("\r\n") ? "\r\n" : "\n" }

    /// The file's lines without the last empty one.
    static func lines(_ csv: String) -> [String] {
        var lines = csv.components(separatedBy: newline(csv))
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

// MARK: - The roll-up, recomputed from the API's raw inputs

/// The rule of `Sources/Strategy/Domain/Progress.swift`, written again from
/// its documentation: indicators by their last actual up to the year against
/// the change from the baseline to the last target; nodes from their counted
/// children, else their indicators, else the reported share, else their status.
enum IndependentRollup {
    static func clamp(_ value: Double) -> Double { min(1, max(0, value)) }

    static func weighted(_ parts: [(Double, Double)]) -> Double? {
        let total = parts.reduce(0) { $0 + $1.0 }
        guard total > 0 else { return nil }
        return clamp(parts.reduce(0) { $0 + $1.0 * $1.1 } / total)
    }

    static func indicatorProgress(_ indicator: [String: Any], asOf year: Int) -> Double? {
        let actuals = ((indicator["actuals"] as? [[String: Any]]) ?? []).compactMap { actual -> (Int, Double)? in
            guard let y = actual["year"] as? Int, let v = (actual["value"] as? NSNumber)?.doubleValue else { return nil }
            return (y, v)
        }.filter { $0.0 <= year }.sorted { $0.0 < $1.0 }
        guard let actual = actuals.last else { return nil }
        let baseline = (indicator["baseline"] as? [String: Any])?["value"] as? NSNumber
        let base = baseline?.doubleValue ?? 0
        let targets = ((indicator["targets"] as? [[String: Any]]) ?? []).compactMap { target -> (Int, Double)? in
            guard let y = target["year"] as? Int, let v = (target["value"] as? NSNumber)?.doubleValue else { return nil }
            return (y, v)
        }.sorted { $0.0 < $1.0 }
        let higher = indicator["direction"] as? String == "higher"
        func gain(_ value: Double) -> Double { higher ? value - base : base - value }
        let finalGain = gain(targets.last?.1 ?? base), achieved = gain(actual.1)
        return finalGain > 0 ? clamp(achieved / finalGain) : (achieved >= finalGain ? 1 : 0)
    }

    /// Each node's progress and the document's.
    static func figures(_ body: [String: Any]) -> (nodes: [String: Double], document: Double?) {
        let year = body["asOfYear"] as? Int ?? 0
        let nodes = (body["nodes"] as? [[String: Any]]) ?? []
        let indicators = (body["indicators"] as? [[String: Any]]) ?? []
        var figures: [String: Double] = [:]
        func compute(_ node: [String: Any]) -> Double {
            let id = node["id"] as? String ?? ""
            let children = nodes.filter { $0["parent"] as? String == id }
            let childParts = children.map { child in (child, compute(child)) }.filter { $0.0["status"] as? String != "cancelled" }
                .map { ((($0.0["weight"] as? NSNumber)?.doubleValue ?? 0), $0.1) }
            let result: Double
            if let progress = weighted(childParts) {
                result = progress
            } else if let progress = weighted(indicators.filter { $0["node"] as? String == id }.compactMap { indicator in
                indicatorProgress(indicator, asOf: year).map { ((indicator["weight"] as? NSNumber)?.doubleValue ?? 0, $0) }
            }) {
                result = progress
            } else if let reported = node["reportedProgress"] as? Int {
                result = clamp(Double(reported) / 100)
            } else {
                result = node["status"] as? String == "done" ? 1 : 0
            }
            figures[id] = result
            return result
        }
        let roots = nodes.filter { $0["parent"] == nil || $0["parent"] is NSNull }
        let goals = roots.map { ($0, compute($0)) }.filter { $0.0["status"] as? String != "cancelled" }
        let document = weighted(goals.map { ((($0.0["weight"] as? NSNumber)?.doubleValue ?? 0), $0.1) })
        return (figures, document)
    }
}

@Suite struct StrategyWebTests {
    // MARK: 1. A citizen's walk

    @Test(arguments: TestDatabase.available)
    func aCitizenWalksFromTheListToANodeAnIndicatorAndTheBudgetProjectsATaskLinks(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var visitor = Browser(client)
            let list = try await visitor.get("/vinnytsia/strategy")
            #expect(list.status == .ok)
            #expect(list.body.contains("/vinnytsia/strategy/\(StrategyWeb.document)"))
            let document = try await visitor.get("/vinnytsia/strategy/\(StrategyWeb.document)")
            #expect(document.status == .ok && document.body.contains("class=\"tree\""))
            #expect(document.body.contains("/vinnytsia/strategy/\(StrategyWeb.document)/nodes/2.4.1"))

            // A task of objective 2.4 carries out budget projects: its page links them.
            let node = try await visitor.get("/vinnytsia/strategy/\(StrategyWeb.document)/nodes/2.4.1")
            #expect(node.status == .ok && node.body.contains("data-progress="))
            let budgetLinks = StrategyWeb.matches("href=\"(/vinnytsia/budgets/[^\"]+)\"", in: node.body).map { $0[0] }
            #expect(!budgetLinks.isEmpty, "the node page lists the budget projects it links")
            let (_, json) = try await client.json(.get, StrategyWeb.api)
            let links = (StrategyWeb.node(json, "2.4.1")?["links"] as? [[String: Any]]) ?? []
            #expect(links.count == 2 && links.allSatisfy { $0["kind"] as? String == "budget_project" })
            for id in links.compactMap({ $0["id"] as? String }) {
                #expect(budgetLinks.contains { $0.contains(id) }, "project \(id) is linked from the node page")
            }

            // The budget edition's page shows the task back among its referrers.
            let edition = try #require(budgetLinks.first?.components(separatedBy: "/projects/").first)
            let budget = try await visitor.get(StrategyWeb.unescape(edition))
            #expect(budget.status == .ok)
            let referrers = budget.body.range(of: "class=\"referrers\"").map { String(budget.body[$0.lowerBound...]) } ?? ""
            #expect(referrers.contains("/vinnytsia/strategy/\(StrategyWeb.document)/nodes/2.4.1"), "the task is among the edition's referrers")

            // An indicator's page: its chart and its years.
            let indicator = try await visitor.get("/vinnytsia/strategy/\(StrategyWeb.document)/indicators/I19")
            #expect(indicator.status == .ok)
            #expect(indicator.body.contains("<svg"))
            #expect(indicator.body.contains("<table"))
            let years = ((json["indicators"] as? [[String: Any]])?.first { $0["id"] as? String == "I19" }?["targets"] as? [[String: Any]] ?? [])
                .compactMap { $0["year"] as? Int }
            #expect(!years.isEmpty)
            for year in years { #expect(indicator.body.contains(">\(year)<"), "the table has the year \(year)") }
            #expect(try await visitor.get("/vinnytsia/strategy/\(StrategyWeb.document)/indicators/NOPE").status == .notFound)
            #expect(try await visitor.get("/vinnytsia/strategy/\(StrategyWeb.document)/nodes/9.9.9").status == .notFound)
            #expect(try await visitor.get("/vinnytsia/strategy/\(StrategyWeb.document)/timeline").status == .ok)

            // Other modules find the document and its nodes (residents follow
            // the one and discuss the measures), never another city's.
            let city = try #require(try await harness.services.store.read { try await $0.municipalities.find(slug: "vinnytsia") })
            let services = harness.services
            let found = try #require(try await services.modules.linked(.strategy, id: StrategyWeb.document, in: city, services: services))
            #expect(found.path == "/vinnytsia/strategy/\(StrategyWeb.document)" && !found.isDiscussable && found.title(in: .en) != found.title)
            let measure = try #require(try await services.modules.linked(.strategyNode, id: "\(StrategyWeb.document)/2.4.1", in: city, services: services))
            #expect(measure.path == "/vinnytsia/strategy/\(StrategyWeb.document)/nodes/2.4.1" && measure.title.contains("2.4.1"))
            let goal = try #require(try await services.modules.linked(.strategyNode, id: "\(StrategyWeb.document)/2", in: city, services: services))
            #expect(measure.isDiscussable != goal.isDiscussable, "only a measure is discussed")
            #expect(try await services.modules.linked(.strategyNode, id: "\(StrategyWeb.document)/9.9.9", in: city, services: services) == nil)
            #expect(try await services.modules.linked(.strategyNode, id: "no-slash", in: city, services: services) == nil)
            let other = try #require(try await harness.services.store.read { try await $0.municipalities.find(slug: "zhmerynka") })
            #expect(try await services.modules.linked(.strategy, id: StrategyWeb.document, in: other, services: services) == nil)

            // In English too.
            try await visitor.get("/en?next=/vinnytsia/strategy")
            let english = try await visitor.get("/vinnytsia/strategy/\(StrategyWeb.document)/nodes/2.4.1")
            #expect(english.status == .ok && english.body.contains("Renew parks and squares after residents"))
            let englishIndicator = try await visitor.get("/vinnytsia/strategy/\(StrategyWeb.document)/indicators/I19")
            #expect(englishIndicator.status == .ok && englishIndicator.body.contains("Parks and squares renewed"))
            _ = harness
        }
    }

    // MARK: 2. The roll-up a reader can redo

    @Test(arguments: TestDatabase.available)
    func everyRollUpFigureOnTheDocumentPageEqualsTheOneRecomputedFromTheAPIsRawInputs(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            for query in ["", "?year=2024"] {
                let (status, json) = try await client.json(.get, StrategyWeb.api + query)
                #expect(status == .ok)
                let expected = IndependentRollup.figures(json)
                let (pageStatus, _, page) = try await StrategyWeb.fetch(client, "/vinnytsia/strategy/\(StrategyWeb.document)" + query)
                #expect(pageStatus == .ok)
                let shown = StrategyWeb.matches("<li class=\"node [^\"]*\" data-node=\"([^\"]*)\" data-progress=\"([^\"]*)\"", in: page)
                #expect(shown.count == (json["nodes"] as? [Any])?.count, "every node shows its figure")
                #expect(!shown.isEmpty)
                for item in shown {
                    let id = StrategyWeb.unescape(item[0])
                    let value = try #require(Double(item[1]))
                    let recomputed = try #require(expected.nodes[id], "node \(id)")
                    #expect(abs(value - recomputed) < 2e-6, "node \(id): page \(value), recomputed \(recomputed)")
                    let api = (StrategyWeb.node(json, id)?["progress"] as? NSNumber)?.doubleValue ?? -1
                    #expect(abs(api - recomputed) < 1e-9, "node \(id): API \(api), recomputed \(recomputed)")
                }
                let overall = try #require(StrategyWeb.matches("class=\"progress-line overall\" data-node=\"\" data-progress=\"([^\"]*)\"", in: page).first)
                let document = try #require(expected.document)
                #expect(abs((Double(overall[0]) ?? -1) - document) < 2e-6)
                #expect(abs(((json["progress"] as? NSNumber)?.doubleValue ?? -1) - document) < 1e-9)
                // The demo has leaves of every kind the rule knows.
                let sources = Set((json["nodes"] as? [[String: Any]] ?? []).compactMap { $0["progressSource"] as? String })
                #expect(sources.isSuperset(of: ["children", "indicators"]), "\(sources)")
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func theOpenDataCarriesEveryInputOfTheRollUpAndTheFiguresTheAPIGives(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            let (status, json) = try await client.json(.get, StrategyWeb.api)
            #expect(status == .ok)
            func rows(_ name: String) async throws -> [[String: Any]] {
                let (status, _, text) = try await StrategyWeb.fetch(client, "/api/v1/vinnytsia/open-data/strategy/\(name).json")
                #expect(status == .ok, "\(name)")
                let all = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
                return all.filter { $0["documentId"] as? String == StrategyWeb.document }
            }
            let documents = try await rows("documents")
            #expect(documents.count == 1)
            #expect(abs(((documents.first?["progress"] as? NSNumber)?.doubleValue ?? -1) - ((json["progress"] as? NSNumber)?.doubleValue ?? -2)) < 1e-9)
            let nodes = try await rows("nodes")
            let apiNodes = json["nodes"] as? [[String: Any]] ?? []
            #expect(nodes.count == apiNodes.count && !nodes.isEmpty)
            for row in nodes {
                let id = try #require(row["nodeId"] as? String)
                let api = try #require(StrategyWeb.node(json, id), "node \(id)")
                for (openKey, apiKey) in [("progress", "progress"), ("weight", "weight")] {
                    let open = (row[openKey] as? NSNumber)?.doubleValue ?? -1, given = (api[apiKey] as? NSNumber)?.doubleValue ?? -2
                    #expect(abs(open - given) < 1e-9, "node \(id) \(openKey): open data \(open), API \(given)")
                }
                #expect(row["progressSource"] as? String == api["progressSource"] as? String)
                #expect(row["status"] as? String == api["status"] as? String)
            }
            // Every indicator, with a row for each year it has a target or an actual.
            let indicators = try await rows("indicators")
            for indicator in json["indicators"] as? [[String: Any]] ?? [] {
                let id = try #require(indicator["id"] as? String)
                let years = Set(((indicator["targets"] as? [[String: Any]] ?? []) + (indicator["actuals"] as? [[String: Any]] ?? [])).compactMap { $0["year"] as? Int })
                let found = indicators.filter { $0["indicatorId"] as? String == id }
                #expect(Set(found.compactMap { $0["year"] as? Int }) == years && found.count == max(1, years.count), "indicator \(id)")
            }
        }
    }

    // MARK: 3. The API

    static func documentBody(externalId: String = "sme-2030", first: Int = 2026, last: Int = 2030, url: String = "https://vmr.gov.ua/rishennia/1",
                             status: String = "in_force", revision: Int? = nil, title: String = "Програма підтримки МСП") -> String {
        """
        {"externalId": "\(externalId)", "kind": "sme_programme", "title": {"uk": "\(title)", "en": "SME programme"},
         "firstYear": \(first), "lastYear": \(last), "decision": {"number": "12/34", "date": "2025-12-20", "url": "\(url)"},
         "status": "\(status)"\(revision.map { #", "revision": \#($0)"# } ?? "")}
        """
    }

    @Test(arguments: TestDatabase.available)
    func theAPIListsAndGivesDocumentsAndOnlyTheCitysEditorsChangeThem(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let (listed, list) = try await client.json(.get, "/api/v1/vinnytsia/strategies")
            #expect(listed == .ok)
            let items = try #require(list["items"] as? [[String: Any]])
            #expect(items.contains { $0["id"] as? String == StrategyWeb.document })
            #expect(items.allSatisfy { $0["nodes"] == nil }, "a list's items carry no tree")

            let (shown, document) = try await client.json(.get, StrategyWeb.api)
            #expect(shown == .ok && (document["nodes"] as? [Any])?.isEmpty == false && (document["indicators"] as? [Any])?.isEmpty == false)
            let (_, older) = try await client.json(.get, StrategyWeb.api + "?year=2023")
            #expect(older["asOfYear"] as? Int == 2023)
            #expect(document["asOfYear"] as? Int != 2023)
            #expect(try await client.json(.get, "/api/v1/vinnytsia/strategies/no-such-plan").0 == .notFound)
            // Another city's document is not found through this city.
            let (_, zhmerynka) = try await client.json(.get, "/api/v1/zhmerynka/strategies")
            #expect(try await client.json(.get, "/api/v1/zhmerynka/strategies/\(StrategyWeb.document)").0 == .notFound)
            if let theirs = (zhmerynka["items"] as? [[String: Any]])?.first?["id"] as? String {
                #expect(try await client.json(.get, "/api/v1/vinnytsia/strategies/\(theirs)").0 == .notFound)
            }

            // Creating needs strategy.edit in the city.
            let path = "/api/v1/vinnytsia/strategies"
            #expect(try await client.json(.post, path, body: Self.documentBody()).0 == .unauthorized)
            let resident = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await client.json(.post, path, body: Self.documentBody(), token: resident).0 == .notFound)
            let other = try await apiToken(client, "zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            #expect(try await client.json(.post, path, body: Self.documentBody(), token: other).0 == .notFound)
            let admin = try await apiToken(client, StrategyWeb.admin.0, StrategyWeb.admin.1)
            let (created, made) = try await client.json(.post, path, body: Self.documentBody(), token: admin)
            #expect(created == .created && made["externalId"] as? String == "sme-2030" && made["revision"] as? Int == 1)
            let id = try #require(made["id"] as? String)
            #expect(try await client.json(.post, path, body: Self.documentBody(), token: admin).0 == .conflict, "one external id once")

            // Changing its terms: the same rules, and only over the revision read.
            let one = "\(path)/\(id)"
            #expect(try await client.json(.put, one, body: Self.documentBody(revision: 1)).0 == .unauthorized)
            #expect(try await client.json(.put, one, body: Self.documentBody(revision: 1), token: resident).0 == .notFound)
            #expect(try await client.json(.put, one, body: Self.documentBody(revision: 1), token: other).0 == .notFound)
            let (changed, after) = try await client.json(.put, one, body: Self.documentBody(revision: 1, title: "Програма МСП 2026–2030"), token: admin)
            #expect(changed == .ok && after["revision"] as? Int == 2 && (after["title"] as? [String: Any])?["uk"] as? String == "Програма МСП 2026–2030")
            let (stale, refusal) = try await client.json(.put, one, body: Self.documentBody(revision: 1, title: "Застаріле"), token: admin)
            #expect(stale == .conflict && errorCode(refusal) == "strategy_changed_meanwhile")
            let (_, unchanged) = try await client.json(.get, one)
            #expect(unchanged["revision"] as? Int == 2 && (unchanged["title"] as? [String: Any])?["uk"] as? String == "Програма МСП 2026–2030")

            // A bad field is a 422 naming it, and changes nothing.
            let bad: [(String, String)] = [
                (Self.documentBody(first: 2030, last: 2026, revision: 2), "lastYear"),
                (Self.documentBody(url: "javascript:alert(1)", revision: 2), "decision.url"),
                (Self.documentBody(externalId: "з пробілом", revision: 2), "externalId"),
                (Self.documentBody(revision: 2, title: " "), "title.uk"),
            ]
            for (body, field) in bad {
                let (status, answer) = try await client.json(.put, one, body: body, token: admin)
                #expect(status == .unprocessableContent && StrategyWeb.field(answer) == field, "\(field): \(status) \(answer)")
                let (postStatus, postAnswer) = try await client.json(.post, path, body: body.replacingOccurrences(of: "sme-2030", with: "sme-2031"), token: admin)
                #expect(postStatus == .unprocessableContent, "\(field): \(postStatus) \(postAnswer)")
            }
            #expect(try await client.json(.put, one, body: Self.documentBody(), token: admin).0 == .unprocessableContent, "PUT needs the revision")
            // Taking another document's external id is refused as such, not as a stale form.
            let (taken, takenAnswer) = try await client.json(.put, one, body: Self.documentBody(externalId: StrategyWeb.document, revision: 2), token: admin)
            #expect(taken == .conflict && errorCode(takenAnswer) == "strategy_external_id_taken", "\(taken) \(takenAnswer)")
            #expect(try await client.json(.get, one).1["revision"] as? Int == 2)
            _ = harness
        }
    }

    // MARK: 6. IATI

    static let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/data/iati/iati-activities-schema.xsd").standardizedFileURL
    static let xmllint = URL(fileURLWithPath: "/usr/bin/xmllint")
    static let canValidate = FileManager.default.fileExists(atPath: schema.path) && FileManager.default.isExecutableFile(atPath: xmllint.path)

    final class ResultCounter: NSObject, XMLParserDelegate, @unchecked Sendable {
        var results = 0
        var indicators = 0
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "result" { results += 1 }
            if name == "indicator" { indicators += 1 }
        }
    }

    @Test(arguments: TestDatabase.available)
    func theIATIExportIsWellFormedXMLWithAResultPerNodeThatHasIndicators(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            let (status, type, xml) = try await StrategyWeb.fetch(client, StrategyWeb.api + "/iati.xml")
            #expect(status == .ok && type.hasPrefix("application/xml"))
            let parser = XMLParser(data: Data(xml.utf8))
            let counter = ResultCounter()
            parser.delegate = counter
            #expect(parser.parse(), "well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
            let (_, json) = try await client.json(.get, StrategyWeb.api)
            let indicators = (json["indicators"] as? [[String: Any]]) ?? []
            #expect(counter.results == Set(indicators.compactMap { $0["node"] as? String }).count)
            #expect(counter.indicators == indicators.count)
            #expect(try await StrategyWeb.fetch(client, "/api/v1/vinnytsia/strategies/nope/iati.xml").0 == .notFound)
            if Self.canValidate {
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("iati-web-\(UUID().uuidString).xml")
                try Data(xml.utf8).write(to: file)
                defer { try? FileManager.default.removeItem(at: file) }
                let process = Process()
                process.executableURL = Self.xmllint
                process.arguments = ["--noout", "--nonet", "--schema", Self.schema.path, file.path]
                let errors = Pipe()
                process.standardError = errors
                process.standardOutput = FileHandle.nullDevice
                try process.run()
                let output = errors.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                #expect(process.terminationStatus == 0, "\(String(decoding: output.prefix(4_000), as: UTF8.self))")
            }
        }
    }

    // MARK: 9. The module switched off

    @Test(arguments: TestDatabase.available)
    func aCityThatSwitchesTheModuleOffHasNoStrategyPagesReportOrAPI(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            #expect(try await client.json(.get, "/api/v1/zhmerynka/strategies").0 == .ok)
            #expect(try await StrategyWeb.fetch(client, "/zhmerynka/strategy").0 == .ok)
            let admin = try await apiToken(client, "zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            let (off, _) = try await client.json(.patch, "/api/v1/zhmerynka/settings", body: #"{"enabledModules": ["petitions", "budgets"]}"#, token: admin)
            #expect(off == .ok)
            #expect(try await StrategyWeb.fetch(client, "/zhmerynka/strategy").0 == .notFound)
            #expect(try await StrategyWeb.fetch(client, "/zhmerynka/results").0 == .notFound)
            #expect(try await client.json(.get, "/api/v1/zhmerynka/strategies").0 == .notFound)
            // Vinnytsia keeps its own.
            #expect(try await StrategyWeb.fetch(client, "/vinnytsia/strategy").0 == .ok)
            #expect(try await StrategyWeb.fetch(client, "/vinnytsia/results").0 == .ok)
        }
    }
}
