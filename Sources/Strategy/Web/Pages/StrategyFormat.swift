import Foundation
import HromadaDomain
import HromadaWeb

/// Numbers, shares, money and days as the reader writes them.
enum StrategyFormat {
    /// `12345.6` → `12 345,6` (Ukrainian) or `12,345.6` (English), at most two decimals.
    static func number(_ value: Double, _ language: Language) -> String {
        guard value.isFinite else { return "—" }
        let hundredths = (abs(value) * 100).rounded()
        guard hundredths < 1e17 else { return MeasuredValue.format(value) }
        let scaled = UInt64(hundredths)
        let whole = scaled / 100, fraction = scaled % 100
        var text = Money.group(whole)
        if language == .en { text = text.replacingOccurrences(of: "\u{00A0}", with: ",") }
        if fraction != 0 {
            let digits = fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0" : "") + String(fraction)
            text += (language == .uk ? "," : ".") + digits
        }
        return (value < 0 && scaled != 0 ? "−" : "") + text
    }

    /// A share 0…1 as a whole percentage, rounded half up: what the
    /// roll-up check (scripts/check-strategy-rollup) recomputes.
    static func percent(_ share: Double) -> Int { Int((min(1, max(0, share)) * 100 + 0.5).rounded(.down)) }

    static func day(_ date: CalendarDate, _ language: Language) -> String {
        guard language == .uk else { return date.description }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(two(date.day)).\(two(date.month)).\(date.year)"
    }

    /// `310 000,00 грн` in Ukrainian, `310,000.00 UAH` in English.
    static func money(_ money: Money, _ language: Language, currency: String) -> String {
        let kopiyky = money.kopiyky.magnitude
        var text = Money.group(kopiyky / 100)
        if language == .en { text = text.replacingOccurrences(of: "\u{00A0}", with: ",") }
        if kopiyky % 100 != 0 { text += (language == .uk ? "," : ".") + (kopiyky % 100 < 10 ? "0" : "") + String(kopiyky % 100) }
        return (money.kopiyky < 0 ? "−" : "") + text + "\u{00A0}" + currency
    }

    static func years(_ first: Int, _ last: Int) -> String { first == last ? String(first) : "\(first)–\(last)" }
}
