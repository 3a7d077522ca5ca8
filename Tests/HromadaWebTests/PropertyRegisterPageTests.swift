import Foundation
import HTTPTypes
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

/// The property register's pages: the public list and object page, and the
/// organiser's forms for objects, lots, documents and photos.
@Suite struct PropertyRegisterPageTests {
    static let admin = ("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
    static let pdf = Array("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".utf8)

    func signedInAdmin(_ client: any TestClientProtocol) async throws -> Browser {
        var admin = Browser(client)
        try await admin.signIn(Self.admin.0, Self.admin.1)
        return admin
    }

    func objects(_ harness: WebHarness, _ slug: String = "vinnytsia") async throws -> [PropertyObject] {
        let city = try await harness.city(slug).id
        return try await harness.services.store.read { try await $0.auctions.objects(in: city) }
    }

    func demoObject(_ harness: WebHarness, titled prefix: String) async throws -> PropertyObject {
        try #require(try await objects(harness).first { $0.title.hasPrefix(prefix) })
    }

    @Test(arguments: TestDatabase.available) func theRegisterListsTheCitysObjectsWithWhereTheyStandAndFiltersThem(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var visitor = Browser(client)
            let all = try await visitor.get("/vinnytsia/property")
            #expect(all.status == .ok)
            #expect(all.body.contains("Кіоск біля ринку «Урожай»") && all.body.contains("Будівля колишньої котельні"))
            #expect(all.body.contains("На аукціоні") && all.body.contains("В оренді") && all.body.contains("Вільний"))
            #expect(all.body.contains("КП «Вінницька міська нерухомість»") && all.body.contains("1,2 га"))
            let land = try await visitor.get("/vinnytsia/property?kind=land_plot")
            #expect(land.body.contains("Земельна ділянка під склад") && !land.body.contains("Кіоск біля ринку"))
            let firstList = try await visitor.get("/vinnytsia/property?list=first")
            #expect(firstList.body.contains("Кіоск біля ринку") && !firstList.body.contains("Будівля колишньої котельні"))
            // Another city's register holds none of Vinnytsia's objects.
            #expect(!(try await visitor.get("/zhmerynka/property").body.contains("Кіоск біля ринку")))
            // The auctions list leads to the register; a visitor sees no organiser's link.
            #expect(try await visitor.get("/vinnytsia/auctions").body.contains("href=\"/vinnytsia/property\""))
            #expect(!all.body.contains("/vinnytsia/admin/property/new"))
            var admin = try await signedInAdmin(client)
            #expect(try await admin.get("/vinnytsia/property").body.contains("/vinnytsia/admin/property/new"))
        }
    }

