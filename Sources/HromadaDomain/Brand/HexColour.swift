import Foundation

/// An sRGB colour written `#rrggbb` (or `#rgb`), as a brand's colours are
/// typed and stored. Anything else (a name, `rgb(…)`, an alpha channel) is
/// refused: what we write into `brand.css` is only ever these seven bytes.
public struct HexColour: Hashable, Sendable, CustomStringConvertible {
    public let red: UInt8
    public let green: UInt8
    public let blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// `#rrggbb` or `#rgb`, either case, with white space around it trimmed.
    public init?(_ text: String) {
        let digits = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        guard digits.first == UInt8(ascii: "#") else { return nil }
        let values = digits.dropFirst().map(Self.hexDigit)
        guard !values.contains(nil) else { return nil }
        let nibbles = values.compactMap { $0 }
        switch nibbles.count {
        case 3: self.init(red: nibbles[0] * 17, green: nibbles[1] * 17, blue: nibbles[2] * 17)
        case 6: self.init(red: nibbles[0] << 4 | nibbles[1], green: nibbles[2] << 4 | nibbles[3], blue: nibbles[4] << 4 | nibbles[5])
        default: return nil
        }
    }

    /// `#rrggbb`, lower case.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [UInt8(ascii: "#")]
        for channel in [red, green, blue] { out += [digits[Int(channel >> 4)], digits[Int(channel & 0x0F)]] }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { hex }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// WCAG 2.2's relative luminance: each channel linearised (≤ 0.04045 on a
    /// straight line, as WCAG 2.2 and sRGB say; WCAG 2.0 printed 0.03928,
    /// which no 8-bit channel value tells apart), weighted 0.2126, 0.7152, 0.0722.
    public var relativeLuminance: Double {
        func linear(_ channel: UInt8) -> Double {
            let value = Double(channel) / 255
            return value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// This colour `amount` (0…1) of the way towards `other`, channel by channel.
    public func mixed(with other: HexColour, _ amount: Double) -> HexColour {
        let share = min(1, max(0, amount))
        func channel(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8(min(255, max(0, (Double(a) + (Double(b) - Double(a)) * share).rounded())))
        }
        return HexColour(red: channel(red, other.red), green: channel(green, other.green), blue: channel(blue, other.blue))
    }

    public static let black = HexColour(red: 0, green: 0, blue: 0)
    public static let white = HexColour(red: 255, green: 255, blue: 255)
}

/// WCAG 2.x contrast ratio of two colours: (L1 + 0.05) / (L2 + 0.05), the
/// lighter's luminance over the darker's, from 1:1 to 21:1.
public struct ContrastRatio: Comparable, Sendable {
    public let value: Double

    public init(_ first: HexColour, _ second: HexColour) {
        let a = first.relativeLuminance, b = second.relativeLuminance
        value = (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    /// WCAG 2.x AA for normal text (success criterion 1.4.3).
    public static let minimumAA = 4.5

    public var passesAA: Bool { value >= Self.minimumAA }

    /// `4.48:1`: two decimals, rounded; a failing ratio never shows as the
    /// threshold it missed (4.499 is `4.49:1`, not `4.50:1`).
    public var text: String {
        var hundredths = Int((value * 100).rounded())
        if !passesAA { hundredths = min(hundredths, Int(Self.minimumAA * 100) - 1) }
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction):1"
    }

    public static func < (lhs: ContrastRatio, rhs: ContrastRatio) -> Bool { lhs.value < rhs.value }
}
