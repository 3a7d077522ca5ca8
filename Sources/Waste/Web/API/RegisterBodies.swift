import Foundation
import HromadaDomain
import HromadaWeb

/// The register's request and response bodies of the API, with the
/// conversions into the domain, whose initialisers check every field.
enum RegisterBodies {
    static func point(longitude: Double, latitude: Double) throws(AppError) -> GeoPoint {
        do { return try GeoPoint(longitude: longitude, latitude: latitude) } catch { throw AppError.invalid(code: "waste_out_of_range", field: error.rawValue) }
    }

    static func checked<T>(_ make: () throws(RegisterProblem) -> T) throws(AppError) -> T {
        do { return try make() } catch { throw RegisterService.appError(error) }
    }

    struct SiteRequest: Decodable {
        let name: String
        let address: String?
        let longitude: Double
        let latitude: Double

        func site() throws(AppError) -> CollectionSite {
            let point = try RegisterBodies.point(longitude: longitude, latitude: latitude)
            return try RegisterBodies.checked { () throws(RegisterProblem) in try CollectionSite(name: name, address: address ?? "", point: point) }
        }
    }

    struct FacilityRequest: Decodable {
        let kind: String
        let name: String
        let address: String?
        let longitude: Double
        let latitude: Double

        func facility() throws(AppError) -> Facility {
            guard let kind = FacilityKind(rawValue: kind) else { throw AppError.invalid(code: "waste_unknown", field: "kind") }
            let point = try RegisterBodies.point(longitude: longitude, latitude: latitude)
            return try RegisterBodies.checked { () throws(RegisterProblem) in try Facility(kind: kind, name: name, address: address ?? "", point: point) }
        }
    }

    struct ContainerRequest: Decodable {
        let siteId: String
        let fraction: String
        let volumeLitres: Int
        let placement: String
        let maker: String?
        let installedOn: String?
        let emptyDistanceMm: Int
        let fullDistanceMm: Int
        let sensorId: String?

        func container() throws(AppError) -> Container {
            guard let fraction = Fraction(rawValue: fraction) else { throw AppError.invalid(code: "waste_unknown", field: "fraction") }
            guard let placement = ContainerPlacement(rawValue: placement) else { throw AppError.invalid(code: "waste_unknown", field: "placement") }
            var installed: CalendarDate?
            if let text = installedOn, !text.isEmpty {
                guard let date = CalendarDate.parse(text) else { throw AppError.invalid(code: "waste_malformed", field: "installedOn") }
                installed = date
            }
            return try RegisterBodies.checked { () throws(RegisterProblem) in
                try Container(
                    site: CollectionSiteID(rawValue: siteId), fraction: fraction, volumeLitres: volumeLitres, placement: placement, maker: maker ?? "",
                    installedOn: installed, gauge: try FillGauge(emptyMillimetres: emptyDistanceMm, fullMillimetres: fullDistanceMm))
            }
        }

        var sensor: SensorID? { sensorId.flatMap { $0.isEmpty ? nil : SensorID(rawValue: $0) } }
    }

    struct SensorRequest: Decodable {
        let deviceId: String
        let model: String
        let batteryMah: Int?
        let solarPanelW: Int?

        func sensor() throws(AppError) -> Sensor {
            guard let model = SensorModel(rawValue: model) else { throw AppError.invalid(code: "waste_unknown", field: "model") }
            return try RegisterBodies.checked { () throws(RegisterProblem) in
                try Sensor(deviceID: deviceId, model: model, batteryMilliampHours: batteryMah, solarPanelWatts: solarPanelW)
            }
        }
    }

    struct TruckRequest: Decodable {
        let name: String
        let depotId: String
        let capacityLitres: Int
        let capacityKg: Int?
        let shiftMinutes: Int
        let crew: Int

        func truck() throws(AppError) -> Truck {
            try RegisterBodies.checked { () throws(RegisterProblem) in
                try Truck(
                    name: name, depot: FacilityID(rawValue: depotId), capacityLitres: capacityLitres, capacityKilograms: capacityKg,
                    shiftMinutes: shiftMinutes, crew: crew)
            }
        }
    }

    /// A register entry as the API answers: its id and the fields it was given.
    struct Saved: Encodable {
        let id: String
    }

    /// A sensor just registered or given a new key: the key, this once.
    struct SensorKey: Encodable {
        let id: String
        let deviceId: String
        let key: String
    }

    /// A container on the public list and map: where, what, and how full it was last seen.
    struct ContainerBody: Encodable {
        let id: String
        let siteId: String
        let siteName: String
        let address: String
        let longitude: Double
        let latitude: Double
        let fraction: String
        let volumeLitres: Int
        let placement: String
        let hasSensor: Bool
        let fillPercent: Int?
        let measuredAt: Date?
        let temperatureC: Double?
        let alarms: [String]
    }
}
