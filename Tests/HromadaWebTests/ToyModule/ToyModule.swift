import Foundation
import HromadaDomain
import Hummingbird
@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

/// A module that exists only to show what adding one takes: this folder
/// and one line in a registry (issue 14). It has a page, an API route, a
/// capability, a staff link, strings in both languages, its part of the
/// OpenAPI document and an open dataset.
struct ToyModule: Module {
    var slug: ModuleSlug { ModuleSlug(rawValue: "toy") }

    func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        router.get("/{city}/toy") { request, context in
            let city = try await CityLookup(store: services.store).require(context)
            return try await HTML(services: services).render(
                "toy", page: ToyPage(city: city.name.localized(context.language)), titleKey: "toy.title", request: request, context: context, city: city)
        }
        router.get("api/v1/:city/toy") { _, context in
            let city = try await CityLookup(store: services.store).require(context)
            return try JSONResponse.encode(["city": city.slug.rawValue, "toys": "3"])
        }
    }

    var capabilities: [CapabilityDeclaration] { [CapabilityDeclaration(Capability("toy.tend"), in: [.admin])] }

    var staffLinks: [StaffLink] { [StaffLink(titleKey: "toy.desk", path: "toy", for: [Capability("toy.tend")])] }

    var resources: URL? { Bundle.module.url(forResource: "Resources", withExtension: nil) }

    /// One dataset with a column of every type; the platform lists it, links it and serves it.
    var openDatasets: [OpenDataset] {
        [
            OpenDataset(
                "toys", strings: "open_data.toy.toys", frequency: .weekly,
                fields: [
                    OpenDataField("name", .text), OpenDataField("count", .integer), OpenDataField("price", .decimal, unit: "UAH"),
                    OpenDataField("boughtOn", .date), OpenDataField("checkedAt", .datetime), OpenDataField("broken", .boolean),
                    OpenDataField("colours", .text, isList: true), OpenDataField("city", .text),
                ]
            ) { _, city in
                [
                    [.text("М'ячик, гумовий"), .int(3), .decimal("12.50"), .date(CalendarDate(year: 2026, month: 5, day: 1)),
                     .datetime(Date(timeIntervalSince1970: 1_780_000_000)), .boolean(false), .list([.text("red"), .text("blue")]), .text(city.name.uk)],
                    [.text("Дзиґа"), .int(1), .decimal("-0.05"), .null, .null, .boolean(true), .list([]), .text(city.name.uk)],
                ]
            },
        ]
    }

    struct ToyPage {
        let city: String
    }
}
