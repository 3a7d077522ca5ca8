import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The strategy desk (`/{city}/admin/strategy`, for `strategy.edit`): the
/// city's documents and a form for a new one; a document's terms, its CSV
/// import with a dry run that shows what would change (a refused file lists
/// every bad row with its line and column and stores nothing), and its
/// exports. A node's own desk is `StrategyNodeDeskPages`.
struct StrategyDeskPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/admin/strategy", use: desk)
        router.post(":city/admin/strategy", use: create)
        router.get(":city/admin/strategy/:document", use: document)
        router.post(":city/admin/strategy/:document", use: change)
        router.post(UploadRoute.strategyImport.routerPath, use: importFile)
    }

    func staffCity(_ context: AppRequestContext) async throws -> Municipality {
        let city = try await CityLookup(store: services.store).require(context)
        _ = try requireStaff(.editStrategy, context.principal, in: city.id)
        return city
    }

    // MARK: The document's form

    /// What the form holds, as typed (a refused form shows it again).
    struct Typed {
        var values: [String: String]
        subscript(_ name: String) -> String { values[name] ?? "" }

        static let names = [
            "externalId", "kind", "title.uk", "title.en", "summary.uk", "summary.en", "firstYear", "lastYear", "decision.number", "decision.date",
            "decision.url", "status", "illustrative", "revision",
        ]

        init(_ form: FormData) {
            values = Dictionary(uniqueKeysWithValues: Self.names.map { ($0, form[$0]) })
        }

        init(_ stored: StrategyService.StoredDocument?) {
            guard let stored else {
                values = ["kind": StrategicDocumentKind.developmentStrategy.rawValue, "status": DocumentStatus.draft.rawValue]
                return
            }
            let document = stored.document
            values = [
                "externalId": document.externalID, "kind": document.kind.rawValue, "title.uk": document.title.uk, "title.en": document.title.en,
                "summary.uk": document.summary.uk, "summary.en": document.summary.en, "firstYear": String(document.firstYear),
                "lastYear": String(document.lastYear), "decision.number": document.decision.number,
                "decision.date": document.decision.date?.description ?? "", "decision.url": document.decision.url, "status": document.status.rawValue,
                "illustrative": document.isIllustrative ? "on" : "", "revision": String(stored.revision),
            ]
        }

        /// The document typed, checked whole; a 422 names the field at fault.
        func document() throws(AppError) -> StrategyDocument {
            guard let kind = StrategicDocumentKind(rawValue: self["kind"]) else { throw .invalid(code: "strategy_unknown", field: "kind") }
            guard let status = DocumentStatus(rawValue: self["status"]) else { throw .invalid(code: "strategy_unknown", field: "status") }
            guard let first = Int(self["firstYear"].trimmingCharacters(in: .whitespaces)) else { throw .invalid(code: "strategy_malformed", field: "firstYear") }
            guard let last = Int(self["lastYear"].trimmingCharacters(in: .whitespaces)) else { throw .invalid(code: "strategy_malformed", field: "lastYear") }
            var date: CalendarDate?
            if !self["decision.date"].isEmpty {
                guard let parsed = CalendarDate.parse(self["decision.date"]) else { throw .invalid(code: "strategy_malformed", field: "decision.date") }
                date = parsed
            }
            do {
                return try StrategyDocument.make(
                    externalID: self["externalId"], kind: kind, title: .init(uk: self["title.uk"], en: self["title.en"]),
                    summary: .init(uk: self["summary.uk"], en: self["summary.en"]), firstYear: first, lastYear: last,
                    decision: .init(number: self["decision.number"], date: date, url: self["decision.url"]), status: status,
                    isIllustrative: !self["illustrative"].isEmpty)
            } catch {
                throw StrategyService.appError(error)
            }
        }
    }

    func fields(_ typed: Typed, problem: FormProblem?, _ context: AppRequestContext) -> [FormField] {
        func field(_ name: String, type: String = "text", required: Bool = false, rows: Int? = nil, max: Int = 300, hint: Bool = false) -> FormField {
            FormField(
                name: name, id: "doc-" + name.replacingOccurrences(of: ".", with: "-"), label: html.t("strategy.form.\(name)", context), value: typed[name],
                error: problem.message(for: name), hint: hint ? html.t("strategy.form.\(name)_hint", context) : nil, type: type,
                inputmode: type == "text" && name.hasSuffix("Year") ? "numeric" : nil, required: required, maxlength: max, rows: rows)
        }
        func select(_ name: String, _ values: [String], key: String) -> FormField {
            FormField(
                name: name, id: "doc-" + name, label: html.t("strategy.form.\(name)", context), value: typed[name], error: problem.message(for: name),
                required: true, options: values.map { SelectOption(value: $0, label: html.t("strategy.\(key).\($0)", context), selected: typed[name] == $0) })
        }
        return [
            field("externalId", required: true, max: 64, hint: true), select("kind", StrategicDocumentKind.allCases.map(\.rawValue), key: "kind"),
            field("title.uk", required: true), field("title.en"), field("summary.uk", rows: 3, max: 4000), field("summary.en", rows: 3, max: 4000),
            field("firstYear", required: true, max: 4), field("lastYear", required: true, max: 4), field("decision.number", max: 50),
            field("decision.date", type: "date", max: 10), field("decision.url", type: "url", max: 500),
            select("status", DocumentStatus.allCases.map(\.rawValue), key: "document_status"),
            FormField(
                name: "illustrative", id: "doc-illustrative", label: html.t("strategy.form.illustrative", context), value: "on",
                error: problem.message(for: "illustrative"), checked: !typed["illustrative"].isEmpty),
        ]
    }

    // MARK: The desk

    struct DocumentRow {
        let title: String
        let kind: String
        let years: String
        let url: String
        let publicURL: String
    }

    struct DeskPage {
        let rows: [DocumentRow]
        let empty: Bool
        let action: String
        let fields: [FormField]
        let alert: String?
    }

    func renderDesk(
        _ request: Request, _ context: AppRequestContext, city: Municipality, typed: Typed = Typed(nil), error: AppError? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let slug = city.slug.rawValue, language = context.language
        let rows = try await services.strategy.documents(in: city.id).map { stored in
            DocumentRow(
                title: stored.document.title.localized(language), kind: html.t("strategy.kind.\(stored.document.kind.rawValue)", context),
                years: StrategyFormat.years(stored.document.firstYear, stored.document.lastYear), url: "/\(slug)/admin/strategy/\(stored.id.rawValue)",
                publicURL: "/\(slug)/strategy/\(stored.id.rawValue)")
        }
        let problem = FormProblem(error, html: html, context: context)
        let fields = fields(typed, problem: problem, context).filter { $0.name != "revision" }
        let page = DeskPage(rows: rows, empty: rows.isEmpty, action: "/\(slug)/admin/strategy", fields: fields, alert: problem.alert(unlessShownBy: fields))
        return try await html.render(
            "strategy-desk", page: page, titleKey: "strategy.desk.title", titleArguments: ["city": city.name.localized(language)],
            request: request, context: context, city: city, status: status)
    }

    @Sendable func desk(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderDesk(request, context, city: try await staffCity(context))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context)
        let typed = Typed(context.form ?? FormData())
        do {
            let stored = try await services.strategy.create(try typed.document(), city: city, principal: context.principal)
            return HTML.redirect("/\(city.slug.rawValue)/admin/strategy/\(stored.id.rawValue)?saved=1")
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderDesk(request, context, city: city, typed: typed, error: error, status: HTTPResponse.Status(code: error.status.code))
        }
    }

    // MARK: A document

    struct ChangeRow {
        let id: String
        let change: String
        let fields: String
    }

    struct ImportResult {
        let summary: String
        let dryRun: Bool
        let rows: [ChangeRow]
        let hasRows: Bool
    }

    struct DocumentPage {
        let title: String
        let publicURL: String
        let saved: Bool
        let action: String
        let fields: [FormField]
        let revision: String
        let alert: String?
        let importAction: String
        let downloads: [StrategyPages.Link]
        let result: ImportResult?
        let importError: String?
        let problems: [String]
        let nodes: [NodeRow]
    }

    struct NodeRow {
        let label: String
        let level: String
        let depth: Int
        let editURL: String
    }

    func renderDocument(
        _ request: Request, _ context: AppRequestContext, city: Municipality, stored: StrategyService.StoredDocument, typed: Typed? = nil,
        error: AppError? = nil, result: ImportResult? = nil, importError: AppError? = nil, problems: [String] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let slug = city.slug.rawValue, language = context.language, id = stored.id.rawValue
        let tree = try await services.store.read { try await $0.strategy.tree(of: stored) }
        let problem = FormProblem(error, html: html, context: context)
        let typed = typed ?? Typed(stored)
        let fields = fields(typed, problem: problem, context).filter { $0.name != "revision" }
        let depth: [NodeLevel: Int] = [.goal: 0, .objective: 1, .measure: 2, .project: 3]
        let api = "/api/v1/\(slug)/strategies/\(id)"
        let page = DocumentPage(
            title: stored.document.title.localized(language), publicURL: "/\(slug)/strategy/\(id)",
            saved: request.uri.queryParameters.get("saved") != nil, action: "/\(slug)/admin/strategy/\(id)", fields: fields,
            revision: String(stored.revision), alert: problem.alert(unlessShownBy: fields), importAction: "/\(slug)/admin/strategy/\(id)/import",
            downloads: [
                .init(title: html.t("strategy.data.nodes_csv", context), url: api + "/nodes.csv"),
                .init(title: html.t("strategy.data.indicators_csv", context), url: api + "/indicators.csv"),
                .init(title: html.t("strategy.data.iati", context), url: api + "/iati.xml"), .init(title: "JSON", url: api),
            ],
            result: result, importError: importError.map { html.t($0.messageKey, context) }, problems: problems,
            nodes: StrategyTreeOrder.ordered(tree.nodes).map { node in
                NodeRow(
                    label: StrategyPages.label(node, language), level: html.t("strategy.level.\(node.level.rawValue)", context),
                    depth: depth[node.level] ?? 0, editURL: "/\(slug)/admin/strategy/\(id)/nodes/\(StrategyPages.pathSegment(node.id))")
            })
        return try await html.render(
            "strategy-desk-document", page: page, titleKey: "strategy.desk.document_title", titleArguments: ["title": page.title],
            request: request, context: context, city: city, status: status)
    }


    @Sendable func document(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context)
        let stored = try await services.strategy.document(try StrategyDocumentID(context), in: city.id)
        return try await renderDocument(request, context, city: city, stored: stored)
    }

    @Sendable func change(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context)
        let stored = try await services.strategy.document(try StrategyDocumentID(context), in: city.id)
        let typed = Typed(context.form ?? FormData())
        do {
            guard let revision = Int64(typed["revision"]) else { throw AppError.conflict(code: "strategy_changed_meanwhile") }
            _ = try await services.strategy.change(stored.id, to: try typed.document(), ifRevision: revision, city: city, principal: context.principal)
            return HTML.redirect("/\(city.slug.rawValue)/admin/strategy/\(stored.id.rawValue)?saved=1")
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderDocument(
                request, context, city: city, stored: stored, typed: typed, error: error, status: HTTPResponse.Status(code: error.status.code))
        }
    }

    // MARK: The import

    @Sendable func importFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await staffCity(context)
        let stored = try await services.strategy.document(try StrategyDocumentID(context), in: city.id)
        let form = context.form ?? FormData()
        guard let which = StrategyCSV.File(rawValue: form["which"]) else {
            return try await renderDocument(
                request, context, city: city, stored: stored, importError: .invalid(code: "strategy_unknown", field: "which"), status: .unprocessableContent)
        }
        guard let file = form.file("file") else {
            return try await renderDocument(
                request, context, city: city, stored: stored, importError: .invalid(code: "strategy_csv_empty", field: "file"), status: .unprocessableContent)
        }
        let dryRun = !form["dryRun"].isEmpty
        do {
            let report = try await services.strategy.importCSV(
                which, bytes: Data(file.bytes), into: stored.id, dryRun: dryRun, city: city, principal: context.principal)
            let fresh = try await services.strategy.document(stored.id, in: city.id)
            return try await renderDocument(request, context, city: city, stored: fresh, result: result(report, context))
        } catch let refusal as ImportRefusal {
            let problems = refusal.problems.prefix(200).map { problem in
                html.t("strategy.desk.row_problem", context, [
                    "line": problem.line.map(String.init) ?? "—", "column": problem.column ?? "—",
                    "problem": html.t("errors.strategy_csv_\(problem.reason.rawValue)", context),
                ])
            }
            return try await renderDocument(
                request, context, city: city, stored: stored, importError: refusal.appError, problems: Array(problems), status: .unprocessableContent)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderDocument(request, context, city: city, stored: stored, importError: error, status: HTTPResponse.Status(code: error.status.code))
        }
    }

    func result(_ report: StrategyService.ImportReport, _ context: AppRequestContext) -> ImportResult {
        let counts = ["added": String(report.added), "changed": String(report.changed), "unchanged": String(report.unchanged)]
        let rows = report.changes.compactMap { change -> ChangeRow? in
            switch change.effect {
            case .added: ChangeRow(id: change.id, change: html.t("strategy.desk.added", context), fields: "")
            case .changed(let fields): ChangeRow(id: change.id, change: html.t("strategy.desk.changed", context), fields: fields.joined(separator: ", "))
            case .unchanged: nil
            }
        }
        return ImportResult(
            summary: html.t(report.dryRun ? "strategy.desk.dry_run_summary" : "strategy.desk.imported_summary", context, counts),
            dryRun: report.dryRun, rows: Array(rows.prefix(500)), hasRows: !rows.isEmpty)
    }
}

/// Nodes in the order a reader meets them: each goal, then its objectives, each followed by its own parts.
enum StrategyTreeOrder {
    static func ordered(_ nodes: [StrategyNode]) -> [StrategyNode] {
        var children: [String: [StrategyNode]] = [:]
        var roots: [StrategyNode] = []
        for node in nodes {
            if let parent = node.parent { children[parent, default: []].append(node) } else { roots.append(node) }
        }
        var ordered: [StrategyNode] = []
        func visit(_ node: StrategyNode) {
            ordered.append(node)
            for child in children[node.id] ?? [] { visit(child) }
        }
        roots.forEach(visit)
        return ordered
    }
}

extension UploadRoute {
    /// A tree's or its indicators' CSV file.
    static let strategyImport = UploadRoute(path: "/{city}/admin/strategy/{document}/import", fileLimit: StrategyAPIController.maximumCSV)
}
