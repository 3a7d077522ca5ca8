import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The strategy module's operations. Reading a document gives it with its
/// tree, the computed indicators' actuals filled in from the modules that
/// compute them, and the roll-up as of a year; every change is one
/// transaction with its audit entry, written only over the revision it was
/// made from.
public struct StrategyService: Sendable {
    let services: AppServices

    public typealias StoredDocument = StrategyRepository.StoredDocument

    /// A document as its pages and API show it.
    public struct View: Sendable {
        public let stored: StoredDocument
        /// The tree with computed actuals in place of typed ones.
        public let tree: StrategyTree
        public let asOf: Int
        public let rollup: Rollup
        public let assessments: [String: IndicatorAssessment]
        /// What the figures are made of: the stored tree, the year, and the
        /// computed actuals merged into it (`figuresKey(treeKey:asOf:tree:)`).
        public let figuresKey: String

        public var document: StrategyDocument { stored.document }

        static func figuresKey(treeKey: String, asOf: Int, tree: StrategyTree) -> String {
            let computed = tree.indicators.filter { $0.computed != nil }
                .map { "\($0.id)=" + $0.actuals.map { "\($0.year):\($0.value)" }.joined(separator: ",") }.joined(separator: ";")
            return "\(treeKey)|\(asOf)|\(computed)"
        }

        public func children(of node: String?) -> [StrategyNode] { tree.nodes.filter { $0.parent == node } }
        public func indicators(of node: String) -> [StrategyIndicator] { tree.indicators.filter { $0.node == node } }

        /// Every node under this one, at any depth.
        public func descendants(of node: String) -> [StrategyNode] {
            var found: [StrategyNode] = []
            var parents: Set<String> = [node]
            // Levels are at most four deep; each pass goes one level down.
            for _ in NodeLevel.allCases {
                let next = tree.nodes.filter { $0.parent.map(parents.contains) == true }
                found += next
                parents = Set(next.map(\.id))
                if parents.isEmpty { break }
            }
            return found
        }
    }

    static func appError(_ problem: StrategyProblem) -> AppError {
        .invalid(code: "strategy_\(problem.reason.rawValue)", field: problem.field)
    }

    /// The year a document's figures are as of: the one asked, within the
    /// document's years and not past the present (a document that has not
    /// begun is shown as of its first year).
    static func asOf(_ year: Int, _ document: StrategyDocument, now: Int) -> Int {
        let last = max(document.firstYear, min(document.lastYear, now))
        return min(max(year, document.firstYear), last)
    }

    /// The calendar year now, in Kyiv.
    var currentYear: Int { CalendarDate.inKyiv(services.clock.now()).year }

    /// The city's documents: development strategies first, then programmes by kind, newest first within a kind.
    public func documents(in city: MunicipalityID) async throws -> [StoredDocument] {
        let order = Dictionary(uniqueKeysWithValues: StrategicDocumentKind.allCases.enumerated().map { ($1, $0) })
        return try await services.store.read { try await $0.strategy.documents(in: city) }.enumerated().sorted {
            (order[$0.element.document.kind] ?? 0, $0.offset) < (order[$1.element.document.kind] ?? 0, $1.offset)
        }.map(\.element)
    }

    public func document(_ id: StrategyDocumentID, in city: MunicipalityID) async throws -> StoredDocument {
        guard id.rawValue.utf8.count <= 64, let stored = try await services.store.read({ try await $0.strategy.document(id, in: city) }) else {
            throw AppError.notFound
        }
        return stored
    }

    /// The document with its tree as of `year` (default: this year, or the
    /// document's last if it ended earlier).
    public func view(_ id: StrategyDocumentID, city: Municipality, asOf year: Int? = nil) async throws -> View {
        let stored = try await document(id, in: city.id)
        return try await view(of: stored, city: city, asOf: year)
    }

    public func view(of stored: StoredDocument, city: Municipality, asOf year: Int? = nil) async throws -> View {
        let raw = try await services.store.read { try await $0.strategy.tree(of: stored) }
        let asOf = Self.asOf(year ?? currentYear, stored.document, now: currentYear)
        let tree = try await withComputedActuals(raw, city: city, through: asOf)
        let key = View.figuresKey(treeKey: stored.treeKey, asOf: asOf, tree: tree)
        let (rollup, assessments) = Self.rollups.value(for: key) { tree.rollup(asOf: asOf) }
        return View(stored: stored, tree: tree, asOf: asOf, rollup: rollup, assessments: assessments, figuresKey: key)
    }

