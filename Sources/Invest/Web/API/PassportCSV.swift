import Foundation
import HromadaDomain
import HromadaWeb

/// A passport as CSV (RFC 4180, UTF-8): the columns `IndicatorImport`
/// reads, so a clerk can download the file, change it in a spreadsheet and
/// import it back.
enum PassportCSV {
    static let header = ["code", "section", "name_uk", "name_en", "unit", "year", "value", "source", "checked"]

    static func text(_ indicators: [PassportIndicator]) -> String {
        var lines = [header.joined(separator: ",")]
        for indicator in indicators {
            for value in indicator.values {
                lines.append([
                    indicator.code, indicator.section.rawValue, indicator.name.uk, indicator.name.en, indicator.unit, String(value.year), value.value,
                    value.source, value.checkedOn?.description ?? "",
                ].map(OpenDataFile.csvField).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