    @Test(arguments: TestDatabase.available) func anObjectsHistoryShowsACompletedLotWithItsWinnerAndPrice(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let setup = AuctionServiceTests()
            let (city, lot) = try await setup.announce(harness)
            let auctions = harness.services.auctions
            let organiser = try await harness.principal(Self.admin.0)
            let ivan = try await setup.resident(harness, "ivan", in: city), petro = try await setup.resident(harness, "petro", in: city)
            _ = try await auctions.submitBid(lot.id, amount: Money(hryvnias: 12_000), legalEntityCode: nil, city: city, by: ivan)
            _ = try await auctions.submitBid(lot.id, amount: Money(hryvnias: 11_000), legalEntityCode: nil, city: city, by: petro)
            for bidder in try await harness.services.store.read({ try await $0.auctions.bidders(of: lot.id) }) {
                try await auctions.recordPayments(lot.id, bidder: bidder.id, guarantee: "ПН-1", fee: "РВ-1", city: city, by: organiser)
            }
            let path = "/vinnytsia/property/\(lot.objectID.rawValue)"
            var visitor = Browser(client)
            let announced = try await visitor.get(path)
            #expect(announced.status == .ok && announced.body.contains("Оренда приміщення на Соборній, 64") && announced.body.contains("На аукціоні"))
            // The lot's page leads to its object.
            #expect(try await visitor.get("/vinnytsia/auctions/\(lot.id.rawValue)").body.contains("href=\"\(path)\""))

            harness.clock.set(lot.auctionStart.addingTimeInterval(1_000))
            _ = try await auctions.advance()
            let winner = try #require(try await auctions.lot(lot.id, in: city.id).lot.awards?.pending?.bidder)
            _ = try await auctions.decide(lot.id, .qualify(winner), city: city, by: organiser)
            // Until the contract is signed the winner may still change: no name, no price.
            let qualified = try await visitor.get(path)
            #expect(!qualified.body.contains("Тест Тестович") && !qualified.body.contains("12\u{00A0}000"))
            _ = try await auctions.decide(lot.id, .contractSigned, city: city, by: organiser)
            let signed = try await visitor.get(path)
            #expect(signed.body.contains("Переможець") && signed.body.contains("Тест Тестович") && signed.body.contains("12\u{00A0}000,00"))
            #expect(signed.body.contains("Завершено") && signed.body.contains("В оренді"))
            // Another city's page of the same object is a 404.
            #expect(try await visitor.get("/zhmerynka/property/\(lot.objectID.rawValue)").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available) func onlyTheCitysOrganiserMayRecordAnnounceOrUpload(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let kiosk = try await demoObject(harness, titled: "Кіоск біля ринку")
            let admin = "/vinnytsia/admin/property"
            let pages = ["\(admin)/new", "\(admin)/\(kiosk.id.rawValue)/lots/new", "\(admin)/\(kiosk.id.rawValue)/files"]
            let before = try await objects(harness).count
            var stranger = Browser(client)
            for page in pages { #expect(try await stranger.get(page).status == .unauthorized, "\(page)") }
            let moderator = try await Browser.vinnytsiaModerator(client)
            var zhmerynka = Browser(client)
            try await zhmerynka.signIn("zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            for original in [moderator, zhmerynka] {
                var browser = original
                for page in pages { #expect(try await browser.get(page).status == .notFound, "\(page)") }
                let posted = try await browser.post("\(admin)/new", [
                    ("kind", "premises"), ("title", "Чуже приміщення"), ("address", "вул. Соборна, 1"), ("balanceHolder", "КП"),
                ])
                #expect(posted.status == .notFound)
                let uploaded = try await browser.upload(
                    "\(admin)/\(kiosk.id.rawValue)/documents", [("title", "Чужий документ")], file: ("document", "a.pdf", "application/pdf", Self.pdf))
                #expect(uploaded.status == .notFound)
            }
            // Zhmerynka's admin has their own register, where Vinnytsia's objects are unknown.
            #expect(try await zhmerynka.get("/zhmerynka/admin/property/new").status == .ok)
            #expect(try await zhmerynka.get("/zhmerynka/admin/property/\(kiosk.id.rawValue)/lots/new").status == .notFound)
            #expect(try await objects(harness).count == before)
            #expect(try await harness.services.store.read { try await $0.attachments.count(of: .property(kiosk.id), in: kiosk.municipalityID) } == 0)
        }
    }

    @Test(arguments: TestDatabase.available) func aRefusedObjectChangesNothingAndKeepsWhatWasTyped(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var admin = try await signedInAdmin(client)
            let path = "/vinnytsia/admin/property/new"
            #expect(try await admin.get(path).status == .ok)
            let before = try await objects(harness).count
            let land: [(String, String)] = [
                ("kind", "land_plot"), ("title", "Ділянка біля об'їзної"), ("address", "вул. Хмельницьке шосе, 140"), ("area", "25000"),
                ("cadastralNumber", ""), ("latitude", "49,21"), ("longitude", "28,40"), ("balanceHolder", "Вінницька міська рада"), ("leaseList", ""),
            ]
            let noCadastral = try await admin.post(path, land)
            #expect(noCadastral.status == .unprocessableContent)
            #expect(!noCadastral.body.contains("role=\"alert\"") && noCadastral.body.contains("id=\"cadastralNumber-error\""))
            #expect(noCadastral.body.contains("value=\"Ділянка біля об&#39;їзної\""))
            #expect(noCadastral.body.contains("value=\"вул. Хмельницьке шосе, 140\"") && noCadastral.body.contains("value=\"49,21\""))
            #expect(noCadastral.body.contains("<option value=\"land_plot\" selected>"))
            var badArea = land.filter { $0.0 != "area" && $0.0 != "cadastralNumber" }
            badArea += [("area", "багато"), ("cadastralNumber", "0510100000:02:045:0999")]
            let refused = try await admin.post(path, badArea)
            #expect(refused.status == .unprocessableContent && refused.body.contains("id=\"area-error\"") && refused.body.contains("value=\"багато\""))
            // A latitude without its longitude: the place's error stands by the place, as on every form with one.
            let oneCoordinate = try await admin.post(path, badArea.filter { $0.0 != "area" && $0.0 != "longitude" } + [("area", "25000")])
            #expect(oneCoordinate.status == .unprocessableContent && oneCoordinate.body.contains("id=\"latitude-error\""))
            #expect(try await objects(harness).count == before)

            let saved = try await admin.post(path, badArea.filter { $0.0 != "area" } + [("area", "25 000")])
            #expect(saved.status == .seeOther)
            let created = try #require(try await objects(harness).first { $0.title == "Ділянка біля об'їзної" })
            #expect(created.kind == .landPlot && created.areaM2 == 25_000 && created.latitude == 49.21 && created.cadastralNumber == "0510100000:02:045:0999")
            #expect(saved.location == "/vinnytsia/property/\(created.id.rawValue)?done=1")
            let page = try await admin.get("/vinnytsia/property/\(created.id.rawValue)")
            #expect(page.body.contains("2,5 га") && page.body.contains("openstreetmap.org/?mlat=49.210000&amp;mlon=28.400000"))
            #expect(page.body.contains("Вільний") && page.body.contains("/lots/new"))
        }
    }

