/// Small images built segment by segment, with the metadata a phone writes.
public enum SampleImages {
    public static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    /// Little-endian EXIF with an orientation and a GPS latitude reference.
    public static func exif(orientation: Int) -> [UInt8] {
        let tiff: [UInt8] = [0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0,
                             2, 0,
                             0x12, 0x01, 3, 0, 1, 0, 0, 0, UInt8(orientation), 0, 0, 0,
                             0x25, 0x88, 4, 0, 1, 0, 0, 0, 0x26, 0, 0, 0,
                             0, 0, 0, 0]
        return Array("Exif".utf8) + [0, 0] + tiff + Array("GPS 49.2331N 28.4682E Samsung SM-S911B serial 42".utf8)
    }

    public static func jpeg(width: Int = 640, height: Int = 480, orientation: Int = 6, trailer: [UInt8] = []) -> [UInt8] {
        [0xFF, 0xD8]
            + segment(0xE0, Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
            + segment(0xE1, exif(orientation: orientation))
            + segment(0xE1, Array("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Olena Kovalenko</x:xmpmeta>".utf8))
            + segment(0xFE, Array("taken at home".utf8))
            + segment(0xDB, [0] + Array(repeating: 1, count: 64))
            + segment(0xC0, [8, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), 1, 1, 0x11, 0])
            + segment(0xC4, [0, 1] + Array(repeating: 0, count: 15) + [0])
            + segment(0xDA, [1, 1, 0, 0, 63, 0])
            + [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]
            + [0xFF, 0xD9] + trailer
    }

    public static func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let length = data.count
        return [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
            + Array(type.utf8) + data + [0, 0, 0, 0]
    }

    public static func png(width: Int = 32, height: Int = 16) -> [UInt8] {
        func be32(_ value: Int) -> [UInt8] { [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + pngChunk("IHDR", be32(width) + be32(height) + [8, 6, 0, 0, 0])
            + pngChunk("tEXt", Array("Author\0Olena Kovalenko".utf8))
            + pngChunk("eXIf", exif(orientation: 1))
            + pngChunk("IDAT", [0x78, 0x9C, 0x01])
            + pngChunk("IEND", [])
    }

    /// A real PNG that any decoder reads: an RGB gradient with a few bars, its
    /// pixels in stored (uncompressed) deflate blocks, every chunk's CRC right.
    public static func realPNG(width: Int, height: Int) -> [UInt8] {
        func be32(_ value: Int) -> [UInt8] { [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return be32(data.count) + body + be32(Int(crc32(body)))
        }
        var raw: [UInt8] = []
        raw.reserveCapacity((width * 3 + 1) * height)
        for y in 0..<height {
            raw.append(0)
            for x in 0..<width {
                let bar = (x / 40) % 2 == 0
                raw += [UInt8(x * 255 / max(1, width - 1)), UInt8(y * 255 / max(1, height - 1)), bar ? 200 : 40]
            }
        }
        // zlib: header, stored blocks of at most 65,535 bytes, Adler-32.
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, raw.count - offset)
            let last: UInt8 = offset + count == raw.count ? 1 : 0
            zlib += [last, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            zlib += raw[offset..<(offset + count)]
            offset += count
        } while offset < raw.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        zlib += be32(Int(b << 16 | a))
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + chunk("IHDR", be32(width) + be32(height) + [8, 2, 0, 0, 0]) + chunk("IDAT", zlib) + chunk("IEND", [])
    }

    /// CRC-32 as PNG computes it (ISO 3309).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// A PNG of nothing but its signature, IHDR and IEND: 45 bytes that
    /// declare any size.
    public static func pngHeader(width: UInt32, height: UInt32) -> [UInt8] {
        func be32(_ value: UInt32) -> [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + pngChunk("IHDR", be32(width) + be32(height) + [8, 6, 0, 0, 0]) + pngChunk("IEND", [])
    }

    /// A RIFF/WEBP file of the given chunks, each padded to an even length.
    public static func riff(_ chunks: [(type: String, data: [UInt8])]) -> [UInt8] {
        func le32(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24 & 0xFF)] }
        let body = chunks.flatMap { chunk -> [UInt8] in Array(chunk.type.utf8) + le32(chunk.data.count) + chunk.data + (chunk.data.count % 2 == 1 ? [0] : []) }
        return Array("RIFF".utf8) + le32(body.count + 4) + Array("WEBP".utf8) + body
    }

    public static func webp() -> [UInt8] {
        func le32(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24 & 0xFF)] }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] { Array(type.utf8) + le32(data.count) + data + (data.count % 2 == 1 ? [0] : []) }
        // VP8X: flags EXIF (0x08) and XMP (0x04) set; canvas 800 × 600.
        let body = chunk("VP8X", [0x0C, 0, 0, 0, 0x1F, 0x03, 0, 0x57, 0x02, 0])
            + chunk("VP8L", [0x2F, 0, 0, 0, 0, 1])
            + chunk("EXIF", exif(orientation: 1))
            + chunk("XMP ", Array("<x:xmpmeta>Olena</x:xmpmeta>".utf8))
        return Array("RIFF".utf8) + le32(body.count + 4) + Array("WEBP".utf8) + body
    }

    public static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        contains(haystack, bytes: Array(needle.utf8))
    }

    public static func contains(_ haystack: [UInt8], bytes needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}

