import Foundation
import HromadaDomain
import HromadaWeb

/// The CKAN shapes of the catalogue (CKAN 2.10's `package_show`,
/// `organization_show`, …), with the fields data.gov.ua's harvest schema
/// requires (`purpose_of_collecting_information`, `update_frequency`,
/// `tag_string`, `language`). Texts are Ukrainian, the portal's language;
/// the English ones ride along in `extras` (`title_en`, `notes_en`).
struct CKANShapes {
    let services: AppServices
    let base: String

    init(services: AppServices) {
        self.services = services
        base = services.configuration.publicBaseURL
    }

    func t(_ key: String, _ language: Language = .uk, _ arguments: [String: String] = [:]) -> String {
        services.localizer.string(key, language, arguments)
    }

    // MARK: Organizations: the city councils that publish

    struct Organization: Encodable {
        let id: String
        let name: String
        let title: String
        let display_name: String
        let description: String
        let type = "organization"
        let is_organization = true
        let state = "active"
        let approval_status = "approved"
        let image_url = ""
        let created: String
        let package_count: Int
        let extras: [Extra]
    }

    struct Extra: Encodable, Comparable {
        let key: String
        let value: String
        static func < (a: Extra, b: Extra) -> Bool { a.key < b.key }
    }

    /// The publisher's name: the council of the city (`Вінницька міська рада` is the council; the city's name stands in its phrase).
    func publisher(_ city: Municipality, _ language: Language = .uk) -> String {
        t("opendata.publisher", language, ["city": city.name.localized(language)])
    }

    func organizationID(_ city: Municipality) -> String { CatalogueEntry.uuid("organization:" + city.slug.rawValue) }

    func organization(_ city: Municipality, totals: CatalogueTotals) -> Organization {
        let settings = city.settings.openData
        let mine = totals.perCity[city.id]
        var extras = [Extra(key: "title_en", value: publisher(city, .en))]
        if !settings.publisherCode.isEmpty { extras.append(Extra(key: "edrpou", value: settings.publisherCode)) }
        if !settings.territoryCode.isEmpty { extras.append(Extra(key: "katottg", value: settings.territoryCode)) }
        return Organization(
            id: organizationID(city), name: city.slug.rawValue, title: publisher(city), display_name: publisher(city),
            description: t("opendata.organization_description", .uk, ["city": city.name.uk]),
            created: SolrTime.format(mine?.created ?? Date(timeIntervalSince1970: 0)), package_count: mine?.count ?? 0, extras: extras.sorted())
    }

    // MARK: Groups: the kinds of data (the modules)

    struct Group: Encodable {
        let id: String
        let name: String
        let title: String
        let display_name: String
        let description: String
        let type = "group"
        let is_organization = false
        let state = "active"
        let image_display_url = ""
        let package_count: Int
    }

    func group(_ module: any Module, count: Int) -> Group {
        let slug = module.slug.rawValue
        return Group(
            id: CatalogueEntry.uuid("group:" + slug), name: slug, title: t("modules.\(slug).name"), display_name: t("modules.\(slug).name"),
            description: t("modules.\(slug).description"), package_count: count)
    }

    // MARK: Packages: the datasets

    struct Tag: Encodable {
        let id: String
        let name: String
        let display_name: String
        let state = "active"
        let vocabulary_id: String? = nil
    }

    struct Resource: Encodable {
        let id: String
        let package_id: String
        let name: String
        let description: String
        let format: String
        let mimetype: String
        let url: String
        let size: Int64
        let hash: String
        let created: String
        let last_modified: String
        let metadata_modified: String
        let position: Int
        let state = "active"
        let url_type: String? = nil
        let datastore_active = false
    }

    struct Package: Encodable {
        let id: String
        let name: String
        let title: String
        let notes: String
        let url: String
        let author: String
        let author_email: String
        let maintainer: String
        let maintainer_email: String
        let license_id: String
        let license_title: String
        let license_url: String
        let isopen = true
        let metadata_created: String
        let metadata_modified: String
        let organization: Organization
        let owner_org: String
        let `private` = false
        let state = "active"
        let type = "dataset"
        let version: String? = nil
        let language: String
        let purpose_of_collecting_information: String
        let update_frequency: String
        let tag_string: String
        let tags: [Tag]
        let num_tags: Int
        let groups: [Group]
        let resources: [Resource]
        let num_resources: Int
        let extras: [Extra]
        let relationships_as_object: [String] = []
        let relationships_as_subject: [String] = []
    }

