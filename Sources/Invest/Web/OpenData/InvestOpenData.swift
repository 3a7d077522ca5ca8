import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The investment portal as open data: every site the city has offered
/// (with its boundary as GeoJSON text, so a spreadsheet and a GIS both
/// read it), every passport figure by year with its source, and the
/// enquiries' timeliness by month. Never an investor's name, address or
/// message, and no staff contact: the enquiries' dataset is counts only.
enum InvestOpenData {
    static let datasets: [OpenDataset] = [sites, passport, enquiries]

    static let sites = OpenDataset(
        "sites", strings: "open_data.invest.sites", frequency: .continuous,
        fields: [
            OpenDataField("siteId", .text), OpenDataField("titleUk", .text), OpenDataField("titleEn", .text), OpenDataField("type", .text),
            OpenDataField("status", .text), OpenDataField("cadastralNumber", .text), OpenDataField("areaHa", .decimal, unit: "ha"),
            OpenDataField("purposeCode", .text), OpenDataField("ownership", .text), OpenDataField("right", .text),
            OpenDataField("termYears", .integer), OpenDataField("normativeValuation", .decimal, unit: "UAH"),
            OpenDataField("price", .decimal, unit: "UAH"), OpenDataField("powerKw", .integer, unit: "kW"),
            OpenDataField("gasM3PerHour", .decimal), OpenDataField("waterM3PerDay", .decimal), OpenDataField("sewer", .boolean),
            OpenDataField("heat", .boolean), OpenDataField("fibre", .boolean), OpenDataField("roadKm", .decimal, unit: "km"),
            OpenDataField("railKm", .decimal, unit: "km"), OpenDataField("airportKm", .decimal, unit: "km"),
            OpenDataField("borderKm", .decimal, unit: "km"), OpenDataField("longitude", .decimal), OpenDataField("latitude", .decimal),
            OpenDataField("geometry", .text), OpenDataField("verifiedOn", .date), OpenDataField("dataSource", .text),
            OpenDataField("createdAt", .datetime), OpenDataField("updatedAt", .datetime),
        ]
    ) { services, city in
        let cityID = city.id
        let stored = try await services.store.read {
            try await $0.invest.sites(in: [cityID], matching: SiteSearch(), everyStatus: true, limit: 1_000_000)
        }
        return try stored.sorted { $0.createdAt == $1.createdAt ? $0.id.rawValue < $1.id.rawValue : $0.createdAt < $1.createdAt }.map { stored in
            let site = stored.site, u = site.utilities, d = site.distances
            return [
                .text(stored.id.rawValue), .text(site.title.uk), .text(site.title.en), .text(site.type.rawValue), .text(site.status.rawValue),
                .optional(site.cadastralNumber?.rawValue), .number(site.areaHa), .optional(site.purposeCode), .text(site.ownership.rawValue),
                .text(site.right.rawValue), .optional(site.termYears), site.normativeValuation.map(OpenDataValue.hryvnias) ?? .null,
                site.price.map(OpenDataValue.hryvnias) ?? .null, .optional(u.powerKw), .optional(u.gasM3PerHour), .optional(u.waterM3PerDay),
                .boolean(u.sewer), .boolean(u.heat), .boolean(u.fibre), .optional(d.roadKm), .optional(d.railKm), .optional(d.airportKm),
                .optional(d.borderKm), .number(site.geometry.marker.longitude), .number(site.geometry.marker.latitude),
                .text(try OpenDataFile.json(site.geometry)), site.details.verifiedOn.map(OpenDataValue.date) ?? .null,
                .text(site.details.dataSource), .datetime(stored.createdAt), .datetime(stored.updatedAt),
            ]
        }
    }

    static let passport = OpenDataset(
        "passport", strings: "open_data.invest.passport", frequency: .irregular,
        fields: [
            OpenDataField("code", .text), OpenDataField("section", .text), OpenDataField("nameUk", .text), OpenDataField("nameEn", .text),
            OpenDataField("unit", .text), OpenDataField("year", .integer), OpenDataField("value", .decimal), OpenDataField("source", .text),
            OpenDataField("checkedOn", .date),
        ]
    ) { services, city in
        try await services.invest.passport(of: city.id).flatMap { indicator in
            indicator.values.map { value -> OpenDataRow in
                [
                    .text(indicator.code), .text(indicator.section.rawValue), .text(indicator.name.uk), .text(indicator.name.en), .text(indicator.unit),
                    .int(value.year), .decimal(value.value), .text(value.source), value.checkedOn.map(OpenDataValue.date) ?? .null,
                ]
            }
        }
    }

    /// By month of confirmation (Kyiv time): how many enquiries, how many
    /// first answers were due or given, how many on time, shortlists, closed.
    static let enquiries = OpenDataset(
        "enquiries", strings: "open_data.invest.enquiries", frequency: .continuous,
        fields: [
            OpenDataField("month", .text), OpenDataField("enquiries", .integer), OpenDataField("firstAnswersDue", .integer),
            OpenDataField("answeredOnTime", .integer), OpenDataField("answeredLate", .integer), OpenDataField("unansweredOverdue", .integer),
            OpenDataField("shortlistsSent", .integer), OpenDataField("closed", .integer),
        ]
    ) { services, city in
        let cityID = city.id, now = services.clock.now()
        let all = try await services.store.read { tx in
            try await tx.enquiries.queue(in: cityID, limit: 1_000_000) + (try await tx.enquiries.queue(in: cityID, closed: true, limit: 1_000_000))
        }
        var months: [String: [Enquiry]] = [:]
        for enquiry in all {
            guard let confirmed = enquiry.confirmedAt else { continue }
            let day = CalendarDate.inKyiv(confirmed)
            months[String(day.description.prefix(7)), default: []].append(enquiry)
        }
        return months.keys.sorted().map { month -> OpenDataRow in
            let items = months[month] ?? []
            let verdicts = items.map { $0.answeredOnTime(at: now) }
            return [
                .text(month), .int(items.count), .int(verdicts.compactMap { $0 }.count), .int(verdicts.filter { $0 == true }.count),
                .int(items.filter { $0.firstAnsweredAt != nil && $0.answeredOnTime(at: now) == false }.count),
                .int(items.filter { $0.firstAnsweredAt == nil && $0.answeredOnTime(at: now) == false }.count),
                .int(items.filter { $0.shortlistedAt != nil }.count), .int(items.filter { $0.state == .closed }.count),
            ]
        }
    }
}
