import HromadaTestSupport
import Testing
@testable import HromadaDomain
@testable import Auctions
@testable import Budgets
@testable import Petitions

@Suite struct ImageSanitizerTests {
    @Test func anImageIsRecognisedByItsBytesNotItsName() throws {
        #expect(throws: ImageProblem.unsupportedType) { try ImageSanitizer.sanitize(Array("<svg onload=alert(1)></svg>".utf8)) }
        #expect(throws: ImageProblem.unsupportedType) { try ImageSanitizer.sanitize(Array("%PDF-1.7".utf8)) }
        #expect(throws: ImageProblem.empty) { try ImageSanitizer.sanitize([]) }
        #expect(try ImageSanitizer.sanitize(SampleImages.jpeg()).format == .jpeg)
        #expect(try ImageSanitizer.sanitize(SampleImages.png()).format == .png)
        #expect(try ImageSanitizer.sanitize(SampleImages.webp()).format == .webp)
    }

    @Test func locationCameraAndAuthorNeverLeaveAJPEG() throws {
        let original = SampleImages.jpeg()
        #expect(SampleImages.contains(original, "GPS"))
        let image = try ImageSanitizer.sanitize(original)
        for secret in ["GPS", "Samsung", "Olena", "xmpmeta", "taken at home"] {
            #expect(!SampleImages.contains(image.bytes, secret), "\(secret) survived")
        }
        #expect(image.width == 640 && image.height == 480)
        // The picture itself is untouched: tables, frame, scan and its stuffed bytes.
        #expect(SampleImages.contains(image.bytes, bytes: [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]))
        #expect(image.bytes.starts(with: [0xFF, 0xD8, 0xFF, 0xE0]))
        #expect(Array(image.bytes.suffix(2)) == [0xFF, 0xD9])
    }

    @Test func orientationSurvivesInABlockOfItsOwn() throws {
        let image = try ImageSanitizer.sanitize(SampleImages.jpeg(orientation: 6))
        // The only APP1 left is the 38-byte orientation block.
        let app1 = image.bytes.indices.dropLast().filter { image.bytes[$0] == 0xFF && image.bytes[$0 + 1] == 0xE1 }
        #expect(app1.count == 1)
        let start = try #require(app1.first)
        #expect(JPEG.exifOrientation(Array(image.bytes[(start + 4)...])) == 6)
        let upright = try ImageSanitizer.sanitize(SampleImages.jpeg(orientation: 1))
        #expect(!upright.bytes.indices.dropLast().contains { upright.bytes[$0] == 0xFF && upright.bytes[$0 + 1] == 0xE1 })
    }

    @Test func whatAPhoneAppendsAfterTheJPEGIsDropped() throws {
        let image = try ImageSanitizer.sanitize(SampleImages.jpeg(trailer: Array("MotionPhoto_Data GPS".utf8)))
        #expect(!SampleImages.contains(image.bytes, "MotionPhoto"))
        #expect(Array(image.bytes.suffix(2)) == [0xFF, 0xD9])
    }

    @Test func pngKeepsItsPixelsAndLosesItsText() throws {
        let image = try ImageSanitizer.sanitize(SampleImages.png(width: 32, height: 16))
        #expect(image.width == 32 && image.height == 16)
        #expect(!SampleImages.contains(image.bytes, "Olena"))
        #expect(!SampleImages.contains(image.bytes, "eXIf"))
        #expect(SampleImages.contains(image.bytes, "IDAT") && SampleImages.contains(image.bytes, "IEND"))
    }

    @Test func webpLosesExifAndXmpAndSaysSo() throws {
        let image = try ImageSanitizer.sanitize(SampleImages.webp())
        #expect(image.width == 800 && image.height == 600)
        #expect(!SampleImages.contains(image.bytes, "EXIF") && !SampleImages.contains(image.bytes, "XMP"))
        #expect(image.bytes[20] & 0x0C == 0)
        // The RIFF size is the file's length less the first eight bytes.
        let riff = Int(image.bytes[4]) | Int(image.bytes[5]) << 8 | Int(image.bytes[6]) << 16 | Int(image.bytes[7]) << 24
        #expect(riff == image.bytes.count - 8)
    }

    @Test func aCutOffImageIsRefused() {
        let jpeg = SampleImages.jpeg()
        #expect(throws: ImageProblem.damaged) { try ImageSanitizer.sanitize(Array(jpeg.prefix(jpeg.count / 2))) }
        let png = SampleImages.png()
        #expect(throws: ImageProblem.damaged) { try ImageSanitizer.sanitize(Array(png.prefix(40))) }
    }

