import Foundation

/// ПІБ: a person's full name as they give it.
public enum PersonName {
    public enum Problem: Error, Equatable, Sendable { case empty, tooLong, invalidCharacters }
    public static let maximumLength = 200

    public static func validated(_ text: String) throws(Problem) -> String {
        let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard !collapsed.isEmpty else { throw .empty }
        guard collapsed.count <= maximumLength else { throw .tooLong }
        guard !collapsed.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) || $0 == "<" || $0 == ">" })
        else { throw .invalidCharacters }
        return collapsed
    }
}

/// The password rules. Length matters most (NIST SP 800-63B); we also refuse
/// passwords that are trivially guessable from the account itself.
public enum PasswordPolicy {
    public static let minimumLength = 10
    /// bcrypt reads at most 72 bytes; longer input would be silently cut.
    public static let maximumBytes = 72

    public enum Problem: Error, Equatable, Sendable { case tooShort, tooLong, tooSimple, containsEmail }

    private static let common: Set<String> = [
        "1234567890", "0123456789", "qwertyuiop", "password12", "password123", "1q2w3e4r5t",
        "йцукенгшщз", "qwerty1234", "1111111111", "0000000000", "abcdefghij", "iloveyou12",
    ]

    public static func check(_ password: String, email: String) throws(Problem) {
        guard password.count >= minimumLength else { throw .tooShort }
        guard password.utf8.count <= maximumBytes else { throw .tooLong }
        let lower = password.lowercased()
        guard Set(lower).count >= 4, !common.contains(lower) else { throw .tooSimple }
        let local = email.lowercased().split(separator: "@").first.map(String.init) ?? ""
        if local.count >= 4, lower.contains(local) { throw .containsEmail }
    }
}
