import Foundation
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
@testable import Strategy

/// The strategy module's staff side: CSV round trips and imports (all or
/// nothing, over the revision read), simultaneous imports, the desk's forms,
/// and the results report.
@Suite struct StrategyDeskTests {
    static let ledUK = "LED street lighting"

    // MARK: 4. CSV

    @Test(arguments: TestDatabase.available)
    func exportedCSVImportsBackUnchangedAndAFileWithABadRowIsRefusedWholeNamingItsLineAndColumn(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            let admin = try await apiToken(client, StrategyWeb.admin.0, StrategyWeb.admin.1)
            let start = try await StrategyWeb.revision(client)
            var files: [String: String] = [:]
            for path in [StrategyWeb.nodesCSV, StrategyWeb.indicatorsCSV] {
                let (status, type, csv) = try await StrategyWeb.fetch(client, path)
                #expect(status == .ok && type.hasPrefix("text/csv"))
                files[path] = csv
                let (imported, report) = try await StrategyWeb.postCSV(client, path, csv, token: admin)
                #expect(imported == .ok, "\(report)")
                let changes = (report["changes"] as? [[String: Any]]) ?? []
                #expect(!changes.isEmpty && changes.allSatisfy { $0["change"] as? String == "unchanged" }, "\(path): \(changes.filter { $0["change"] as? String != "unchanged" })")
                #expect(report["changed"] as? Int == 0 && report["added"] as? Int == 0)
            }
            #expect(try await StrategyWeb.revision(client) == start, "an unchanged file bumps nothing")
            // Importing needs the right.
            let nodes = try #require(files[StrategyWeb.nodesCSV])
            #expect(try await StrategyWeb.postCSV(client, StrategyWeb.nodesCSV, nodes, token: nil).0 == .unauthorized)
            let resident = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await StrategyWeb.postCSV(client, StrategyWeb.nodesCSV, nodes, token: resident).0 == .notFound)

            // One changed value and one bad row: refused whole, naming the bad row's line and column.
            #expect(nodes.contains(Self.ledUK))
            let changed = nodes.replacingOccurrences(of: Self.ledUK, with: "LED lights on every street")
            let newline = StrategyWeb.newline(nodes)
            let badLine = StrategyWeb.lines(changed).count + 1
            let columns = StrategyCSV.nodeColumns
            let badRow = columns.map { column -> String in
                switch column {
                case "id": "9.9.9"
                case "parent": "2.4"
                case "level": "galaxy"
                case "title_uk": "Невідомий рівень"
                default: ""
                }
            }.joined(separator: ",")
            let withBad = StrategyWeb.lines(changed).joined(separator: newline) + newline + badRow + newline
            let (refused, error) = try await StrategyWeb.postCSV(client, StrategyWeb.nodesCSV, withBad, token: admin)
            #expect(refused == .unprocessableContent)
            #expect(StrategyWeb.field(error) == "line.\(badLine).level", "\(error)")
            #expect(try await StrategyWeb.revision(client) == start)
            let (_, still) = try await client.json(.get, StrategyWeb.api)
            #expect((StrategyWeb.node(still, "2.4.3")?["title"] as? [String: Any])?["en"] as? String == Self.ledUK, "the changed value is not stored")

            // Without the bad row, a dry run reports the one change and stores nothing.
            let (dry, dryReport) = try await StrategyWeb.postCSV(client, StrategyWeb.nodesCSV + "?dryRun=true", changed, token: admin)
            #expect(dry == .ok && dryReport["changed"] as? Int == 1 && dryReport["dryRun"] as? Bool == true, "\(dryReport)")
            let change = (dryReport["changes"] as? [[String: Any]])?.first { $0["change"] as? String == "changed" }
            #expect(change?["id"] as? String == "2.4.3" && change?["fields"] as? [String] == ["title_en"])
            #expect(try await StrategyWeb.revision(client) == start)
            // For real: stored, one revision up.
            let (stored, report) = try await StrategyWeb.postCSV(client, StrategyWeb.nodesCSV, changed, token: admin)
            #expect(stored == .ok && report["changed"] as? Int == 1 && report["revision"] as? Int == start + 1, "\(report)")
            #expect(try await StrategyWeb.revision(client) == start + 1)
            let (_, after) = try await client.json(.get, StrategyWeb.api)
            #expect((StrategyWeb.node(after, "2.4.3")?["title"] as? [String: Any])?["en"] as? String == "LED lights on every street")