    @Test func decompressionBombsAndHugeFilesAreRefused() {
        #expect(throws: ImageProblem.tooManyPixels) { try ImageSanitizer.sanitize(SampleImages.png(width: 60_000, height: 60_000)) }
        #expect(throws: ImageProblem.tooLarge) {
            try ImageSanitizer.sanitize(SampleImages.png() + Array(repeating: 0, count: ImageSanitizer.maximumBytes))
        }
    }

    /// Issue 13: 45 bytes of PNG declaring 0xC0000000 × 0xC0000000 pixels.
    /// Their product passes Int.max, and multiplying it stopped the server.
    @Test func sidesWhoseProductOverflowsAreRefusedNotMultiplied() throws {
        let bomb = SampleImages.pngHeader(width: 0xC000_0000, height: 0xC000_0000)
        #expect(bomb.count == 45)
        #expect(throws: ImageProblem.tooManyPixels) { try ImageSanitizer.sanitize(bomb) }
        #expect(throws: ImageProblem.tooManyPixels) { try ImageSanitizer.sanitize(SampleImages.pngHeader(width: 0xFFFF_FFFF, height: 0xFFFF_FFFF)) }
        // A strip within the pixel limit, one side longer than a JPEG can declare.
        #expect(throws: ImageProblem.tooManyPixels) { try ImageSanitizer.sanitize(SampleImages.pngHeader(width: 100_000, height: 10)) }
        #expect(try ImageSanitizer.sanitize(SampleImages.pngHeader(width: 20_000, height: 2_000)).width == 20_000)
    }

    /// A VP8X chunk shorter than its ten bytes of flags and canvas size was
    /// indexed past its end (a trap) and its size read from the next chunk.
    @Test func aWebPHeaderChunkShorterThanItsFieldsIsDamaged() {
        for (type, length) in [("VP8X", 0), ("VP8X", 9), ("VP8 ", 9), ("VP8L", 4)] {
            let data = Array(repeating: UInt8(0x2F), count: length)
            let file = SampleImages.riff([(type, data), ("EXIF", Array(repeating: 0x41, count: 16))])
            #expect(throws: ImageProblem.damaged, "\(type) of \(length) bytes") { try ImageSanitizer.sanitize(file) }
        }
    }

    /// A start-of-frame segment too short to hold the size took it from
    /// whatever followed, which sanitizing then removed: the stored file
    /// said another size than the one recorded.
    @Test func aJPEGFrameTooShortForItsSizeIsDamaged() {
        let file: [UInt8] = [0xFF, 0xD8] + SampleImages.segment(0xC0, [8, 0]) + SampleImages.segment(0xFE, [1, 2, 3, 4, 5, 6]) + [0xFF, 0xD9]
        #expect(throws: ImageProblem.damaged) { try ImageSanitizer.sanitize(file) }
    }

    /// CI's fuzzer (stop 27): a segment whose marker is not a marker at all
    /// (FF 00 is a stuffed byte; 02–BF are reserved) was kept as a segment.
    /// Once the comment before it was dropped it sat right after the scan,
    /// where FF 00 reads as picture data, so the stored file no longer read
    /// as a JPEG. Only real markers pass, and what is stored sanitizes to itself.
    @Test func aJPEGSegmentWithAReservedMarkerIsDamaged() {
        let frame = SampleImages.segment(0xC0, [8, 0x01, 0xE0, 0x02, 0x80, 1, 1, 0x11, 0])
        let scan = SampleImages.segment(0xDA, [1, 1, 0, 0, 0x3F, 0]) + [0x12, 0x34]
        let comment = SampleImages.segment(0xFE, Array("taken at home".utf8))
        for reserved: UInt8 in [0x00, 0x02, 0x4F, 0xBF, 0xD8] {
            let file: [UInt8] = [0xFF, 0xD8] + frame + scan + comment + SampleImages.segment(reserved, [0xFF, 0x12, 0, 0]) + [0xFF, 0xD9]
            #expect(throws: ImageProblem.damaged, "marker \(reserved)") { try ImageSanitizer.sanitize(file) }
        }
    }

    @Test func aSanitizedImageSanitizesToItself() throws {
        let frame = SampleImages.segment(0xC0, [8, 0x01, 0xE0, 0x02, 0x80, 1, 1, 0x11, 0])
        let scan = SampleImages.segment(0xDA, [1, 1, 0, 0, 0x3F, 0]) + [0x12, 0xFF, 0x00, 0xFF, 0xFF]
        let comment = SampleImages.segment(0xFE, Array("taken at home".utf8))
        let restartAfterComment: [UInt8] = [0xFF, 0xD8] + frame + scan + comment + [0xFF, 0xD0] + scan + [0xFF, 0xD9]
        for original in [SampleImages.jpeg(), SampleImages.jpeg(orientation: 6), SampleImages.jpeg(trailer: [1, 2, 3]),
                         SampleImages.png(), SampleImages.webp(), restartAfterComment] {
            let image = try ImageSanitizer.sanitize(original)
            #expect(try ImageSanitizer.sanitize(image.bytes) == image)
        }
    }
}
