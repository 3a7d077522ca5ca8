import Foundation
import HromadaDomain
import HromadaTestSupport
import Testing
@testable import HromadaStore

/// The platform's documents (`attachments`): every module's PDFs, kept by owner and city.
@Suite struct AttachmentContractTests {
    let vinnytsia = MunicipalityID(rawValue: "vinnytsia")
    let zhmerynka = MunicipalityID(rawValue: "zhmerynka")
    let premises = UploadOwner(kind: .init(rawValue: "property_object"), id: "object-1")
    let site = UploadOwner(kind: .init(rawValue: "invest_site"), id: "object-1")

    func attachment(_ title: String, of owner: UploadOwner, by account: AccountID, bytes: [UInt8]) -> HromadaDomain.Attachment {
        HromadaDomain.Attachment(
            id: .random(), municipalityID: vinnytsia, owner: owner, title: title, mediaType: AttachmentRules.mediaType, byteCount: bytes.count,
            sha256: String(repeating: "b", count: 64), uploadedBy: account, uploadedAt: t0)
    }

    @Test(arguments: TestDatabase.available)
    func documentsKeepTheirBytesOrderOwnerAndCity(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let organiser = try await insertAccounts(store, "organiser@example.com")[0]
            // Every byte value, so nothing is lost to text encodings.
            let contents = (0..<3).map { shift in Array("%PDF-1.7\n".utf8) + (0..<256).map { UInt8(($0 + shift) % 256) } }
            let documents = contents.enumerated().map { attachment("Документ \($0)", of: premises, by: organiser.id, bytes: $1) }
            for (document, bytes) in zip(documents, contents) {
                try await store.write { try await $0.attachments.insert(document, bytes: bytes) }
            }
            let city = vinnytsia, elsewhere = zhmerynka, owner = premises, sameIDOtherKind = site
            // Added in the same second, listed in the order added.
            #expect(try await store.read { try await $0.attachments.attachments(of: owner, in: city) }.map(\.title) == ["Документ 0", "Документ 1", "Документ 2"])
            #expect(try await store.read { try await $0.attachments.attachments(of: owner, in: elsewhere) }.isEmpty)
            // Another module's thing with the same id is another owner.
            #expect(try await store.read { try await $0.attachments.attachments(of: sameIDOtherKind, in: city) }.isEmpty)
            #expect(try await store.read { try await $0.attachments.count(of: sameIDOtherKind, in: city) } == 0)
            #expect(try await store.read { try await $0.attachments.attachment(documents[1].id, in: city) } == documents[1])
            #expect(try await store.read { try await $0.attachments.attachment(documents[1].id, in: elsewhere) } == nil)
            #expect(try await store.read { try await $0.attachments.bytes(of: documents[2].id, in: city) } == contents[2])
            #expect(try await store.read { try await $0.attachments.bytes(of: documents[2].id, in: elsewhere) } == nil)
            #expect(try await store.read { try await $0.attachments.count(of: owner, in: city) } == 3)
            #expect(try await store.read { try await $0.attachments.count(of: owner, in: elsewhere) } == 0)

            // Deleting is by city too, and says whether there was one.
            #expect(try await store.write { try await $0.attachments.delete(documents[0].id, in: elsewhere) } == false)
            #expect(try await store.write { try await $0.attachments.delete(documents[0].id, in: city) } == true)
            #expect(try await store.write { try await $0.attachments.delete(documents[0].id, in: city) } == false)
            // The next one goes after the last, not into the gap.
            let next = attachment("Документ 3", of: owner, by: organiser.id, bytes: contents[0])
            try await store.write { try await $0.attachments.insert(next, bytes: contents[0]) }
            #expect(try await store.read { try await $0.attachments.attachments(of: owner, in: city) }.map(\.title) == ["Документ 1", "Документ 2", "Документ 3"])
        }
    }
}
