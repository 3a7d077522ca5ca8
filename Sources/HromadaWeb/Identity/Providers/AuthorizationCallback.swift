import Foundation
import HromadaDomain

/// What an identity provider's redirect back to our callback says (RFC 6749 §4.1.2 and
/// §4.1.2.1), read the same way for every provider: OIDC and ID.GOV.UA alike send `state`
/// with either `code` or `error` (and perhaps `error_description`).
enum AuthorizationCallback: Equatable, Sendable {
    /// The authorization code, to be exchanged at the provider's token endpoint.
    case code(String)
    /// The provider's `error` and `error_description`, cut short and made safe to log: the
    /// person declined, or the provider refused the request.
    case refused(String)
    /// `state` is missing or is not the one issued for this login: a forged or stale callback.
    case stateMismatch
    /// The state is right but the callback carries neither a code nor an error.
    case empty

    /// The state is checked first, in constant time, so that a forged callback learns nothing
    /// and nothing else in it is read.
    init(query: [String: String], expectedState: String) {
        guard let returnedState = query["state"], ConstantTime.equal(returnedState, expectedState) else {
            self = .stateMismatch
            return
        }
        if let error = query["error"] {
            let description = query["error_description"].map { ": \(ProviderText.loggable($0, limit: 200))" } ?? ""
            self = .refused("\(ProviderText.loggable(error, limit: 100))\(description)")
            return
        }
        guard let code = query["code"], !code.isEmpty else {
            self = .empty
            return
        }
        self = .code(code)
    }
}

/// Text a provider chose (an error code, an error description), made fit for a log line.
enum ProviderText {
    /// At most `limit` characters, control characters (a forged log line's newline) as spaces,
    /// and every run of six or more digits as `…`: a provider that echoes a taxpayer number,
    /// a phone or a code in its error text must not put it in our logs.
    static func loggable(_ text: String, limit: Int) -> String {
        var result = ""
        var digits = ""
        func flushDigits() {
            result += digits.count >= 6 ? "…" : digits
            digits = ""
        }
        for character in text.prefix(limit) {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            flushDigits()
            let isControl = character.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }
            result.append(isControl ? " " : character)
        }
        flushDigits()
        return result
    }
}
