import Foundation

/// A random, opaque identifier. Clients never parse ids (docs/interfaces.md), and
/// random ids keep rows unlinkable where the secret ballot needs it.
public protocol Identifier: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible
where RawValue == String {
    init(rawValue: String)
}

extension Identifier {
    public var description: String { rawValue }

    /// 128 random bits in lowercase Crockford base32: 26 characters, URL-safe.
    public static func random() -> Self {
        Self(rawValue: RandomToken.base32(byteCount: 16))
    }
}

public struct AccountID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

public struct MunicipalityID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

public struct OblastID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

public struct OutboxMessageID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

public struct AuditEntryID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// An id that sorts by when it was made: 48 bits of milliseconds since
    /// 1970, then 80 random bits, in the 26 characters of `random()`.
    ///
    /// Every entry's id is in a unique index. Random ids put each insert on
    /// a random page of it, so a batch of signatures wrote one more page
    /// each to the WAL; ordered ids land on the index's last page together
    /// (issue 25). The entry's time and its place in the chain (`seq`) are
    /// public already, so the order of ids tells nothing new. Ballots'
    /// entries keep random ids (`BallotBox`), made for a pool at once.
    public static func ordered(at instant: Date) -> AuditEntryID {
        let milliseconds = (instant.timeIntervalSince1970 * 1000).rounded(.down)
        // The app's clock, but a Double out of range must not trap.
        let stamp: UInt64 = milliseconds.isFinite ? UInt64(min(max(milliseconds, 0), Double((1 << 48) - 1))) : 0
        let time = (0..<6).map { UInt8(truncatingIfNeeded: stamp >> (8 * (5 - $0))) }
        return AuditEntryID(rawValue: RandomToken.base32(time + RandomToken.bytes(10)))
    }
}

/// Random strings for ids, tokens and codes.
public enum RandomToken {
    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    public static func bytes(_ count: Int) -> [UInt8] {
        // Eight bytes per call: the system generator is a syscall each time.
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            withUnsafeBytes(of: generator.next()) { bytes.append(contentsOf: $0.prefix(count - bytes.count)) }
        }
        return bytes
    }

    public static func base32(byteCount: Int) -> String {
        base32(bytes(byteCount))
    }

    public static func base32(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 {
            output.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// base64url without padding, for bearer tokens and cookie values.
    public static func base64URL(byteCount: Int) -> String {
        base64URL(bytes(byteCount))
    }

    public static func base64URL(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
