import Foundation

/// A QR Code symbol (ISO/IEC 18004:2015, model 2, versions 1–40), encoded from text.
///
/// The text is encoded as a single segment: numeric mode when it consists of digits only,
/// alphanumeric mode when it consists of `0–9 A–Z space $ % * + - . / :` only, and byte mode of
/// its UTF-8 bytes otherwise (also for the empty string; no ECI header). The smallest version
/// that fits at the requested error correction level is used (the level is never raised), and
/// the data mask is the one with the lowest penalty score of ISO/IEC 18004:2015 §7.8.3.1,
/// evaluated over the complete symbol (ties: lowest mask number).
public struct QRCode: Sendable, Equatable {
    public enum Correction: Sendable {
        case low, medium, quartile, high
    }

    /// 1...40, the smallest version that holds the text.
    public let version: Int
    /// 0...7, the data mask pattern.
    public let mask: Int
    /// Modules per side: 17 + 4 * version.
    public let size: Int
    /// Row-major, `size * size` modules, `true` = dark.
    let modules: [Bool]

    /// nil when the text does not fit in version 40 at that level.
    public init?(text: String, correction: Correction = .medium) {
        self.init(text: text, correction: correction, forcedMask: nil)
    }

    /// `forcedMask` in 0...7 skips the penalty evaluation (used by the tests); nil chooses the best mask.
    init?(text: String, correction: Correction, forcedMask: Int?) {
        if let forcedMask, !(0...7).contains(forcedMask) { return nil }
        let bytes = Array(text.utf8)
        // No symbol holds more than 7089 characters (numeric mode, 40-L): reject early so that
        // every later computation stays small.
        guard bytes.count <= 7089 else { return nil }
        let mode = Mode(bytes)
        guard let version = Self.smallestVersion(mode: mode, count: bytes.count, correction: correction) else {
            return nil
        }
        let data = Self.dataCodewords(bytes: bytes, mode: mode, version: version, correction: correction)
        let codewords = Self.interleavedCodewords(data: data, version: version, correction: correction)

        var grid = Grid(version: version)
        grid.drawFunctionPatterns(correction: correction)
        grid.drawCodewords(codewords)

        var chosen = 0
        if let forcedMask {
            chosen = forcedMask
        } else {
            var best = Int.max
            for candidate in 0..<8 {
                var trial = grid
                trial.applyMask(candidate)
                trial.drawFormatBits(correction: correction, mask: candidate)
                let score = Self.penalty(trial.modules, size: trial.size)
                if score < best {
                    best = score
                    chosen = candidate
                }
            }
        }
        grid.applyMask(chosen)
        grid.drawFormatBits(correction: correction, mask: chosen)

        self.version = version
        self.mask = chosen
        self.size = grid.size
        self.modules = grid.modules
    }

    /// Whether the module at column `x`, row `y` is dark; false outside the grid.
    public func isDark(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }

