import Foundation
import HromadaDomain
import HromadaWeb

/// A city's catalogue in DCAT-AP 3 (the European application profile of
/// W3C DCAT), as JSON-LD or Turtle, paged as ckanext-dcat pages it
/// (`?page=N`, `datasetsPerPage` a page, a `hydra:PagedCollection` saying
/// where the others are). Every object is typed with the class DCAT-AP's
/// range shapes expect, since a SHACL validator sees only this graph.
struct DCATCatalogue {
    static let datasetsPerPage = 100

    let shapes: CKANShapes
    let city: Municipality
    let entries: [CatalogueEntry]
    let page: Int
    private var graph = RDFGraph()

    /// A page past the last is a 404 (`AppError.notFound`); page 1 of an empty catalogue is the catalogue alone.
    init(shapes: CKANShapes, city: Municipality, entries: [CatalogueEntry], page: Int) throws {
        let last = max(1, (entries.count + Self.datasetsPerPage - 1) / Self.datasetsPerPage)
        guard page <= last else { throw AppError.notFound }
        self.shapes = shapes
        self.city = city
        self.entries = entries
        self.page = page
        build(last: last)
    }

    func jsonLD() -> String { graph.jsonLD() }
    func turtle() -> String { graph.turtle() }

    // MARK: The graph

    private mutating func build(last: Int) {
        let base = shapes.base, slug = city.slug.rawValue
        let catalogueURL = base + "/\(slug)/opendata"
        let catalogue = RDFNode.iri(catalogueURL + "#catalog")
        let publisher = publisherNode()
        let licence = typed(.iri(city.settings.openData.licence.url), "dct:LicenseDocument")
        let ukrainian = typed(.iri("http://publications.europa.eu/resource/authority/language/UKR"), "dct:LinguisticSystem")
        let spatial = spatialNode()
        graph.add(catalogue, "rdf:type", .iri(RDF.expand("dcat:Catalog")))
        graph.add(catalogue, "dct:title", .text(shapes.t("opendata.title", .uk, ["city": city.name.uk]), "uk"))
        graph.add(catalogue, "dct:title", .text(shapes.t("opendata.title", .en, ["city": city.name.en]), "en"))
        graph.add(catalogue, "dct:description", .text(shapes.t("opendata.catalogue_description", .uk, ["city": city.name.uk]), "uk"))
        graph.add(catalogue, "dct:description", .text(shapes.t("opendata.catalogue_description", .en, ["city": city.name.en]), "en"))
        graph.add(catalogue, "dct:publisher", publisher)
        graph.add(catalogue, "dct:language", ukrainian)
        graph.add(catalogue, "dct:license", licence)
        graph.add(catalogue, "foaf:homepage", typed(.iri(catalogueURL), "foaf:Document"))
        if let spatial { graph.add(catalogue, "dct:spatial", spatial) }
        if let first = entries.map(\.record.firstPublished).min() { graph.add(catalogue, "dct:issued", .dateTime(first)) }
        if let latest = entries.map(\.record.modified).max() { graph.add(catalogue, "dct:modified", .dateTime(latest)) }
        let pageEntries = entries.dropFirst((page - 1) * Self.datasetsPerPage).prefix(Self.datasetsPerPage)
        for entry in pageEntries {
            graph.add(catalogue, "dcat:dataset", dataset(entry, publisher: publisher, licence: licence, language: ukrainian, spatial: spatial))
        }
        // Paging, as ckanext-dcat writes it.
        let collection = RDFNode.iri(catalogueURL + "/catalog.jsonld?page=\(page)")
        func pageURL(_ number: Int) -> RDFNode { .literal(catalogueURL + "/catalog.jsonld?page=\(number)", datatype: nil, language: nil) }
        graph.add(collection, "rdf:type", .iri(RDF.expand("hydra:PagedCollection")))
        graph.add(collection, "hydra:totalItems", .literal(String(entries.count), datatype: RDF.expand("xsd:integer"), language: nil))
        graph.add(collection, "hydra:itemsPerPage", .literal(String(Self.datasetsPerPage), datatype: RDF.expand("xsd:integer"), language: nil))
        graph.add(collection, "hydra:firstPage", pageURL(1))
        graph.add(collection, "hydra:lastPage", pageURL(last))
        if page < last { graph.add(collection, "hydra:nextPage", pageURL(page + 1)) }
        if page > 1 { graph.add(collection, "hydra:previousPage", pageURL(page - 1)) }
    }

