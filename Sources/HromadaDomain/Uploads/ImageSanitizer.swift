/// The image formats a photo upload may be. The type is read from the file's
/// own bytes, never from its name or the browser's claim (docs/design.md).
public enum ImageFormat: String, Codable, Sendable, CaseIterable {
    case jpeg, png, webp

    public var mediaType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .webp: "image/webp"
        }
    }
}

/// An image as it will be stored and served: metadata gone, size known.
public struct SanitizedImage: Equatable, Sendable {
    public let format: ImageFormat
    public let width: Int
    public let height: Int
    public let bytes: [UInt8]
}

public enum ImageProblem: Error, Equatable, Sendable {
    case empty
    case tooLarge
    /// Not a JPEG, PNG or WebP by its bytes (an SVG, a PDF, an HTML page, …).
    case unsupportedType
    /// Says it is an image but its structure is broken or cut off.
    case damaged
    /// More pixels than any photo needs: a decompression bomb.
    case tooManyPixels
}

/// Checks an uploaded photo and removes what must not be published with it.
///
/// Phones write the place a photo was taken (GPS), the camera's serial
/// number and the owner's name into EXIF and XMP. A citizen uploading a
/// picture of the pothole outside their house must not publish where they
/// live, so every metadata block goes. Only the orientation survives, in a
/// minimal EXIF block of its own, because without it a phone's portrait
/// photo shows on its side.
public enum ImageSanitizer {
    public static let maximumBytes = 8 * 1024 * 1024
    public static let maximumPixels = 50_000_000
    /// The longest side a JPEG can declare (two bytes). A PNG header says up
    /// to 2³¹ − 1 and a WebP canvas 2²⁴; no camera or panorama comes near.
    public static let maximumSide = 65_535

    public static func sanitize(_ bytes: [UInt8]) throws(ImageProblem) -> SanitizedImage {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= maximumBytes else { throw .tooLarge }
        let image: SanitizedImage
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            image = try JPEG.sanitize(bytes)
        } else if bytes.starts(with: PNG.signature) {
            image = try PNG.sanitize(bytes)
        } else if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) {
            image = try WebP.sanitize(bytes)
        } else {
            throw .unsupportedType
        }
        guard image.width > 0, image.height > 0 else { throw .damaged }
        // The sides come from the file: 45 bytes of PNG can declare two of
        // 0xC0000000, whose product passes Int.max (issue 13).
        guard image.width <= maximumSide, image.height <= maximumSide else { throw .tooManyPixels }
        let (pixels, overflow) = image.width.multipliedReportingOverflow(by: image.height)
        guard !overflow, pixels <= maximumPixels else { throw .tooManyPixels }
        return image
    }
}

/// Big- and little-endian reads that fail as `.damaged` past the end.
private struct ByteReader {
    package let bytes: [UInt8]

    package func byte(_ offset: Int) throws(ImageProblem) -> Int {
        guard offset >= 0, offset < bytes.count else { throw .damaged }
        return Int(bytes[offset])
    }

    func bigEndian16(_ offset: Int) throws(ImageProblem) -> Int { try byte(offset) << 8 | byte(offset + 1) }
    func bigEndian32(_ offset: Int) throws(ImageProblem) -> Int { try bigEndian16(offset) << 16 | bigEndian16(offset + 2) }
    func littleEndian16(_ offset: Int) throws(ImageProblem) -> Int { try byte(offset) | byte(offset + 1) << 8 }
    func littleEndian24(_ offset: Int) throws(ImageProblem) -> Int { try littleEndian16(offset) | byte(offset + 2) << 16 }
    func littleEndian32(_ offset: Int) throws(ImageProblem) -> Int { try littleEndian16(offset) | littleEndian16(offset + 2) << 16 }

    package func slice(_ start: Int, _ count: Int) throws(ImageProblem) -> ArraySlice<UInt8> {
        guard start >= 0, count >= 0, start + count <= bytes.count else { throw .damaged }
        return bytes[start..<(start + count)]
    }
}

enum JPEG {
    /// Segments kept: JFIF (APP0), ICC colour profile (APP2), Adobe colour
    /// transform (APP14), and everything that makes up the picture itself.
    /// Dropped: EXIF and XMP (APP1), every other APPn, and comments (COM).
    package static func keeps(_ marker: UInt8) -> Bool {
        switch marker {
        case 0xE0, 0xE2, 0xEE: true
        case 0xE1, 0xE3...0xED, 0xEF, 0xFE: false
        default: true
        }
    }

