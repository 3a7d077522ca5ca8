#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A plain-text mail to a single recipient.
public struct SMTPMessage: Sendable, Equatable {
    /// Local part of the `Message-ID` header; the sender's domain is appended. Characters that are
    /// not allowed there are replaced, so the header stays well-formed whatever the caller passes.
    public var messageID: String
    public var to: String
    public var subject: String
    public var textBody: String
    /// Overrides `SMTPConfiguration.from` for this message.
    public var from: String?
    /// An https link that unsubscribes with one POST (RFC 8058): sent as
    /// `List-Unsubscribe` with `List-Unsubscribe-Post`, so a mail app shows
    /// its own unsubscribe button. Dropped when it is not a plain https URL.
    public var listUnsubscribe: String?

    public init(messageID: String, to: String, subject: String, textBody: String, from: String? = nil, listUnsubscribe: String? = nil) {
        self.messageID = messageID
        self.to = to
        self.subject = subject
        self.textBody = textBody
        self.from = from
        self.listUnsubscribe = listUnsubscribe
    }
}

/// Addresses end up both in SMTP commands and in headers, so anything that could end a line or a
/// path (`CR`, `LF`, `<`, `>`) would let a caller inject commands or headers. Only the unquoted
/// `local@domain` form is accepted; quoted local parts and non-ASCII addresses (which would need
/// SMTPUTF8) are deliberately out of scope.
enum SMTPAddressValidator {
    package static func validate(_ address: String) throws {
        let bytes = Array(address.utf8)
        guard !bytes.isEmpty, bytes.count <= 254 else {
            throw SMTPError.invalidAddress(address)
        }
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), bytes.lastIndex(of: UInt8(ascii: "@")) == at else {
            throw SMTPError.invalidAddress(address)
        }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard isDotAtom(local), local.count <= 64, isDotAtom(domain) else {
            throw SMTPError.invalidAddress(address)
        }
    }

    /// EHLO/HELO take a domain or address literal: one printable ASCII token.
    static func isValidHeloName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 255 && name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }

    package static func domain(of address: String) -> Substring? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        return address[address.index(after: at)...]
    }

    static func isDotAtom(_ bytes: some BidirectionalCollection<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last,
            first != UInt8(ascii: "."), last != UInt8(ascii: ".")
        else {
            return false
        }
        var previousWasDot = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                if previousWasDot { return false }
                previousWasDot = true
            } else if isAtext(byte) {
                previousWasDot = false
            } else {
                return false
            }
        }
        return true
    }

    /// RFC 5322 `atext`: excludes controls, space, and specials such as `<>()[]:;@\,"`.
    static func isAtext(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(byte)
        }
    }
}

enum SMTPMessageRenderer {
    /// The full RFC 5322 message with CRLF line endings, not yet dot-stuffed.
    package static func render(_ message: SMTPMessage, from: String, date: Date) -> [UInt8] {
        let domain = SMTPAddressValidator.domain(of: from).map(String.init) ?? "localhost"
        var headers = [
            "Date: \(rfc5322Date(date))",
            "From: \(from)",
            "To: \(message.to)",
            encodedHeader(name: "Subject", value: message.subject),
            "Message-ID: <\(messageIDLocalPart(message.messageID))@\(domain)>",
            // RFC 3834: written by a program, so vacation and other
            // auto-responders do not answer it.
            "Auto-Submitted: auto-generated",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
        ]
        if let link = message.listUnsubscribe, isHeaderSafeURL(link) {
            headers += ["List-Unsubscribe: <\(link)>", "List-Unsubscribe-Post: List-Unsubscribe=One-Click"]
        }
        var output = Array(headers.joined(separator: "\r\n").utf8)
        output.append(contentsOf: Array("\r\n\r\n".utf8))
        let body = canonicalLineEndings(message.textBody)
        if !body.isEmpty {
            // Foundation's 76-character option produces exactly the line length RFC 2045 asks for.
            let encoded = Data(body).base64EncodedString(options: [
                .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
            ])
            output.append(contentsOf: Array(encoded.utf8))
            output.append(contentsOf: Array("\r\n".utf8))
        }
        return output
    }

