import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The figures the modules compute, kept for a minute per city, key and
/// year. A strategy page asks each computed indicator for every year since
/// its baseline, and the results report for five years of every figure;
/// some figures read all of a city's lots or petitions to count. A minute's
/// delay is nothing to a yearly figure, and the same page asked again is a
/// lookup. Kept per application (`Module.makeState`), so two servers in one
/// process (the tests) never share figures.
final class ComputedFigures: Sendable {
    private let kept = KeptValues<(at: Date, value: Double?)>(capacity: 20_000)
    static let lifetime: TimeInterval = 60

    func value(_ indicator: ComputedIndicator, city: Municipality, year: Int, services: AppServices) async throws -> Double? {
        let key = "\(city.id.rawValue)|\(indicator.key)|\(year)", now = services.clock.now()
        if let hit = kept[key], hit.at <= now, now.timeIntervalSince(hit.at) < Self.lifetime { return hit.value }
        let value = try await indicator.value(city, year, services)
        kept.keep((now, value), for: key)
        return value
    }
}

extension AppServices {
    /// A computed figure for the city and year, at most a minute old.
    func figure(_ indicator: ComputedIndicator, city: Municipality, year: Int) async throws -> Double? {
        guard let kept = moduleState(ComputedFigures.self) else { return try await indicator.value(city, year, self) }
        return try await kept.value(indicator, city: city, year: year, services: self)
    }
}