    /// Roll-ups kept by `View.figuresKey`: a 2,000-node tree's roll-up was
    /// a third of its page's time, and the same stored tree, year and
    /// computed figures always roll up the same (a tree is never changed in
    /// place: a new tree has a new key).
    private static let rollups = KeptValues<(rollup: Rollup, assessments: [String: IndicatorAssessment])>(capacity: 64)

    /// The tree with each computed indicator's actuals from the module that
    /// computes it, from its baseline's year to `year`; an indicator whose
    /// module the city does not run keeps its typed actuals.
    func withComputedActuals(_ tree: StrategyTree, city: Municipality, through year: Int) async throws -> StrategyTree {
        guard tree.indicators.contains(where: { $0.computed != nil }) else { return tree }
        var indicators = tree.indicators
        let source = services.localizer.string("strategy.computed_source", .uk)
        let today = CalendarDate.inKyiv(services.clock.now())
        for (index, indicator) in indicators.enumerated() {
            guard let key = indicator.computed, let computed = services.modules.computedIndicator(key, in: city) else { continue }
            var values: [StrategyIndicator.Actual] = []
            for year in (indicator.baseline.year...max(indicator.baseline.year, year)).prefix(StrategyIndicator.maxYears) {
                // Two indicators following one figure ask `ComputedFigures` once.
                guard let value = try await services.figure(computed, city: city, year: year), MeasuredValue.isAcceptable(value) else { continue }
                values.append(.init(year: year, value: value, source: source, date: year == today.year ? today : CalendarDate(year: year, month: 12, day: 31)))
            }
            indicators[index] = indicator.withComputed(values)
        }
        return StrategyTree(checkedNodes: tree.nodes, indicators: indicators)
    }

    // MARK: Changes

    /// A new document (with an empty tree).
    public func create(_ document: StrategyDocument, city: Municipality, principal: Principal?) async throws -> StoredDocument {
        let staff = try requireStaff(.editStrategy, principal, in: city.id)
        let id = StrategyDocumentID.random(), now = services.clock.now(), audit = services.audit, cityID = city.id
        let added = try await services.store.write { tx -> Bool in
            guard try await tx.strategy.insert(document, id: id, city: cityID, at: now) else { return false }
            try await audit.record(
                tx, action: AuditAction.strategyDocumentSaved, actor: staff.accountID, municipality: cityID, subject: "strategy:" + id.rawValue,
                details: ["kind": document.kind.rawValue, "externalId": document.externalID])
            return true
        }
        guard added else { throw AppError.conflict(code: "strategy_external_id_taken") }
        return try await self.document(id, in: city.id)
    }

    /// The document's new terms, if no one changed it since `revision`.
    public func change(
        _ id: StrategyDocumentID, to document: StrategyDocument, ifRevision revision: Int64, city: Municipality, principal: Principal?
    ) async throws -> StoredDocument {
        let staff = try requireStaff(.editStrategy, principal, in: city.id)
        _ = try await self.document(id, in: city.id)
        let now = services.clock.now(), audit = services.audit, cityID = city.id
        enum Outcome { case updated, externalIDTaken, changedMeanwhile }
        let outcome = try await services.store.write { tx -> Outcome in
            // A taken id is its own refusal: not a stale form, which reloading would not cure.
            if try await tx.strategy.externalIDTaken(document.externalID, by: id, in: cityID) { return .externalIDTaken }
            guard try await tx.strategy.update(document, id: id, city: cityID, ifRevision: revision, at: now) else { return .changedMeanwhile }
            try await audit.record(
                tx, action: AuditAction.strategyDocumentSaved, actor: staff.accountID, municipality: cityID, subject: "strategy:" + id.rawValue,
                details: ["kind": document.kind.rawValue, "status": document.status.rawValue])
            return .updated
        }
        switch outcome {
        case .updated: break
        case .externalIDTaken: throw AppError.conflict(code: "strategy_external_id_taken")
        case .changedMeanwhile: throw AppError.conflict(code: "strategy_changed_meanwhile")
        }
        return try await self.document(id, in: city.id)
    }

