import Foundation

/// The base map under every module's map (`HROMADA_MAP_TILES`): a tile
/// server's URL template (`https://tile.openstreetmap.org/{z}/{x}/{y}.png`)
/// and the attribution its licence asks for (`HROMADA_MAP_ATTRIBUTION`).
/// Without it maps draw only their shapes, on a plain background: nothing
/// is fetched from anywhere the operator did not name. Its origin is added
/// to the Content-Security-Policy's `img-src`, and nothing else is.
public struct MapTiles: Sendable, Equatable {
    public let template: String
    public let attribution: String
    /// `scheme://host[:port]` of the template, for `img-src`.
    public let origin: String

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case notAURL
        case missingPlaceholders
        case attributionTooLong

        public var description: String {
            switch self {
            case .notAURL:
                "HROMADA_MAP_TILES must be an http(s) URL template without spaces or quotes, such as https://tile.openstreetmap.org/{z}/{x}/{y}.png."
            case .missingPlaceholders: "HROMADA_MAP_TILES must contain {z}, {x} and {y}, where the tile server expects them."
            case .attributionTooLong: "HROMADA_MAP_ATTRIBUTION is one line of at most 300 characters."
            }
        }
    }

    /// A template and attribution as the operator set them; an empty template is no base map (nil).
    public static func parse(template text: String, attribution: String) throws(Problem) -> MapTiles? {
        let template = text.trimmingCharacters(in: .whitespaces)
        guard !template.isEmpty else { return nil }
        guard template.utf8.count <= 500,
              template.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && !"\"'<>\\`".unicodeScalars.contains($0) }),
              let components = URLComponents(string: template.replacingOccurrences(of: "{", with: "%7B").replacingOccurrences(of: "}", with: "%7D")),
              let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty,
              components.user == nil, components.password == nil
        else { throw .notAURL }
        guard ["{z}", "{x}", "{y}"].allSatisfy(template.contains) else { throw .missingPlaceholders }
        let attribution = attribution.trimmingCharacters(in: .whitespaces)
        guard attribution.count <= 300, !attribution.contains(where: { $0.isNewline }) else { throw .attributionTooLong }
        let origin = "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
        return MapTiles(template: template, attribution: attribution, origin: origin)
    }
}
