import Foundation
import HromadaDomain
import HromadaTestSupport
import Testing
@testable import HromadaStore
@testable import Auctions
@testable import Budgets
@testable import Petitions

@Suite struct PhotoContractTests {
    let vinnytsia = MunicipalityID(rawValue: "vinnytsia")
    let zhmerynka = MunicipalityID(rawValue: "zhmerynka")

    func photo(_ owner: UploadOwner, by account: AccountID, bytes: [UInt8], caption: String = "Двір") -> Photo {
        Photo(
            id: .random(), municipalityID: vinnytsia, owner: owner, format: .png, width: 32, height: 16, byteCount: bytes.count,
            sha256: String(repeating: "a", count: 64), caption: caption, uploadedBy: account, uploadedAt: t0)
    }

    @Test(arguments: TestDatabase.available)
    func photosKeepTheirBytesOrderAndCity(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let author = try await insertAccounts(store, "author@example.com")[0]
            let owner = UploadOwner(kind: .budgetProject, id: "project-1")
            // Every byte value, so nothing is lost to text encodings.
            let bytes = (0..<3).map { shift in (0..<256).map { UInt8(($0 + shift) % 256) } }
            let photos = bytes.enumerated().map { photo(owner, by: author.id, bytes: $1, caption: "Фото \($0)") }
            for (photo, content) in zip(photos, bytes) {
                try await store.write { try await $0.photos.insert(photo, bytes: content) }
            }
            let city = vinnytsia, other = zhmerynka
            // Added in the same second, listed in the order added.
            #expect(try await store.read { try await $0.photos.photos(of: owner, in: city) }.map(\.caption) == ["Фото 0", "Фото 1", "Фото 2"])
            #expect(try await store.read { try await $0.photos.photos(of: owner, in: other) }.isEmpty)
            #expect(try await store.read { try await $0.photos.bytes(of: photos[1].id, in: city) } == bytes[1])
            #expect(try await store.read { try await $0.photos.bytes(of: photos[1].id, in: other) } == nil)
            #expect(try await store.read { try await $0.photos.photo(photos[1].id, in: city) } == photos[1])
            #expect(try await store.read { try await $0.photos.count(of: owner, in: city) } == 3)
            let grouped = try await store.read { try await $0.photos.photos(of: .budgetProject, ids: ["project-1", "project-2"], in: city) }
            #expect(grouped["project-1"]?.count == 3 && grouped["project-2"] == nil)
            // Deleting through another city's id deletes nothing.
            #expect(try await store.write { try await $0.photos.delete(photos[0].id, in: other) } == false)
            #expect(try await store.write { try await $0.photos.delete(photos[0].id, in: city) } == true)
            #expect(try await store.write { try await $0.photos.delete(photos[0].id, in: city) } == false)
            // A photo added after a removal still goes last.
            let last = photo(owner, by: author.id, bytes: [1, 2, 3], caption: "Останнє")
            try await store.write { try await $0.photos.insert(last, bytes: [1, 2, 3]) }
            #expect(try await store.read { try await $0.photos.photos(of: owner, in: city) }.map(\.caption) == ["Фото 1", "Фото 2", "Останнє"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPhotosCopiesAreKeptOnceFoundInItsCityAndGoWithIt(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let author = try await insertAccounts(store, "author@example.com")[0]
            let original = photo(UploadOwner(kind: .budgetProject, id: "project-1"), by: author.id, bytes: [9, 9, 9])
            try await store.write { try await $0.photos.insert(original, bytes: [9, 9, 9]) }
            let small = PhotoRepository.StoredVariant(width: 480, height: 360, sha256: String(repeating: "b", count: 64), bytes: Array(0...255))
            let again = PhotoRepository.StoredVariant(width: 480, height: 360, sha256: String(repeating: "c", count: 64), bytes: [1])
            let city = vinnytsia, other = zhmerynka, id = original.id
            try await store.write { try await $0.photos.insertVariants([small], of: id) }
            // Two readers making the same copy at once: the first one kept, no error for the second.
            try await store.write { try await $0.photos.insertVariants([again], of: id) }
            #expect(try await store.read { try await $0.photos.variant(of: id, width: 480, in: city) } == small)
            #expect(try await store.read { try await $0.photos.variant(of: id, width: 1_200, in: city) } == nil)
            #expect(try await store.read { try await $0.photos.variant(of: id, width: 480, in: other) } == nil)
            // Removing the photo removes its copies; a copy made meanwhile for it is not kept, and is no error.
            #expect(try await store.write { try await $0.photos.delete(id, in: city) })
            #expect(try await store.read { try await $0.photos.variant(of: id, width: 480, in: city) } == nil)
            try await store.write { try await $0.photos.insertVariants([small], of: id) }
            #expect(try await store.read { try await $0.photos.variant(of: id, width: 480, in: city) } == nil)
        }
    }
}
