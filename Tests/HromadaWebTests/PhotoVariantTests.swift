import Foundation
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HromadaWeb
@testable import Budgets

/// Smaller copies of uploaded photos: made with libjpeg-turbo and libpng,
/// stored beside the original, and what lists and previews send.
@Suite struct PhotoVariantTests {
    @Test func aPhotoGetsItsSmallerCopiesAsJPEGsOfTheRightSize() throws {
        let png = SampleImages.realPNG(width: 1_600, height: 1_200)
        let large = try #require(PhotoVariants.make(png, width: 1_200))
        #expect(large.width == 1_200 && large.height == 900)
        let read = try ImageSanitizer.sanitize(large.bytes)
        #expect(read.format == .jpeg && read.width == 1_200 && read.height == 900)
        // And from a real JPEG: decoded scaled by the DCT, then averaged down.
        let small = try #require(PhotoVariants.make(large.bytes, width: 480))
        let smallRead = try ImageSanitizer.sanitize(small.bytes)
        #expect(smallRead.width == 480 && smallRead.height == 360)
        #expect(small.bytes.count * 3 < large.bytes.count)
        #expect(PhotoVariants.makeAll(png, photoWidth: 1_600).map(\.width) == [480, 1_200])
        #expect(PhotoVariants.makeAll(SampleImages.realPNG(width: 800, height: 200), photoWidth: 800).map(\.width) == [480])
    }

    @Test func noCopyIsMadeOfWhatIsSmallDamagedOrNoPhoto() {
        #expect(PhotoVariants.make(SampleImages.realPNG(width: 400, height: 300), width: 480) == nil)
        // libjpeg-turbo reads a JPEG with broken scans as far as it goes (warnings, not errors): a grey copy, never a crash.
        #expect(PhotoVariants.make(SampleImages.jpeg(), width: 480).map { $0.width == 480 } ?? true)
        #expect(PhotoVariants.make(SampleImages.webp(), width: 480) == nil)
        #expect(PhotoVariants.make(Array("<svg onload=alert(1)>".utf8), width: 480) == nil)
        #expect(PhotoVariants.make([], width: 480) == nil)
        // Cut anywhere, a real photo makes a copy or none, and the process stays up.
        let png = SampleImages.realPNG(width: 700, height: 300)
        for cut in stride(from: 8, to: png.count, by: max(1, png.count / 40)) { _ = PhotoVariants.make(Array(png.prefix(cut)), width: 480) }
        if let jpeg = PhotoVariants.make(png, width: 600) {
            for cut in stride(from: 2, to: jpeg.bytes.count, by: max(1, jpeg.bytes.count / 40)) { _ = PhotoVariants.make(Array(jpeg.bytes.prefix(cut)), width: 480) }
        }
        // A header that claims more pixels than a photo may have is refused before any memory is taken.
        #expect(PhotoVariants.make(SampleImages.pngHeader(width: 60_000, height: 60_000), width: 480) == nil)
    }

    @Test func theWidthServedIsTheSmallestCopyThatFits() {
        #expect(PhotoVariants.width(for: 480, photoWidth: 4_000) == 480)
        #expect(PhotoVariants.width(for: 481, photoWidth: 4_000) == 1_200)
        #expect(PhotoVariants.width(for: 3_000, photoWidth: 4_000) == 1_200)
        #expect(PhotoVariants.width(for: 1_200, photoWidth: 1_000) == 480)
        #expect(PhotoVariants.width(for: 480, photoWidth: 480) == nil)
        #expect(PhotoVariants.served(requested: 1_200, photoWidth: 4_000, photoHeight: 3_000) == (1_200, 900, "?w=1200"))
        #expect(PhotoVariants.served(requested: 1_200, photoWidth: 300, photoHeight: 200) == (300, 200, ""))
    }

    @Test(arguments: TestDatabase.available) func listsSendTheSmallCopyAndNeverTheOriginal(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let city = try await harness.city("vinnytsia")
            let edition = demo.proposals
            let own = try #require(try await harness.services.store.read { try await $0.budgets.projects(of: edition.id, in: city.id) }.first)
            let base = "/vinnytsia/budgets/\(edition.id.rawValue)"
            var author = Browser(client)
            try await author.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let photos = "\(base)/projects/\(own.id.rawValue)/photos"
            try await author.get(photos)
            let original = SampleImages.realPNG(width: 1_600, height: 1_200)
            let added = try await author.upload(photos, [("caption", "Двір")], file: ("photo", "yard.png", "image/png", original))
            #expect(added.status == .seeOther)
            let photo = try #require(try await harness.services.store.read { try await $0.photos.photos(of: .project(own.id), in: city.id) }.first)
            let url = "\(base)/photos/\(photo.id.rawValue)"
            // Both copies were made at upload.
            for width in PhotoVariants.widths {
                #expect(try await harness.services.store.read { try await $0.photos.variant(of: photo.id, width: width, in: city.id) } != nil)
            }
            let list = try await author.get(base)
            #expect(list.body.contains(#"<img src="\#(url)?w=480" srcset="\#(url)?w=480 480w, \#(url)?w=1200 1200w""#))
            #expect(!list.body.contains(#"src="\#(url)""#))
            let small = try await client.execute(uri: "\(url)?w=480", method: .get)
            #expect(small.status == .ok && small.headers[.contentType] == "image/jpeg")
            let read = try ImageSanitizer.sanitize(Array(buffer: small.body))
            #expect(read.width == 480 && read.height == 360)
            #expect(small.body.readableBytes * 10 < original.count)
            // Cached as the original is: a reader who has it gets a 304.
            let etag = try #require(small.headers[.eTag])
            #expect(try await client.execute(uri: "\(url)?w=480", method: .get, headers: [.ifNoneMatch: etag]).status == .notModified)
            #expect(try await client.execute(uri: "\(url)?w=wide", method: .get).status == .unprocessableContent)
            #expect(try await client.execute(uri: "\(url)?w=99999999999999999999", method: .get).status == .unprocessableContent)
            // The original is still there for whoever asks for it by its plain address.
            #expect(Array(buffer: try await client.execute(uri: url, method: .get).body).count == photo.byteCount)
            // A photo stored before copies existed gets its copy the first time it is asked for.
            try await harness.services.store.write { tx in try await tx.db.raw("DELETE FROM photo_variants").run() }
            let later = try await client.execute(uri: "\(url)?w=1200", method: .get)
            #expect(try ImageSanitizer.sanitize(Array(buffer: later.body)).width == 1_200)
            #expect(try await harness.services.store.read { try await $0.photos.variant(of: photo.id, width: 1_200, in: city.id) } != nil)
            // The project's page previews it at the large copy's size.
            let page = try await author.get("\(base)/projects/\(own.id.rawValue)")
            #expect(page.body.contains(#"<meta property="og:image" content="\#(harness.services.configuration.publicBaseURL)\#(url)?w=1200">"#))
            #expect(page.body.contains(#"<meta property="og:image:width" content="1200">"#) && page.body.contains(#"<meta name="twitter:card" content="summary_large_image">"#))
            // Removing the photo removes its copies.
            var moderator = try await Browser.vinnytsiaModerator(client)
            try await moderator.get(photos)
            #expect(try await moderator.post("\(photos)/\(photo.id.rawValue)/remove", []).status == .seeOther)
            #expect(try await harness.services.store.read { try await $0.photos.variant(of: photo.id, width: 480, in: city.id) } == nil)
        }
    }
}