    @Test(arguments: TestDatabase.available) func aRefusedLotChangesNothingAndKeepsWhatWasTyped(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let object = try await demoObject(harness, titled: "Приміщення в підвалі")
            let city = try await harness.city("vinnytsia")
            var admin = try await signedInAdmin(client)
            let path = "/vinnytsia/admin/property/\(object.id.rawValue)/lots/new"
            let form = try await admin.get(path)
            #expect(form.status == .ok && form.body.contains("value=\"\(object.title)\""))
            let lots = { try await harness.services.store.read { try await $0.auctions.lots(of: object.id, in: city.id) }.count }
            let before = try await lots()
            let tenderEnd = DateText.kyivInput(harness.clock.now().addingTimeInterval(14 * 86_400))
            let auctionStart = DateText.kyivInput(harness.clock.now().addingTimeInterval(15 * 86_400))
            let lot: [(String, String)] = [
                ("title", "Оренда приміщення в підвалі, повторно"), ("procedure", "lease_preemptive"), ("value", "6 200,50"), ("stepKind", "percent"),
                ("minimalStep", "1"), ("guarantee", "620"), ("registrationFee", "800"), ("tenderPeriod", tenderEnd),
            ]
            let english = lot.filter { $0.0 != "procedure" } + [("procedure", "lease_english"), ("tenantEmail", "")]
            // The auction before bidding closes.
            let early = try await admin.post(path, english + [("auctionPeriod", DateText.kyivInput(harness.clock.now().addingTimeInterval(86_400)))])
            #expect(early.status == .unprocessableContent && early.body.contains("id=\"auctionPeriod-error\""))
            #expect(early.body.contains("value=\"6 200,50\"") && early.body.contains("<option value=\"lease_english\" selected>"))
            // The pre-emptive right needs the tenant, and one with an account.
            let noTenant = try await admin.post(path, lot + [("auctionPeriod", auctionStart), ("tenantEmail", "")])
            #expect(noTenant.status == .unprocessableContent && noTenant.body.contains("id=\"tenantEmail-error\""))
            #expect(noTenant.body.contains("<option value=\"lease_preemptive\" selected>"))
            let unknown = try await admin.post(path, lot + [("auctionPeriod", auctionStart), ("tenantEmail", "nobody@example.com")])
            #expect(unknown.status == .unprocessableContent && unknown.body.contains("value=\"nobody@example.com\""))
            let badStep = try await admin.post(path, english.filter { $0.0 != "minimalStep" } + [("minimalStep", "25"), ("auctionPeriod", auctionStart)])
            #expect(badStep.status == .unprocessableContent && badStep.body.contains("id=\"minimalStep-error\"") && badStep.body.contains("value=\"25\""))
            #expect(try await lots() == before)

            let tenant = try await harness.makeAccount("tenant@example.com")
            let announced = try await admin.post(path, lot + [("auctionPeriod", auctionStart), ("tenantEmail", "Tenant@Example.com")])
            #expect(announced.status == .seeOther)
            let stored = try #require(try await harness.services.store.read { try await $0.auctions.lots(of: object.id, in: city.id) }.last?.lot)
            #expect(try await lots() == before + 1)
            #expect(stored.procedure == .leasePreemptive && stored.tenantAccountID == tenant.id && stored.value == Money(kopiyky: 620_050))
            #expect(stored.minimalStep == .percent(basisPoints: 100) && stored.guarantee == Money(hryvnias: 620))
            #expect(DateText.kyivInput(stored.tenderPeriodEnd) == tenderEnd && DateText.kyivInput(stored.auctionStart) == auctionStart)
            #expect(announced.location == "/vinnytsia/auctions/\(stored.id.rawValue)?done=1")
        }
    }

    @Test(arguments: TestDatabase.available) func aPDFIsAcceptedAndServedAsADownloadWhileOtherFilesAreRefused(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let object = try await demoObject(harness, titled: "Кіоск біля ринку")
            var admin = try await signedInAdmin(client)
            let files = "/vinnytsia/admin/property/\(object.id.rawValue)/files"
            #expect(try await admin.get(files).status == .ok)
            let upload = "/vinnytsia/admin/property/\(object.id.rawValue)/documents"
            let count = { try await harness.services.store.read { try await $0.attachments.count(of: .property(object.id), in: object.municipalityID) } }

            // A PNG named `.pdf` and sent as a PDF is still a PNG.
            let png = try await admin.upload(upload, [("title", "Технічний паспорт")], file: ("document", "passport.pdf", "application/pdf", SampleImages.png()))
            #expect(png.status == .unprocessableContent && png.body.contains("Це не файл PDF") && png.body.contains("value=\"Технічний паспорт\""))
            let oversized = Array("%PDF-".utf8) + [UInt8](repeating: 0x20, count: AttachmentRules.maximumBytes)
            let large = try await admin.upload(upload, [("title", "Звіт про оцінку")], file: ("document", "report.pdf", "application/pdf", oversized))
            #expect(large.status == .unprocessableContent && large.body.contains("Файл завеликий"))
            let huge = [UInt8](repeating: 0x25, count: AttachmentRules.maximumBytes + 256 * 1024)
            #expect(try await admin.upload(upload, [("title", "Звіт")], file: ("document", "report.pdf", "application/pdf", huge)).status == .contentTooLarge)
            let untitled = try await admin.upload(upload, [("title", " ")], file: ("document", "passport.pdf", "application/pdf", Self.pdf))
            #expect(untitled.status == .unprocessableContent && untitled.body.contains("id=\"doc-title-error\""))
            #expect(try await count() == 0)

            let accepted = try await admin.upload(upload, [("title", "Технічний паспорт")], file: ("document", "passport.pdf", "application/pdf", Self.pdf))
            #expect(accepted.status == .seeOther && accepted.location == files + "?done=1")
            #expect(try await count() == 1)
            var visitor = Browser(client)
            let page = try await visitor.get("/vinnytsia/property/\(object.id.rawValue)")
            let document = try #require(try await harness.services.store.read {
                try await $0.attachments.attachments(of: .property(object.id), in: object.municipalityID)
            }.first)
            let url = "/vinnytsia/property/\(object.id.rawValue)/documents/\(document.id.rawValue)"
            #expect(page.body.contains("Технічний паспорт") && page.body.contains(url))
            let download = try await client.execute(uri: url, method: .get)
            #expect(download.status == .ok && Array(buffer: download.body) == Self.pdf)
            #expect(download.headers[.contentType] == "application/pdf")
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(download.headers[try #require(HTTPField.Name("X-Content-Type-Options"))] == "nosniff")
            // Only under its own city and object.
            #expect(try await visitor.get("/zhmerynka/property/\(object.id.rawValue)/documents/\(document.id.rawValue)").status == .notFound)
            let other = try await demoObject(harness, titled: "Приміщення в підвалі")
            #expect(try await visitor.get("/vinnytsia/property/\(other.id.rawValue)/documents/\(document.id.rawValue)").status == .notFound)

            // Photos go through the same sanitiser as a budget project's: the camera's metadata is gone.
            let photo = try await admin.upload(
                "/vinnytsia/admin/property/\(object.id.rawValue)/photos", [("caption", "Вигляд з вулиці")],
                file: ("photo", "kiosk.jpg", "image/jpeg", SampleImages.jpeg()))
            #expect(photo.status == .seeOther)
            let stored = try #require(try await harness.services.store.read { try await $0.photos.photos(of: .property(object.id), in: object.municipalityID) }.first)
            let served = try await client.execute(uri: "/vinnytsia/property/\(object.id.rawValue)/photos/\(stored.id.rawValue)", method: .get)
            #expect(served.status == .ok && served.headers[.contentType] == "image/jpeg")
            #expect(!SampleImages.contains(Array(buffer: served.body), "Olena"))
            #expect(try await visitor.get("/vinnytsia/property/\(object.id.rawValue)").body.contains("Вигляд з вулиці"))
            let notAPhoto = try await admin.upload(
                "/vinnytsia/admin/property/\(object.id.rawValue)/photos", [("caption", "Не фото")], file: ("photo", "kiosk.jpg", "image/jpeg", Self.pdf))
            #expect(notAPhoto.status == .unprocessableContent && notAPhoto.body.contains("value=\"Не фото\""))
        }
    }
}
