import Crypto
import Foundation
import HromadaDomain

/// A secret that lets readings in: a device's key, sent as
/// `Authorization: Bearer …`, or a city's webhook secret, which its LoRaWAN
/// network server sends in the `X-Webhook-Secret` header.
///
/// Made once (a sensor registered, a secret renewed) and shown once; the
/// database keeps only its SHA-256. A key is 256 random bits, so a plain hash is
/// enough (no password stretching): nobody can guess one to test against it,
/// and a stolen table of hashes opens nothing. The prefix lets a leaked key
/// be recognised by secret scanners.
public struct IngestSecret: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case device = "hwk_"
        case webhook = "hws_"
    }

    public let secret: String

    public static func generate(_ kind: Kind) -> IngestSecret {
        IngestSecret(secret: kind.rawValue + RandomToken.base64URL(byteCount: 32))
    }

    /// A presented secret: the kind's prefix and the right length, or nil (no lookup is made).
    public init?(presented text: String, kind: Kind) {
        guard text.hasPrefix(kind.rawValue), text.utf8.count == kind.rawValue.utf8.count + 43 else { return nil }
        secret = text
    }

    private init(secret: String) { self.secret = secret }

    /// What the database keeps: hex SHA-256.
    public var hash: String { Self.hash(of: secret) }

    public static func hash(of secret: String) -> String {
        Hex.encode(SHA256.hash(data: Data(secret.utf8)))
    }
}