    package static func sanitize(_ bytes: [UInt8]) throws(ImageProblem) -> SanitizedImage {
        let reader = ByteReader(bytes: bytes)
        var kept: [[UInt8]] = []
        var orientation = 1
        var size: (width: Int, height: Int)?
        var offset = 2
        var inScan = false
        while true {
            if inScan {
                // Entropy-coded data runs until a marker that is not a byte
                // stuffing (FF 00), a restart (FF D0–D7) or fill (FF FF).
                let start = offset
                while true {
                    guard offset + 1 < bytes.count else { throw .damaged }
                    if bytes[offset] == 0xFF {
                        let next = bytes[offset + 1]
                        if next == 0x00 || (0xD0...0xD7).contains(next) { offset += 2; continue }
                        if next == 0xFF { offset += 1; continue }
                        break
                    }
                    offset += 1
                }
                kept.append(Array(bytes[start..<offset]))
                inScan = false
            }
            guard try reader.byte(offset) == 0xFF else { throw .damaged }
            let marker = UInt8(try reader.byte(offset + 1))
            if marker == 0xFF { offset += 1; continue }
            if marker == 0xD9 {
                // End of image: anything after it (some phones append a second
                // picture or metadata there) is dropped.
                kept.append([0xFF, 0xD9])
                break
            }
            if (0xD0...0xD7).contains(marker) || marker == 0x01 {
                kept.append([0xFF, marker])
                offset += 2
                continue
            }
            // What is left must be a marker that starts a segment (C0–FE but
            // a second start of image). FF 00 is a stuffed byte and 02–BF are
            // reserved: kept as segments, they would read as picture data once
            // a dropped comment no longer stood between them and a scan, and
            // the stored file would not be a JPEG any more (found by fuzzing).
            guard marker >= 0xC0, marker != 0xD8 else { throw .damaged }
            let length = try reader.bigEndian16(offset + 2)
            guard length >= 2 else { throw .damaged }
            let segment = try reader.slice(offset, length + 2)
            if marker == 0xE1, let found = exifOrientation(Array(segment.dropFirst(4))) { orientation = found }
            // Start of frame (SOF0–SOF15 except DHT C4, JPG C8 and DAC CC) carries the size.
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                // Length, precision, height and width: a shorter frame would
                // take its size from the next segment.
                guard length >= 7 else { throw .damaged }
                size = (try reader.bigEndian16(offset + 7), try reader.bigEndian16(offset + 5))
            }
            if keeps(marker) { kept.append(Array(segment)) }
            offset += length + 2
            if marker == 0xDA { inScan = true }
        }
        guard let size else { throw .damaged }
        var output: [UInt8] = [0xFF, 0xD8]
        var segments = kept[...]
        // The orientation block goes after JFIF, which must come first if present.
        if let first = segments.first, first.count > 1, first[1] == 0xE0 {
            output += first
            segments = segments.dropFirst()
        }
        if orientation != 1 { output += orientationSegment(orientation) }
        for segment in segments { output += segment }
        return SanitizedImage(format: .jpeg, width: size.width, height: size.height, bytes: output)
    }

    /// The orientation tag (0x0112) of IFD0 in an APP1 "Exif" payload, if valid.
    static func exifOrientation(_ payload: [UInt8]) -> Int? {
        guard payload.starts(with: Array("Exif".utf8) + [0, 0]) else { return nil }
        let tiff = Array(payload.dropFirst(6))
        let reader = ByteReader(bytes: tiff)
        guard tiff.count >= 8 else { return nil }
        let little = tiff[0] == 0x49 && tiff[1] == 0x49
        guard little || (tiff[0] == 0x4D && tiff[1] == 0x4D) else { return nil }
        func read16(_ at: Int) -> Int? { try? (little ? reader.littleEndian16(at) : reader.bigEndian16(at)) }
        func read32(_ at: Int) -> Int? { try? (little ? reader.littleEndian32(at) : reader.bigEndian32(at)) }
        guard let ifd = read32(4), let count = read16(ifd) else { return nil }
        for index in 0..<min(count, 512) {
            let entry = ifd + 2 + index * 12
            guard let tag = read16(entry) else { return nil }
            if tag == 0x0112, let value = read16(entry + 8), (1...8).contains(value) { return value }
        }
        return nil
    }

    /// An APP1 block holding only the orientation: big-endian TIFF, one IFD entry.
    static func orientationSegment(_ orientation: Int) -> [UInt8] {
        let tiff: [UInt8] = [0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8,  // header, IFD0 at 8
                             0, 1,  // one entry
                             0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, UInt8(orientation), 0, 0,  // orientation, SHORT, 1
                             0, 0, 0, 0]  // no next IFD
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let length = payload.count + 2
        return [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }
}

