import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The register of «Вінницький стандарт гостинності» as open data: every
/// certificate a city issued, with its place (name, kind, point), level,
/// dates, status now, the checklist version and the score. Nothing of the
/// applicants (who, their phone, their evidence) nor of visitors' ratings
/// and reports is read. Served at `/api/v1/{city}/open-data/visit/certificates.csv|json`.
enum CertificationOpenData {
    /// The module's own path to the same files, as every module serves its datasets.
    static func add(to router: Router<AppRequestContext>, services: AppServices) {
        router.get("api/v1/:city/visit/open-data/:file") { _, context in
            let city = try await CityLookup(store: services.store).require(context)
            return try OpenDataFile.download(
                try context.parameters.require("file"), prefix: "\(city.slug.rawValue)-visit", datasets: [certificates], services: services, city: city)
        }
    }

    static let certificates = OpenDataset(
        "certificates", strings: "open_data.visit.certificates", frequency: .continuous,
        fields: [
            OpenDataField("certificateId", .text), OpenDataField("municipality", .text), OpenDataField("placeId", .text), OpenDataField("place", .text),
            OpenDataField("placeEn", .text), OpenDataField("placeKind", .text), OpenDataField("latitude", .decimal, unit: "degree"),
            OpenDataField("longitude", .decimal, unit: "degree"), OpenDataField("level", .text), OpenDataField("status", .text),
            OpenDataField("validFrom", .datetime), OpenDataField("validUntil", .datetime), OpenDataField("checklistVersion", .integer),
            OpenDataField("score", .decimal, unit: "percent"),
        ]
    ) { services, city in
        let cityID = city.id, now = services.clock.now()
        return try await services.store.read { tx in
            let certificates = try await tx.certification.certificates(in: cityID)
            let places = try await tx.visitGuide.places(certificates.map(\.place), in: cityID)
            return certificates.map { certificate -> OpenDataRow in
                let place = places[certificate.place]
                return [
                    .text(certificate.id.rawValue), .text(city.name.uk), .text(certificate.place.rawValue), .optional(place?.name.uk), .optional(place?.name.en),
                    .optional(place?.kind.rawValue), .optional(place?.location.latitude), .optional(place?.location.longitude), .text(certificate.level.rawValue),
                    .text(certificate.status(at: now).rawValue), .datetime(certificate.issuedAt), .datetime(certificate.validUntil),
                    .int(certificate.checklistVersion),
                    certificate.score.tenths.map { .decimal("\($0 / 10).\($0 % 10)") } ?? .null,
                ]
            }
        }
    }
}