    /// An IRI node declared of a class (once).
    private mutating func typed(_ node: RDFNode, _ type: String) -> RDFNode {
        graph.add(node, "rdf:type", .iri(RDF.expand(type)))
        return node
    }

    private mutating func publisherNode() -> RDFNode {
        let settings = city.settings.openData
        let node = typed(.iri(shapes.base + "/\(city.slug.rawValue)#publisher"), "foaf:Agent")
        graph.add(node, "foaf:name", .text(shapes.publisher(city, .uk), "uk"))
        graph.add(node, "foaf:name", .text(shapes.publisher(city, .en), "en"))
        if !settings.publisherCode.isEmpty { graph.add(node, "dct:identifier", .literal(settings.publisherCode, datatype: nil, language: nil)) }
        let kind = typed(.iri("http://purl.org/adms/publishertype/LocalAuthority"), "skos:Concept")
        graph.add(kind, "skos:prefLabel", .text("Local Authority", "en"))
        graph.add(node, "dct:type", kind)
        return node
    }

    /// The territory by its КАТОТТГ code, once the city has set it.
    private mutating func spatialNode() -> RDFNode? {
        let code = city.settings.openData.territoryCode
        guard !code.isEmpty else { return nil }
        let node = typed(.iri(shapes.base + "/\(city.slug.rawValue)#territory"), "dct:Location")
        graph.add(node, "dct:identifier", .literal(code, datatype: nil, language: nil))
        graph.add(node, "skos:prefLabel", .text(city.name.uk, "uk"))
        graph.add(node, "skos:prefLabel", .text(city.name.en, "en"))
        return node
    }

    /// The EU vocabulary's frequency for each of ours.
    static func frequency(_ frequency: OpenDataFrequency) -> String {
        let code: String
        switch frequency {
        case .continuous: code = "CONT"
        case .daily: code = "DAILY"
        case .weekly: code = "WEEKLY"
        case .monthly: code = "MONTHLY"
        case .quarterly: code = "QUARTERLY"
        case .annual: code = "ANNUAL"
        case .perEdition: code = "ANNUAL_IRREG"
        case .irregular: code = "IRREG"
        }
        return "http://publications.europa.eu/resource/authority/frequency/" + code
    }

