import Foundation
import HromadaDomain
import Hummingbird

/// Every dataset the city's modules declare (`Module.openDatasets`), served
/// by the platform: the list, in the reader's language, at
/// `/api/v1/{city}/open-data`, and each file at
/// `/api/v1/{city}/open-data/{module}/{dataset}.csv|json`. A module the
/// city has switched off is a 404 here as everywhere (`CityMiddleware`
/// reads `{module}`; the handler asks again).
struct OpenDataController {
    let services: AppServices

    func add(to router: Router<AppRequestContext>) {
        router.get("api/v1/:city/open-data", use: list)
        router.get("api/v1/:city/open-data/:module/:file", use: download)
        // `:file` is the dataset's slug here: the router wants one name for the parameters at one depth.
        router.get("api/v1/:city/open-data/:module/:file/:part", use: downloadPart)
    }

    struct DatasetBody: Encodable {
        struct Field: Encodable {
            let name: String
            let type: String
            let description: String
            let unit: String?
            let list: Bool
        }
        struct Downloads: Encodable {
            let csv: String
            let json: String
        }
        let module: String
        let moduleName: String
        let dataset: String
        let title: String
        let description: String
        let frequency: String
        let fields: [Field]
        let downloads: Downloads
    }

    /// A dataset as a city offers it: what the list and the home page show.
    struct Entry {
        let module: any Module
        let dataset: OpenDataset

        /// `/api/v1/{city}/open-data/{module}/{dataset}.{format}`.
        func path(_ city: Municipality, _ format: OpenDataFile.Format) -> String {
            "/api/v1/\(city.slug.rawValue)/\(ModuleRegistry.openDataSegment)/\(module.slug.rawValue)/\(dataset.slug).\(format.rawValue)"
        }
    }

    /// The datasets of the modules the city runs, in the registry's order and each module's.
    static func entries(_ modules: ModuleRegistry, in city: Municipality) -> [Entry] {
        modules.enabled(in: city).flatMap { module in module.openDatasets.map { Entry(module: module, dataset: $0) } }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let language = context.language
        let t = { (key: String) in services.localizer.string(key, language) }
        let base = services.configuration.publicBaseURL
        let items = Self.entries(services.modules, in: city).map { entry in
            DatasetBody(
                module: entry.module.slug.rawValue, moduleName: t("modules.\(entry.module.slug.rawValue).name"), dataset: entry.dataset.slug,
                title: t(entry.dataset.titleKey), description: t(entry.dataset.descriptionKey), frequency: entry.dataset.frequency.rawValue,
                fields: entry.dataset.fields.map {
                    .init(name: $0.name, type: $0.type.rawValue, description: t($0.descriptionKey), unit: $0.unit, list: $0.isList)
                },
                downloads: .init(csv: base + entry.path(city, .csv), json: base + entry.path(city, .json)))
        }
        return try JSONResponse.encode(APIController.ListBody(items: items, next: nil))
    }

    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let module = try context.parameters.require("module")
        guard let file = OpenDataFile.fileName(try context.parameters.require("file")),
              let found = services.modules.dataset(file.name, of: module), city.settings.enables(found.module.slug)
        else { throw AppError.notFound }
        // Written as the rows come: an edition's ballots may be hundreds of thousands of rows.
        return found.dataset.streamingResponse(
            file.format, services, in: city,
            filename: "\(city.slug.rawValue)-\(found.module.slug.rawValue)-\(found.dataset.slug).\(file.format.rawValue)")
    }

    /// A part of a dataset (`/api/v1/{city}/open-data/budgets/ballots/{edition}.csv`):
    /// only a part the module offers now (an edition with its results out) is found.
    @Sendable func downloadPart(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let module = try context.parameters.require("module")
        guard let file = OpenDataFile.fileName(try context.parameters.require("part")),
              let found = services.modules.dataset(try context.parameters.require("file"), of: module), city.settings.enables(found.module.slug),
              let parts = found.dataset.parts
        else { throw AppError.notFound }
        guard let part = try await parts(services, city).first(where: { $0.key == file.name }) else { throw AppError.notFound }
        let dataset = found.dataset
        return OpenDataWriter.streamingResponse(
            file.format, filename: "\(city.slug.rawValue)-\(found.module.slug.rawValue)-\(dataset.slug)-\(part.key).\(file.format.rawValue)"
        ) { write in try await dataset.write(part, file.format, to: write) }
    }
}
