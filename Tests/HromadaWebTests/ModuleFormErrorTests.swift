import Foundation
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HromadaWeb
@testable import Auctions
@testable import Petitions
import HromadaModules

/// The Petitions and Auctions forms through the shared field partial: a
/// refused submit says what is wrong beside the field it is about (and not
/// again above the form), keeps what was typed, and stores nothing.
@Suite struct ModuleFormErrorTests {
    /// The opening tag of the control with this id (an input, a text area or a select).
    static func control(_ id: String, in body: String) -> String? {
        guard let found = body.range(of: "id=\"\(id)\" name=\""),
              let start = body[..<found.lowerBound].lastIndex(of: "<"),
              let end = body[found.upperBound...].firstIndex(of: ">")
        else { return nil }
        return String(body[start...end])
    }

    /// The field named `id` is marked wrong, read out with its error, and the error is not also the alert above the form.
    static func expectBeside(_ id: String, _ body: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(body.contains("<p class=\"error\" id=\"\(id)-error\">"), "no error beside \(id)", sourceLocation: sourceLocation)
        let tag = control(id, in: body) ?? ""
        #expect(tag.contains("aria-invalid=\"true\""), "\(tag)", sourceLocation: sourceLocation)
        #expect(tag.contains("aria-describedby=\"") && tag.contains("\(id)-error\""), "\(tag)", sourceLocation: sourceLocation)
        #expect(!body.contains("role=\"alert\""), "the field's error is also the alert above the form", sourceLocation: sourceLocation)
        // Only the field it is about is marked.
        #expect(body.components(separatedBy: "aria-invalid=\"true\"").count == 2, sourceLocation: sourceLocation)
    }