    private mutating func dataset(_ entry: CatalogueEntry, publisher: RDFNode, licence: RDFNode, language: RDFNode, spatial: RDFNode?) -> RDFNode {
        let base = shapes.base, settings = entry.city.settings.openData
        let node = typed(.iri(base + entry.pagePath + "#dataset"), "dcat:Dataset")
        graph.add(node, "dct:identifier", .literal(entry.name, datatype: nil, language: nil))
        for language in Language.allCases {
            graph.add(node, "dct:title", .text(shapes.t(entry.dataset.titleKey, language) + " — " + entry.city.name.localized(language), language.rawValue))
            graph.add(node, "dct:description", .text(shapes.t(entry.dataset.descriptionKey, language), language.rawValue))
            for keyword in shapes.keywords(entry, language) { graph.add(node, "dcat:keyword", .text(keyword, language.rawValue)) }
        }
        graph.add(node, "dct:publisher", publisher)
        graph.add(node, "dct:issued", .dateTime(entry.record.firstPublished))
        graph.add(node, "dct:modified", .dateTime(entry.record.modified))
        graph.add(node, "dct:language", language)
        let theme = typed(.iri("http://publications.europa.eu/resource/authority/data-theme/GOVE"), "skos:Concept")
        graph.add(theme, "skos:prefLabel", .text("Government and public sector", "en"))
        graph.add(node, "dcat:theme", theme)
        graph.add(node, "dct:accrualPeriodicity", typed(.iri(Self.frequency(entry.dataset.frequency)), "dct:Frequency"))
        graph.add(node, "dcat:landingPage", typed(.iri(base + entry.pagePath), "foaf:Document"))
        let structure = typed(.iri(base + entry.pagePath + "/datapackage.json"), "dct:Standard")
        graph.add(node, "dct:conformsTo", structure)
        if let spatial { graph.add(node, "dct:spatial", spatial) }
        if !settings.responsibleEmail.isEmpty || !settings.responsibleName.isEmpty {
            let contact = typed(.iri(base + entry.pagePath + "#contact"), "vcard:Kind")
            graph.add(contact, "vcard:fn", .literal(settings.responsibleName.isEmpty ? shapes.publisher(entry.city) : settings.responsibleName, datatype: nil, language: nil))
            if !settings.responsibleEmail.isEmpty { graph.add(contact, "vcard:hasEmail", .iri("mailto:" + settings.responsibleEmail)) }
            graph.add(node, "dcat:contactPoint", contact)
        }
        // The same files as the CKAN resources: the dataset's, then each part's.
        for resource in shapes.resources(entry) {
            let url = resource.url
            let distribution = typed(.iri(url + "#distribution"), "dcat:Distribution")
            graph.add(distribution, "dct:title", .text(resource.name, "uk"))
            graph.add(distribution, "dcat:accessURL", .iri(url))
            graph.add(distribution, "dcat:downloadURL", .iri(url))
            graph.add(distribution, "dct:format", typed(
                .iri("http://publications.europa.eu/resource/authority/file-type/" + resource.format), "dct:MediaTypeOrExtent"))
            graph.add(distribution, "dcat:mediaType", typed(.iri("https://www.iana.org/assignments/media-types/" + resource.mimetype), "dct:MediaType"))
            graph.add(distribution, "dct:license", licence)
            graph.add(distribution, "dct:issued", .dateTime(entry.record.firstPublished))
            graph.add(distribution, "dct:modified", .dateTime(entry.record.modified))
            // DCAT-AP 3 types a byte size as xsd:decimal (its shapes refuse xsd:nonNegativeInteger).
            graph.add(distribution, "dcat:byteSize", .literal(String(resource.size), datatype: RDF.expand("xsd:decimal"), language: nil))
            let checksum = typed(.iri(url + "#sha256"), "spdx:Checksum")
            graph.add(checksum, "spdx:algorithm", typed(.iri(RDF.expand("spdx:checksumAlgorithm_sha256")), "spdx:ChecksumAlgorithm"))
            graph.add(checksum, "spdx:checksumValue", .literal(String(resource.hash.dropFirst("sha256:".count)), datatype: RDF.expand("xsd:hexBinary"), language: nil))
            graph.add(distribution, "spdx:checksum", checksum)
            graph.add(node, "dcat:distribution", distribution)
        }
        return node
    }
}

/// The vocabularies the catalogue writes, by prefix.
enum RDF {
    static let prefixes: [(String, String)] = [
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"), ("dcat", "http://www.w3.org/ns/dcat#"), ("dct", "http://purl.org/dc/terms/"),
        ("foaf", "http://xmlns.com/foaf/0.1/"), ("skos", "http://www.w3.org/2004/02/skos/core#"), ("vcard", "http://www.w3.org/2006/vcard/ns#"),
        ("spdx", "http://spdx.org/rdf/terms#"), ("xsd", "http://www.w3.org/2001/XMLSchema#"), ("hydra", "http://www.w3.org/ns/hydra/core#"),
    ]

    /// `dct:title` → its full IRI; an IRI without a known prefix stays as it is.
    static func expand(_ name: String) -> String {
        guard let colon = name.firstIndex(of: ":"), let namespace = prefixes.first(where: { $0.0 == name[..<colon] })?.1 else { return name }
        return namespace + name[name.index(after: colon)...]
    }
}

