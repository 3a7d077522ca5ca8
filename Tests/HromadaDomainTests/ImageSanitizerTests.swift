import HromadaTestSupport
import Testing
@testable import HromadaDomain

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
}