    @Test(arguments: TestDatabase.available) func aPetitionWithATooShortTextIsExplainedBesideTheText(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let fixture = try await PetitionFixture(harness)
            let cityID = fixture.city.id, authorID = fixture.author.id
            let filed = {
                try await harness.services.store.read {
                    try await $0.petitions.petitions(in: cityID, states: PetitionState.allCases, author: authorID, limit: 500).count
                }
            }
            let before = try await filed()
            var author = Browser(client)
            try await author.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let refused = try await author.post("/vinnytsia/petitions/new", [
                ("title", "Освітлити парк Хоткевича вночі"), ("category", "Благоустрій"), ("text", "Коротко, <але> чесно."),
            ])
            #expect(refused.status == .unprocessableContent)
            Self.expectBeside("text", refused.body)
            #expect(refused.body.contains("<p class=\"error\" id=\"text-error\">Текст петиції"))
            // What was typed is all still there, escaped.
            #expect(refused.body.contains(">Коротко, &lt;але&gt; чесно.</textarea>"))
            #expect(Self.control("title", in: refused.body)?.contains("value=\"Освітлити парк Хоткевича вночі\"") == true)
            #expect(Self.control("category", in: refused.body)?.contains("value=\"Благоустрій\"") == true)
            #expect(try await filed() == before)
        }
    }

    @Test(arguments: TestDatabase.available) func aCharterNumberOutsideItsRangeIsExplainedBesideThatNumber(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let before = try await harness.city("vinnytsia").settings.petitionSettings
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let path = "/vinnytsia/admin/petitions/settings"
            #expect(try await admin.get(path).status == .ok)
            // The domain names it `supportersBeforeModeration`; the form's field is `supporters`.
            let refused = try await admin.post(path, [
                ("signers", before.signers.rawValue), ("supporters", "500"), ("moderationDays", "3"), ("considerationDays", "10"),
                ("trending", "40"), ("holidays", "2027-01-07 Різдво"), ("workedDays", ""), ("addYear", ""),
            ])
            #expect(refused.status == .unprocessableContent)
            Self.expectBeside("supporters", refused.body)
            #expect(Self.control("supporters", in: refused.body)?.contains("value=\"500\"") == true)
            #expect(refused.body.contains(">2027-01-07 Різдво</textarea>"))
            #expect(try await harness.city("vinnytsia").settings.petitionSettings == before)
        }
    }

    @Test(arguments: TestDatabase.available) func aPropertyWithAnUnreadableAreaIsExplainedBesideTheArea(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let city = try await harness.city("vinnytsia").id
            let objects = { try await harness.services.store.read { try await $0.auctions.objects(in: city) }.count }
            let before = try await objects()
            var admin = Browser(client)
            try await admin.signIn(PropertyRegisterPageTests.admin.0, PropertyRegisterPageTests.admin.1)
            let refused = try await admin.post("/vinnytsia/admin/property/new", [
                ("kind", "premises"), ("title", "Приміщення на Пирогова, 12"), ("address", "вул. Пирогова, 12"), ("area", "багато"),
                ("cadastralNumber", ""), ("latitude", "49,23"), ("longitude", ""), ("balanceHolder", "КП «Вінницька міська нерухомість»"),
                ("leaseList", "first"),
            ])
            #expect(refused.status == .unprocessableContent)
            Self.expectBeside("area", refused.body)
            #expect(Self.control("area", in: refused.body)?.contains("aria-describedby=\"area-hint area-error\"") == true)
            #expect(Self.control("area", in: refused.body)?.contains("value=\"багато\"") == true)
            #expect(Self.control("title", in: refused.body)?.contains("value=\"Приміщення на Пирогова, 12\"") == true)
            #expect(Self.control("latitude", in: refused.body)?.contains("value=\"49,23\"") == true)
            #expect(refused.body.contains("<option value=\"first\" selected>"))
            #expect(try await objects() == before)
        }
    }

    @Test(arguments: TestDatabase.available) func aLotAuctionedBeforeBiddingClosesIsExplainedBesideTheAuctionStart(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let object = try await PropertyRegisterPageTests().demoObject(harness, titled: "Приміщення в підвалі")
            let city = object.municipalityID
            let lots = { try await harness.services.store.read { try await $0.auctions.lots(of: object.id, in: city) }.count }
            let before = try await lots()
            var admin = Browser(client)
            try await admin.signIn(PropertyRegisterPageTests.admin.0, PropertyRegisterPageTests.admin.1)
            let now = harness.clock.now()
            let tenderEnd = DateText.kyivInput(now.addingTimeInterval(14 * 86_400)), early = DateText.kyivInput(now.addingTimeInterval(86_400))
            let refused = try await admin.post("/vinnytsia/admin/property/\(object.id.rawValue)/lots/new", [
                ("title", "Оренда підвалу, повторно"), ("procedure", "lease_english"), ("tenantEmail", ""), ("value", "6 200,50"),
                ("stepKind", "amount"), ("minimalStep", "62"), ("guarantee", "620"), ("registrationFee", "800"), ("tenderPeriod", tenderEnd),
                ("auctionPeriod", early),
            ])
            #expect(refused.status == .unprocessableContent)
            Self.expectBeside("auctionPeriod", refused.body)
            #expect(Self.control("auctionPeriod", in: refused.body)?.contains("value=\"\(early)\"") == true)
            #expect(Self.control("tenderPeriod", in: refused.body)?.contains("value=\"\(tenderEnd)\"") == true)
            #expect(Self.control("value", in: refused.body)?.contains("value=\"6 200,50\"") == true)
            #expect(refused.body.contains("<option value=\"amount\" selected>") && refused.body.contains("<option value=\"lease_english\" selected>"))
            #expect(try await lots() == before)
        }
    }

    @Test(arguments: TestDatabase.available) func aProblemAboutNoFieldOfTheFormIsTheAlertAboveIt(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let fixture = try await PetitionFixture(harness, threshold: 1)
            let petition = try await fixture.openPetition()
            var moderator = try await Browser.vinnytsiaModerator(client)
            // Nothing chosen to invalidate: about the selection as a whole, so above the form.
            let refused = try await moderator.post("/vinnytsia/admin/petitions/\(petition.id.rawValue)/invalidate", [
                ("address", ""), ("domain", ""), ("from", ""), ("until", ""), ("reason", "Підписи з одного ботнету"),
            ])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("<p class=\"error\" role=\"alert\">"))
            #expect(!refused.body.contains("aria-invalid=\"true\""))
            #expect(refused.body.contains(">Підписи з одного ботнету</textarea>"))
        }
    }

    @Test(arguments: TestDatabase.available) func aRejectionWithoutAnExplanationIsExplainedBesideThatPetitionsText(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let fixture = try await PetitionFixture(harness)
            let filed = try await harness.services.petitions.file(
                title: "Перейменувати вулицю Пушкіна на вулицю Стуса", text: String(repeating: "Прошу перейменувати вулицю. ", count: 3),
                category: "Топоніміка", city: fixture.city, by: fixture.author, submit: true)
            var moderator = try await Browser.vinnytsiaModerator(client)
            let id = filed.id.rawValue
            let refused = try await moderator.post("/vinnytsia/admin/petitions/\(id)/decision", [
                ("decision", "reject"), ("reason", "duplicate"), ("text", "Дубль"),
            ])
            #expect(refused.status == .unprocessableContent)
            // Every petition in the queue has its own form: the refused one is open, with the error by its text.
            Self.expectBeside("reject-text-\(id)", refused.body)
            #expect(refused.body.contains(">Дубль</textarea>") && refused.body.contains("<details open>"))
            #expect(refused.body.contains("<option value=\"duplicate\" selected>"))
            #expect(try await fixture.stored(filed.id).state == .moderation)
        }
    }

    @Test(arguments: TestDatabase.available) func aClosedBidWithAWrongCompanyCodeIsExplainedBesideTheCode(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let setup = AuctionServiceTests()
            let (city, lot) = try await setup.announce(harness)
            _ = try await setup.resident(harness, "ivan", in: city)
            var ivan = Browser(client)
            try await ivan.signIn("ivan@example.com")
            let refused = try await ivan.post("/vinnytsia/auctions/\(lot.id.rawValue)/bid", [("amount", "12 000"), ("legalEntityCode", "12345670")])
            #expect(refused.status == .unprocessableContent)
            Self.expectBeside("edrpou", refused.body)
            #expect(Self.control("bid-amount", in: refused.body)?.contains("value=\"12 000\"") == true)
            #expect(try await harness.services.store.read { try await $0.auctions.bidders(of: lot.id) }.isEmpty)
        }
    }
}
