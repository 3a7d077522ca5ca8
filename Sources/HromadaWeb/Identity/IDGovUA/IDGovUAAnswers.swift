import Foundation

/// Reading ID.GOV.UA's answers: every field used is checked for its type and size before it
/// is used, and no value read here ends up in an error.
enum IDGovUAAnswers {
    /// The token exchange's answer: `{access_token, token_type, expires_in, refresh_token, user_id}`.
    struct Token: Sendable, Equatable {
        var accessToken: String
        var userID: String
    }

    /// Tokens and ids go back to ID.GOV.UA in a query string; anything longer than this is no
    /// token it issued.
    static let maximumTokenLength = 4096
    static let maximumUserIDLength = 256
    /// A РНОКПП has 10 characters and a passport's series and number 8 or 9; a longer
    /// `drfocode` is not an identifier at all.
    static let maximumDRFOCodeLength = 64
    /// Ten years: an access token said to last longer than that is a broken answer.
    static let maximumExpiresIn: Int64 = 10 * 365 * 86_400

    /// The body as a JSON object, or nil when it is not one (not JSON, or an array, or a value).
    static func object(_ body: [UInt8]) -> [String: ProviderJSON]? {
        try? JSONDecoder().decode([String: ProviderJSON].self, from: Data(body))
    }

    /// The refusal an answer carries as `error` (with `error_description`), made safe to log;
    /// nil when it carries none.
    static func refusal(in object: [String: ProviderJSON]) -> String? {
        guard let error = object["error"], error != .null else { return nil }
        let code: String
        switch error {
        case .string(let text): code = ProviderText.loggable(text, limit: 100)
        case .integer(let number): code = "code \(number)"
        default: code = "error"
        }
        guard case .string(let description)? = object["error_description"], !description.isEmpty else { return code }
        return "\(code): \(ProviderText.loggable(description, limit: 200))"
    }

    static func token(_ object: [String: ProviderJSON]) throws(IDGovUAError) -> Token {
        guard case .string(let accessToken)? = object["access_token"], isPrintableASCII(accessToken, maximumLength: maximumTokenLength) else {
            throw .malformedAnswer("get-access-token: access_token is not a token")
        }
        // ID.GOV.UA's examples show `user_id` as a string of digits; a bare number is read as one too.
        let userID: String
        switch object["user_id"] {
        case .string(let text)? where isPrintableASCII(text, maximumLength: maximumUserIDLength): userID = text
        case .integer(let number)? where number >= 0: userID = String(number)
        default: throw .malformedAnswer("get-access-token: user_id is not an id")
        }
        switch object["token_type"] {
        case nil, .null?: break
        case .string(let type)? where type.lowercased() == "bearer": break
        default: throw .malformedAnswer("get-access-token: token_type is not bearer")
        }
        switch object["expires_in"] {
        case nil, .null?: break
        case .integer(let seconds)? where (1...maximumExpiresIn).contains(seconds): break
        case .string(let text)? where Int64(text).map({ (1...maximumExpiresIn).contains($0) }) == true: break
        default: throw .malformedAnswer("get-access-token: expires_in is not a lifetime")
        }
        switch object["refresh_token"] {
        // Never used or kept: the verification is a single look at the person's data.
        case nil, .null?: break
        case .string(let text)? where text.utf8.count <= maximumTokenLength: break
        default: throw .malformedAnswer("get-access-token: refresh_token is not a token")
        }
        return Token(accessToken: accessToken, userID: userID)
    }

    /// `drfocode` of a user-info answer: a string of at most `maximumDRFOCodeLength`
    /// characters, trimmed; nil when absent, null or empty. A number is refused, not read:
    /// it would already have lost a РНОКПП's leading zeros.
    static func drfoCode(_ object: [String: ProviderJSON]) throws(IDGovUAError) -> String? {
        switch object["drfocode"] {
        case nil, .null?:
            return nil
        case .string(let text)?:
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard trimmed.count <= maximumDRFOCodeLength else { throw .malformedAnswer("get-user-info: drfocode is too long") }
            return trimmed.isEmpty ? nil : trimmed
        default:
            throw .malformedAnswer("get-user-info: drfocode is not a string")
        }
    }

    /// Visible ASCII only (no space, no control character), 1…`maximumLength` bytes.
    static func isPrintableASCII(_ text: String, maximumLength: Int) -> Bool {
        let bytes = text.utf8
        return !bytes.isEmpty && bytes.count <= maximumLength && bytes.allSatisfy { (0x21...0x7E).contains($0) }
    }
}
