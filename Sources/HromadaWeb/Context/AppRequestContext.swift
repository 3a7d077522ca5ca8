import HromadaDomain
import HromadaStore
import Hummingbird
import NIOCore

/// Per-request data only: who is asking, from where, in which language.
/// Dependencies travel through initialisers, not through the context.
public struct AppRequestContext: CityRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The socket peer; the client address may differ behind a trusted proxy.
    public let peerAddress: String?
    public var clientAddress: String
    /// This request's id: in the `X-Request-ID` answer header, error bodies and every log line.
    public var requestID = ""
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
    /// The city named by the route's `{city}`, loaded once (`CityMiddleware`).
    public var city: Municipality?

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
    /// Files of a `multipart/form-data` form, by field name.
    public private(set) var files: [String: [UploadedFile]] = [:]

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

    /// The first non-empty file sent as `name` (a browser sends an empty
    /// part when no file was chosen).
    public func file(_ name: String) -> UploadedFile? { files[name]?.first { !$0.bytes.isEmpty } }

    /// Reads a `multipart/form-data` body (RFC 7578): the forms that upload
    /// photos. Anything malformed is refused whole, never half-read.
    public init(multipart body: [UInt8], boundary: String) throws(AppError) {
        let delimiter = Array("--\(boundary)".utf8)
        let separator = Array("\r\n".utf8) + delimiter
        guard !boundary.isEmpty, boundary.utf8.count <= 70, var cursor = Self.find(delimiter, in: body, from: 0) else {
            throw .badRequest(code: "malformed_form")
        }
        cursor += delimiter.count
        while true {
            guard cursor + 2 <= body.count else { throw .badRequest(code: "malformed_form") }
            if body[cursor] == UInt8(ascii: "-"), body[cursor + 1] == UInt8(ascii: "-") { return }
            guard body[cursor] == 0x0D, body[cursor + 1] == 0x0A,
                  let headerEnd = Self.find(Array("\r\n\r\n".utf8), in: body, from: cursor + 2),
                  let partEnd = Self.find(separator, in: body, from: headerEnd + 4)
            else { throw .badRequest(code: "malformed_form") }
            let headers = String(decoding: body[(cursor + 2)..<headerEnd], as: UTF8.self)
            let content = Array(body[(headerEnd + 4)..<partEnd])
            let part = Self.partHeaders(headers)
            guard let name = part.name else { throw .badRequest(code: "malformed_form") }
            if let filename = part.filename {
                files[name, default: []].append(UploadedFile(filename: filename, declaredType: part.contentType, bytes: content))
            } else {
                fields[name, default: []].append(String(decoding: content, as: UTF8.self))
            }
            cursor = partEnd + separator.count
        }
    }

    /// What the start of a multipart body holds, read before the rest arrives.
    /// Public for the multipart fuzz target (Fuzz/), which checks it against the whole-body parser.
    public enum FirstPart: Equatable, Sendable {
        /// More bytes are needed to see the whole first part.
        case incomplete
        case field(name: String, value: String)
        /// A file, or not a well-formed part.
        case other
    }

    /// The first part of a multipart body, so its first field can be checked
    /// before the (possibly large) rest is read.
    public static func firstPart(of body: [UInt8], boundary: String) -> FirstPart {
        let delimiter = Array("--\(boundary)".utf8)
        let separator = Array("\r\n".utf8) + delimiter
        guard let start = find(delimiter, in: body, from: 0) else { return body.count < delimiter.count + 2 ? .incomplete : .other }
        let cursor = start + delimiter.count
        guard cursor + 2 <= body.count else { return .incomplete }
        guard body[cursor] == 0x0D, body[cursor + 1] == 0x0A else { return .other }
        guard let headerEnd = find(Array("\r\n\r\n".utf8), in: body, from: cursor + 2),
              let partEnd = find(separator, in: body, from: headerEnd + 4)
        else { return .incomplete }
        let part = partHeaders(String(decoding: body[(cursor + 2)..<headerEnd], as: UTF8.self))
        guard let name = part.name, part.filename == nil else { return .other }
        return .field(name: name, value: String(decoding: body[(headerEnd + 4)..<partEnd], as: UTF8.self))
    }

    private static func partHeaders(_ text: String) -> (name: String?, filename: String?, contentType: String) {
        var name: String?, filename: String?, contentType = "application/octet-stream"
        for line in text.split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let value = pair[1].trimmingCharacters(in: .whitespaces)
            switch pair[0].lowercased() {
            case "content-disposition":
                for parameter in value.split(separator: ";").dropFirst() {
                    let item = parameter.split(separator: "=", maxSplits: 1)
                    guard item.count == 2 else { continue }
                    let quoted = item[1].trimmingCharacters(in: .whitespaces)
                    let unquoted = quoted.hasPrefix("\"") && quoted.hasSuffix("\"") && quoted.count >= 2 ? String(quoted.dropFirst().dropLast()) : quoted
                    switch item[0].trimmingCharacters(in: .whitespaces).lowercased() {
                    case "name": name = unquoted
                    case "filename": filename = unquoted
                    default: break
                    }
                }
            case "content-type": contentType = value
            default: break
            }
        }
        return (name, filename, contentType)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

/// A file from a form, exactly as the browser sent it: neither its name nor
/// its declared type is trusted for anything but display.
public struct UploadedFile: Sendable, Equatable {
    public let filename: String
    public let declaredType: String
    public let bytes: [UInt8]

    public init(filename: String, declaredType: String, bytes: [UInt8]) {
        self.filename = filename
        self.declaredType = declaredType
        self.bytes = bytes
    }
}

import Foundation
