import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// A node's desk (`/{city}/admin/strategy/{document}/nodes/{node}`): its
/// terms, where it stands and what carries it out (budget projects, lots,
/// sites and petitions the city's modules offer), the year's figures of its
/// indicators, and its timeline with photos. Every save is the whole tree
/// written over the revision the form was drawn from.
struct StrategyNodeDeskPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/admin/strategy/:document/nodes/:node", use: node)
        router.post(":city/admin/strategy/:document/nodes/:node", use: save)
        router.post(":city/admin/strategy/:document/indicators/:indicator/values", use: values)
        router.post(UploadRoute.strategyEntries.routerPath, use: addEntry)
        router.post(":city/admin/strategy/:document/entries/:entry/remove", use: removeEntry)
    }

    struct Loaded {
        let city: Municipality
        let stored: StrategyService.StoredDocument
        let tree: StrategyTree
        let node: StrategyNode
        var base: String { "/\(city.slug.rawValue)/admin/strategy/\(stored.id.rawValue)" }
        var url: String { base + "/nodes/" + StrategyPages.pathSegment(node.id) }
    }

    /// The staff's city, the document and its tree, and the node the route
    /// names (or, given `node`, the one it picks from the tree: an indicator's).
    func load(_ context: AppRequestContext, node pick: ((StrategyTree) throws -> String)? = nil) async throws -> Loaded {
        let city = try await CityLookup(store: services.store).require(context)
        _ = try requireStaff(.editStrategy, context.principal, in: city.id)
        let stored = try await services.strategy.document(try StrategyDocumentID(context), in: city.id)
        let tree = try await services.store.read { try await $0.strategy.tree(of: stored) }
        let nodeID = try pick?(tree) ?? context.parameters.require("node")
        guard let node = tree.nodes.first(where: { $0.id == nodeID }) else { throw AppError.notFound }
        return Loaded(city: city, stored: stored, tree: tree, node: node)
    }

    // MARK: The form

    static let names = [
        "code", "title.uk", "title.en", "description.uk", "description.en", "responsible", "start", "end", "planned", "spent", "status",
        "reportedProgress", "weight",
    ]

    static func typed(_ node: StrategyNode) -> [String: String] {
        [
            "code": node.code, "title.uk": node.title.uk, "title.en": node.title.en, "description.uk": node.description.uk,
            "description.en": node.description.en, "responsible": node.responsible, "start": node.start?.description ?? "",
            "end": node.end?.description ?? "", "planned": OpenDataFile.hryvnias(node.planned), "spent": OpenDataFile.hryvnias(node.spent),
            "status": node.status.rawValue, "reportedProgress": node.reportedProgress.map(String.init) ?? "", "weight": node.weight.description,
        ]
    }

    /// The node as the form says it, checked; a 422 names the field at fault.
    static func node(from form: FormData, base node: StrategyNode) throws -> StrategyNode {
        var next = node
        func date(_ name: String) throws -> CalendarDate? {
            let text = form[name].trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return nil }
            guard let date = CalendarDate.parse(text) else { throw AppError.invalid(code: "strategy_malformed", field: name) }
            return date
        }
        next.code = form["code"]
        next.title = .init(uk: form["title.uk"], en: form["title.en"])
        next.description = .init(uk: form["description.uk"], en: form["description.en"])
        next.responsible = form["responsible"]
        next.start = try date("start")
        next.end = try date("end")
        next.planned = try FormMoney.parse(form["planned"], field: "planned") ?? .zero
        next.spent = try FormMoney.parse(form["spent"], field: "spent") ?? .zero
        guard let status = WorkStatus(rawValue: form["status"]) else { throw AppError.invalid(code: "strategy_unknown", field: "status") }
        next.status = status
        let reported = form["reportedProgress"].trimmingCharacters(in: .whitespaces)
        if reported.isEmpty {
            next.reportedProgress = nil
        } else {
            guard let value = Int(reported), (0...100).contains(value) else { throw AppError.invalid(code: "strategy_out_of_range", field: "reportedProgress") }
            next.reportedProgress = value
        }
        guard let weight = Weight(text: form["weight"].trimmingCharacters(in: .whitespaces)) else {
            throw AppError.invalid(code: "strategy_out_of_range", field: "weight")
        }
        next.weight = weight
        next.links = try form.all("links").prefix(StrategyNode.maxLinks + 1).map { value in
            let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let kind = NodeLink.Kind(rawValue: parts[0]) else { throw AppError.invalid(code: "strategy_malformed", field: "links") }
            return NodeLink(kind: kind, id: parts[1])
        }
        do { return try next.checked() } catch { throw StrategyService.appError(error) }
    }

    struct LinkChoice {
        let value: String
        let label: String
        let checked: Bool
    }

    struct LinkGroup {
        let title: String
        let choices: [LinkChoice]
        /// Folded unless something in it is ticked.
        let open: Bool
    }

    struct IndicatorForm {
        let name: String
        let action: String
        let publicURL: String
        let years: [SelectOption]
        let summary: String
    }

    struct EntryRow {
        let day: String
        let text: String
        let photos: Int
        let removeAction: String
    }

    struct Page {
        let title: String
        let publicURL: String
        let documentURL: String
        let saved: Bool
        let action: String
        let revision: String
        let fields: [FormField]
        let alert: String?
        let linkGroups: [LinkGroup]
        let hasLinkGroups: Bool
        let indicators: [IndicatorForm]
        let hasIndicators: Bool
        let valueAlert: String?
        let entryAction: String
        let entryFields: [FormField]
        let entryAlert: String?
        let entries: [EntryRow]
    }

    func render(
        _ request: Request, _ context: AppRequestContext, _ loaded: Loaded, typed: [String: String]? = nil, links: Set<String>? = nil,
        error: AppError? = nil, valueError: AppError? = nil, entryError: AppError? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = context.language, node = loaded.node, city = loaded.city
        let values = typed ?? Self.typed(node)
        let problem = FormProblem(error, html: html, context: context)
        func field(_ name: String, type: String = "text", rows: Int? = nil, max: Int = 300, mode: String? = nil, hint: Bool = false) -> FormField {
            FormField(
                name: name, id: "node-" + name.replacingOccurrences(of: ".", with: "-"), label: html.t("strategy.form.\(name)", context),
                value: values[name] ?? "", error: problem.message(for: name), hint: hint ? html.t("strategy.form.\(name)_hint", context) : nil,
                type: type, inputmode: mode, required: name == "title.uk", maxlength: max, rows: rows)
        }
        let fields = [
            field("code", max: 20), field("title.uk", max: 500), field("title.en", max: 500), field("description.uk", rows: 4, max: 4000),
            field("description.en", rows: 4, max: 4000), field("responsible"), field("start", type: "date", max: 10), field("end", type: "date", max: 10),
            field("planned", max: 20, mode: "decimal"), field("spent", max: 20, mode: "decimal"),
            FormField(
                name: "status", id: "node-status", label: html.t("strategy.form.status", context), value: values["status"] ?? "",
                error: problem.message(for: "status"), required: true,
                options: WorkStatus.allCases.map { SelectOption(value: $0.rawValue, label: html.t("strategy.work_status.\($0.rawValue)", context), selected: values["status"] == $0.rawValue) }),
            field("reportedProgress", max: 3, mode: "numeric", hint: true), field("weight", max: 10, mode: "decimal", hint: true),
        ]
        let chosen = links ?? Set(node.links.map { "\($0.kind.rawValue):\($0.id)" })
        var groups: [LinkGroup] = []
        for kind in NodeLink.Kind.allCases {
            let offered = try await services.modules.linkChoices(LinkKind(rawValue: kind.rawValue), in: city, limit: 100, services: services)
            var choices = offered.map { LinkChoice(value: "\(kind.rawValue):\($0.id)", label: $0.title, checked: chosen.contains("\(kind.rawValue):\($0.id)")) }
            // A link to something no longer offered (an older project) stays until unticked.
            for link in node.links where link.kind == kind && !offered.contains(where: { $0.id == link.id }) {
                let title = try await services.modules.linked(LinkKind(rawValue: kind.rawValue), id: link.id, in: city, services: services)?.title ?? link.id
                choices.append(LinkChoice(value: "\(kind.rawValue):\(link.id)", label: title, checked: chosen.contains("\(kind.rawValue):\(link.id)")))
            }
            // What is ticked first, then the rest newest first: a long list of projects starts with what the task has.
            choices = choices.filter(\.checked) + choices.filter { !$0.checked }
            if !choices.isEmpty {
                groups.append(LinkGroup(title: html.t("strategy.link_kind.\(kind.rawValue)", context), choices: choices, open: choices.contains(where: \.checked)))
            }
        }
        let publicDocument = "/\(city.slug.rawValue)/strategy/\(loaded.stored.id.rawValue)"
        let years = Array((loaded.stored.document.firstYear - 1)...loaded.stored.document.lastYear).reversed()
        let current = services.strategy.currentYear
        let indicators = loaded.tree.indicators.filter { $0.node == node.id }.map { indicator in
            IndicatorForm(
                name: indicator.name.localized(language), action: loaded.base + "/indicators/" + StrategyPages.pathSegment(indicator.id) + "/values",
                publicURL: publicDocument + "/indicators/" + StrategyPages.pathSegment(indicator.id),
                years: years.filter { $0 > indicator.baseline.year }.map { SelectOption(value: String($0), label: String($0), selected: $0 == min(current, loaded.stored.document.lastYear)) },
                summary: html.t("strategy.desk.indicator_summary", context, [
                    "targets": String(indicator.targets.count), "actuals": String(indicator.actuals.count),
                    "computed": indicator.computed.map { html.t("strategy.desk.computed", context, ["key": $0]) } ?? "",
                ]))
        }
        let entryProblem = FormProblem(entryError, html: html, context: context)
        let form = context.form
        let entryFields = [
            FormField(name: "day", id: "entry-day", label: html.t("strategy.form.day", context), value: form?["day"] ?? CalendarDate.inKyiv(services.clock.now()).description,
                      error: entryProblem.message(for: "day"), type: "date", required: true),
            FormField(name: "text.uk", id: "entry-text-uk", label: html.t("strategy.form.text.uk", context), value: form?["text.uk"] ?? "",
                      error: entryProblem.message(for: "text.uk"), required: true, maxlength: 4000, rows: 3),
            FormField(name: "text.en", id: "entry-text-en", label: html.t("strategy.form.text.en", context), value: form?["text.en"] ?? "",
                      error: entryProblem.message(for: "text.en"), maxlength: 4000, rows: 3),
            FormField(name: "photo", id: "entry-photo", label: html.t("strategy.form.photo", context), value: "", error: entryProblem.message(for: "photo"),
                      hint: html.t("strategy.form.photo_hint", context), type: "file", accept: "image/jpeg,image/png,image/webp"),
            FormField(name: "caption", id: "entry-caption", label: html.t("strategy.form.caption", context), value: form?["caption"] ?? "",
                      error: entryProblem.message(for: "caption"), maxlength: 200),
        ]
        let cityID = city.id, documentID = loaded.stored.id, nodeID = node.id
        let stored = try await services.store.read { try await $0.strategy.entries(of: documentID, node: nodeID, in: cityID) }
        let photos = try await services.store.read { try await $0.photos.photos(of: .strategyEntry, ids: stored.map(\.id.rawValue), in: cityID) }
        let page = Page(
            title: StrategyPages.label(node, language), publicURL: publicDocument + "/nodes/" + StrategyPages.pathSegment(node.id),
            documentURL: loaded.base, saved: request.uri.queryParameters.get("saved") != nil, action: loaded.url,
            revision: String(loaded.stored.revision), fields: fields, alert: problem.alert(unlessShownBy: fields), linkGroups: groups,
            hasLinkGroups: !groups.isEmpty, indicators: indicators, hasIndicators: !indicators.isEmpty,
            valueAlert: valueError.map { html.t($0.messageKey, context) + ($0.field.map { " (\($0))" } ?? "") }, entryAction: loaded.url + "/entries",
            entryFields: entryFields, entryAlert: entryProblem.alert(unlessShownBy: entryFields),
            entries: stored.map { entry in
                EntryRow(
                    day: StrategyFormat.day(entry.entry.day, language), text: entry.entry.text.localized(language),
                    photos: photos[entry.id.rawValue]?.count ?? 0, removeAction: loaded.base + "/entries/\(entry.id.rawValue)/remove")
            })
        return try await html.render(
            "strategy-desk-node", page: page, titleKey: "strategy.desk.node_title", titleArguments: ["title": page.title],
            request: request, context: context, city: city, status: status)
    }

    @Sendable func node(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(request, context, try await load(context))
    }

    /// The tree with one node replaced, written over the revision the form came from.
    func write(_ loaded: Loaded, replacing node: StrategyNode, revision: String, principal: Principal?) async throws {
        guard let revision = Int64(revision) else { throw AppError.conflict(code: "strategy_changed_meanwhile") }
        let nodes = loaded.tree.nodes.map { $0.id == node.id ? node : $0 }
        let tree: StrategyTree
        do { tree = try StrategyTree.make(nodes: nodes, indicators: loaded.tree.indicators) } catch { throw StrategyService.appError(error) }
        try await services.strategy.replaceTree(
            tree, of: loaded.stored.id, ifRevision: revision, city: loaded.city, principal: principal, action: AuditAction.strategyNodeSaved,
            details: ["node": node.id])
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await load(context)
        let form = context.form ?? FormData()
        do {
            let next = try Self.node(from: form, base: loaded.node)
            try await write(loaded, replacing: next, revision: form["revision"], principal: context.principal)
            return HTML.redirect(loaded.url + "?saved=1")
        } catch let error as AppError where error.belongsOnTheForm {
            var typed: [String: String] = [:]
            for name in Self.names { typed[name] = form[name] }
            // A link the check refused (`links.2.id`) is named on the form's alert.
            return try await render(
                request, context, loaded, typed: typed, links: Set(form.all("links")), error: error, status: HTTPResponse.Status(code: error.status.code))
        }
    }

    // MARK: An indicator's year

    @Sendable func values(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("indicator")
        let loaded = try await load(context) { tree in
            guard let indicator = tree.indicators.first(where: { $0.id == id }) else { throw AppError.notFound }
            return indicator.node
        }
        let city = loaded.city, stored = loaded.stored, tree = loaded.tree
        guard let index = tree.indicators.firstIndex(where: { $0.id == id }) else { throw AppError.notFound }
        let form = context.form ?? FormData()
        do {
            guard let year = Int(form["year"]), StrategyDocument.years.contains(year) else { throw AppError.invalid(code: "strategy_out_of_range", field: "year") }
            var indicator = tree.indicators[index]
            let target = form["target"].trimmingCharacters(in: .whitespaces), actual = form["actual"].trimmingCharacters(in: .whitespaces)
            indicator.targets.removeAll { $0.year == year }
            if !target.isEmpty {
                guard let value = MeasuredValue.parse(target) else { throw AppError.invalid(code: "strategy_malformed", field: "target") }
                indicator.targets.append(.init(year: year, value: value))
            }
            indicator.actuals.removeAll { $0.year == year }
            if !actual.isEmpty {
                guard let value = MeasuredValue.parse(actual) else { throw AppError.invalid(code: "strategy_malformed", field: "actual") }
                let dateText = form["date"].trimmingCharacters(in: .whitespaces)
                let date = dateText.isEmpty ? nil : CalendarDate.parse(dateText)
                if !dateText.isEmpty, date == nil { throw AppError.invalid(code: "strategy_malformed", field: "date") }
                indicator.actuals.append(.init(year: year, value: value, source: form["source"], date: date))
            }
            var indicators = tree.indicators
            do { indicators[index] = try indicator.checked() } catch { throw StrategyService.appError(error) }
            let next: StrategyTree
            do { next = try StrategyTree.make(nodes: tree.nodes, indicators: indicators) } catch { throw StrategyService.appError(error) }
            guard let revision = Int64(form["revision"]) else { throw AppError.conflict(code: "strategy_changed_meanwhile") }
            try await services.strategy.replaceTree(
                next, of: stored.id, ifRevision: revision, city: city, principal: context.principal, action: AuditAction.strategyIndicatorSaved,
                details: ["indicator": id, "year": String(year)])
            return HTML.redirect(loaded.url + "?saved=1")
        } catch let error as AppError where error.belongsOnTheForm {
            return try await render(request, context, loaded, valueError: error, status: HTTPResponse.Status(code: error.status.code))
        }
    }

    // MARK: The timeline

    @Sendable func addEntry(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await load(context)
        let form = context.form ?? FormData()
        do {
            guard let day = CalendarDate.parse(form["day"].trimmingCharacters(in: .whitespaces)) else {
                throw AppError.invalid(code: "strategy_malformed", field: "day")
            }
            let entry: TimelineEntry
            do { entry = try TimelineEntry.make(day: day, text: .init(uk: form["text.uk"], en: form["text.en"])) } catch { throw StrategyService.appError(error) }
            // The photo is checked before anything is stored, so a bad photo leaves no entry without it.
            let file = form.file("photo").flatMap { $0.bytes.isEmpty ? nil : $0 }
            if let file {
                do { _ = try ImageSanitizer.sanitize(file.bytes) } catch { throw Photos.appError(.image(error)) }
            }
            let id = try await services.strategy.addEntry(entry, to: loaded.node.id, of: loaded.stored.id, city: loaded.city, principal: context.principal)
            if let file, let staff = context.principal {
                _ = try await services.photos.add(file, caption: form["caption"], to: .strategyEntry(id), city: loaded.city, by: staff.accountID)
            }
            return HTML.redirect(loaded.url + "?saved=1")
        } catch let error as AppError where error.belongsOnTheForm {
            return try await render(request, context, loaded, entryError: error, status: HTTPResponse.Status(code: error.status.code))
        }
    }

    @Sendable func removeEntry(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        _ = try requireStaff(.editStrategy, context.principal, in: city.id)
        let raw = try context.parameters.require("entry")
        guard (1...64).contains(raw.utf8.count) else { throw AppError.notFound }
        let entryID = TimelineEntryID(rawValue: raw), cityID = city.id
        guard let entry = try await services.store.read({ try await $0.strategy.entry(entryID, in: cityID) }),
              entry.document.rawValue == (try context.parameters.require("document"))
        else { throw AppError.notFound }
        try await services.strategy.removeEntry(entryID, city: city, principal: context.principal)
        return HTML.redirect("/\(city.slug.rawValue)/admin/strategy/\(entry.document.rawValue)/nodes/\(StrategyPages.pathSegment(entry.node))?saved=1")
    }
}

extension UploadRoute {
    /// A timeline entry with its photo.
    static let strategyEntries = UploadRoute(path: "/{city}/admin/strategy/{document}/nodes/{node}/entries", fileLimit: ImageSanitizer.maximumBytes)
}
