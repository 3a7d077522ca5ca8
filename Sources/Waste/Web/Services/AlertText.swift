import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// How an alert reads to a person, in their language: its kind and its figure.
struct AlertText {
    let localizer: Localizer
    let language: Language

    func kind(_ kind: AlertKind) -> String { localizer.string("waste.alerts.kind.\(kind.rawValue)", language) }

    /// "93 %", "71.5 °C", "+18.0 °C", "25.0°", "45 min", "3250 mV", or "the sensor's own alarm".
    func figure(_ evidence: AlertEvidence) -> String {
        let value = evidence.value
        return switch evidence.unit {
        case .percent: "\(value) %"
        case .tenthsCelsius: "\(Self.tenths(value)) °C"
        case .tenthsCelsiusRise: "+\(Self.tenths(value)) °C"
        case .tenthsDegree: "\(Self.tenths(value))°"
        case .minutes: localizer.string("waste.alerts.minutes", language, ["count": String(value)])
        case .millivolts: "\(value) mV"
        case .flag: localizer.string("waste.alerts.flag", language)
        }
    }

    /// Tenths as a decimal with one digit: 715 → "71.5", -5 → "-0.5".
    static func tenths(_ value: Int) -> String {
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        return "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}

extension MailComposer {
    /// An urgent alert (a fire), to each of the city's dispatchers.
    func wasteAlert(_ alert: AlertRepository.StoredAlert, place: String, to account: Account, link: String, at instant: Date) -> OutboxMessage {
        let text = AlertText(localizer: localizer, language: account.language)
        return message("mail.waste_alert", to: account, link: link, language: account.language, at: instant, extra: [
            "kind": text.kind(alert.kind), "figure": text.figure(alert.evidence), "place": place,
        ])
    }
}
