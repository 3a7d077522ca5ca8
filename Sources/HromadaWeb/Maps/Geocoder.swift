import AsyncHTTPClient
import Foundation
import HromadaDomain
import NIOCore

/// Finds an address on the map through a Nominatim-compatible search API
/// (`HROMADA_GEOCODER_URL`: OpenStreetMap's Nominatim, a city's own
/// Nominatim, or a commercial service that speaks its `search` API). Asked
/// only within the city's territory, and every answer is checked again:
/// a place the form gets from here is a place the city accepts.
package struct Geocoder: Sendable {
    /// What the search found: its name as the service writes it, and where it is.
    package struct Found: Sendable, Equatable, Encodable {
        package let label: String
        package let longitude: Double
        package let latitude: Double
    }

    package enum Failure: Error, Equatable, Sendable {
        /// The service could not be asked or gave no usable answer in time.
        case unavailable(String)
    }

    /// The most results a person is shown to choose from.
    package static let maximumResults = 5
    /// An address is a line; a longer query is no address.
    package static let maximumQuery = 300

    let base: String
    let userAgent: String
    let client: HTTPClient

    /// `base` is checked by `check(url:)` when the server starts.
    package init(base: String, userAgent: String, client: HTTPClient = .shared) {
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.userAgent = userAgent
        self.client = client
    }

    /// Why a configured URL cannot be a geocoder's; nil when it can.
    package static func check(url: String) -> String? {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https", parsed.host != nil,
              !url.contains(where: { $0.isWhitespace || $0 == "\"" })
        else { return "HROMADA_GEOCODER_URL must be the http(s) address of a Nominatim-compatible search API, such as https://nominatim.openstreetmap.org." }
        return nil
    }

    /// Up to `maximumResults` places for `query` inside `box`, best first, named in `language`.
    package func search(_ query: String, within box: GeoBox, language: Language) async throws(Failure) -> [Found] {
        let query = query.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty, query.count <= Self.maximumQuery else { return [] }
        var components = URLComponents()
        components.queryItems = [
            .init(name: "format", value: "jsonv2"), .init(name: "q", value: query), .init(name: "limit", value: String(Self.maximumResults)),
            // Nominatim's viewbox is left,top,right,bottom; bounded=1 keeps the answers inside it.
            .init(name: "viewbox", value: "\(box.west),\(box.north),\(box.east),\(box.south)"), .init(name: "bounded", value: "1"),
            .init(name: "countrycodes", value: "ua"), .init(name: "accept-language", value: language.rawValue),
        ]
        // `+` in a query is a space to most servers: spell it out.
        let encoded = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        var request = HTTPClientRequest(url: "\(base)/search?\(encoded)")
        // Nominatim's usage policy asks every application to name itself.
        request.headers.add(name: "User-Agent", value: userAgent)
        request.headers.add(name: "Accept", value: "application/json")
        let response: ProviderHTTP.Response
        do {
            response = try await ProviderHTTP.fetch(request, with: client, timeout: .seconds(5), limit: NominatimAnswer.maximumBytes)
        } catch {
            throw .unavailable(error.description)
        }
        guard response.status == 200 else { throw .unavailable("HTTP \(response.status)") }
        do {
            return try NominatimAnswer.read(response.body, within: box)
        } catch {
            throw .unavailable("\(error)")
        }
    }
}

/// A Nominatim `search` answer (`format=jsonv2`): a list of places, each
/// with `lat` and `lon` as text and a `display_name`. Read defensively:
/// what is not a place inside the box is left out, not trusted.
package enum NominatimAnswer {
    /// Five places are a few KiB; a larger answer is refused unread.
    package static let maximumBytes = 256 << 10

    package enum Problem: Error, Equatable, Sendable {
        /// Not a JSON list of objects.
        case notAList
    }

    private struct Place: Decodable {
        let lat: String?
        let lon: String?
        let displayName: String?

        enum CodingKeys: String, CodingKey {
            case lat, lon
            case displayName = "display_name"
        }

        /// A place that is no object, or whose fields are of another type, is skipped, not a failure of the whole answer.
        init(from decoder: any Decoder) throws {
            guard let container = try? decoder.container(keyedBy: CodingKeys.self) else {
                (lat, lon, displayName) = (nil, nil, nil)
                return
            }
            lat = try? container.decodeIfPresent(String.self, forKey: .lat)
            lon = try? container.decodeIfPresent(String.self, forKey: .lon)
            displayName = try? container.decodeIfPresent(String.self, forKey: .displayName)
        }
    }

    package static func read(_ bytes: [UInt8], within box: GeoBox) throws(Problem) -> [Geocoder.Found] {
        guard bytes.count <= maximumBytes, let places = try? JSONDecoder().decode([Place].self, from: Data(bytes)) else { throw .notAList }
        var found: [Geocoder.Found] = []
        for place in places.prefix(Geocoder.maximumResults * 4) {
            guard let lat = place.lat, let lon = place.lon, lat.count <= 32, lon.count <= 32,
                  let latitude = Double(lat), let longitude = Double(lon), box.contains(longitude: longitude, latitude: latitude)
            else { continue }
            let label = String((place.displayName ?? "").prefix(300))
            found.append(.init(label: label.isEmpty ? "\(latitude), \(longitude)" : label, longitude: longitude, latitude: latitude))
            if found.count == Geocoder.maximumResults { break }
        }
        return found
    }
}
