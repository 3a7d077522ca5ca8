import Foundation
import HromadaDomain
import HromadaWeb

/// The ranges of a site's numbers in a request: each refused where it is
/// decoded, naming the field, before the domain checks the rest.
enum SiteInputRange {
    enum Hectares: DecimalRange { static let range = 0.0...SiteSearch.maxAreaLimit }
    enum Kilometres: DecimalRange { static let range = 0.0...SiteSearch.maxDistanceLimit }
    enum Flow: DecimalRange { static let range = 0.0...1_000_000.0 }
    enum Kilovolts: DecimalRange { static let range = 0.0...1_150.0 }
    enum SquareMetres: DecimalRange { static let range = 0.0...10_000_000.0 }
    enum Kilowatts: WholeNumberRange { static let range = 0...SiteSearch.maxPowerLimit }
    enum Years: WholeNumberRange { static let range = 0...InvestmentSite.maxTermYears }
    enum Floors: WholeNumberRange { static let range = 0...200 }
}

/// A new site as `POST /api/v1/{city}/invest/sites` takes it: the shape
/// `SiteBody` answers with, less what the platform sets.
struct SiteRequest: Decodable {
    struct Utilities: Decodable {
        let powerKw: WholeNumber<SiteInputRange.Kilowatts>?
        let voltageKv: DecimalNumber<SiteInputRange.Kilovolts>?
        let gasM3PerHour: DecimalNumber<SiteInputRange.Flow>?
        let waterM3PerDay: DecimalNumber<SiteInputRange.Flow>?
        let sewer: Bool?
        let heat: Bool?
        let fibre: Bool?
        let connectionKm: DecimalNumber<SiteInputRange.Kilometres>?
    }
    struct Distances: Decodable {
        let roadKm: DecimalNumber<SiteInputRange.Kilometres>?
        let railKm: DecimalNumber<SiteInputRange.Kilometres>?
        let airportKm: DecimalNumber<SiteInputRange.Kilometres>?
        let borderKm: DecimalNumber<SiteInputRange.Kilometres>?
    }
    struct Building: Decodable {
        let areaM2: DecimalNumber<SiteInputRange.SquareMetres>
        let floors: WholeNumber<SiteInputRange.Floors>
        let condition: String
    }
    struct Manager: Decodable {
        let name: String?
        let email: String?
        let phone: String?
    }
    struct Details: Decodable {
        let description: LocalizedName?
        let landCategory: String?
        let zoning: String?
        let buildings: [Building]?
        let encumbrances: String?
        let manager: Manager?
        let verifiedOn: String?
        let dataSource: String?
        let auctionLotId: String?
    }

    let type: String
    let title: LocalizedName
    let geometry: SiteGeometry.GeoJSON
    let cadastralNumber: String?
    let areaHa: DecimalNumber<SiteInputRange.Hectares>
    let purposeCode: String?
    let ownership: String?
    let right: String
    let termYears: WholeNumber<SiteInputRange.Years>?
    let normativeValuation: Kopiyky?
    let price: Kopiyky?
    let utilities: Utilities?
    let distances: Distances?
    let details: Details?

