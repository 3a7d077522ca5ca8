import HromadaDomain

/// Sums of money as people type them into forms.
package enum FormMoney {
    /// Hryvnias as typed: `125000`, `125 000,50`, `125000.5`. Nil when empty; throws when unreadable.
    package static func parse(_ text: String, field: String) throws -> Money? {
        let compact = text.filter { !$0.isWhitespace && $0 != "\u{00A0}" }.replacingOccurrences(of: ",", with: ".")
        if compact.isEmpty { return nil }
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int64(parts[0]), whole >= 0, whole < 1_000_000_000_000 else {
            throw AppError.invalid(code: "amount_invalid", field: field)
        }
        var kopiyky = whole * 100
        if parts.count == 2 {
            let fraction = String(parts[1])
            // Digits only: `Int64` would read `1.-1` as minus one kopiyka.
            guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int64(fraction) else { throw AppError.invalid(code: "amount_invalid", field: field) }
            kopiyky += fraction.count == 1 ? value * 10 : value
        }
        return Money(kopiyky: kopiyky)
    }
}
