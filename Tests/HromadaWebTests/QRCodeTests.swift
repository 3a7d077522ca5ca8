import Foundation
import Testing
@testable import HromadaWeb

@Suite struct QRCodeTests {
    // MARK: Helpers

    /// FNV-1a 64 over the modules, one byte (0/1) each, row-major — as in reference.py.
    static func hash(_ code: QRCode) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for y in 0..<code.size {
            for x in 0..<code.size {
                h ^= code.isDark(x: x, y: y) ? 1 : 0
                h = h &* 0x0000_0100_0000_01B3
            }
        }
        return h
    }

    /// Decodes the fixture's concatenated hex rows into rows of booleans.
    static func rows(hex: String, size: Int) -> [[Bool]] {
        let digits = Array(hex.utf8)
        let perRow = (size + 3) / 4
        guard digits.count == perRow * size else { return [] }
        return (0..<size).map { y in
            (0..<size).map { x in
                let digit = digits[y * perRow + x / 4]
                let value = Int(digit >= 0x61 ? digit - 0x61 + 10 : digit - 0x30)
                return (value >> (3 - x % 4)) & 1 == 1
            }
        }
    }

    static func text(mode: String, count: Int) -> String {
        let base = Array(Fixtures.sweepBases[mode] ?? "")
        guard !base.isEmpty else { return "" }
        return String((0..<count).map { base[$0 % base.count] })
    }

    static func label(_ correction: QRCode.Correction) -> String {
        switch correction {
        case .low: "L"
        case .medium: "M"
        case .quartile: "Q"
        case .high: "H"
        }
    }

    // MARK: Reference symbols (segno)

    @Test(arguments: Fixtures.symbols)
    func matchesReference(_ ref: ReferenceSymbol) throws {
        let context = "\(ref.name) \(Self.label(ref.correction))"
        guard ref.version > 0 else {
            #expect(QRCode(text: ref.text, correction: ref.correction) == nil, "\(context)")
            return
        }
        let code = try #require(QRCode(text: ref.text, correction: ref.correction), "\(context)")
        #expect(code.version == ref.version, "\(context)")
        #expect(code.size == 17 + 4 * ref.version, "\(context)")
        #expect(code.mask == ref.mask, "\(context)")
        let expected = Self.rows(hex: ref.hexRows, size: code.size)
        try #require(expected.count == code.size, "\(context)")
        var mismatches = 0
        for y in 0..<code.size {
            for x in 0..<code.size where code.isDark(x: x, y: y) != expected[y][x] {
                mismatches += 1
            }
        }
        #expect(mismatches == 0, "\(context): \(mismatches) modules differ")
    }

    /// Every forced mask gives segno's matrix, and the penalty scores agree with the script's.
    @Test(arguments: Fixtures.symbols.filter { $0.version > 0 })
    func everyMaskMatchesReference(_ ref: ReferenceSymbol) throws {
        let context = "\(ref.name) \(Self.label(ref.correction))"
        for mask in 0..<8 {
            let code = try #require(QRCode(text: ref.text, correction: ref.correction, forcedMask: mask))
            #expect(code.mask == mask)
            #expect(Self.hash(code) == ref.maskHashes[mask], "\(context) mask \(mask)")
            #expect(QRCode.penalty(code.modules, size: code.size) == ref.penalties[mask], "\(context) mask \(mask)")
        }
    }

    /// segno scores masks before drawing the format/version information; where its choice
    /// differs from the complete-symbol evaluation of §7.8.3.1, it scores worse on the final symbol.
    @Test func segnoDisagreementsScoreWorse() {
        var disagreements = 0
        for ref in Fixtures.symbols where ref.version > 0 && ref.segnoMask != ref.mask {
            disagreements += 1
            #expect(ref.penalties[ref.segnoMask] > ref.penalties[ref.mask])
        }
        #expect(disagreements > 0)
    }

    // MARK: All versions and levels (capacity boundaries)

    @Test(arguments: ["numeric", "alphanumeric", "byte"])
    func capacityBoundaries(mode: String) throws {
        for point in Fixtures.capacities where point.mode == mode {
            let context = "\(mode) \(Self.label(point.correction)) v\(point.version)"
            let full = Self.text(mode: mode, count: point.count)
            let code = try #require(QRCode(text: full, correction: point.correction, forcedMask: point.mask), "\(context)")
            #expect(code.version == point.version, "\(context)")
            #expect(Self.hash(code) == point.hash, "\(context)")
            let over = QRCode(text: Self.text(mode: mode, count: point.count + 1), correction: point.correction, forcedMask: 0)
            if point.version == 40 {
                #expect(over == nil, "\(context)")
            } else {
                #expect(over?.version == point.version + 1, "\(context)")
            }
        }
    }

    // MARK: Worked example of ISO/IEC 18004:2015 Annex I ("01234567", 1-M)

    @Test func annexIExampleCodewords() {
        let bytes = Array("01234567".utf8)
        let mode = QRCode.Mode(bytes)
        #expect(mode == .numeric)
        #expect(QRCode.smallestVersion(mode: mode, count: bytes.count, correction: .medium) == 1)
        let data = QRCode.dataCodewords(bytes: bytes, mode: mode, version: 1, correction: .medium)
        #expect(data == [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11])
        let all = QRCode.interleavedCodewords(data: data, version: 1, correction: .medium)
        #expect(Array(all.dropFirst(16)) == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    /// No padding bits when the terminator ends on a codeword boundary (segno issue #148).
    @Test func noExtraPaddingByteOnCodewordBoundary() {
        let bytes = Array("ABCDE12345".utf8)  // 4 + 9 + 55 + 4 terminator = 72 bits
        let data = QRCode.dataCodewords(bytes: bytes, mode: .alphanumeric, version: 1, correction: .low)
        #expect(data.count == 19)
        #expect(Array(data[9...]) == [0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11])
    }

    // MARK: Penalty rules (§7.8.3.1, Table 11)

    static func line(_ bits: String) -> [Bool] { bits.map { $0 == "1" } }

    @Test func runPenalty() {
        #expect(QRCode.runPenalty(Self.line("0000")) == 0)
        #expect(QRCode.runPenalty(Self.line("11111")) == 3)
        #expect(QRCode.runPenalty(Self.line("0111111")) == 4)
        #expect(QRCode.runPenalty(Self.line("00000100000")) == 6)
    }

    @Test func finderLikePenalty() {
        #expect(QRCode.finderLikePenalty(Self.line("00001011101")) == 40)
        #expect(QRCode.finderLikePenalty(Self.line("10111010000")) == 40)
        #expect(QRCode.finderLikePenalty(Self.line("0000101110100001")) == 40)  // once, light on both sides
        #expect(QRCode.finderLikePenalty(Self.line("1011101")) == 40)  // the quiet zone is light
        #expect(QRCode.finderLikePenalty(Self.line("1000101110100011")) == 0)  // 3 light each side
        #expect(QRCode.finderLikePenalty(Self.line("1101110111")) == 0)
        // Two overlapping occurrences each qualify (segno's search skips the second one).
        #expect(QRCode.finderLikePenalty(Self.line("100001011101110100001")) == 80)
    }

    @Test func blockAndBalancePenalty() {
        // 21×21, all light: N1 = 2·21·(21−2), N2 = 3·20·20, N3 = 0, N4 = 10·10.
        let light = [Bool](repeating: false, count: 21 * 21)
        #expect(QRCode.penalty(light, size: 21) == 2 * 21 * 19 + 3 * 400 + 100)
    }

    // MARK: Limits and robustness

    @Test func tooLongIsNil() {
        #expect(QRCode(text: String(repeating: "a", count: 2953), correction: .low)?.version == 40)
        #expect(QRCode(text: String(repeating: "a", count: 2954), correction: .low) == nil)
        #expect(QRCode(text: String(repeating: "a", count: 1274), correction: .high) == nil)
        #expect(QRCode(text: String(repeating: "7", count: 7089), correction: .low)?.version == 40)
        #expect(QRCode(text: String(repeating: "7", count: 7090), correction: .low) == nil)
        #expect(QRCode(text: String(repeating: "Ж", count: 10_000)) == nil)
        #expect(QRCode(text: String(repeating: "0", count: 1_000_000)) == nil)
    }

    @Test(arguments: [
        "\u{301}", "\u{301}\u{302}\u{303}", "e\u{301}", "🇺🇦", "👩‍👩‍👧‍👦", "\u{0}", "\u{FEFF}", "\r\n",
        "\u{10FFFF}", String(repeating: "🙂", count: 10_000), String(repeating: "\u{301}", count: 10_000),
        String(repeating: "x", count: 10_000), String(repeating: "A", count: 4297),
    ])
    func anyStringIsSafe(_ text: String) {
        for correction in [QRCode.Correction.low, .medium, .quartile, .high] {
            if let code = QRCode(text: text, correction: correction) {
                #expect((1...40).contains(code.version))
                #expect((0...7).contains(code.mask))
                #expect(code.size == 17 + 4 * code.version)
                #expect(!code.svg(label: text).isEmpty)
            }
        }
    }

    @Test func isDarkOutsideGridIsFalse() throws {
        let code = try #require(QRCode(text: "HX4KQ7MZ2R"))
        #expect(code.isDark(x: 0, y: 0))
        for (x, y) in [(-1, 0), (0, -1), (code.size, 0), (0, code.size), (Int.min, Int.max), (Int.max, Int.max)] {
            #expect(!code.isDark(x: x, y: y))
        }
    }

    @Test func ticketUsesAlphanumericMode() throws {
        // 10 alphanumeric characters fit version 1 even at level H (byte mode would not: 10 > 7).
        let code = try #require(QRCode(text: "HX4KQ7MZ2R", correction: .high))
        #expect(code.version == 1)
        #expect(QRCode(text: "hx4kq7mz2r", correction: .high)?.version == 2)
    }

    @Test func defaultLevelIsMedium() {
        #expect(QRCode(text: "Вінниця") == QRCode(text: "Вінниця", correction: .medium))
    }

    // MARK: SVG

    @Test func svgStructure() throws {
        let code = try #require(QRCode(text: "HX4KQ7MZ2R"))
        let svg = code.svg(label: #"Ticket <HX4K> & "door" 'A'"#)
        #expect(svg.hasPrefix("<svg "))
        #expect(svg.hasSuffix("</svg>"))
        #expect(svg.components(separatedBy: "<path").count == 2)
        #expect(!svg.contains("<rect x"))
        #expect(svg.components(separatedBy: "<rect").count == 2)
        #expect(svg.contains(#"viewBox="0 0 29 29""#))
        #expect(svg.contains(#"shape-rendering="crispEdges""#))
        #expect(svg.contains(#"role="img""#))
        #expect(svg.contains(#"aria-label="Ticket &lt;HX4K&gt; &amp; &quot;door&quot; &apos;A&apos;""#))
        #expect(!svg.contains("<HX4K>"))
        // The opening tag has no width/height attributes.
        let openingTag = String(svg.prefix { $0 != ">" })
        #expect(!openingTag.contains("width="))
        #expect(!openingTag.contains("height="))
    }

    /// The path covers exactly the dark modules, offset by the 4-module quiet zone.
    @Test func svgPathMatchesModules() throws {
        let code = try #require(QRCode(text: "https://hromada.example/vinnytsia/visit/certificates/kava-na-soborniy/verify"))
        let svg = code.svg(label: "certificate")
        let start = try #require(svg.range(of: #" d=""#))
        let rest = svg[start.upperBound...]
        let end = try #require(rest.firstIndex(of: "\""))
        let path = String(rest[..<end])
        var dark = Set<Int>()
        for command in path.split(separator: "M") {
            // "x yhNv1h-Nz"
            let parts = command.split(whereSeparator: { " hvz".contains($0) })
            try #require(parts.count == 5)
            #expect(parts[3] == "1" && parts[4] == "-\(parts[2])")
            let x = try #require(Int(parts[0])), y = try #require(Int(parts[1])), run = try #require(Int(parts[2]))
            for dx in 0..<run { dark.insert((y - 4) * code.size + (x - 4 + dx)) }
        }
        var expected = Set<Int>()
        for y in 0..<code.size {
            for x in 0..<code.size where code.isDark(x: x, y: y) { expected.insert(y * code.size + x) }
        }
        #expect(dark == expected)
    }

    @Test func svgLabelControlCharactersStayWellFormed() throws {
        let code = try #require(QRCode(text: "1"))
        let svg = code.svg(label: "a\u{0}b\u{1B}c\nd")
        #expect(!svg.unicodeScalars.contains { $0.value < 0x20 })
        #expect(svg.contains(#"aria-label="a\#u{FFFD}b\#u{FFFD}c d""#))
    }
}

extension ReferenceSymbol: CustomTestStringConvertible {
    var testDescription: String { "\(name) \(QRCodeTests.label(correction))" }
}