    /// The site this asks for, checked whole: the first field at fault is a 422 naming it.
    func site() throws(AppError) -> InvestmentSite {
        func choice<T: RawRepresentable<String>>(_ text: String, _ field: String) throws(AppError) -> T {
            guard let value = T(rawValue: text) else { throw .invalid(code: "site_unknown_value", field: field) }
            return value
        }
        let geometry: SiteGeometry
        do { geometry = try SiteGeometry(self.geometry) } catch { throw InvestService.appError(error) }
        var utilities = InvestmentSite.Utilities()
        utilities.powerKw = self.utilities?.powerKw?.value
        utilities.gasM3PerHour = self.utilities?.gasM3PerHour?.value
        utilities.waterM3PerDay = self.utilities?.waterM3PerDay?.value
        utilities.sewer = self.utilities?.sewer ?? false
        utilities.heat = self.utilities?.heat ?? false
        utilities.fibre = self.utilities?.fibre ?? false
        utilities.connectionKm = self.utilities?.connectionKm?.value
        var distances = InvestmentSite.Distances()
        distances.roadKm = self.distances?.roadKm?.value
        distances.railKm = self.distances?.railKm?.value
        distances.airportKm = self.distances?.airportKm?.value
        distances.borderKm = self.distances?.borderKm?.value
        var details = SiteDetails()
        if let given = self.details {
            details.description = given.description ?? details.description
            details.landCategory = given.landCategory ?? ""
            details.zoning = given.zoning ?? ""
            details.encumbrances = given.encumbrances ?? ""
            details.manager = SiteDetails.Manager(name: given.manager?.name ?? "", email: given.manager?.email ?? "", phone: given.manager?.phone ?? "")
            details.dataSource = given.dataSource ?? ""
            details.auctionLotID = given.auctionLotId
            details.buildings = []
            for (index, building) in (given.buildings ?? []).prefix(SiteDetails.maxBuildings + 1).enumerated() {
                let condition: SiteDetails.Building.Condition = try choice(building.condition, "details.buildings.\(index).condition")
                details.buildings.append(.init(areaM2: building.areaM2.value, floors: building.floors.value, condition: condition))
            }
            if let text = given.verifiedOn, !text.isEmpty {
                guard let date = CalendarDate.parse(text) else { throw .invalid(code: "site_malformed", field: "details.verifiedOn") }
                details.verifiedOn = date
            }
        }
        details.voltageKv = self.utilities?.voltageKv?.value
        do {
            return try InvestmentSite.make(
                type: try choice(type, "type"), title: title, geometry: geometry, cadastralNumber: cadastralNumber, areaHa: areaHa.value,
                purposeCode: purposeCode, ownership: try choice(ownership ?? SiteOwnership.communal.rawValue, "ownership"),
                right: try choice(right, "right"), termYears: termYears?.value, normativeValuation: normativeValuation?.money, price: price?.money,
                utilities: utilities, distances: distances, details: details)
        } catch let problem as InvestmentSite.Problem {
            throw InvestService.appError(problem)
        } catch let error as AppError {
            throw error
        } catch {
            throw .badRequest(code: "malformed_json")
        }
    }
}

/// A site as the API answers it (docs/interfaces.md): `id`, `type`,
/// `areaHa`, `cadastralNumber` and `geometry` (GeoJSON), with the rest of
/// what an investor reads; money in kopiyky, dates as `YYYY-MM-DD`.
struct SiteBody: Encodable {
    struct Utilities: Encodable {
        let powerKw: Int?
        let voltageKv: Double?
        let gasM3PerHour: Double?
        let waterM3PerDay: Double?
        let sewer: Bool
        let heat: Bool
        let fibre: Bool
        let connectionKm: Double?

        private enum CodingKeys: String, CodingKey {
            case powerKw, voltageKv, gasM3PerHour, waterM3PerDay, sewer, heat, fibre, connectionKm
        }

