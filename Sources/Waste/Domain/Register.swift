import Foundation
import HromadaDomain

/// What a container is for (фракція): separate collection keeps each apart.
public enum Fraction: String, Sendable, Codable, CaseIterable {
    case mixed, plastic, glass, paper, organic
}

/// Underground containers (заглиблені) hold three to five cubic metres under
/// a small column and are lifted by a crane truck; surface ones are the usual bins.
public enum ContainerPlacement: String, Sendable, Codable, CaseIterable {
    case underground, surface
}

/// Where trucks start and end their day, or unload when full.
public enum FacilityKind: String, Sendable, Codable, CaseIterable {
    case depot, transfer
}

/// The bounds every register entry is checked against, in one place, so a
/// form, the API and an import refuse the same things with the same words.
public enum RegisterLimits {
    public static let name = 1...200
    public static let address = 0...300
    public static let maker = 0...100
    /// From a 120-litre wheelie bin to a 5 m³ underground container, with room to spare.
    public static let volumeLitres = 50...10_000
    /// A sensor hangs under the lid: its distance to the bottom of an empty container.
    public static let distanceMillimetres = 0...10_000
    /// A truck's body, in litres of loose waste (a 22 m³ compactor holds far more than its volume when pressed).
    public static let truckCapacityLitres = 1_000...100_000
    public static let truckCapacityKilograms = 100...40_000
    /// A shift is at most a day.
    public static let shiftMinutes = 60...1_440
    public static let crew = 1...6
}

/// A place where containers stand (майданчик), with its address and point on the map.
public struct CollectionSite: Sendable, Equatable, Codable {
    public var name: String
    public var address: String
    public var point: GeoPoint

    public init(name: String, address: String, point: GeoPoint) throws(RegisterProblem) {
        self.name = try RegisterProblem.text(name, RegisterLimits.name, field: "name")
        self.address = try RegisterProblem.text(address, RegisterLimits.address, field: "address")
        self.point = point
    }
}

/// A depot or transfer station.
public struct Facility: Sendable, Equatable, Codable {
    public var kind: FacilityKind
    public var name: String
    public var address: String
    public var point: GeoPoint

    public init(kind: FacilityKind, name: String, address: String, point: GeoPoint) throws(RegisterProblem) {
        self.kind = kind
        self.name = try RegisterProblem.text(name, RegisterLimits.name, field: "name")
        self.address = try RegisterProblem.text(address, RegisterLimits.address, field: "address")
        self.point = point
    }
}

/// One container at a site.
///
/// `emptyDistance` and `fullDistance` say how the sensor above it reads:
/// the distance to the bottom when empty and to the waste when it counts as
/// full (a lid needs room to close). Fill is where a distance falls between them.
public struct Container: Sendable, Equatable, Codable {
    public var site: CollectionSiteID
    public var fraction: Fraction
    public var volumeLitres: Int
    public var placement: ContainerPlacement
    public var maker: String
    public var installedOn: CalendarDate?
    public var gauge: FillGauge

    public init(
        site: CollectionSiteID, fraction: Fraction, volumeLitres: Int, placement: ContainerPlacement, maker: String, installedOn: CalendarDate?,
        gauge: FillGauge
    ) throws(RegisterProblem) {
        guard RegisterLimits.volumeLitres.contains(volumeLitres) else { throw RegisterProblem(field: "volumeLitres", reason: .outOfRange) }
        self.site = site
        self.fraction = fraction
        self.volumeLitres = volumeLitres
        self.placement = placement
        self.maker = try RegisterProblem.text(maker, RegisterLimits.maker, field: "maker")
        self.installedOn = installedOn
        self.gauge = gauge
    }
}

/// A collection truck, based at a depot.
public struct Truck: Sendable, Equatable, Codable {
    public var name: String
    public var depot: FacilityID
    public var capacityLitres: Int
    public var capacityKilograms: Int?
    public var shiftMinutes: Int
    public var crew: Int

    public init(name: String, depot: FacilityID, capacityLitres: Int, capacityKilograms: Int?, shiftMinutes: Int, crew: Int) throws(RegisterProblem) {
        self.name = try RegisterProblem.text(name, RegisterLimits.name, field: "name")
        guard RegisterLimits.truckCapacityLitres.contains(capacityLitres) else { throw RegisterProblem(field: "capacityLitres", reason: .outOfRange) }
        if let kilograms = capacityKilograms, !RegisterLimits.truckCapacityKilograms.contains(kilograms) {
            throw RegisterProblem(field: "capacityKilograms", reason: .outOfRange)
        }
        guard RegisterLimits.shiftMinutes.contains(shiftMinutes) else { throw RegisterProblem(field: "shiftMinutes", reason: .outOfRange) }
        guard RegisterLimits.crew.contains(crew) else { throw RegisterProblem(field: "crew", reason: .outOfRange) }
        self.depot = depot
        self.capacityLitres = capacityLitres
        self.capacityKilograms = capacityKilograms
        self.shiftMinutes = shiftMinutes
        self.crew = crew
    }
}

/// Why a register entry was refused, naming the field as the form and the API do.
public struct RegisterProblem: Error, Equatable, Sendable {
    public enum Reason: String, Sendable { case missing, tooLong, outOfRange, malformed, unknown }
    public let field: String
    public let reason: Reason

    public init(field: String, reason: Reason) {
        self.field = field
        self.reason = reason
    }

    /// Trimmed text within its bounds.
    static func text(_ raw: String, _ bounds: ClosedRange<Int>, field: String) throws(RegisterProblem) -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty, bounds.lowerBound > 0 { throw RegisterProblem(field: field, reason: .missing) }
        guard text.count <= bounds.upperBound else { throw RegisterProblem(field: field, reason: .tooLong) }
        return text
    }
}
