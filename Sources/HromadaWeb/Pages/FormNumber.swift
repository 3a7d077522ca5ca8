import Foundation

/// A whole number as a form sends it (`12`, ` 6 `): digits only, at most
/// nine of them, so reading it can never overflow and anything else (a
/// sign, a fraction, `1e9`, a million digits) is no number. Each field
/// then checks its own range, as the domain has it.
package enum FormNumber {
    package static let digitLimit = 9

    package static func whole(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard (1...digitLimit).contains(trimmed.utf8.count), trimmed.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(trimmed)
    }
}