    /// A URL that can stand inside `<…>` on one header line: http(s), printable
    /// ASCII without spaces or angle brackets, short enough not to need folding.
    static func isHeaderSafeURL(_ link: String) -> Bool {
        (link.hasPrefix("https://") || link.hasPrefix("http://")) && link.utf8.count <= 900
            && link.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }
    }

    /// Makes `message` safe to send after DATA: a line consisting of a single dot would end the
    /// transfer early, so every line starting with a dot gets one more (RFC 5321 §4.5.2), and the
    /// terminator is appended.
    static func dataPayload(_ message: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.count + 8)
        var atLineStart = true
        for byte in message {
            if atLineStart && byte == UInt8(ascii: ".") {
                output.append(UInt8(ascii: "."))
            }
            output.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
        }
        if !output.isEmpty && !output.ends(with: [UInt8(ascii: "\r"), UInt8(ascii: "\n")]) {
            output.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
        }
        output.append(contentsOf: Array(".\r\n".utf8))
        return output
    }

    /// Text bodies must be in canonical form (CRLF line breaks) before base64 encoding (RFC 2045 §6.8),
    /// otherwise receivers see the sender platform's line endings.
    static func canonicalLineEndings(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\r"):
                output.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
                previousWasCR = true
            case UInt8(ascii: "\n"):
                if !previousWasCR {
                    output.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
                }
                previousWasCR = false
            default:
                output.append(byte)
                previousWasCR = false
            }
        }
        return output
    }

    /// Builds `Name: value`, folded to stay within 78 characters per line. Values with non-ASCII
    /// text, or ASCII that a reader would mistake for an encoded-word, become RFC 2047 encoded-words.
    static func encodedHeader(name: String, value: String) -> String {
        // Line breaks in a header value would start a new header: flatten them to spaces.
        let flattened = String(
            String.UnicodeScalarView(
                value.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }
            )
        )
        let prefix = "\(name): "
        let needsEncoding = !flattened.utf8.allSatisfy { $0 < 0x80 } || flattened.contains("=?")
        if !needsEncoding, let folded = foldASCII(prefix: prefix, value: flattened) {
            return folded
        }
        return prefix + encodedWords(flattened).joined(separator: "\r\n ")
    }

    private static func foldASCII(prefix: String, value: String) -> String? {
        var lines: [String] = []
        var current = prefix
        var isFirstWord = true
        for word in value.split(separator: " ", omittingEmptySubsequences: false) {
            if isFirstWord {
                current += word
                isFirstWord = false
            } else if current.utf8.count + 1 + word.utf8.count > 78 && current.contains(where: { $0 != " " }) {
                lines.append(current)
                current = " " + word
            } else {
                current += " " + word
            }
        }
        lines.append(current)
        // A single very long word cannot be folded; encoded-words can split it.
        guard lines.allSatisfy({ $0.utf8.count <= 998 }) else { return nil }
        return lines.joined(separator: "\r\n")
    }

    /// 39 UTF-8 bytes become 52 base64 characters, a 64-character encoded-word, which keeps even the
    /// first line ("Subject: " plus one word) under 78 characters. Words are split between Unicode
    /// scalars because RFC 2047 forbids splitting a multi-byte character across encoded-words.
    private static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > 39 {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk.append(contentsOf: bytes)
        }
        if !chunk.isEmpty || words.isEmpty {
            words.append(encodedWord(chunk))
        }
        return words
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?\(Data(bytes).base64EncodedString())?="
    }

    /// `messageID` is caller-supplied; it must be a valid `id-left` (dot-atom-text) so that it can
    /// neither break the header nor make receivers reject the message.
    static func messageIDLocalPart(_ messageID: String) -> String {
        let mapped = String(
            decoding: messageID.utf8.map { byte in
                byte == UInt8(ascii: ".") || SMTPAddressValidator.isAtext(byte) ? byte : UInt8(ascii: "-")
            },
            as: UTF8.self
        )
        let local = mapped.split(separator: ".", omittingEmptySubsequences: true).joined(separator: ".")
        return local.isEmpty ? UUID().uuidString : local
    }

    /// RFC 5322 §3.3 date in UTC, computed arithmetically so that neither locale nor time zone
    /// settings of the host can change the format.
    static func rfc5322Date(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = seconds - days * 86_400
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        // 1970-01-01 was a Thursday.
        let weekday = weekdays[(days + 4).floorModulo(7)]
        let (year, month, day) = civilDate(daysSinceEpoch: days)

        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let time = "\(twoDigits(secondOfDay / 3600)):\(twoDigits(secondOfDay / 60 % 60)):\(twoDigits(secondOfDay % 60))"
        return "\(weekday), \(twoDigits(day)) \(months[month - 1]) \(year) \(time) +0000"
    }

    /// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `civil_from_days`).
    private static func civilDate(daysSinceEpoch: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = daysSinceEpoch + 719_468
        let era = shifted.floorDivided(by: 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}

extension Int {
    fileprivate func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    fileprivate func floorModulo(_ divisor: Int) -> Int {
        self - floorDivided(by: divisor) * divisor
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix)
    }
}
