import Crypto
import Foundation

/// Keys for each purpose, derived from the one deployment secret with HKDF
/// so that a leak of one (say, a CSRF key in a heap dump) does not expose the
/// others. The identity key may be given separately because it can never be
/// rotated without losing one-person-one-vote.
public struct KeyRing: Sendable {
    public let sessions: SymmetricKey
    public let csrf: SymmetricKey
    public let identity: SymmetricKey
    public let pseudonyms: SymmetricKey
    /// Binds a pending paper ballot's content to the person, checkable only
    /// by someone holding both this key and the person's РНОКПП.
    public let paperEntries: SymmetricKey
    /// Seals ballots while they wait in the ballot box to be mixed (`BallotSeal`).
    public let ballotBox: SymmetricKey
    /// Tags the device cookie's entries (sign-in limits, issue 13).
    public let devices: SymmetricKey
    public let auditSigning: Curve25519.Signing.PrivateKey
    /// The keys used on every request (a session's digest, an audit
    /// entry's pseudonym, a form's token), set up once.
    private let sessionMAC: PreparedMAC
    private let pseudonymMAC: PreparedMAC
    private let csrfMAC: PreparedMAC

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case secretTooShort
        case identityKeyTooShort

        public var description: String {
            switch self {
            case .secretTooShort: "HROMADA_SECRET must be at least 32 characters of random text (e.g. `openssl rand -hex 32`)."
            case .identityKeyTooShort: "HROMADA_IDENTITY_KEY must be at least 32 characters of random text."
            }
        }
    }

    public init(secret: String, identityKey: String? = nil) throws(Problem) {
        guard secret.utf8.count >= 32 else { throw .secretTooShort }
        let root = SymmetricKey(data: Data(secret.utf8))
        func derive(_ label: String) -> SymmetricKey {
            HKDF<SHA256>.deriveKey(
                inputKeyMaterial: root, salt: Data("hromada".utf8), info: Data("hromada/\(label)/v1".utf8),
                outputByteCount: 32)
        }
        sessions = derive("sessions")
        csrf = derive("csrf")
        pseudonyms = derive("pseudonyms")
        paperEntries = derive("paper-entries")
        ballotBox = derive("ballot-box")
        devices = derive("devices")
        if let identityKey, !identityKey.isEmpty {
            guard identityKey.utf8.count >= 32 else { throw .identityKeyTooShort }
            identity = SymmetricKey(data: Data(identityKey.utf8))
        } else {
            identity = derive("identity")
        }
        let seed = derive("audit-signing").withUnsafeBytes { Data($0) }
        // A 32-byte seed is always a valid Ed25519 private key.
        guard let signing = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            preconditionFailure("Ed25519 accepts any 32-byte seed")
        }
        auditSigning = signing
        sessionMAC = PreparedMAC(sessions)
        pseudonymMAC = PreparedMAC(pseudonyms)
        csrfMAC = PreparedMAC(csrf)
    }

    /// The check of a paper ballot's first entry: HMAC over the person's
    /// РНОКПП and the ballot's content. A database reader without the key
    /// and the identifier cannot learn the choices from it.
    public func paperEntryCheck(nationalID: String, content: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(nationalID)\u{1F}\(content)".utf8), using: paperEntries)
        return Hex.encode(mac)
    }

    /// The identity hash of a national identifier: HMAC-SHA256, hex.
    public func identityHash(of nationalIdentifier: String) -> IdentityHash {
        let normalized = nationalIdentifier.filter { !$0.isWhitespace }.uppercased()
        let mac = HMAC<SHA256>.authenticationCode(for: Data(normalized.utf8), using: identity)
        return IdentityHash(rawValue: Hex.encode(mac))
    }

    /// The name an account goes by in the public audit log, about one thing.
    ///
    /// A pseudonym per person and per object (the petition signed, the lot
    /// bid on, the edition voted in, a city's roles), keyed by a secret: the
    /// entries about one object can be told apart and followed (a co-author
    /// added, then removed), but no one without the key can tell that the
    /// signer of one petition is the voter in an edition or a bidder on a lot.
    /// A single global pseudonym let anyone join a petition's public signer
    /// list (names and times) to bids and votes.
    public func pseudonym(of account: AccountID, about scope: String) -> String {
        let mac = pseudonymMAC.code(for: Data("v2\u{1F}\(scope)\u{1F}\(account.rawValue)".utf8))
        return "p-" + RandomToken.base32(Array(mac.prefix(10)))
    }

    /// A keyed digest for storing bearer tokens: a database leak does not
    /// reveal usable session tokens.
    public func sessionDigest(of token: String) -> String {
        Hex.encode(sessionMAC.code(for: Data(token.utf8)))
    }

    /// The key of a private link (`?key=…`) to one thing, such as an
    /// investor's enquiry: derived, so mail sent later carries the same link
    /// without the key being stored anywhere, and unguessable without the
    /// deployment's secret. The separator keeps it apart from any token's digest.
    public func linkKey(for scope: String) -> String {
        RandomToken.base64URL(sessionMAC.code(for: Data("link\u{1F}\(scope)".utf8)))
    }

    /// The CSRF token that belongs to a browser's CSRF cookie value.
    public func csrfToken(for cookieValue: String) -> String {
        RandomToken.base64URL(csrfMAC.code(for: Data(cookieValue.utf8)))
    }

    public func isValidCSRFToken(_ token: String, for cookieValue: String) -> Bool {
        ConstantTime.equal(csrfToken(for: cookieValue), token)
    }
}

public enum Hex {
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var index = 0
        while index < chars.count {
            guard let high = value(chars[index]), let low = value(chars[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }
}

public enum ConstantTime {
    /// Compares without an early exit, so timing does not reveal a prefix.
    public static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for index in 0..<x.count { diff |= x[index] ^ y[index] }
        return diff == 0
    }
}

/// An HMAC-SHA256 key whose inner and outer digests have already taken the
/// padded key. `HMAC.authenticationCode(for:using:)` pads the key and runs
/// two blocks of SHA-256 for every code; a session's digest and an audit
/// entry's pseudonym on every signature made that a visible share of its CPU
/// (issue 25). swift-crypto's digests copy on write, so each code starts
/// from a copy of the prepared state and the prepared one never changes.
struct PreparedMAC: Sendable {
    private let start: HMAC<SHA256>

    init(_ key: SymmetricKey) {
        start = HMAC<SHA256>(key: key)
    }

    func code<D: DataProtocol>(for data: D) -> HashedAuthenticationCode<SHA256> {
        var mac = start
        mac.update(data: data)
        return mac.finalize()
    }
}