    /// Puts a whole tree in place of the document's (checked whole first),
    /// if no one changed the document since `revision`. Every node's links
    /// must name things of the city (the owning modules answer).
    @discardableResult
    public func replaceTree(
        _ tree: StrategyTree, of id: StrategyDocumentID, ifRevision revision: Int64, city: Municipality, principal: Principal?,
        action: String = AuditAction.strategyImported, details: [String: String] = [:]
    ) async throws -> Int64 {
        let staff = try requireStaff(.editStrategy, principal, in: city.id)
        _ = try await document(id, in: city.id)
        try await checkLinks(of: tree, in: city)
        let now = services.clock.now(), audit = services.audit, cityID = city.id
        let next = try await services.store.write { tx -> Int64? in
            guard let next = try await tx.strategy.replaceTree(tree, of: id, city: cityID, ifRevision: revision, at: now) else { return nil }
            try await audit.record(
                tx, action: action, actor: staff.accountID, municipality: cityID, subject: "strategy:" + id.rawValue,
                details: details.merging(["nodes": String(tree.nodes.count), "indicators": String(tree.indicators.count)]) { a, _ in a })
            return next
        }
        guard let next else { throw AppError.conflict(code: "strategy_changed_meanwhile") }
        return next
    }

    /// Each link must name a thing of the city that its module shows;
    /// the first that does not is refused by its place in the tree.
    func checkLinks(of tree: StrategyTree, in city: Municipality) async throws {
        for (index, node) in tree.nodes.enumerated() {
            for (position, link) in node.links.enumerated() {
                guard try await services.modules.linked(LinkKind(rawValue: link.kind.rawValue), id: link.id, in: city, services: services) != nil else {
                    throw AppError.invalid(code: "strategy_link_unknown", field: "nodes.\(index).links.\(position).id")
                }
            }
        }
    }

    // MARK: Timeline

    /// A dated entry on a node's timeline.
    public func addEntry(
        _ entry: TimelineEntry, to node: String, of id: StrategyDocumentID, city: Municipality, principal: Principal?
    ) async throws -> TimelineEntryID {
        let staff = try requireStaff(.editStrategy, principal, in: city.id)
        let stored = try await document(id, in: city.id)
        let tree = try await services.store.read { try await $0.strategy.tree(of: stored) }
        guard tree.nodes.contains(where: { $0.id == node }) else { throw AppError.notFound }
        let entryID = TimelineEntryID.random(), now = services.clock.now(), audit = services.audit, cityID = city.id
        try await services.store.write { tx in
            try await tx.strategy.add(entry, id: entryID, to: node, of: id, city: cityID, at: now)
            // The document's followers hear of each step on its timeline.
            try await tx.follows.record(FollowEvent(
                in: cityID, what: "strategy.follow.entry", about: FollowTarget(.strategyNode, id: "\(id.rawValue)/\(node)"),
                alsoReaching: [FollowTarget(.strategy, id: id.rawValue)], at: now))
            try await audit.record(
                tx, action: AuditAction.strategyEntryAdded, actor: staff.accountID, municipality: cityID, subject: "strategy:" + id.rawValue,
                details: ["node": node, "entry": entryID.rawValue])
        }
        return entryID
    }

    public func removeEntry(_ entryID: TimelineEntryID, city: Municipality, principal: Principal?) async throws {
        let staff = try requireStaff(.editStrategy, principal, in: city.id)
        let audit = services.audit, cityID = city.id
        let removed = try await services.store.write { tx -> Bool in
            guard let stored = try await tx.strategy.entry(entryID, in: cityID), try await tx.strategy.removeEntry(entryID, in: cityID) else { return false }
            for photo in try await tx.photos.photos(of: .strategyEntry(entryID), in: cityID) { _ = try await tx.photos.delete(photo.id, in: cityID) }
            try await audit.record(
                tx, action: AuditAction.strategyEntryRemoved, actor: staff.accountID, municipality: cityID, subject: "strategy:" + stored.document.rawValue,
                details: ["node": stored.node, "entry": entryID.rawValue])
            return true
        }
        guard removed else { throw AppError.notFound }
    }
}

extension StrategyDocumentID {
    /// The document a route's `:document` names; an id no document could have is a 404 unread.
    init(_ context: AppRequestContext) throws {
        let raw = try context.parameters.require("document")
        guard (1...64).contains(raw.utf8.count) else { throw AppError.notFound }
        self.init(rawValue: raw)
    }
}