/// An RDF term: an IRI or a literal (with a datatype or a language).
enum RDFNode: Hashable {
    case iri(String)
    case literal(String, datatype: String?, language: String?)

    static func text(_ text: String, _ language: String) -> RDFNode { .literal(text, datatype: nil, language: language) }

    static func dateTime(_ date: Date) -> RDFNode {
        .literal(date.formatted(.iso8601), datatype: RDF.expand("xsd:dateTime"), language: nil)
    }
}

/// Triples grouped by subject in the order first written, each triple once,
/// written as expanded JSON-LD (no context to fetch) or as Turtle.
struct RDFGraph {
    private var subjects: [String] = []
    private var properties: [String: [(String, RDFNode)]] = [:]
    private var seen = Set<String>()

    mutating func add(_ subject: RDFNode, _ predicate: String, _ object: RDFNode) {
        guard case .iri(let id) = subject else { return }
        let predicate = RDF.expand(predicate)
        guard seen.insert("\(id) \(predicate) \(object)").inserted else { return }
        if properties[id] == nil { subjects.append(id) }
        properties[id, default: []].append((predicate, object))
    }

    func jsonLD() -> String {
        let graph: [[String: Any]] = subjects.map { id in
            var node: [String: Any] = ["@id": id]
            var grouped: [String: [[String: String]]] = [:], order: [String] = []
            var types: [String] = []
            for (predicate, object) in properties[id] ?? [] {
                if predicate == RDF.expand("rdf:type"), case .iri(let type) = object { types.append(type); continue }
                if grouped[predicate] == nil { order.append(predicate) }
                switch object {
                case .iri(let iri): grouped[predicate, default: []].append(["@id": iri])
                case .literal(let value, let datatype, let language):
                    var literal = ["@value": value]
                    if let datatype { literal["@type"] = datatype }
                    if let language { literal["@language"] = language }
                    grouped[predicate, default: []].append(literal)
                }
            }
            if !types.isEmpty { node["@type"] = types }
            for predicate in order { node[predicate] = grouped[predicate] }
            return node
        }
        let data = (try? JSONSerialization.data(withJSONObject: ["@graph": graph], options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    func turtle() -> String {
        var lines = RDF.prefixes.map { "@prefix \($0.0): <\($0.1)> ." }
        lines.append("")
        for id in subjects {
            let statements = (properties[id] ?? []).map { predicate, object in "    \(Self.term(predicate, isPredicate: true)) \(Self.term(object))" }
            lines.append("\(Self.iri(id))\n" + statements.joined(separator: " ;\n") + " .\n")
        }
        return lines.joined(separator: "\n")
    }

    private static func term(_ node: RDFNode) -> String {
        switch node {
        case .iri(let value): return Self.iri(value)
        case .literal(let value, let datatype, let language):
            let quoted = "\"" + escape(value) + "\""
            if let language { return quoted + "@" + language }
            if let datatype { return quoted + "^^" + Self.iri(datatype) }
            return quoted
        }
    }

    private static func term(_ predicate: String, isPredicate: Bool) -> String {
        predicate == RDF.expand("rdf:type") ? "a" : iri(predicate)
    }

    /// A prefixed name where one fits, else `<IRI>` with the characters Turtle forbids there escaped.
    private static func iri(_ iri: String) -> String {
        for (prefix, namespace) in RDF.prefixes where iri.hasPrefix(namespace) {
            let local = iri.dropFirst(namespace.count)
            if !local.isEmpty, local.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) { return "\(prefix):\(local)" }
        }
        var escaped = ""
        for scalar in iri.unicodeScalars {
            if scalar.value <= 0x20 || "<>\"{}|^`\\".unicodeScalars.contains(scalar) {
                escaped += String(format: "\\u%04X", scalar.value)
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return "<" + escaped + ">"
    }

    private static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default:
                if scalar.value < 0x20 { escaped += String(format: "\\u%04X", scalar.value) } else { escaped.unicodeScalars.append(scalar) }
            }
        }
        return escaped
    }
}
