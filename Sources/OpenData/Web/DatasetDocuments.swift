import Foundation
import HromadaDomain
import HromadaWeb

/// A dataset's machine-readable descriptions: its Resolution 835 passport
/// and its Frictionless data package (a Table Schema per resource).
struct DatasetDocuments {
    let shapes: CKANShapes

    /// Resolution 835's limits on a passport's name and description.
    static let nameLimit = 254
    static let descriptionLimit = 4000

    static func clipped(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    // MARK: Resolution 835 passport

    struct Bilingual: Encodable {
        let uk: String
        let en: String
    }

    struct Passport: Encodable {
        struct Person: Encodable {
            let name: String?
            let email: String?
        }
        struct Publisher: Encodable {
            let name: Bilingual
            /// ЄДРПОУ; nil until the city sets it.
            let edrpou: String?
        }
        struct Licence: Encodable {
            let id: String
            let title: String
            let url: String
        }
        struct Frequency: Encodable {
            let code: String
            let uk: String
            let en: String
        }
        let identifier: String
        let name: Bilingual
        let description: Bilingual
        let legalBasis: Bilingual
        let purpose: Bilingual
        let language: String
        let formats: [String]
        let compression: String?
        let firstPublished: Date
        let lastModified: Date
        let currentAsOf: Date
        let updateFrequency: Frequency
        let keywords: [String: [String]]
        let dataURLs: [String]
        let apiURL: String
        let structureURL: String
        let responsiblePerson: Person
        let publisher: Publisher
        /// КАТОТТГ of the territory the data covers; nil until the city sets it.
        let territory: String?
        let licence: Licence
        /// The item of Resolution 835's list of mandatory datasets, if it is one.
        let mandatoryItem: String?
        /// Whether the publisher's and territory's codes are the demo's illustrative ones.
        let illustrativeCodes: Bool
    }

    func passport(_ entry: CatalogueEntry) -> Passport {
        let settings = entry.city.settings.openData, base = shapes.base
        func both(_ key: String, limit: Int = 100_000) -> Bilingual {
            Bilingual(uk: Self.clipped(shapes.t(key, .uk), limit), en: Self.clipped(shapes.t(key, .en), limit))
        }
        return Passport(
            identifier: entry.name,
            name: Bilingual(
                uk: Self.clipped(shapes.t(entry.dataset.titleKey, .uk) + " — " + entry.city.name.uk, Self.nameLimit),
                en: Self.clipped(shapes.t(entry.dataset.titleKey, .en) + " — " + entry.city.name.en, Self.nameLimit)),
            description: both(entry.dataset.descriptionKey, limit: Self.descriptionLimit), legalBasis: both(entry.dataset.legalBasisKey),
            purpose: both(entry.dataset.purposeKey), language: "uk", formats: ["CSV", "JSON"], compression: nil,
            firstPublished: entry.record.firstPublished, lastModified: entry.record.modified, currentAsOf: entry.record.checked,
            updateFrequency: Passport.Frequency(
                code: entry.dataset.frequency.rawValue, uk: shapes.frequency(entry, .uk), en: shapes.frequency(entry, .en)),
            keywords: ["uk": shapes.keywords(entry, .uk), "en": shapes.keywords(entry, .en)],
            dataURLs: [base + entry.path(.csv), base + entry.path(.json)] + entry.parts.flatMap { [base + entry.path($0, .csv), base + entry.path($0, .json)] }, apiURL: base + "/api/3/action/package_show?id=" + entry.name,
            structureURL: base + entry.pagePath + "/datapackage.json",
            responsiblePerson: Passport.Person(
                name: settings.responsibleName.isEmpty ? nil : settings.responsibleName,
                email: settings.responsibleEmail.isEmpty ? nil : settings.responsibleEmail),
            publisher: Passport.Publisher(
                name: Bilingual(uk: shapes.publisher(entry.city, .uk), en: shapes.publisher(entry.city, .en)),
                edrpou: settings.publisherCode.isEmpty ? nil : settings.publisherCode),
            territory: settings.territoryCode.isEmpty ? nil : settings.territoryCode,
            licence: Passport.Licence(id: settings.licence.rawValue, title: settings.licence.title, url: settings.licence.url),
            mandatoryItem: entry.dataset.mandatoryItem, illustrativeCodes: OpenDataDemo.isIllustrative(settings))
    }

    // MARK: Frictionless data package

    struct DataPackage: Encodable {
        struct Licence: Encodable {
            let name: String
            let path: String
            let title: String
        }
        struct Source: Encodable {
            let title: String
            let path: String
        }
        let profile = "data-package"
        let name: String
        let id: String
        let title: String
        let description: String
        let homepage: String
        let version: String
        let created: Date
        let keywords: [String]
        let licenses: [Licence]
        let sources: [Source]
        let resources: [Resource]
    }

    struct Resource: Encodable {
        struct Dialect: Encodable {
            let delimiter = ","
            let doubleQuote = true
            let lineTerminator = "\r\n"
            let header = true
        }
        let profile = "tabular-data-resource"
        let name: String
        let path: String
        let format: String
        let mediatype: String
        let encoding = "utf-8"
        let dialect: Dialect?
        let schema: TableSchema
    }

    struct TableSchema: Encodable {
        struct Field: Encodable {
            let name: String
            let title: String
            let type: String
            let format: String?
            let description: String
            let unit: String?
        }
        let fields: [Field]
        let missingValues: [String]
    }

    /// The Table Schema of a resource: in CSV a list is its values joined by spaces (text); in JSON an array.
    /// The JSON file writes each row's keys sorted (as the API writes every
    /// object), and a reader takes a keyed row's labels in that order: its
    /// schema lists the fields so.
    func schema(_ fields: [OpenDataField], format: OpenDataFile.Format) -> TableSchema {
        let fields = format == .json ? fields.sorted { $0.name < $1.name } : fields
        return TableSchema(
            fields: fields.map { field in
                let type: String
                switch (field.isList, format) {
                case (true, .csv): type = "string"
                case (true, .json): type = "array"
                case (false, _):
                    switch field.type {
                    case .text: type = "string"
                    case .integer: type = "integer"
                    case .decimal: type = "number"
                    case .date: type = "date"
                    case .datetime: type = "datetime"
                    case .boolean: type = "boolean"
                    }
                }
                return TableSchema.Field(
                    name: field.name, title: field.name, type: type, format: nil, description: shapes.t(field.descriptionKey, .uk),
                    unit: field.unit)
            },
            missingValues: [""])
    }

    func dataPackage(_ entry: CatalogueEntry) -> DataPackage {
        let settings = entry.city.settings.openData, base = shapes.base
        return DataPackage(
            name: entry.name, id: entry.id, title: shapes.t(entry.dataset.titleKey) + " — " + entry.city.name.uk,
            description: shapes.t(entry.dataset.descriptionKey), homepage: base + entry.pagePath,
            version: SolrTime.format(entry.record.modified), created: entry.record.firstPublished, keywords: shapes.keywords(entry, .uk),
            licenses: [DataPackage.Licence(name: settings.licence.rawValue, path: settings.licence.url, title: settings.licence.title)],
            sources: [DataPackage.Source(title: shapes.publisher(entry.city), path: base + "/" + entry.city.slug.rawValue)],
            resources: resources(named: entry.citySlug, fields: entry.dataset.fields, rows: entry.record.rows, path: entry.path)
                + entry.parts.flatMap { part in
                    resources(named: "\(entry.citySlug)-\(part.key.lowercased())", fields: entry.dataset.partFields, rows: part.rows) { entry.path(part, $0) }
                })
    }

    /// A file's two resources, its CSV and its JSON. An empty JSON array
    /// has no rows to read a table from (Frictionless refuses it): an empty
    /// file's package describes its CSV only.
    private func resources(named name: String, fields: [OpenDataField], rows: Int64, path: (OpenDataFile.Format) -> String) -> [Resource] {
        let csv = Resource(
            name: "\(name)-csv", path: shapes.base + path(.csv), format: "csv", mediatype: "text/csv", dialect: Resource.Dialect(),
            schema: schema(fields, format: .csv))
        guard rows > 0 else { return [csv] }
        return [
            csv,
            Resource(
                name: "\(name)-json", path: shapes.base + path(.json), format: "json", mediatype: "application/json", dialect: nil,
                schema: schema(fields, format: .json)),
        ]
    }
}

extension OpenDataDemo {
    /// Whether a city's codes are the demo's (illustrative) ones.
    static func isIllustrative(_ settings: OpenDataSettings) -> Bool {
        publisherCodes.values.contains(settings.publisherCode) || territoryCodes.values.contains(settings.territoryCode)
    }
}