enum PNG {
    package static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Chunks that draw the picture or its colours. Text (tEXt, zTXt, iTXt),
    /// EXIF (eXIf), timestamps (tIME) and anything unknown are dropped.
    package static let kept: Set<String> = [
        "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "pHYs", "bKGD", "acTL", "fcTL", "fdAT",
    ]

    package static func sanitize(_ bytes: [UInt8]) throws(ImageProblem) -> SanitizedImage {
        let reader = ByteReader(bytes: bytes)
        var output = signature
        var offset = signature.count
        var size: (width: Int, height: Int)?
        while true {
            let length = try reader.bigEndian32(offset)
            let type = String(decoding: try reader.slice(offset + 4, 4), as: UTF8.self)
            let chunk = try reader.slice(offset, length + 12)
            if size == nil {
                guard type == "IHDR", length >= 8 else { throw .damaged }
                size = (try reader.bigEndian32(offset + 8), try reader.bigEndian32(offset + 12))
            }
            if kept.contains(type) { output += chunk }
            offset += length + 12
            if type == "IEND" { break }
        }
        guard let size else { throw .damaged }
        return SanitizedImage(format: .png, width: size.width, height: size.height, bytes: output)
    }
}

enum WebP {
    package static func sanitize(_ bytes: [UInt8]) throws(ImageProblem) -> SanitizedImage {
        let reader = ByteReader(bytes: bytes)
        let riffEnd = min(bytes.count, try reader.littleEndian32(4) + 8)
        var chunks: [[UInt8]] = []
        var size: (width: Int, height: Int)?
        var offset = 12
        while offset + 8 <= riffEnd {
            let type = String(decoding: try reader.slice(offset, 4), as: UTF8.self)
            let length = try reader.littleEndian32(offset + 4)
            let padded = length + (length & 1)
            var chunk = Array(try reader.slice(offset, min(8 + padded, bytes.count - offset)))
            guard chunk.count >= 8 + length else { throw .damaged }
            let data = offset + 8
            // Each header chunk must hold its own fields (VP8X: flags and
            // canvas, 10 bytes; VP8: frame tag, start code and size, 10;
            // VP8L: signature and size, 5), not borrow the next chunk's.
            guard length >= (["VP8X": 10, "VP8 ": 10, "VP8L": 5][type] ?? 0) else { throw .damaged }
            switch type {
            case "VP8X":
                size = (try reader.littleEndian24(data + 4) + 1, try reader.littleEndian24(data + 7) + 1)
                // Clear the "has EXIF" and "has XMP" flags: those chunks are gone.
                chunk[8] &= ~0x0C
            case "VP8 " where size == nil:
                guard try reader.bigEndian16(data + 3) == 0x9D01, try reader.byte(data + 5) == 0x2A else { throw .damaged }
                size = (try reader.littleEndian16(data + 6) & 0x3FFF, try reader.littleEndian16(data + 8) & 0x3FFF)
            case "VP8L" where size == nil:
                guard try reader.byte(data) == 0x2F else { throw .damaged }
                let bits = try reader.littleEndian32(data + 1)
                size = ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
            default: break
            }
            if type != "EXIF", type != "XMP " { chunks.append(chunk) }
            offset += 8 + padded
        }
        guard let size else { throw .damaged }
        let body = chunks.flatMap { $0 }
        let riffSize = body.count + 4
        let header = Array("RIFF".utf8) + [UInt8(riffSize & 0xFF), UInt8(riffSize >> 8 & 0xFF), UInt8(riffSize >> 16 & 0xFF), UInt8(riffSize >> 24 & 0xFF)]
            + Array("WEBP".utf8)
        return SanitizedImage(format: .webp, width: size.width, height: size.height, bytes: header + body)
    }
}