    /// The keywords of a dataset in a language, as its strings list them (comma-separated).
    func keywords(_ entry: CatalogueEntry, _ language: Language) -> [String] {
        t(entry.dataset.keywordsKey, language).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The update frequency in a reader's words.
    func frequency(_ entry: CatalogueEntry, _ language: Language = .uk) -> String {
        t("opendata.frequency.\(entry.dataset.frequency.rawValue)", language)
    }

    /// data.gov.ua refuses a longer `purpose_of_collecting_information`.
    static let purposeLimit = 512

    /// The update frequency as data.gov.ua stores it (`update_frequency`):
    /// its own English codes, which the portal shows in Ukrainian ("once a
    /// day" as «щодня», "unscheduled" as «позапланово»). A dataset that
    /// changes per participatory-budget edition has no fixed period.
    static func dataGovUAFrequency(_ frequency: OpenDataFrequency) -> String {
        switch frequency {
        case .continuous: "immediately after making changes"
        case .daily: "once a day"
        case .weekly: "once a week"
        case .monthly: "once a month"
        case .quarterly: "once a quarter"
        case .annual: "once a year"
        case .perEdition, .irregular: "unscheduled"
        }
    }

    /// The dataset's CSV and JSON, then each part's (an edition's ballots), in that order.
    func resources(_ entry: CatalogueEntry) -> [Resource] {
        let created = SolrTime.format(entry.record.firstPublished), modified = SolrTime.format(entry.record.modified)
        let title = t(entry.dataset.titleKey), description = t(entry.dataset.descriptionKey)
        var files = [(key: entry.name, name: title, path: entry.path(.csv), format: OpenDataFile.Format.csv, digest: entry.record.csv),
                     (entry.name, title, entry.path(.json), .json, entry.record.json)]
        for part in entry.parts {
            let name = t("opendata.part_title", .uk, ["title": title, "part": part.title.uk])
            files += [("\(entry.name)/\(part.key)", name, entry.path(part, .csv), .csv, part.csv), ("\(entry.name)/\(part.key)", name, entry.path(part, .json), .json, part.json)]
        }
        return files.enumerated().map { position, file in
            Resource(
                id: CatalogueEntry.uuid("resource:\(file.key).\(file.format.rawValue)"), package_id: entry.id,
                name: "\(file.name) (\(file.format.rawValue.uppercased()))", description: description, format: file.format.rawValue.uppercased(),
                mimetype: file.format == .csv ? "text/csv" : "application/json", url: base + file.path, size: file.digest.bytes,
                hash: "sha256:" + file.digest.sha256, created: created, last_modified: modified, metadata_modified: modified, position: position)
        }
    }

    /// An entry's package as JSON (the API's encoding), made once per entry and totals.
    func packageJSON(_ entry: CatalogueEntry, totals: CatalogueTotals) throws -> String {
        try entry.packageJSON(key: totals.packageKey(entry)) { String(decoding: try JSONResponse.data(package(entry, totals: totals)), as: UTF8.self) }
    }

    func package(_ entry: CatalogueEntry, totals: CatalogueTotals) -> Package {
        let settings = entry.city.settings.openData
        let tags = keywords(entry, .uk).map { Tag(id: CatalogueEntry.uuid("tag:" + $0), name: $0, display_name: $0) }
        var extras = [
            Extra(key: "title_en", value: t(entry.dataset.titleKey, .en)),
            Extra(key: "notes_en", value: t(entry.dataset.descriptionKey, .en)),
            Extra(key: "legal_basis", value: t(entry.dataset.legalBasisKey)),
            Extra(key: "update_frequency_uk", value: frequency(entry)),
            Extra(key: "data_current_as_of", value: SolrTime.format(entry.record.checked)),
            Extra(key: "row_count", value: String(entry.record.rows)),
            Extra(key: "datapackage", value: base + entry.pagePath + "/datapackage.json"),
            Extra(key: "passport", value: base + entry.pagePath + "/passport.json"),
        ]
        if !settings.publisherCode.isEmpty { extras.append(Extra(key: "publisher_edrpou", value: settings.publisherCode)) }
        if !settings.territoryCode.isEmpty { extras.append(Extra(key: "katottg", value: settings.territoryCode)) }
        if let item = entry.dataset.mandatoryItem { extras.append(Extra(key: "resolution_835_item", value: item)) }
        let resources = resources(entry)
        let count = totals.perModule[entry.module.slug.rawValue] ?? 0
        return Package(
            id: entry.id, name: entry.name, title: t(entry.dataset.titleKey) + " — " + entry.city.name.uk, notes: t(entry.dataset.descriptionKey),
            url: base + entry.pagePath, author: publisher(entry.city), author_email: entry.city.settings.contactEmail,
            maintainer: settings.responsibleName, maintainer_email: settings.responsibleEmail,
            license_id: settings.licence.rawValue, license_title: settings.licence.title, license_url: settings.licence.url,
            metadata_created: SolrTime.format(entry.record.firstPublished), metadata_modified: SolrTime.format(entry.record.modified),
            organization: organization(entry.city, totals: totals), owner_org: organizationID(entry.city), language: "uk",
            purpose_of_collecting_information: DatasetDocuments.clipped(t(entry.dataset.purposeKey), Self.purposeLimit), update_frequency: Self.dataGovUAFrequency(entry.dataset.frequency),
            tag_string: tags.map(\.name).joined(separator: ","), tags: tags, num_tags: tags.count,
            groups: [group(entry.module, count: count)], resources: resources, num_resources: resources.count, extras: extras.sorted())
    }
}

/// What a package says of the others: each city's number of datasets and
/// its first publication (its organization), each module's number (its
/// group). Worked out once per request: made from the whole list for each
/// package, a page of packages cost the catalogue's size times the page.
struct CatalogueTotals: Sendable {
    let perCity: [MunicipalityID: (count: Int, created: Date)]
    let perModule: [String: Int]

    /// The totals of these entries, worked out again only when they change.
    static func of(_ entries: [CatalogueEntry]) -> CatalogueTotals { memo.value("", of: entries) { CatalogueTotals(entries) } }

    private static let memo = EntriesMemo<CatalogueTotals>()

    /// What else goes into an entry's package: its city's and its module's numbers.
    func packageKey(_ entry: CatalogueEntry) -> String {
        let city = perCity[entry.city.id]
        return "\(city?.count ?? 0) \(city?.created.timeIntervalSince1970 ?? 0) \(perModule[entry.module.slug.rawValue] ?? 0)"
    }

    private init(_ entries: [CatalogueEntry]) {
        var perCity: [MunicipalityID: (count: Int, created: Date)] = [:], perModule: [String: Int] = [:]
        for entry in entries {
            let known = perCity[entry.city.id]
            perCity[entry.city.id] = ((known?.count ?? 0) + 1, min(known?.created ?? entry.record.firstPublished, entry.record.firstPublished))
            perModule[entry.module.slug.rawValue, default: 0] += 1
        }
        self.perCity = perCity
        self.perModule = perModule
    }
}
