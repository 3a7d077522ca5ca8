import HromadaDomain
import HromadaStore
import Hummingbird
import NIOCore

/// Per-request data only: who is asking, from where, in which language.
/// Dependencies travel through initialisers, not through the context.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The socket peer; the client address may differ behind a trusted proxy.
    public let peerAddress: String?
    public var clientAddress: String
    public var language: Language = .uk
    /// The browser's CSRF cookie (set on first visit).
    public var csrfCookie: String = ""
    public var setCSRFCookie = false
    /// The client reached us over TLS (directly or through a trusted proxy).
    public var isSecure = false
    public var account: Account?
    public var principal: Principal?
    public var sessionKind: SessionKind?
    /// The parsed body of a form POST, after the CSRF check.
    public var form: FormData?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        let peer = source.channel.remoteAddress?.ipAddress
        self.peerAddress = peer
        self.clientAddress = peer ?? "unknown"
    }

    /// Forms and JSON bodies are small; uploads get their own limit later.
    public var maxUploadSize: Int { 64 * 1024 }

    public var isSignedIn: Bool { account != nil }
}

/// A url-encoded form body. Repeated names keep every value.
public struct FormData: Sendable, Equatable {
    public private(set) var fields: [String: [String]] = [:]

    public init(fields: [String: [String]] = [:]) {
        self.fields = fields
    }

    public init(urlEncoded text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            fields[name, default: []].append(value)
        }
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    public subscript(_ name: String) -> String {
        fields[name]?.first ?? ""
    }

    public func all(_ name: String) -> [String] { fields[name] ?? [] }
}

import Foundation
