import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The citizen's pages: the city's documents (`/{city}/strategy`), a
/// document's tree with progress and status colours, a node's page (how its
/// progress is made, its indicators, what carries it out, its timeline), an
/// indicator's chart, and a document's timeline. Every roll-up figure a page
/// shows is also in its `data-progress` attribute, as the open data gives
/// the inputs, so anyone can check it (scripts/check-strategy-rollup).
struct StrategyPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/strategy", use: list)
        router.get(":city/strategy/:document", use: document)
        router.get(":city/strategy/:document/timeline", use: timeline)
        router.get(":city/strategy/:document/nodes/:node", use: node)
        router.get(":city/strategy/:document/indicators/:indicator", use: indicator)
        router.get(":city/strategy/:document/photos/:photo", use: photo)
    }

    // MARK: Shared pieces

    struct Progress {
        let percent: Int
        /// The exact share, for `data-progress`.
        let share: String
    }

    static func progress(_ share: Double) -> Progress {
        Progress(percent: StrategyFormat.percent(share), share: TreeHTML.share(share))
    }


    /// `?year=` as a year of the document up to the present (a later one reads
    /// as the last the document has figures for), else nil: the default.
    static func year(_ request: Request, _ document: StrategyDocument, now: Int) -> Int? {
        guard let text = request.uri.queryParameters.get("year"), let year = Int(text), StrategyDocument.years.contains(year) else { return nil }
        return StrategyService.asOf(year, document, now: now)
    }

    func documentURL(_ city: Municipality, _ id: StrategyDocumentID) -> String { "/\(city.slug.rawValue)/strategy/\(id.rawValue)" }

    static func pathSegment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }

    // MARK: The list

    struct DocumentItem {
        let title: String
        let kind: String
        let years: String
        let status: String
        let decision: String?
        let progress: Progress?
        let url: String
        /// Kept by another module (the investment programme): said beside it.
        let keptBy: String?
    }

    struct ListPage {
        let documents: [DocumentItem]
        let empty: Bool
        let apiURL: String
        let resultsURL: String
        let deskURL: String?
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let language = context.language, slug = city.slug.rawValue
        var items: [DocumentItem] = []
        for stored in try await services.strategy.documents(in: city.id) {
            let view = try await services.strategy.view(of: stored, city: city)
            items.append(DocumentItem(
                title: stored.document.title.localized(language), kind: html.t("strategy.kind.\(stored.document.kind.rawValue)", context),
                years: StrategyFormat.years(stored.document.firstYear, stored.document.lastYear),
                status: html.t("strategy.document_status.\(stored.document.status.rawValue)", context),
                decision: decision(stored.document.decision, context), progress: view.rollup.documentProgress.map(Self.progress),
                url: documentURL(city, stored.id), keptBy: nil))
        }
        for (module, provided) in try await services.modules.providedDocuments(in: city, services: services) {
            let progress = ProvidedProgress.of(provided)
            items.append(DocumentItem(
                title: provided.title.localized(language), kind: html.t("strategy.kind.\(provided.kind.rawValue)", context),
                years: StrategyFormat.years(provided.firstYear, provided.lastYear),
                status: html.t("strategy.document_status.\(provided.lastYear < services.strategy.currentYear ? "completed" : "in_force")", context),
                decision: decision(.init(number: provided.decisionNumber, date: provided.decisionDate), context), progress: progress.map(Self.progress),
                url: provided.path, keptBy: html.t("strategy.kept_by", context, ["module": html.t("modules.\(module.rawValue).name", context)])))
        }
        let page = ListPage(
            documents: items, empty: items.isEmpty, apiURL: "/api/v1/\(slug)/strategies", resultsURL: "/\(slug)/results",
            deskURL: context.principal?.may(.editStrategy, in: city.id) == true ? "/\(slug)/admin/strategy" : nil)
        return try await html.render(
            "strategy-list", page: page, titleKey: "strategy.title", titleArguments: ["city": city.name.localized(language)],
            request: request, context: context, city: city)
    }

    func decision(_ decision: StrategyDocument.Decision, _ context: AppRequestContext) -> String? {
        guard !decision.number.isEmpty else { return nil }
        guard let date = decision.date else { return html.t("strategy.decision_number", context, ["number": decision.number]) }
        return html.t("strategy.decision", context, ["number": decision.number, "date": StrategyFormat.day(date, context.language)])
    }

    // MARK: A document's tree

    struct Link {
        let title: String
        let url: String
    }

    struct DocumentPage {
        let title: String
        let kind: String
        let years: String
        let status: String
        let decision: String?
        let decisionURL: String?
        let summary: String?
        let illustrative: Bool
        let progress: Progress?
        let asOf: Int
        let yearChoices: [YearChoice]
        /// The tree's lists, written by `TreeHTML` (escaped there).
        let tree: String
        let empty: Bool
        let timelineURL: String
        let data: [Link]
        let deskURL: String?
        /// What a messenger shows when the document's link is shared.
        let preview: SharePreview
        /// Follow it, or sign in to (issue 21).
        var follow: FollowButton? = nil
    }

    struct YearChoice {
        let year: Int
        let selected: Bool
    }

    @Sendable func document(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let stored = try await services.strategy.document(try StrategyDocumentID(context), in: city.id)
        let now = services.strategy.currentYear
        let view = try await services.strategy.view(of: stored, city: city, asOf: Self.year(request, stored.document, now: now))
        let language = context.language, document = stored.document, base = documentURL(city, stored.id)
        var words = (statuses: [WorkStatus: String](), indicators: [IndicatorStatus: String]())
        for status in WorkStatus.allCases { words.statuses[status] = html.t("strategy.work_status.\(status.rawValue)", context) }
        for status in IndicatorStatus.allCases { words.indicators[status] = html.t("strategy.status.\(status.rawValue)", context) }
        let tree = TreeHTML(
            view: view, base: base, language: language,
            words: .init(statuses: words.statuses, indicatorStatuses: words.indicators)).render()
        let api = "/api/v1/\(city.slug.rawValue)/strategies/\(stored.id.rawValue)"
        var page = DocumentPage(
            title: document.title.localized(language), kind: html.t("strategy.kind.\(document.kind.rawValue)", context),
            years: StrategyFormat.years(document.firstYear, document.lastYear),
            status: html.t("strategy.document_status.\(document.status.rawValue)", context), decision: decision(document.decision, context),
            decisionURL: document.decision.url.isEmpty ? nil : document.decision.url,
            summary: document.summary.localized(language).isEmpty ? nil : document.summary.localized(language),
            illustrative: document.isIllustrative, progress: view.rollup.documentProgress.map(Self.progress), asOf: view.asOf,
            yearChoices: (document.firstYear...max(document.firstYear, min(now, document.lastYear))).reversed().map { YearChoice(year: $0, selected: $0 == view.asOf) },
            tree: tree, empty: view.tree.nodes.isEmpty, timelineURL: base + "/timeline",
            data: [
                Link(title: "JSON", url: api), Link(title: html.t("strategy.data.nodes_csv", context), url: api + "/nodes.csv"),
                Link(title: html.t("strategy.data.indicators_csv", context), url: api + "/indicators.csv"),
                Link(title: html.t("strategy.data.iati", context), url: api + "/iati.xml"),
            ],
            deskURL: context.principal?.may(.editStrategy, in: city.id) == true ? "/\(city.slug.rawValue)/admin/strategy/\(stored.id.rawValue)" : nil,
            preview: SharePreview(
                services: services, title: document.title.localized(language),
                description: document.summary.localized(language).isEmpty
                    ? "\(html.t("strategy.kind.\(document.kind.rawValue)", context)), \(StrategyFormat.years(document.firstYear, document.lastYear))"
                    : document.summary.localized(language), path: base,
                city: city, language: language))
        page.follow = try await FollowButton.make(.strategy, id: stored.id.rawValue, in: city, path: base, context: context, services: services)
        return try await html.render(
            "strategy-document", page: page, titleKey: "strategy.document_title", titleArguments: ["title": page.title],
            request: request, context: context, city: city)
    }

    // MARK: A node

    struct Part {
        let title: String
        let url: String
        let weight: String
        let progress: Progress
        let counted: Bool
    }

    struct IndicatorItem {
        let name: String
        let url: String
        let status: String
        let statusName: String
        let latest: String?
        let target: String?
    }

    struct Entry {
        struct Picture {
            let url: String
            let caption: String
            let width: Int
            let height: Int
        }
        let day: String
        let text: String
        let node: Link?
        let photos: [Picture]
        let hasPhotos: Bool
    }

    struct LinkedItem {
        let kind: String
        let title: String
        let url: String
        let status: String
    }

    struct MoneyLabels {
        let planned: String
        let spent: String
    }

    struct NodePage {
        let trail: [Link]
        let code: String?
        let title: String
        let level: String
        let status: String
        let description: String?
        let responsible: String?
        let dates: String?
        let moneyLabels: MoneyLabels
        let planned: String
        let spent: String
        let progress: Progress
        let howMade: String
        let parts: [Part]
        let hasParts: Bool
        let formula: String?
        let indicators: [IndicatorItem]
        let hasIndicators: Bool
        let linked: [LinkedItem]
        let hasLinked: Bool
        let entries: [Entry]
        let hasEntries: Bool
        let deskURL: String?
        /// What a messenger shows when the node's link is shared.
        let preview: SharePreview
        /// The platform's comments, on a measure only (`comments.mustache`).
        var discussion: Discussion? = nil
    }

    @Sendable func node(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let stored = try await services.strategy.document(try StrategyDocumentID(context), in: city.id)
        let view = try await services.strategy.view(of: stored, city: city)
        let id = try context.parameters.require("node")
        guard let node = view.tree.nodes.first(where: { $0.id == id }) else { throw AppError.notFound }
        let language = context.language, base = documentURL(city, stored.id)
        func url(_ node: StrategyNode) -> String { base + "/nodes/" + Self.pathSegment(node.id) }
        var trail = [Link(title: stored.document.title.localized(language), url: base)]
        var ancestors: [StrategyNode] = []
        var parent = node.parent
        while let next = parent, let found = view.tree.nodes.first(where: { $0.id == next }), ancestors.count < NodeLevel.allCases.count {
            ancestors.insert(found, at: 0)
            parent = found.parent
        }
        trail += ancestors.map { Link(title: Self.label($0, language), url: url($0)) }
        let figure = view.rollup.figures[node.id] ?? Rollup.Figure(progress: 0, source: .status)
        let children = view.children(of: node.id), indicators = view.indicators(of: node.id)
        var parts: [Part] = []
        var terms: [(weight: Weight, progress: Double)] = []
        switch figure.source {
        case .children:
            parts = children.map { child in
                let progress = view.rollup.figures[child.id]?.progress ?? 0
                if child.status != .cancelled { terms.append((child.weight, progress)) }
                return Part(
                    title: Self.label(child, language), url: url(child), weight: child.weight.description, progress: Self.progress(progress),
                    counted: child.status != .cancelled)
            }
        case .indicators:
            parts = indicators.compactMap { indicator in
                guard let progress = view.assessments[indicator.id]?.progress else { return nil }
                terms.append((indicator.weight, progress))
                return Part(
                    title: indicator.name.localized(language), url: base + "/indicators/" + Self.pathSegment(indicator.id),
                    weight: indicator.weight.description, progress: Self.progress(progress), counted: true)
            }
        case .reported, .status:
            parts = children.map { child in
                Part(title: Self.label(child, language), url: url(child), weight: child.weight.description,
                     progress: Self.progress(view.rollup.figures[child.id]?.progress ?? 0), counted: false)
            }
        }
        let formula: String? = terms.isEmpty ? nil : {
            let total = terms.reduce(0) { $0 + $1.weight.thousandths }
            let sum = terms.map { "\($0.weight) × \(StrategyFormat.percent($0.progress)) %" }.joined(separator: " + ")
            return "(\(sum)) / \(Weight(thousandths: total).map(\.description) ?? String(Double(total) / 1000)) = \(StrategyFormat.percent(figure.progress)) %"
        }()
        let currency = html.t("strategy.currency", context)
        // A parent's money is its own and its parts', all the way down.
        let spending = [node] + view.descendants(of: node.id)
        let planned = Money.sum(spending.map(\.planned)), spent = Money.sum(spending.map(\.spent))
        let linked = try await linkedItems(node.links, city: city, context)
        let entries = try await entryItems(try await services.store.read { try await $0.strategy.entries(of: stored.id, node: node.id, in: city.id) }, view: nil, city: city, stored: stored, context)
        let dates: String? = {
            switch (node.start, node.end) {
            case (nil, nil): nil
            case (let start?, nil): StrategyFormat.day(start, language) + " –"
            case (nil, let end?): "– " + StrategyFormat.day(end, language)
            case (let start?, let end?): StrategyFormat.day(start, language) + " – " + StrategyFormat.day(end, language)
            }
        }()
        var page = NodePage(
            trail: trail, code: node.code.isEmpty ? nil : node.code, title: node.title.localized(language), level: html.t("strategy.level.\(node.level.rawValue)", context),
            status: html.t("strategy.work_status.\(node.status.rawValue)", context),
            description: node.description.localized(language).isEmpty ? nil : node.description.localized(language),
            responsible: node.responsible.isEmpty ? nil : node.responsible, dates: dates,
            moneyLabels: children.isEmpty ? .init(planned: html.t("strategy.planned", context), spent: html.t("strategy.spent", context))
                : .init(planned: html.t("strategy.planned_total", context), spent: html.t("strategy.spent_total", context)),
            planned: StrategyFormat.money(planned, language, currency: currency), spent: StrategyFormat.money(spent, language, currency: currency),
            progress: Self.progress(figure.progress),
            howMade: html.t("strategy.made_from.\(figure.source.rawValue)", context, ["reported": String(node.reportedProgress ?? 0)]),
            parts: parts, hasParts: !parts.isEmpty, formula: formula,
            indicators: indicators.map { indicatorItem($0, view: view, base: base, context) }, hasIndicators: !indicators.isEmpty,
            linked: linked, hasLinked: !linked.isEmpty, entries: entries, hasEntries: !entries.isEmpty,
            deskURL: context.principal?.may(.editStrategy, in: city.id) == true
                ? "/\(city.slug.rawValue)/admin/strategy/\(stored.id.rawValue)/nodes/\(Self.pathSegment(node.id))" : nil,
            preview: SharePreview(
                services: services, title: Self.label(node, language),
                description: node.description.localized(language).isEmpty ? stored.document.title.localized(language) : node.description.localized(language),
                path: url(node), city: city, language: language))
        if node.level == .measure {
            page.discussion = try await Discussion.of(.strategyNode, id: "\(stored.id.rawValue)/\(node.id)", in: city, context, services: services)
        }
        return try await html.render(
            "strategy-node", page: page, titleKey: "strategy.node_title", titleArguments: ["title": page.title], request: request, context: context, city: city)
    }

    static func label(_ node: StrategyNode, _ language: Language) -> String {
        node.code.isEmpty ? node.title.localized(language) : "\(node.code). \(node.title.localized(language))"
    }

    func indicatorItem(_ indicator: StrategyIndicator, view: StrategyService.View, base: String, _ context: AppRequestContext) -> IndicatorItem {
        let language = context.language, assessment = view.assessments[indicator.id]
        let status = assessment?.status ?? .none
        let unit = indicator.unit.localized(language)
        func valued(_ value: Double) -> String { StrategyFormat.number(value, language) + (unit.isEmpty ? "" : "\u{00A0}" + unit) }
        return IndicatorItem(
            name: indicator.name.localized(language), url: base + "/indicators/" + Self.pathSegment(indicator.id), status: status.rawValue,
            statusName: html.t("strategy.status.\(status.rawValue)", context),
            latest: assessment.flatMap { a in a.year.flatMap { year in a.actual.map { html.t("strategy.actual_in", context, ["value": valued($0), "year": String(year)]) } } },
            target: indicator.targets.last.map { html.t("strategy.target_in", context, ["value": valued($0.value), "year": String($0.year)]) })
    }

    func linkedItems(_ links: [NodeLink], city: Municipality, _ context: AppRequestContext) async throws -> [LinkedItem] {
        var items: [LinkedItem] = []
        for link in links {
            guard let thing = try await services.modules.linked(LinkKind(rawValue: link.kind.rawValue), id: link.id, in: city, services: services) else { continue }
            items.append(LinkedItem(kind: html.t("strategy.link_kind.\(link.kind.rawValue)", context), title: thing.title, url: thing.path, status: html.t(thing.statusKey, context)))
        }
        return items
    }

    func entryItems(
        _ entries: [StrategyRepository.StoredEntry], view: StrategyService.View?, city: Municipality, stored: StrategyService.StoredDocument,
        _ context: AppRequestContext
    ) async throws -> [Entry] {
        let cityID = city.id, language = context.language, base = documentURL(city, stored.id)
        let photos = try await services.store.read { try await $0.photos.photos(of: .strategyEntry, ids: entries.map(\.id.rawValue), in: cityID) }
        return entries.map { stored in
            let pictures = (photos[stored.id.rawValue] ?? []).map {
                Entry.Picture(url: base + "/photos/" + $0.id.rawValue, caption: $0.caption, width: $0.width, height: $0.height)
            }
            let node = view.flatMap { view in view.tree.nodes.first { $0.id == stored.node } }
            return Entry(
                day: StrategyFormat.day(stored.entry.day, language), text: stored.entry.text.localized(language),
                node: node.map { Link(title: Self.label($0, language), url: base + "/nodes/" + Self.pathSegment($0.id)) },
                photos: pictures, hasPhotos: !pictures.isEmpty)
        }
    }

    // MARK: An indicator

    struct YearRow {
        let year: Int
        let target: String
        /// The path's value where the year has no target of its own.
        let planned: String
        let pathOnly: Bool
        let actual: String
        let source: String?
        let date: String?
        let status: String
        let statusName: String
    }

    struct IndicatorPage {
        let name: String
        let code: String?
        let node: Link
        let documentLink: Link
        let unit: String
        let direction: String
        let responsible: String?
        let computed: String?
        let baseline: String
        let chart: String
        let rows: [YearRow]
        let status: String
        let statusName: String
        let progress: Progress?
        let rule: String
    }

    @Sendable func indicator(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let stored = try await services.strategy.document(try StrategyDocumentID(context), in: city.id)
        let view = try await services.strategy.view(of: stored, city: city)
        let id = try context.parameters.require("indicator")
        guard let indicator = view.tree.indicators.first(where: { $0.id == id }), let node = view.tree.nodes.first(where: { $0.id == indicator.node }) else {
            throw AppError.notFound
        }
        let language = context.language, base = documentURL(city, stored.id)
        let unit = indicator.unit.localized(language)
        func number(_ value: Double?) -> String { value.map { StrategyFormat.number($0, language) } ?? "" }
        let years = Set(indicator.targets.map(\.year) + indicator.actuals.map(\.year)).sorted()
        let rows = years.map { year -> YearRow in
            let actual = indicator.actual(in: year)
            let status = actual == nil ? IndicatorStatus.none : indicator.assessment(asOf: year).status
            return YearRow(
                year: year, target: number(indicator.target(in: year)), planned: number(indicator.plannedValue(in: year)),
                pathOnly: indicator.target(in: year) == nil, actual: number(actual?.value),
                source: actual?.source, date: actual?.date.map { StrategyFormat.day($0, language) }, status: status.rawValue,
                statusName: actual == nil ? "" : html.t("strategy.status.\(status.rawValue)", context))
        }
        let assessment = view.assessments[indicator.id]
        let status = assessment?.status ?? .none
        let name = indicator.name.localized(language)
        let computed: String? = indicator.computed.flatMap { key in
            services.modules.computedIndicator(key, in: city).map { html.t("strategy.computed_note", context, ["name": html.t($0.nameKey, context)]) }
        }
        let page = IndicatorPage(
            name: name, code: indicator.code.isEmpty ? nil : indicator.code, node: Link(title: Self.label(node, language), url: base + "/nodes/" + Self.pathSegment(node.id)),
            documentLink: Link(title: stored.document.title.localized(language), url: base), unit: unit,
            direction: html.t("strategy.direction.\(indicator.direction.rawValue)", context),
            responsible: indicator.responsible.isEmpty ? nil : indicator.responsible, computed: computed,
            baseline: html.t("strategy.baseline_value", context, ["value": number(indicator.baseline.value), "year": String(indicator.baseline.year)]),
            chart: IndicatorChart(indicator: indicator, title: html.t("strategy.chart_title", context, ["name": name]), language: language).render(),
            rows: rows, status: status.rawValue, statusName: html.t("strategy.status.\(status.rawValue)", context),
            progress: assessment?.progress.map(Self.progress), rule: html.t("strategy.status_rule", context))
        return try await html.render(
            "strategy-indicator", page: page, titleKey: "strategy.indicator_title", titleArguments: ["name": name], request: request, context: context, city: city)
    }

    // MARK: The timeline

    struct TimelinePage {
        let documentLink: Link
        let entries: [Entry]
        let empty: Bool
    }

    @Sendable func timeline(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let stored = try await services.strategy.document(try StrategyDocumentID(context), in: city.id)
        let view = try await services.strategy.view(of: stored, city: city)
        let cityID = city.id
        let entries = try await entryItems(
            try await services.store.read { try await $0.strategy.entries(of: stored.id, node: nil, in: cityID) }, view: view, city: city, stored: stored, context)
        let title = stored.document.title.localized(context.language)
        let page = TimelinePage(documentLink: Link(title: title, url: documentURL(city, stored.id)), entries: entries, empty: entries.isEmpty)
        return try await html.render(
            "strategy-timeline", page: page, titleKey: "strategy.timeline_title", titleArguments: ["title": title], request: request, context: context, city: city)
    }

    @Sendable func photo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let stored = try await services.strategy.document(try StrategyDocumentID(context), in: city.id)
        let photoID = PhotoID(rawValue: try context.parameters.require("photo"))
        let cityID = city.id
        // The photo's entry must be one of this document's.
        let owner = try await services.store.read { tx -> UploadOwner? in
            guard let photo = try await tx.photos.photo(photoID, in: cityID), photo.owner.kind == .strategyEntry,
                  let entry = try await tx.strategy.entry(TimelineEntryID(rawValue: photo.owner.id), in: cityID), entry.document == stored.id
            else { return nil }
            return photo.owner
        }
        guard let owner else { throw AppError.notFound }
        return try await services.photos.response(photoID, city: city.id, request: request) { $0 == owner }
    }
}

/// A provided document's progress by the same rule as a strategy's leaves:
/// each measure done counts 1, any other 0, cancelled ones not at all.
enum ProvidedProgress {
    static func of(_ document: ProvidedDocument) -> Double? {
        let counted = document.measures.filter { $0.status != .cancelled }
        guard !counted.isEmpty else { return nil }
        return Double(counted.filter { $0.status == .done }.count) / Double(counted.count)
    }
}