    /// An SVG of the symbol with a 4-module quiet zone, sized by the page (no width/height).
    public func svg(label: String) -> String {
        let quiet = 4
        let side = size + 2 * quiet
        var path = ""
        path.reserveCapacity(size * size)
        for y in 0..<size {
            var x = 0
            while x < size {
                guard modules[y * size + x] else {
                    x += 1
                    continue
                }
                var run = 1
                while x + run < size, modules[y * size + x + run] { run += 1 }
                path += "M\(x + quiet) \(y + quiet)h\(run)v1h-\(run)z"
                x += run
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" \
            shape-rendering="crispEdges" role="img" aria-label="\(Self.xmlEscaped(label))">\
            <rect width="\(side)" height="\(side)" fill="#fff"/>\
            <path fill="#000" d="\(path)"/></svg>
            """
    }

    // MARK: - Text escaping

    static func xmlEscaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out += " "
            default:
                // Characters that XML 1.0 forbids even as references.
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    // MARK: - Data encoding

    enum Mode {
        case numeric, alphanumeric, byte

        init(_ bytes: [UInt8]) {
            if bytes.isEmpty {
                self = .byte
            } else if bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                self = .numeric
            } else if bytes.allSatisfy({ QRCode.alphanumericValue($0) != nil }) {
                self = .alphanumeric
            } else {
                self = .byte
            }
        }

        var indicator: Int {
            switch self {
            case .numeric: 0b0001
            case .alphanumeric: 0b0010
            case .byte: 0b0100
            }
        }

        func countBits(version: Int) -> Int {
            let range = version <= 9 ? 0 : (version <= 26 ? 1 : 2)
            switch self {
            case .numeric: return [10, 12, 14][range]
            case .alphanumeric: return [9, 11, 13][range]
            case .byte: return [8, 16, 16][range]
            }
        }

        /// Bits of the data part of a segment with `count` characters (count ≤ 7089).
        func dataBits(count: Int) -> Int {
            switch self {
            case .numeric: return count / 3 * 10 + [0, 4, 7][count % 3]
            case .alphanumeric: return count / 2 * 11 + count % 2 * 6
            case .byte: return count * 8
            }
        }
    }

    static func alphanumericValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: return Int(byte) - 0x30
        case 0x41...0x5A: return Int(byte) - 0x41 + 10
        case 0x20: return 36
        case 0x24: return 37  // $
        case 0x25: return 38  // %
        case 0x2A: return 39  // *
        case 0x2B: return 40  // +
        case 0x2D: return 41  // -
        case 0x2E: return 42  // .
        case 0x2F: return 43  // /
        case 0x3A: return 44  // :
        default: return nil
        }
    }

    static func smallestVersion(mode: Mode, count: Int, correction: Correction) -> Int? {
        for version in 1...40 {
            let countBits = mode.countBits(version: version)
            guard count < 1 << countBits else { continue }
            let needed = 4 + countBits + mode.dataBits(count: count)
            if needed <= numDataCodewords(version: version, correction: correction) * 8 {
                return version
            }
        }
        return nil
    }

    /// Segment header, data, terminator, bit padding and pad codewords (§7.4).
    static func dataCodewords(bytes: [UInt8], mode: Mode, version: Int, correction: Correction) -> [UInt8] {
        var bits = BitBuffer()
        bits.append(mode.indicator, count: 4)
        bits.append(bytes.count, count: mode.countBits(version: version))
        switch mode {
        case .numeric:
            var index = 0
            while index < bytes.count {
                let group = min(3, bytes.count - index)
                var value = 0
                for offset in 0..<group { value = value * 10 + Int(bytes[index + offset]) - 0x30 }
                bits.append(value, count: [0, 4, 7, 10][group])
                index += group
            }
        case .alphanumeric:
            var index = 0
            while index + 1 < bytes.count {
                let value = (alphanumericValue(bytes[index]) ?? 0) * 45 + (alphanumericValue(bytes[index + 1]) ?? 0)
                bits.append(value, count: 11)
                index += 2
            }
            if index < bytes.count {
                bits.append(alphanumericValue(bytes[index]) ?? 0, count: 6)
            }
        case .byte:
            for byte in bytes { bits.append(Int(byte), count: 8) }
        }
        let capacityBits = numDataCodewords(version: version, correction: correction) * 8
        bits.append(0, count: min(4, capacityBits - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var result = bits.bytes
        var pad: UInt8 = 0xEC
        while result.count * 8 < capacityBits {
            result.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return result
    }

    struct BitBuffer {
        private(set) var bytes: [UInt8] = []
        private(set) var count = 0

        /// Appends the low `count` bits of `value`, most significant first.
        mutating func append(_ value: Int, count bitCount: Int) {
            guard bitCount > 0 else { return }
            for shift in stride(from: bitCount - 1, through: 0, by: -1) {
                let bit = (value >> shift) & 1
                if count % 8 == 0 { bytes.append(0) }
                if bit != 0, let last = bytes.indices.last {
                    bytes[last] |= UInt8(truncatingIfNeeded: 0x80 >> (count % 8))
                }
                count += 1
            }
        }
    }

    // MARK: - Error correction (§7.5, §7.6)

    private static func levelIndex(_ correction: Correction) -> Int {
        switch correction {
        case .low: 0
        case .medium: 1
        case .quartile: 2
        case .high: 3
        }
    }

    /// Error correction codewords per block, by level then version (index 0 unused).
    private static let eccCodewordsPerBlock: [[Int]] = [
        [0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
        [0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    ]

    /// Error correction blocks, by level then version (index 0 unused).
    private static let errorCorrectionBlocks: [[Int]] = [
        [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
        [0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
        [0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
    ]

    /// Modules available for data and error correction codewords (including remainder bits).
    static func numRawDataModules(version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignments = version / 7 + 2
            result -= (25 * alignments - 10) * alignments - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    static func numDataCodewords(version: Int, correction: Correction) -> Int {
        let level = levelIndex(correction)
        return numRawDataModules(version: version) / 8
            - eccCodewordsPerBlock[level][version] * errorCorrectionBlocks[level][version]
    }

    /// Splits the data into blocks, appends each block's Reed–Solomon codewords and interleaves.
    static func interleavedCodewords(data: [UInt8], version: Int, correction: Correction) -> [UInt8] {
        let level = levelIndex(correction)
        let blockCount = errorCorrectionBlocks[level][version]
        let eccLength = eccCodewordsPerBlock[level][version]
        let rawCodewords = numRawDataModules(version: version) / 8
        let shortBlockCount = blockCount - rawCodewords % blockCount
        let shortBlockLength = rawCodewords / blockCount
        let shortDataLength = shortBlockLength - eccLength
        let generator = ReedSolomon.generator(degree: eccLength)

        var dataBlocks: [[UInt8]] = []
        var eccBlocks: [[UInt8]] = []
        var start = 0
        for block in 0..<blockCount {
            let length = shortDataLength + (block < shortBlockCount ? 0 : 1)
            let end = min(start + length, data.count)
            let chunk = Array(data[min(start, end)..<end])
            dataBlocks.append(chunk)
            eccBlocks.append(ReedSolomon.remainder(of: chunk, generator: generator))
            start += length
        }
        var result: [UInt8] = []
        result.reserveCapacity(rawCodewords)
        for index in 0...shortDataLength {
            for block in dataBlocks where index < block.count { result.append(block[index]) }
        }
        for index in 0..<eccLength {
            for block in eccBlocks where index < block.count { result.append(block[index]) }
        }
        return result
    }

    enum ReedSolomon {
        /// exp[i] = α^i in GF(256) with the primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D).
        static let exp: [UInt8] = {
            var table = [UInt8](repeating: 0, count: 256)
            var value = 1
            for i in 0..<256 {
                table[i] = UInt8(truncatingIfNeeded: value)
                value <<= 1
                if value & 0x100 != 0 { value ^= 0x11D }
            }
            return table
        }()

        static let log: [Int] = {
            var table = [Int](repeating: 0, count: 256)
            for i in 0..<255 { table[Int(exp[i])] = i }
            return table
        }()

        static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
            guard a != 0, b != 0 else { return 0 }
            return exp[(log[Int(a)] + log[Int(b)]) % 255]
        }

        /// Coefficients of ∏(x − α^i), i = 0..<degree, highest power first, leading 1 omitted.
        static func generator(degree: Int) -> [UInt8] {
            guard degree > 0 else { return [] }
            var result = [UInt8](repeating: 0, count: degree)
            result[degree - 1] = 1
            var root: UInt8 = 1
            for _ in 0..<degree {
                for j in 0..<degree {
                    result[j] = multiply(result[j], root)
                    if j + 1 < degree { result[j] ^= result[j + 1] }
                }
                root = multiply(root, 2)
            }
            return result
        }

        /// The remainder of data(x)·x^degree divided by the generator polynomial.
        static func remainder(of data: [UInt8], generator: [UInt8]) -> [UInt8] {
            var result = [UInt8](repeating: 0, count: generator.count)
            guard !result.isEmpty else { return result }
            for byte in data {
                let factor = byte ^ result[0]
                result.removeFirst()
                result.append(0)
                for i in 0..<result.count { result[i] ^= multiply(generator[i], factor) }
            }
            return result
        }
    }

    // MARK: - Matrix

    struct Grid {
        let version: Int
        let size: Int
        var modules: [Bool]
        var isFunction: [Bool]

        init(version: Int) {
            self.version = version
            size = 17 + 4 * version
            modules = [Bool](repeating: false, count: size * size)
            isFunction = modules
        }

        mutating func setFunction(x: Int, y: Int, dark: Bool) {
            guard x >= 0, y >= 0, x < size, y < size else { return }
            modules[y * size + x] = dark
            isFunction[y * size + x] = true
        }

        mutating func drawFunctionPatterns(correction: Correction) {
            for i in 0..<size {
                setFunction(x: 6, y: i, dark: i % 2 == 0)
                setFunction(x: i, y: 6, dark: i % 2 == 0)
            }
            drawFinder(centerX: 3, centerY: 3)
            drawFinder(centerX: size - 4, centerY: 3)
            drawFinder(centerX: 3, centerY: size - 4)
            let positions = Self.alignmentPositions(version: version)
            let last = positions.count - 1
            for (i, cy) in positions.enumerated() {
                for (j, cx) in positions.enumerated() {
                    if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                    for dy in -2...2 {
                        for dx in -2...2 {
                            setFunction(x: cx + dx, y: cy + dy, dark: max(abs(dx), abs(dy)) != 1)
                        }
                    }
                }
            }
            drawFormatBits(correction: correction, mask: 0)  // reserves the area
            drawVersionBits()
        }

        /// Finder pattern with its separator, clipped to the symbol.
        mutating func drawFinder(centerX: Int, centerY: Int) {
            for dy in -4...4 {
                for dx in -4...4 {
                    let distance = max(abs(dx), abs(dy))
                    setFunction(x: centerX + dx, y: centerY + dy, dark: distance != 2 && distance != 4)
                }
            }
        }

        /// Centre coordinates of alignment patterns (Annex E), ascending.
        static func alignmentPositions(version: Int) -> [Int] {
            guard version >= 2 else { return [] }
            let count = version / 7 + 2
            let size = 17 + 4 * version
            let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
            var result = [6]
            for i in stride(from: count - 2, through: 0, by: -1) {
                result.append(size - 7 - i * step)
            }
            return result
        }

        /// Format information (§7.9): level and mask, BCH(15,5), XOR 0x5412, plus the dark module.
        mutating func drawFormatBits(correction: Correction, mask: Int) {
            let levelBits: Int
            switch correction {
            case .low: levelBits = 1
            case .medium: levelBits = 0
            case .quartile: levelBits = 3
            case .high: levelBits = 2
            }
            let data = levelBits << 3 | (mask & 7)
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            let bits = (data << 10 | remainder) ^ 0x5412
            func bit(_ i: Int) -> Bool { (bits >> i) & 1 != 0 }

            for i in 0...5 { setFunction(x: 8, y: i, dark: bit(i)) }
            setFunction(x: 8, y: 7, dark: bit(6))
            setFunction(x: 8, y: 8, dark: bit(7))
            setFunction(x: 7, y: 8, dark: bit(8))
            for i in 9..<15 { setFunction(x: 14 - i, y: 8, dark: bit(i)) }
            for i in 0..<8 { setFunction(x: size - 1 - i, y: 8, dark: bit(i)) }
            for i in 8..<15 { setFunction(x: 8, y: size - 15 + i, dark: bit(i)) }
            setFunction(x: 8, y: size - 8, dark: true)
        }

        /// Version information (§7.10) for versions 7 and up: BCH(18,6).
        mutating func drawVersionBits() {
            guard version >= 7 else { return }
            var remainder = version
            for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
            let bits = version << 12 | remainder
            for i in 0..<18 {
                let dark = (bits >> i) & 1 != 0
                let a = size - 11 + i % 3
                let b = i / 3
                setFunction(x: a, y: b, dark: dark)
                setFunction(x: b, y: a, dark: dark)
            }
        }

        /// Places the codewords in two-module columns, zig-zagging from the bottom right (§7.7.3).
        mutating func drawCodewords(_ codewords: [UInt8]) {
            let totalBits = codewords.count * 8
            var index = 0
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                let upward = (right + 1) & 2 == 0
                for vertical in 0..<size {
                    let y = upward ? size - 1 - vertical : vertical
                    for j in 0..<2 {
                        let x = right - j
                        let position = y * size + x
                        guard !isFunction[position], index < totalBits else { continue }
                        modules[position] = (codewords[index >> 3] >> (7 - (index & 7))) & 1 != 0
                        index += 1
                    }
                }
                right -= 2
            }
        }

        /// XORs the data mask pattern (§7.8.2, i = row = y, j = column = x) onto non-function modules.
        mutating func applyMask(_ mask: Int) {
            for y in 0..<size {
                for x in 0..<size {
                    let position = y * size + x
                    guard !isFunction[position] else { continue }
                    let invert: Bool
                    switch mask {
                    case 0: invert = (x + y) % 2 == 0
                    case 1: invert = y % 2 == 0
                    case 2: invert = x % 3 == 0
                    case 3: invert = (x + y) % 3 == 0
                    case 4: invert = (x / 3 + y / 2) % 2 == 0
                    case 5: invert = x * y % 2 + x * y % 3 == 0
                    case 6: invert = (x * y % 2 + x * y % 3) % 2 == 0
                    case 7: invert = ((x + y) % 2 + x * y % 3) % 2 == 0
                    default: invert = false
                    }
                    if invert { modules[position].toggle() }
                }
            }
        }
    }

    // MARK: - Mask evaluation (§7.8.3.1)

    /// Penalty score N1 + N2 + N3 + N4 of a complete symbol (format and version information drawn).
    ///
    /// - N1: each run of 5 + i same-coloured modules in a row or column scores 3 + i.
    /// - N2: each 2×2 block of one colour scores 3 (an m×n block thus scores 3·(m−1)·(n−1)).
    /// - N3: each dark–light–dark×3–light–dark (1:1:3:1:1) sequence in a row or column that is
    ///   preceded or followed by 4 light modules scores 40 (once per sequence; modules beyond the
    ///   edge are the light quiet zone).
    /// - N4: 10·k where k is the number of whole 5 % steps the dark proportion lies away from 50 %.
    static func penalty(_ modules: [Bool], size: Int) -> Int {
        guard size > 0, modules.count == size * size else { return 0 }
        var score = 0
        var line = [Bool](repeating: false, count: size)
        for index in 0..<size {
            for horizontal in [true, false] {
                for i in 0..<size {
                    line[i] = horizontal ? modules[index * size + i] : modules[i * size + index]
                }
                score += runPenalty(line) + finderLikePenalty(line)
            }
        }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let colour = modules[y * size + x]
                if colour == modules[y * size + x + 1], colour == modules[(y + 1) * size + x],
                   colour == modules[(y + 1) * size + x + 1] {
                    score += 3
                }
            }
        }
        let dark = modules.reduce(0) { $0 + ($1 ? 1 : 0) }
        let total = size * size
        score += abs(dark * 20 - total * 10) / total * 10
        return score
    }

    static func runPenalty(_ line: [Bool]) -> Int {
        var score = 0
        var run = 0
        for (i, colour) in line.enumerated() {
            if i > 0, colour == line[i - 1] {
                run += 1
            } else {
                if run >= 5 { score += run - 2 }
                run = 1
            }
        }
        if run >= 5 { score += run - 2 }
        return score
    }

    static func finderLikePenalty(_ line: [Bool]) -> Int {
        let pattern = [true, false, true, true, true, false, true]
        let count = line.count
        guard count >= 7 else { return 0 }
        func light(_ range: Range<Int>) -> Bool {
            for i in range where i >= 0 && i < count && line[i] { return false }
            return true
        }
        var score = 0
        for start in 0...(count - 7) {
            var matches = true
            for k in 0..<7 where line[start + k] != pattern[k] {
                matches = false
                break
            }
            if matches, light((start - 4)..<start) || light((start + 7)..<(start + 11)) {
                score += 40
            }
        }
        return score
    }
}
