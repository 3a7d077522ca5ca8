import Foundation
import HromadaDomain

/// `nodes.csv` merged into a tree.
extension StrategyImport {
    func applyNodes(to existing: StrategyTree) throws(Failure) -> Outcome {
        var problems = Problems(shapeProblems)
        let known = Dictionary(existing.nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var merged: [String: StrategyNode] = [:], order: [String] = [], lines: [String: Int] = [:]
        // Rows whose level or parent could not be read: where they hang is not what the clerk meant.
        var unplaced = Set<String>()
        for row in rows {
            guard let id = Self.id(of: row, into: &problems) else { continue }
            guard lines[id] == nil else {
                problems.add(row.line, "id", .duplicate)
                continue
            }
            lines[id] = row.line
            order.append(id)
            var node = known[id] ?? StrategyNode(id: id, parent: nil, level: .goal, title: LocalizedName(uk: "", en: ""))
            for column in columns where column != "id" {
                do throws(Reason) { try Self.set(column, of: &node, to: row[column] ?? "") } catch {
                    problems.add(row.line, column, error)
                    if column == "level" || column == "parent" { unplaced.insert(id) }
                }
            }
            for fault in Self.faults(of: node, check: { node throws(StrategyProblem) in try node.checked() }, clear: Self.setAside) {
                problems.add(row.line, Self.column(ofNodeField: fault.field), Reason(fault.reason))
                if fault.field == "parent" { unplaced.insert(id) }
            }
            merged[id] = node
        }
        let added = order.filter { known[$0] == nil }
        let nodes = existing.nodes.map { merged[$0.id] ?? $0 } + added.compactMap { merged[$0] }
        if nodes.count > StrategyTree.maxNodes {
            let first = added.dropFirst(max(0, StrategyTree.maxNodes - existing.nodes.count)).first
            problems.add(first.flatMap { lines[$0] }, nil, .tooMany)
        }
        checkPlacement(of: nodes, lines: lines, unplaced: unplaced, into: &problems)
        guard problems.isEmpty else { throw problems.failure(columns: columns) }

        let tree: StrategyTree
        do { tree = try StrategyTree.make(nodes: nodes, indicators: existing.indicators) } catch {
            // The checks above should have named this already; if they did not, it is still named at its row.
            let place = Self.place(error.field, under: "nodes")
            let line = place.flatMap { nodes.indices.contains($0.index) ? lines[nodes[$0.index].id] : nil }
            problems.add(line, place.map { Self.column(ofNodeField: $0.field) }, Reason(error.reason))
            throw problems.failure(columns: columns)
        }
        let result = Dictionary(tree.nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let changes = order.map { id -> Change in
            guard let before = known[id], let after = result[id] else { return Change(id: id, effect: .added) }
            let changed = StrategyCSV.nodeColumns.filter { StrategyCSV.cell($0, of: before) != StrategyCSV.cell($0, of: after) }
            return Change(id: id, effect: changed.isEmpty ? .unchanged : .changed(changed))
        }
        return Outcome(tree: tree, changes: changes)
    }

    /// Each node under a parent of the level above its own (`StrategyTree`'s
    /// rule), named at the row that breaks it: the node's own row, or, for a
    /// node the file leaves alone, the row of its parent whose level the file changed.
    /// Nodes whose level or parent could not be read are passed over, and so are their children.
    private func checkPlacement(of nodes: [StrategyNode], lines: [String: Int], unplaced: Set<String>, into problems: inout Problems) {
        let levels = Dictionary(nodes.map { ($0.id, $0.level) }, uniquingKeysWith: { first, _ in first })
        let parentColumn = columns.contains("parent") ? "parent" : "level"
        for node in nodes where !unplaced.contains(node.id) {
            let reason: Reason
            switch (node.parent, node.level.parentLevel) {
            case (nil, nil): continue
            case (nil, .some): reason = .missing
            case (.some(let parent), let expected):
                guard !unplaced.contains(parent) else { continue }
                if let level = levels[parent] {
                    guard level != expected else { continue }
                    reason = .misplaced
                } else {
                    reason = .unknown
                }
            }
            if let line = lines[node.id] {
                problems.add(line, parentColumn, reason)
            } else if let parent = node.parent, let line = lines[parent] {
                problems.add(line, "level", .hasChildren)
            } else {
                problems.add(nil, nil, reason)
            }
        }
    }

    /// A node's value in a column set from its cell; an empty cell is the
    /// column's empty value or default. The id is the caller's.
    static func set(_ column: String, of node: inout StrategyNode, to text: String) throws(Reason) {
        switch column {
        case "parent": node.parent = text.isEmpty ? nil : text
        case "level": node.level = try StrategyCell.choice(text)
        case "code": node.code = text
        case "title_uk": node.title.uk = text
        case "title_en": node.title.en = text
        case "description_uk": node.description.uk = text
        case "description_en": node.description.en = text
        case "responsible": node.responsible = text
        case "start": node.start = try StrategyCell.date(text)
        case "end": node.end = try StrategyCell.date(text)
        case "planned_uah": node.planned = try StrategyCell.money(text)
        case "spent_uah": node.spent = try StrategyCell.money(text)
        case "status": node.status = text.isEmpty ? .planned : try StrategyCell.choice(text)
        case "reported_progress": node.reportedProgress = text.isEmpty ? nil : try StrategyCell.integer(text, in: 0...100)
        case "weight": node.weight = try StrategyCell.weight(text)
        case "links": node.links = try StrategyCell.links(text)
        default: break
        }
    }

    /// The column a field of `StrategyNode.checked()` is read from.
    static func column(ofNodeField field: String) -> String {
        switch field {
        case "title.uk": "title_uk"
        case "title.en": "title_en"
        case "description.uk": "description_uk"
        case "description.en": "description_en"
        case "planned": "planned_uah"
        case "spent": "spent_uah"
        case "reportedProgress": "reported_progress"
        case _ where field.hasPrefix("links"): "links"
        default: field
        }
    }

    /// A field at fault replaced by a value that passes, to look for the next fault.
    static func setAside(_ node: inout StrategyNode, _ field: String) -> Bool {
        switch field {
        case "parent": node.parent = nil
        case "code": node.code = ""
        case "title.uk": node.title.uk = "-"
        case "title.en": node.title.en = ""
        case "description.uk": node.description.uk = ""
        case "description.en": node.description.en = ""
        case "responsible": node.responsible = ""
        case "start": node.start = nil
        case "end": node.end = nil
        case "planned": node.planned = .zero
        case "spent": node.spent = .zero
        case "reportedProgress": node.reportedProgress = nil
        case _ where field.hasPrefix("links"): node.links = []
        default: return false
        }
        return true
    }
}