extension AppServices {
    public var strategy: StrategyService { StrategyService(services: self) }
}

extension UploadOwner.Kind {
    public static let strategyEntry = Self(rawValue: "strategy_entry")
}

extension UploadOwner {
    public static func strategyEntry(_ id: TimelineEntryID) -> UploadOwner { .init(kind: .strategyEntry, id: id.rawValue) }
}

// MARK: Imports and exports

extension StrategyService {
    /// What an import changed, or would change in a dry run.
    public struct ImportReport: Sendable {
        public let file: StrategyCSV.File
        public let dryRun: Bool
        public let revision: Int64
        public let changes: [StrategyImport.Change]

        public func count(_ effect: (StrategyImport.Change.Effect) -> Bool) -> Int { changes.filter { effect($0.effect) }.count }
        public var added: Int { count { if case .added = $0 { true } else { false } } }
        public var changed: Int { count { if case .changed = $0 { true } else { false } } }
        public var unchanged: Int { count { if case .unchanged = $0 { true } else { false } } }
    }

    /// A refused import: the first problem as the API names it (`line.12.title_uk`); the page lists them all.
    static func appError(_ problem: StrategyImport.Problem) -> AppError {
        let field = problem.line.map { "line.\($0)" + (problem.column.map { "." + $0 } ?? "") } ?? problem.column ?? "file"
        return .invalid(code: "strategy_csv_\(problem.reason.rawValue)", field: field)
    }

    /// A CSV file of nodes or of indicators put into the document's tree:
    /// an upsert on ids, checked whole, stored all or not at all, and only
    /// over the tree it was checked against. A dry run stores nothing.
    public func importCSV(
        _ file: StrategyCSV.File, bytes: Data, into id: StrategyDocumentID, dryRun: Bool, city: Municipality, principal: Principal?
    ) async throws -> ImportReport {
        _ = try requireStaff(.editStrategy, principal, in: city.id)
        let stored = try await document(id, in: city.id)
        let existing = try await services.store.read { try await $0.strategy.tree(of: stored) }
        let outcome: StrategyImport.Outcome
        do {
            outcome = try StrategyImport(file, bytes: bytes).apply(to: existing)
        } catch {
            throw ImportRefusal(problems: error.problems)
        }
        let changed = outcome.changes.filter { if case .unchanged = $0.effect { false } else { true } }
        guard !dryRun, !changed.isEmpty else {
            return ImportReport(file: file, dryRun: dryRun, revision: stored.revision, changes: outcome.changes)
        }
        let revision = try await replaceTree(
            outcome.tree, of: id, ifRevision: stored.revision, city: city, principal: principal, action: AuditAction.strategyImported,
            details: ["file": file.rawValue, "changed": String(changed.count)])
        return ImportReport(file: file, dryRun: false, revision: revision, changes: outcome.changes)
    }

    /// The tree as its CSV file, the columns an import takes.
    public func csv(_ file: StrategyCSV.File, of id: StrategyDocumentID, in city: MunicipalityID) async throws -> String {
        let stored = try await document(id, in: city)
        let tree = try await services.store.read { try await $0.strategy.tree(of: stored) }
        let rows = file == .nodes ? StrategyCSV.nodes(of: tree) : StrategyCSV.indicators(of: tree)
        guard let header = rows.first else { return "" }
        return OpenDataFile.csv(header: header, rows: Array(rows.dropFirst()))
    }

    /// The document's indicators in IATI's results shape, computed actuals included.
    public func iati(_ id: StrategyDocumentID, city: Municipality, language: Language) async throws -> String {
        let view = try await view(id, city: city)
        return IATIResults.document(
            document: view.document, tree: view.tree,
            reportingOrg: (StrategySettings.organisationRef(code: city.settings.strategy.councilCode, citySlug: city.slug.rawValue), city.name),
            identifier: StrategySettings.organisationRef(code: city.settings.strategy.councilCode, citySlug: city.slug.rawValue) + "-" + view.document.externalID,
            language: language, generatedAt: services.clock.now())
    }
}

/// An import refused with every problem found (the page lists them; the API names the first).
public struct ImportRefusal: Error, Sendable {
    public let problems: [StrategyImport.Problem]

    public var appError: AppError {
        problems.first.map(StrategyService.appError) ?? .invalid(code: "strategy_csv_empty", field: "file")
    }
}
