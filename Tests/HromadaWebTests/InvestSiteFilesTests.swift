import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird
import HummingbirdTesting
import HromadaTestSupport
import Testing
@testable import HromadaWeb
@testable import Invest
import HromadaModules

/// A site's photos and PDFs, as a clerk adds them and an investor reads
/// them: checked by their bytes, refused with a reason beside the input
/// and nothing stored, served only under their own site and only while the
/// site is shown, removable, and every change audited.
@Suite struct InvestSiteFilesTests {
    static let pdf = Array("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".utf8)

    static func sites(_ harness: WebHarness, _ slug: String, _ status: SiteStatus) async throws -> [InvestRepository.StoredSite] {
        let city = try await harness.city(slug)
        return try await harness.services.store.read {
            try await $0.invest.sites(in: [city.id], matching: SiteSearch(), everyStatus: true, limit: 100)
        }.filter { $0.site.status == status }
    }

    @Test(arguments: TestDatabase.available)
    func aClerkAddsAPhotoAndAPDFThatInvestorsSeeAndDownload(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let open = try await Self.sites(harness, "vinnytsia", .available)
            let site = try #require(open.first), other = try #require(open.last)
            let city = try await harness.city("vinnytsia")
            let admin = "/vinnytsia/admin/invest/sites/\(site.id.rawValue)", page = "/vinnytsia/invest/sites/\(site.id.rawValue)"
            let files = { try await harness.services.invest.files(of: site.id, in: city.id) }
            // The demo gave every site on offer its passport as a PDF.
            let demo = try await files().documents
            #expect(demo.map(\.title) == ["Паспорт ділянки / Site passport"])

            // Only the city's own staff: a resident and another city's admin are turned away, nothing is stored.
            var resident = Browser(client)
            try await resident.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await resident.get(admin + "/files").status == .notFound)
            #expect(try await resident.upload(admin + "/documents", [("title", "Чуже")], file: ("document", "a.pdf", "application/pdf", Self.pdf)).status == .notFound)
            var zhmerynka = Browser(client)
            try await zhmerynka.signIn("zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            #expect(try await zhmerynka.upload("/zhmerynka/admin/invest/sites/\(site.id.rawValue)/documents", [("title", "Чуже")],
                                               file: ("document", "a.pdf", "application/pdf", Self.pdf)).status == .notFound)

            var clerk = Browser(client)
            try await clerk.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            #expect(try await clerk.get(admin + "/files").status == .ok)
            // A PNG named `.pdf` is still a PNG: refused beside the file input, the title kept.
            let png = try await clerk.upload(admin + "/documents", [("title", "Витяг з ДЗК")], file: ("document", "extract.pdf", "application/pdf", SampleImages.png()))
            #expect(png.status == .unprocessableContent && png.body.contains("Це не файл PDF") && png.body.contains("value=\"Витяг з ДЗК\""))
            #expect(try await files().documents == demo)

            let added = try await clerk.upload(admin + "/documents", [("title", "Витяг з ДЗК")], file: ("document", "extract.pdf", "application/pdf", Self.pdf))
            #expect(added.status == .seeOther && added.location == admin + "/files?done=1")
            let photo = try await clerk.upload(admin + "/photos", [("caption", "В'їзд на ділянку")], file: ("photo", "site.jpg", "image/jpeg", SampleImages.jpeg()))
            #expect(photo.status == .seeOther)
            let (photos, documents) = try await files()
            let document = try #require(documents.last), picture = try #require(photos.first)
            #expect(document.title == "Витяг з ДЗК" && picture.caption == "В'їзд на ділянку")

            var investor = Browser(client)
            let shown = try await investor.get(page)
            #expect(shown.body.contains("\(page)/documents/\(document.id.rawValue)") && shown.body.contains("\(page)/photos/\(picture.id.rawValue)"))
            #expect(!shown.body.contains(admin + "/files"), "no staff links for an investor")
            let download = try await client.execute(uri: "\(page)/documents/\(document.id.rawValue)", method: .get)
            #expect(download.status == .ok && Array(buffer: download.body) == Self.pdf && download.headers[.contentType] == "application/pdf")
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            let image = try await client.execute(uri: "\(page)/photos/\(picture.id.rawValue)", method: .get)
            #expect(image.status == .ok && image.headers[.contentType] == "image/jpeg" && !SampleImages.contains(Array(buffer: image.body), "Olena"))
            // The site's JSON lists them; a list's items leave them out.
            let (_, body) = try await client.json(.get, "/api/v1/vinnytsia/invest/sites/\(site.id.rawValue)")
            let listed = try #require(body["files"] as? [String: Any])
            #expect((listed["documents"] as? [[String: Any]])?.last?["url"] as? String == "\(page)/documents/\(document.id.rawValue)")
            #expect((listed["photos"] as? [[String: Any]])?.first?["sha256"] as? String == picture.sha256)
            let (_, list) = try await client.json(.get, "/api/v1/vinnytsia/invest/sites")
            #expect((list["items"] as? [[String: Any]])?.allSatisfy { $0["files"] == nil } == true)
            // Only under their own site and city.
            #expect(try await investor.get("/vinnytsia/invest/sites/\(other.id.rawValue)/documents/\(document.id.rawValue)").status == .notFound)
            #expect(try await investor.get("/vinnytsia/invest/sites/\(other.id.rawValue)/photos/\(picture.id.rawValue)").status == .notFound)
            #expect(try await investor.get("/zhmerynka/invest/sites/\(site.id.rawValue)/documents/\(document.id.rawValue)").status == .notFound)

            // Removing is the clerk's, by a form with its CSRF token, and audited.
            #expect(try await investor.post(admin + "/documents/\(document.id.rawValue)/remove", []).status != .seeOther)
            #expect(try await clerk.post(admin + "/documents/\(document.id.rawValue)/remove", []).status == .seeOther)
            #expect(try await files().documents == demo)
            #expect(try await client.execute(uri: "\(page)/documents/\(document.id.rawValue)", method: .get).status == .notFound)
            let audit = try await harness.services.store.read { try await $0.audit.recentEntries(in: city.id, limit: 10) }
            #expect(audit.contains { $0.action == AuditAction.attachmentAdded && $0.subject == document.id.rawValue })
            #expect(audit.contains { $0.action == AuditAction.attachmentRemoved && $0.subject == document.id.rawValue })
            #expect(audit.contains { $0.action == AuditAction.photoAdded && $0.subject == picture.id.rawValue })
        }
    }

    @Test func theFilesOfASiteNoLongerOfferedAreNotShownToInvestors() async throws {
        try await WebHarness.run { harness, client in
            let sold = try #require(try await Self.sites(harness, "zhmerynka", .sold).first)
            let city = try await harness.city("zhmerynka")
            let principal = try await harness.principal("zhmerynka.admin@demo.hromada.ua")
            let document = try await harness.services.invest.addDocument(
                UploadedFile(filename: "plan.pdf", declaredType: "application/pdf", bytes: Self.pdf), title: "Детальний план", to: sold.id, city: city,
                principal: principal)
            let url = "/zhmerynka/invest/sites/\(sold.id.rawValue)/documents/\(document.id.rawValue)"
            #expect(try await client.execute(uri: url, method: .get).status == .notFound)
            var clerk = Browser(client)
            try await clerk.signIn("zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            #expect(try await clerk.get(url).status == .ok)
        }
    }

    /// RFC 6266 and 8187: old clients get an ASCII name, others the title in UTF-8; a Cyrillic title is not all underscores.
    @Test func aDownloadIsNamedByItsTitleInBothForms() {
        #expect(Attachments.disposition("Технічний паспорт") == "attachment; filename=\"document.pdf\"; filename*=UTF-8''"
            + "%D0%A2%D0%B5%D1%85%D0%BD%D1%96%D1%87%D0%BD%D0%B8%D0%B9%20%D0%BF%D0%B0%D1%81%D0%BF%D0%BE%D1%80%D1%82.pdf")
        #expect(Attachments.disposition("Plan \"A\"; v2").hasPrefix("attachment; filename=\"Plan__A___v2.pdf\"; filename*=UTF-8''Plan%20%22A%22%3B%20v2.pdf"))
    }

    /// "No more than 8 photos and 20 documents": counted and inserted in one
    /// write, so uploads at once never pass the limit together.
    @Test(arguments: TestDatabase.available)
    func simultaneousUploadsNeverPassTheLimits(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let site = try #require(try await Self.sites(harness, "zhmerynka", .available).first)
            let city = try await harness.city("zhmerynka")
            let principal = try await harness.principal("zhmerynka.admin@demo.hromada.ua")
            let invest = harness.services.invest, jpeg = SampleImages.jpeg(), pdf = Self.pdf
            let refused = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<30 {
                    group.addTask {
                        do {
                            _ = try await invest.addPhoto(
                                UploadedFile(filename: "p.jpg", declaredType: "image/jpeg", bytes: jpeg), caption: "Фото \(index)", to: site.id, city: city,
                                principal: principal)
                            return 0
                        } catch let error as AppError where error == .conflict(code: "photo_limit") {
                            return 1
                        }
                    }
                    group.addTask {
                        do {
                            _ = try await invest.addDocument(
                                UploadedFile(filename: "d.pdf", declaredType: "application/pdf", bytes: pdf), title: "Документ \(index)", to: site.id,
                                city: city, principal: principal)
                            return 0
                        } catch let error as AppError where error == .conflict(code: "document_limit") {
                            return 1
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            let (photos, documents) = try await invest.files(of: site.id, in: city.id)
            #expect(photos.count == PhotoRules.maximumPerOwner && documents.count == AttachmentRules.maximumPerOwner)
            // The demo's passport was there first: 30 + 30 tried, 8 + 19 taken.
            #expect(refused == 60 - PhotoRules.maximumPerOwner - (AttachmentRules.maximumPerOwner - 1))
        }
    }
}