            // The desk's import form lists every bad row with its line and column.
            var browser = Browser(client)
            try await browser.signIn(StrategyWeb.admin.0, StrategyWeb.admin.1)
            let desk = "/vinnytsia/admin/strategy/\(StrategyWeb.document)"
            #expect(try await browser.get(desk).status == .ok)
            let current = try await StrategyWeb.fetch(client, StrategyWeb.nodesCSV).2
            let base = StrategyWeb.lines(current)
            let secondBad = badRow.replacingOccurrences(of: "9.9.9", with: "9.9.8").replacingOccurrences(of: "galaxy", with: "measure")
                .replacingOccurrences(of: ",2.4,", with: ",no-such-parent,")
            let twoBad = (base + [badRow, secondBad]).joined(separator: newline) + newline
            let page = try await browser.upload(desk + "/import", [("which", "nodes"), ("dryRun", "on")], file: ("file", "nodes.csv", "text/csv", Array(twoBad.utf8)))
            #expect(page.status == .unprocessableContent)
            let problems = StrategyWeb.matches("<li class=\"error\">([^<]*)</li>", in: page.body).map { StrategyWeb.unescape($0[0]) }
            #expect(problems.contains { $0.contains("\(base.count + 1)") && $0.contains("level") }, "\(problems)")
            #expect(problems.contains { $0.contains("\(base.count + 2)") && $0.contains("parent") }, "\(problems)")
            // A good file through the form: a dry run shows the change, stores nothing.
            let good = current.replacingOccurrences(of: "LED lights on every street", with: "LED everywhere")
            let dryPage = try await browser.upload(desk + "/import", [("which", "nodes"), ("dryRun", "on")], file: ("file", "nodes.csv", "text/csv", Array(good.utf8)))
            #expect(dryPage.status == .ok && dryPage.body.contains("2.4.3"))
            #expect(try await StrategyWeb.revision(client) == start + 1)
            let realPage = try await browser.upload(desk + "/import", [("which", "nodes")], file: ("file", "nodes.csv", "text/csv", Array(good.utf8)))
            #expect(realPage.status == .ok)
            #expect(try await StrategyWeb.revision(client) == start + 2)
        }
    }

    // MARK: 5. Simultaneous imports

    @Test(arguments: TestDatabase.available)
    func simultaneousImportsFromOneRevisionApplyOneChangePerRevision(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            let admin = try await apiToken(client, StrategyWeb.admin.0, StrategyWeb.admin.1)
            let start = try await StrategyWeb.revision(client)
            let nodes = try await StrategyWeb.fetch(client, StrategyWeb.nodesCSV).2
            let answers = await withTaskGroup(of: (Int, HTTPResponse.Status, Int?, String?).self) { group in
                for index in 0..<40 {
                    let file = nodes.replacingOccurrences(of: Self.ledUK, with: "LED lighting round \(index)")
                    group.addTask {
                        guard let (status, body) = try? await StrategyWeb.postCSV(client, StrategyWeb.nodesCSV, file, token: admin) else {
                            return (index, .internalServerError, nil, nil)
                        }
                        return (index, status, body["revision"] as? Int, errorCode(body))
                    }
                }
                var all: [(Int, HTTPResponse.Status, Int?, String?)] = []
                for await answer in group { all.append(answer) }
                return all
            }
            let applied = answers.filter { $0.1 == .ok }
            #expect(!applied.isEmpty)
            for answer in answers where answer.1 != .ok {
                #expect(answer.1 == .conflict && answer.3 == "strategy_changed_meanwhile", "\(answer)")
            }
            let revisions = applied.compactMap(\.2)
            #expect(Set(revisions).count == applied.count, "one change per revision")
            let final = try await StrategyWeb.revision(client)
            #expect(final == start + applied.count)
            let last = try #require(applied.max { ($0.2 ?? 0) < ($1.2 ?? 0) })
            let (_, json) = try await client.json(.get, StrategyWeb.api)
            #expect((StrategyWeb.node(json, "2.4.3")?["title"] as? [String: Any])?["en"] as? String == "LED lighting round \(last.0)")
            // The stored tree is whole: the export is exactly that request's file.
            let exported = try await StrategyWeb.fetch(client, StrategyWeb.nodesCSV).2
            #expect(exported == nodes.replacingOccurrences(of: Self.ledUK, with: "LED lighting round \(last.0)"))
        }
    }

    // MARK: 7. The desk's forms

    @Test(arguments: TestDatabase.available)
    func staffCreateADocumentEditANodeRecordAnActualAndKeepATimelineWithAPhotoByTheDesksForms(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            var staff = Browser(client)
            try await staff.signIn(StrategyWeb.admin.0, StrategyWeb.admin.1)
            var stranger = Browser(client)
            #expect(try await stranger.get("/vinnytsia/admin/strategy").status == .unauthorized)

            // A new document by the desk's form.
            let desk = try await staff.get("/vinnytsia/admin/strategy")
            #expect(desk.status == .ok)
            var fields = StrategyWeb.form(desk.body, action: "/vinnytsia/admin/strategy")
            fields = StrategyWeb.replacing(fields, [
                "externalId": "tourism-2030", "kind": "tourism_strategy", "title.uk": "Стратегія туризму", "title.en": "Tourism strategy",
                "firstYear": "2026", "lastYear": "2030", "status": "draft",
            ])
            for name in ["externalId", "title.uk", "firstYear", "lastYear"] where !fields.contains(where: { $0.0 == name }) { Issue.record("no \(name) on the form") }
            let withoutToken = try await staff.post("/vinnytsia/admin/strategy", fields, csrf: false)
            #expect(withoutToken.status == .forbidden || withoutToken.status == .badRequest, "\(withoutToken.status)")
            let created = try await staff.post("/vinnytsia/admin/strategy", fields)
            #expect(created.status == .seeOther, "\(created.status) \(created.body.prefix(3000))")
            let location = try #require(created.location)
            #expect(location.hasPrefix("/vinnytsia/admin/strategy/"))
            let badYears = try await staff.post("/vinnytsia/admin/strategy", StrategyWeb.replacing(fields, ["externalId": "tourism-2031", "lastYear": "2020"]))
            #expect(badYears.status == .unprocessableContent)
            let (_, list) = try await client.json(.get, "/api/v1/vinnytsia/strategies")
            #expect((list["items"] as? [[String: Any]])?.contains { $0["externalId"] as? String == "tourism-2030" } == true)

            // A node by its form: status, reported progress, weight and a link.
            let nodeDesk = "/vinnytsia/admin/strategy/\(StrategyWeb.document)/nodes/2.4.2"
            let form = try await staff.get(nodeDesk)
            #expect(form.status == .ok)
            let boxes = StrategyWeb.matches("<input type=\"checkbox\" name=\"links\" value=\"([^\"]*)\"( checked)?>", in: form.body)
            let unticked = try #require(boxes.first { $0[1].isEmpty && $0[0].hasPrefix("budget_project:") }?[0], "a budget project to tick")
            var nodeFields = StrategyWeb.replacing(StrategyWeb.form(form.body, action: nodeDesk), ["status": "suspended", "reportedProgress": "40", "weight": "2.5"])
            nodeFields.append(("links", StrategyWeb.unescape(unticked)))
            let revisionBefore = try await StrategyWeb.revision(client)
            let saved = try await staff.post(nodeDesk, nodeFields)
            #expect(saved.status == .seeOther, "\(saved.status) \(saved.body.prefix(2000))")
            let (_, json) = try await client.json(.get, StrategyWeb.api)
            let node = try #require(StrategyWeb.node(json, "2.4.2"))
            #expect(node["status"] as? String == "suspended" && node["reportedProgress"] as? Int == 40 && (node["weight"] as? NSNumber)?.doubleValue == 2.5)
            #expect((node["links"] as? [[String: Any]])?.contains { "\($0["kind"] as? String ?? ""):\($0["id"] as? String ?? "")" == StrategyWeb.unescape(unticked) } == true)
            #expect((node["links"] as? [Any])?.count == 2)
            #expect(json["revision"] as? Int == revisionBefore + 1)
            // The same form again, from the revision it was read at: a 409 shown on the form, nothing changed.
            let stale = try await staff.post(nodeDesk, StrategyWeb.replacing(nodeFields, ["reportedProgress": "90"]))
            #expect(stale.status == .conflict)
            #expect(stale.body.contains("role=\"alert\""))
            let afterStale = try await client.json(.get, StrategyWeb.api).1
            #expect(StrategyWeb.node(afterStale, "2.4.2")?["reportedProgress"] as? Int == 40)
            let badWeight = try await staff.post(nodeDesk, StrategyWeb.replacing(StrategyWeb.form(try await staff.get(nodeDesk).body, action: nodeDesk), ["weight": "-1"]))
            #expect(badWeight.status == .unprocessableContent)

            // A year's actual for an indicator.
            let page = try await staff.get(nodeDesk)
            let action = "/vinnytsia/admin/strategy/\(StrategyWeb.document)/indicators/I20/values"
            #expect(page.body.contains(action))
            let valueFields = StrategyWeb.replacing(StrategyWeb.form(page.body, action: action), ["year": "2025", "actual": "77", "source": "Департамент"])
            let recorded = try await staff.post(action, valueFields)
            #expect(recorded.status == .seeOther, "\(recorded.status)")
            let (_, withActual) = try await client.json(.get, StrategyWeb.api)
            let indicator = (withActual["indicators"] as? [[String: Any]])?.first { $0["id"] as? String == "I20" }
            #expect((indicator?["actuals"] as? [[String: Any]])?.contains { $0["year"] as? Int == 2025 && ($0["value"] as? NSNumber)?.doubleValue == 77 } == true)
            #expect((indicator?["actuals"] as? [[String: Any]])?.map { $0["year"] as? Int ?? 0 } == ((indicator?["actuals"] as? [[String: Any]])?.map { $0["year"] as? Int ?? 0 } ?? []).sorted())

            // A timeline entry with a photo: on the public page, its photo served.
            let entryPage = try await staff.get(nodeDesk)
            let entryAction = nodeDesk + "/entries"
            let entryFields = StrategyWeb.replacing(StrategyWeb.form(entryPage.body, action: entryAction), [
                "day": "2026-06-01", "text.uk": "Облаштовано ще 5 перехресть", "text.en": "Five more crossings made accessible", "caption": "Перехрестя",
            ])
            let jpeg = SampleImages.jpeg(width: 64, height: 48, orientation: 1)
            let added = try await staff.upload(entryAction, entryFields, file: ("photo", "crossing.jpg", "image/jpeg", jpeg))
            #expect(added.status == .seeOther, "\(added.status) \(added.body.prefix(2000))")
            var reader = Browser(client)
            let publicNode = try await reader.get("/vinnytsia/strategy/\(StrategyWeb.document)/nodes/2.4.2")
            #expect(publicNode.body.contains("Облаштовано ще 5 перехресть"))
            let photo = try #require(StrategyWeb.matches("(/vinnytsia/strategy/\(StrategyWeb.document)/photos/[^\"]+)\"", in: publicNode.body).first?[0])
            let served = try await client.execute(uri: photo, method: .get)
            #expect(served.status == .ok && (served.headers[.contentType] ?? "").hasPrefix("image/"))
            #expect(served.body.readableBytes > 0)
            // Removed: gone from the page, its photo too.
            let withEntry = try await staff.get(nodeDesk)
            let remove = try #require(StrategyWeb.matches("action=\"(/vinnytsia/admin/strategy/\(StrategyWeb.document)/entries/[^\"]+/remove)\"", in: withEntry.body)
                .map { $0[0] }.first)
            #expect(try await staff.post(remove, []).status == .seeOther)
            #expect(!(try await reader.get("/vinnytsia/strategy/\(StrategyWeb.document)/nodes/2.4.2").body.contains("Облаштовано ще 5 перехресть")))
            #expect(try await client.execute(uri: photo, method: .get).status == .notFound)
            // Residents see none of the desk.
            var resident = Browser(client)
            try await resident.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await resident.get(nodeDesk).status == .notFound)
        }
    }

    // MARK: 8. The results report

    @Test(arguments: TestDatabase.available)
    func theResultsReportShowsTheStrategyAndModulesAndTheAdminPublishesItsIntroduction(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var visitor = Browser(client)
            let report = try await visitor.get("/vinnytsia/results?year=2026")
            #expect(report.status == .ok)
            #expect(report.body.contains("id=\"r-strategy\""))
            #expect(report.body.contains("/vinnytsia/strategy/\(StrategyWeb.document)"))
            #expect(StrategyWeb.matches("<section class=\"report-section\">", in: report.body).count >= 1, "the modules' sections")
            let oblast = try await visitor.get("/oblast/vinnytska/results?year=2026")
            #expect(oblast.status == .ok && oblast.body.contains("/vinnytsia/results") && oblast.body.contains("/zhmerynka/results"))

            #expect(try await visitor.get("/vinnytsia/admin/results").status == .unauthorized)
            var resident = Browser(client)
            try await resident.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await resident.get("/vinnytsia/admin/results").status == .notFound)

            var admin = Browser(client)
            try await admin.signIn(StrategyWeb.admin.0, StrategyWeb.admin.1)
            #expect(try await admin.get("/vinnytsia/admin/results?year=2026").status == .ok)
            let published = try await admin.post("/vinnytsia/admin/results?year=2026", [("introduction.uk", "Рік змін у громаді"), ("introduction.en", "A year of change")])
            #expect(published.status == .seeOther && published.location == "/vinnytsia/results?year=2026")
            #expect(try await visitor.get("/vinnytsia/results?year=2026").body.contains("Рік змін у громаді"))
            #expect(try await admin.post("/vinnytsia/admin/results?year=2026", [("introduction.uk", " ")]).status == .unprocessableContent)
            // A city's grant gives nothing in the oblast.
            #expect(try await admin.get("/oblast/vinnytska/admin/results").status == .notFound)
            #expect(try await admin.post("/oblast/vinnytska/admin/results?year=2026", [("introduction.uk", "Ні")]).status == .notFound)
            #expect(try await visitor.get("/oblast/vinnytska/admin/results").status == .unauthorized)

            // The oblast's publisher publishes its commentary.
            _ = try await harness.makeAccount("oblast.publisher@example.com")
            let region = try #require(try await harness.services.store.read { try await $0.municipalities.oblast(slug: "vinnytska") })
            let publisher = try #require(try await harness.account("oblast.publisher@example.com"))
            _ = try await harness.services.store.write {
                try await $0.oblastRoles.grant(.capability(.publishOblastReport), to: publisher.id, in: region.id, by: nil, at: Date())
            }
            var oblastStaff = Browser(client)
            try await oblastStaff.signIn("oblast.publisher@example.com")
            #expect(try await oblastStaff.get("/oblast/vinnytska/admin/results?year=2026").status == .ok)
            let oblastPublished = try await oblastStaff.post("/oblast/vinnytska/admin/results?year=2026", [("introduction.uk", "Область у цифрах"), ("introduction.en", "The oblast in figures")])
            #expect(oblastPublished.status == .seeOther)
            #expect(try await visitor.get("/oblast/vinnytska/results?year=2026").body.contains("Область у цифрах"))
            #expect(try await oblastStaff.get("/vinnytsia/admin/results").status == .notFound, "an oblast grant gives nothing in a city")
        }
    }
}