        // Written out so an unknown figure is `null`, not a missing key (synthesised coding leaves nil out).
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(powerKw, forKey: .powerKw)
            try c.encode(voltageKv, forKey: .voltageKv)
            try c.encode(gasM3PerHour, forKey: .gasM3PerHour)
            try c.encode(waterM3PerDay, forKey: .waterM3PerDay)
            try c.encode(sewer, forKey: .sewer)
            try c.encode(heat, forKey: .heat)
            try c.encode(fibre, forKey: .fibre)
            try c.encode(connectionKm, forKey: .connectionKm)
        }
    }
    struct Distances: Encodable {
        let roadKm: Double?
        let railKm: Double?
        let airportKm: Double?
        let borderKm: Double?

        private enum CodingKeys: String, CodingKey { case roadKm, railKm, airportKm, borderKm }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(roadKm, forKey: .roadKm)
            try c.encode(railKm, forKey: .railKm)
            try c.encode(airportKm, forKey: .airportKm)
            try c.encode(borderKm, forKey: .borderKm)
        }
    }
    struct Details: Encodable {
        let description: LocalizedName
        let landCategory: String
        let zoning: String
        let buildings: [SiteDetails.Building]
        let encumbrances: String
        let manager: SiteDetails.Manager
        let verifiedOn: String?
        let dataSource: String
        let auctionLotId: String?

        private enum CodingKeys: String, CodingKey {
            case description, landCategory, zoning, buildings, encumbrances, manager, verifiedOn, dataSource, auctionLotId
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(description, forKey: .description)
            try c.encode(landCategory, forKey: .landCategory)
            try c.encode(zoning, forKey: .zoning)
            try c.encode(buildings, forKey: .buildings)
            try c.encode(encumbrances, forKey: .encumbrances)
            try c.encode(manager, forKey: .manager)
            try c.encode(verifiedOn, forKey: .verifiedOn)
            try c.encode(dataSource, forKey: .dataSource)
            try c.encode(auctionLotId, forKey: .auctionLotId)
        }
    }

    let id: String
    let type: String
    let status: String
    let title: LocalizedName
    let geometry: SiteGeometry
    /// The point a map pins it at: `[longitude, latitude]`.
    let marker: [Double]
    let cadastralNumber: String?
    let areaHa: Double
    let purposeCode: String?
    let ownership: String
    let right: String
    let termYears: Int?
    let normativeValuation: Int64?
    let price: Int64?
    let utilities: Utilities
    let distances: Distances
    let details: Details
    let url: String
    let createdAt: Date
    let updatedAt: Date
    /// One site's photos and documents, with the addresses to fetch them; not in lists.
    var files: Files? = nil

    struct Files: Encodable {
        struct Photo: Encodable {
            let url: String
            let caption: String
            let width: Int
            let height: Int
            let sha256: String
        }
        struct Document: Encodable {
            let url: String
            let title: String
            let byteCount: Int
            let sha256: String
        }
        let photos: [Photo]
        let documents: [Document]
    }

    private enum CodingKeys: String, CodingKey {
        case id, type, status, title, geometry, marker, cadastralNumber, areaHa, purposeCode, ownership, right, termYears, normativeValuation, price
        case utilities, distances, details, url, createdAt, updatedAt, files
    }

    /// Every key always there, `null` where the site's data does not say:
    /// a client tells "unknown" from a field it did not ask for.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(type, forKey: .type)
        try c.encode(status, forKey: .status)
        try c.encode(title, forKey: .title)
        try c.encode(geometry, forKey: .geometry)
        try c.encode(marker, forKey: .marker)
        try c.encode(cadastralNumber, forKey: .cadastralNumber)
        try c.encode(areaHa, forKey: .areaHa)
        try c.encode(purposeCode, forKey: .purposeCode)
        try c.encode(ownership, forKey: .ownership)
        try c.encode(right, forKey: .right)
        try c.encode(termYears, forKey: .termYears)
        try c.encode(normativeValuation, forKey: .normativeValuation)
        try c.encode(price, forKey: .price)
        try c.encode(utilities, forKey: .utilities)
        try c.encode(distances, forKey: .distances)
        try c.encode(details, forKey: .details)
        try c.encode(url, forKey: .url)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        // Only one site's body has them; a list's items leave the key out.
        try c.encodeIfPresent(files, forKey: .files)
    }

    init(_ stored: InvestService.StoredSite, citySlug: String) {
        let site = stored.site
        id = stored.id.rawValue
        type = site.type.rawValue
        status = site.status.rawValue
        title = site.title
        geometry = site.geometry
        marker = [site.geometry.marker.longitude, site.geometry.marker.latitude]
        cadastralNumber = site.cadastralNumber?.rawValue
        areaHa = site.areaHa
        purposeCode = site.purposeCode
        ownership = site.ownership.rawValue
        right = site.right.rawValue
        termYears = site.termYears
        normativeValuation = site.normativeValuation?.kopiyky
        price = site.price?.kopiyky
        let u = site.utilities
        utilities = Utilities(
            powerKw: u.powerKw, voltageKv: site.details.voltageKv, gasM3PerHour: u.gasM3PerHour, waterM3PerDay: u.waterM3PerDay, sewer: u.sewer,
            heat: u.heat, fibre: u.fibre, connectionKm: u.connectionKm)
        distances = Distances(
            roadKm: site.distances.roadKm, railKm: site.distances.railKm, airportKm: site.distances.airportKm, borderKm: site.distances.borderKm)
        let d = site.details
        details = Details(
            description: d.description, landCategory: d.landCategory, zoning: d.zoning, buildings: d.buildings, encumbrances: d.encumbrances,
            manager: d.manager, verifiedOn: d.verifiedOn?.description, dataSource: d.dataSource, auctionLotId: d.auctionLotID)
        url = "/\(citySlug)/invest/sites/\(stored.id.rawValue)"
        createdAt = stored.createdAt
        updatedAt = stored.updatedAt
    }
}
