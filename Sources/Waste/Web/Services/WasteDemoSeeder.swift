import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The demo's smart bins: Жмеринка's underground containers (the cluster's
/// solar-powered columns) at real-looking places around the centre, each
/// with a DF702 sensor and a week of readings made into hours, a depot, a
/// transfer station and two crane trucks; and a first few in Вінниця's
/// centre. The places are plausible, not a survey.
struct WasteDemoSeeder {
    let services: AppServices

    typealias SiteEntry = (String, String, Double, Double, [Fraction])

    /// Name, address, latitude, longitude, and the fractions standing there.
    static let zhmerynka: [SiteEntry] = [
        ("Вокзальна площа", "пл. Вокзальна, 1", 49.03612, 28.11346, [.mixed, .plastic, .glass]),
        ("Центральний ринок", "вул. Київська, 46", 49.03945, 28.10611, [.mixed, .organic, .plastic]),
        ("Площа Миру", "вул. Центральна, 10", 49.03751, 28.10978, [.mixed, .paper]),
        ("Парк культури", "вул. Асмолова, 3", 49.04102, 28.11254, [.mixed, .plastic]),
        ("Ліцей № 2", "вул. Пушкіна, 28", 49.03328, 28.10475, [.mixed, .paper]),
        ("ЦНАП", "вул. Свободи, 2", 49.03874, 28.10735, [.mixed, .plastic, .glass]),
        ("Мікрорайон Кутузова", "вул. Кутузова, 21", 49.04422, 28.09891, [.mixed, .plastic]),
        ("Лікарня", "вул. Перемоги, 5", 49.03102, 28.11903, [.mixed]),
        ("Стадіон «Локомотив»", "вул. Шевченка, 60", 49.04255, 28.11822, [.mixed, .plastic]),
        ("Мікрорайон Садовий", "вул. Садова, 14", 49.02911, 28.10212, [.mixed, .organic]),
        ("Автостанція", "вул. Визволителів, 1", 49.03493, 28.09654, [.mixed, .plastic, .glass]),
        ("Сквер Героїв", "вул. Героїв Майдану, 9", 49.03995, 28.10093, [.mixed, .paper]),
    ]

    static let vinnytsia: [SiteEntry] = [
        ("Європейська площа", "вул. Соборна, 59", 49.23310, 28.46820, [.mixed, .plastic, .glass]),
        ("Вежа", "вул. Соборна, 48", 49.23236, 28.47094, [.mixed, .paper]),
        ("Набережна", "вул. Магістратська, 2", 49.23474, 28.47615, [.mixed, .plastic]),
    ]

    /// Each city's depot and transfer station: name, address, latitude, longitude.
    static let yards: [String: [(String, String, Double, Double)]] = [
        "zhm": [("Автобаза КП «Жмеринське ЖКГ»", "вул. Промислова, 7", 49.0259, 28.0871), ("Сміттєперевантажувальна станція", "вул. Барляєва, 40", 49.0221, 28.1395)],
        "vin": [("Автобаза комунального підприємства", "вул. Пирогова, 151", 49.2265, 28.4185), ("Сміттєперевантажувальна станція", "вул. Немирівське шосе, 90", 49.2021, 28.4712)],
    ]

    /// Seeding again (`seed --demo` on a demo database) adds nothing: a
    /// city that has the demo's first site already has all of it.
    func seed(_ cities: [Municipality]) async throws {
        for city in cities where city.settings.enables(.waste) {
            let prefix = city.slug.rawValue == "zhmerynka" ? "zhm" : "vin", cityID = city.id
            if try await services.store.read({ try await $0.wasteRegister.site(CollectionSiteID(rawValue: "\(prefix)-site-1"), in: cityID) }) != nil {
                continue
            }
            switch city.slug.rawValue {
            case "zhmerynka": try await seed(city, sites: Self.zhmerynka, prefix: "zhm", trucks: 2)
            case "vinnytsia": try await seed(city, sites: Self.vinnytsia, prefix: "vin", trucks: 1)
            default: continue
            }
        }
    }

    func seed(_ city: Municipality, sites entries: [SiteEntry], prefix: String, trucks truckCount: Int) async throws {
        let now = services.clock.now(), audit = services.audit, cityID = city.id
        var generator = SeededGenerator(seed: 0x5A4D_4552_494E_4B41 &+ UInt64(prefix.utf8.reduce(0) { $0 &* 31 &+ Int($1) }))
        var sites: [WasteRegisterRepository.StoredSite] = []
        var sensors: [WasteRegisterRepository.StoredSensor] = []
        var containers: [WasteRegisterRepository.StoredContainer] = []
        var readings: [ReadingRepository.Incoming] = []
        for (index, entry) in entries.enumerated() {
            let site = Registered(
                id: CollectionSiteID(rawValue: "\(prefix)-site-\(index + 1)"), city: cityID,
                value: try CollectionSite(name: entry.0, address: entry.1, point: try GeoPoint(longitude: entry.3, latitude: entry.2)),
                createdAt: now, updatedAt: now)
            sites.append(site)
            for fraction in entry.4 {
                let number = containers.count + 1
                let sensor = Registered(
                    id: SensorID(rawValue: "\(prefix)-sensor-\(number)"), city: cityID,
                    value: try Sensor(
                        deviceID: String(format: "70B3D5E75E%06X", (prefix == "zhm" ? 0x00A000 : 0x00B000) + number), model: .dingtekDF702, batteryMilliampHours: 19_000,
                        solarPanelWatts: 10),
                    createdAt: now, updatedAt: now)
                let volume = fraction == .mixed ? 5_000 : 3_000
                let gauge = try FillGauge(emptyMillimetres: fraction == .mixed ? 1_900 : 1_600, fullMillimetres: 300)
                let container = Registered(
                    id: ContainerID(rawValue: "\(prefix)-container-\(number)"), city: cityID,
                    value: WasteRegisterRepository.ContainerRecord(
                        container: try Container(
                            site: site.id, fraction: fraction, volumeLitres: volume, placement: .underground, maker: "Жмеринський промисловий кластер",
                            installedOn: CalendarDate(year: 2025, month: 9, day: 1), gauge: gauge),
                        sensor: sensor.id),
                    createdAt: now, updatedAt: now)
                sensors.append(sensor)
                containers.append(container)
                readings += Self.week(of: container.id, sensor: sensor.id, city: cityID, gauge: gauge, fraction: fraction, until: now, using: &generator)
            }
        }
        let yards = Self.yards[prefix] ?? Self.yards["zhm"] ?? []
        guard yards.count == 2 else { return }
        let depot = Registered(
            id: FacilityID(rawValue: "\(prefix)-depot"), city: cityID,
            value: try Facility(kind: .depot, name: yards[0].0, address: yards[0].1, point: try GeoPoint(longitude: yards[0].3, latitude: yards[0].2)),
            createdAt: now, updatedAt: now)
        let transfer = Registered(
            id: FacilityID(rawValue: "\(prefix)-transfer"), city: cityID,
            value: try Facility(kind: .transfer, name: yards[1].0, address: yards[1].1, point: try GeoPoint(longitude: yards[1].3, latitude: yards[1].2)),
            createdAt: now, updatedAt: now)
        let trucks = try (0..<truckCount).map { index in
            let number = index + 1
            return Registered(
                id: TruckID(rawValue: "\(prefix)-truck-\(number)"), city: cityID,
                value: try Truck(name: "Маніпулятор МАЗ № \(number)", depot: depot.id, capacityLitres: 22_000, capacityKilograms: 9_000, shiftMinutes: 480, crew: 2),
                createdAt: now, updatedAt: now)
        }
        let facilities = truckCount > 0 ? [depot, transfer] : []
        let hours = Dictionary(grouping: readings, by: { $0.container }).compactMap { container, readings in
            container.map { ($0, HourlyAggregate.hours(of: readings.map(\.reading))) }
        }
        let made = (sites, sensors, containers, trucks, readings)
        try await services.store.write { tx in
            let register = tx.wasteRegister
            for site in made.0 { try await register.insert(site) }
            for facility in facilities { try await register.insert(facility) }
            // Demo sensors get keys nobody holds: staff make a new one on the desk to try the device API.
            for sensor in made.1 { _ = try await register.insert(sensor, keyHash: IngestSecret.generate(.device).hash) }
            for container in made.2 { _ = try await register.insert(container) }
            for truck in made.3 { try await register.insert(truck) }
            try await tx.wasteReadings.insert(made.4)
            // The week is in the hours already, as the upkeep would have made it.
            for (container, hours) in hours { try await tx.wasteReadings.upsert(hours, of: container, in: cityID) }
            try await tx.wasteReadings.setUpkeepMark(now, of: cityID)
            try await audit.record(
                tx, action: AuditAction.wasteSiteSaved, actor: nil, municipality: cityID, subject: "demo",
                details: ["sites": String(made.0.count), "containers": String(made.2.count)])
        }
        if truckCount > 0 { try await yesterday(city) }
    }

    /// Yesterday's round, planned and done: every stop emptied through the
    /// morning but one the crew could not reach, so the dispatcher's day, the
    /// collections' open data and the missed-stop alert have something to show.
    func yesterday(_ city: Municipality) async throws {
        let now = services.clock.now(), cityID = city.id, day = CalendarDate.inKyiv(now).adding(days: -1)
        // Yesterday's crews had to take everything over half and took what was on the way over a fifth
        // (a quiet day): so even Вінниця's few bins have collections to show. Today's plan keeps the city's lines.
        var quiet = city
        quiet.settings.waste.alerts.fullPercent = AlertRules.fullRange.lowerBound
        quiet.settings.waste.mayGoPercent = WasteSettings.mayGoRange.lowerBound
        // A light search: seeding stays quick wherever a demo is made (the API fuzzer seeds one under AddressSanitizer at its start).
        let (_, plan) = try await services.wastePlanning.plan(quiet, day: day, by: nil, individuals: 30)
        let start = WastePlanning.kyiv(day, hour: WastePlanning.roundHour)
        let stops = plan.stops.filter { $0.truck != nil }
        let crew = AccountID(rawValue: "demo-crew")
        try await services.store.write { tx in
            for (index, stop) in stops.enumerated() {
                let report = index == stops.count - 1
                    ? try StopReport(outcome: .skipped, reason: .blocked, note: "Заставлено авто")
                    : try StopReport(outcome: .emptied, reason: nil, note: "")
                let at = start.addingTimeInterval(Double(20 + stop.position * 12) * 60)
                _ = try await tx.wastePlans.report(stop.id, in: cityID, on: day, report, by: crew, at: at)
            }
        }
    }

    /// A week of hourly readings: filling at the fraction's pace (faster by
    /// day, faster at the market and the station), emptied when over 85 %.
    static func week(
        of container: ContainerID, sensor: SensorID, city: MunicipalityID, gauge: FillGauge, fraction: Fraction, until now: Date,
        using generator: inout SeededGenerator
    ) -> [ReadingRepository.Incoming] {
        let perHour: Double = switch fraction {
        case .mixed: 1.1
        case .organic: 1.3
        case .plastic: 0.7
        case .paper: 0.5
        case .glass: 0.3
        }
        var fill = Double.random(in: 5...60, using: &generator)
        let pace = Double.random(in: 0.6...1.6, using: &generator)
        var readings: [ReadingRepository.Incoming] = []
        let hours = 7 * 24
        for hour in 0..<hours {
            let time = now.addingTimeInterval(Double(hour - hours) * 3_600)
            let hourOfDay = (Int(time.timeIntervalSince1970 / 3_600) + 2) % 24
            let daytime = (7...21).contains(hourOfDay)
            fill += perHour * pace * (daytime ? 1.5 : 0.2) * Double.random(in: 0.5...1.5, using: &generator)
            if fill > 85, hourOfDay == 8 { fill = Double.random(in: 1...6, using: &generator) }
            let distance = gauge.emptyMillimetres - Int(min(fill, 110) / 100 * Double(gauge.emptyMillimetres - gauge.fullMillimetres))
            let reading = Reading(
                measuredAt: Date(epochMilliseconds: time.epochMilliseconds), counter: UInt32(hour + 1), fillPercent: gauge.percent(atDistance: distance),
                distanceMillimetres: distance, temperatureTenths: 40 + Int.random(in: -20...80, using: &generator), tiltTenths: Int.random(in: -15...15, using: &generator),
                batteryMillivolts: 3_600 + Int.random(in: -40...40, using: &generator), batteryPercent: 90, solarMillivolts: daytime ? 5_200 : 0,
                rssi: -95 + Int.random(in: -10...10, using: &generator), snrTenths: 70, alarms: fill >= 100 ? [.full] : [])
            readings.append(.init(sensor: sensor, city: city, container: container, door: .ttn, receivedAt: time, reading: reading))
        }
        return readings
    }
}
