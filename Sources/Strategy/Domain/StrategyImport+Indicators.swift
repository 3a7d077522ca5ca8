import Foundation
import HromadaDomain

/// `indicators.csv` merged into a tree: one row per indicator and year, the
/// definition repeated on each of an indicator's rows and bound to agree.
extension StrategyImport {
    /// An indicator as its rows build it.
    private struct Rows {
        var indicator: StrategyIndicator
        /// The line of its first row, where faults of its definition are named.
        let line: Int
        /// The line that gave each year.
        var years: [Int: Int] = [:]
        /// Definition columns its first row got wrong: later rows are not compared on them.
        var unreadable: Set<String> = []
    }

    func applyIndicators(to existing: StrategyTree) throws(Failure) -> Outcome {
        var problems = Problems(shapeProblems)
        let known = Dictionary(existing.indicators.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let definition = columns.filter { $0 != "id" && StrategyCSV.indicatorDefinitionColumns.contains($0) }
        var found: [String: Rows] = [:], order: [String] = []
        for row in rows {
            guard let id = Self.id(of: row, into: &problems) else { continue }
            var entry: Rows
            if let earlier = found[id] {
                entry = earlier
                for column in definition where !entry.unreadable.contains(column) {
                    var candidate = entry.indicator
                    do throws(Reason) { try Self.set(column, of: &candidate, to: row[column] ?? "") } catch {
                        problems.add(row.line, column, error)
                        continue
                    }
                    if StrategyCSV.cell(column, of: candidate) != StrategyCSV.cell(column, of: entry.indicator) {
                        problems.add(row.line, column, .conflictingDefinition)
                    }
                }
            } else {
                var indicator = known[id] ?? StrategyIndicator(
                    id: id, node: "", name: LocalizedName(uk: "", en: ""), unit: LocalizedName(uk: "", en: ""), direction: .higher,
                    baseline: .init(year: StrategyDocument.years.lowerBound, value: 0), targets: [])
                var unreadable = Set<String>()
                for column in definition {
                    do throws(Reason) { try Self.set(column, of: &indicator, to: row[column] ?? "") } catch {
                        problems.add(row.line, column, error)
                        unreadable.insert(column)
                    }
                }
                entry = Rows(indicator: indicator, line: row.line, unreadable: unreadable)
                order.append(id)
            }
            readYear(of: row, into: &entry, problems: &problems)
            found[id] = entry
        }

        let nodes = Set(existing.nodes.map(\.id))
        for id in order {
            guard let entry = found[id] else { continue }
            let faults = Self.faults(of: entry.indicator, check: { indicator throws(StrategyProblem) in try indicator.checked() }, clear: Self.setAside)
            for fault in faults {
                let place = Self.place(ofIndicatorField: fault.field, in: entry)
                problems.add(place.line, place.column, Reason(fault.reason))
            }
            if !faults.contains(where: { $0.field == "node" }), !nodes.contains(entry.indicator.node) {
                problems.add(entry.line, "node", .unknown)
            }
        }
        let added = order.filter { known[$0] == nil }
        let indicators = existing.indicators.map { found[$0.id]?.indicator ?? $0 } + added.compactMap { found[$0]?.indicator }
        if indicators.count > StrategyTree.maxIndicators {
            let first = added.dropFirst(max(0, StrategyTree.maxIndicators - existing.indicators.count)).first
            problems.add(first.flatMap { found[$0]?.line }, nil, .tooMany)
        }
        guard problems.isEmpty else { throw problems.failure(columns: columns) }

        let tree: StrategyTree
        do { tree = try StrategyTree.make(nodes: existing.nodes, indicators: indicators) } catch {
            // The checks above should have named this already; if they did not, it is still named at its row.
            let place = Self.place(error.field, under: "indicators")
            let entry = place.flatMap { indicators.indices.contains($0.index) ? found[indicators[$0.index].id] : nil }
            if let place, let entry {
                let at = Self.place(ofIndicatorField: place.field, in: entry)
                problems.add(at.line, at.column, Reason(error.reason))
            } else {
                problems.add(nil, nil, Reason(error.reason))
            }
            throw problems.failure(columns: columns)
        }
        let result = Dictionary(tree.indicators.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let changes = order.map { id -> Change in
            guard let before = known[id], let after = result[id] else { return Change(id: id, effect: .added) }
            let changed = Self.changedFields(from: before, to: after)
            return Change(id: id, effect: changed.isEmpty ? .unchanged : .changed(changed))
        }
        return Outcome(tree: tree, changes: changes)
    }

    /// A row's year, if it has one: its target and its actual (with the
    /// actual's source and date) set, or removed where the cell is empty; a
    /// column the file leaves out keeps that year's value.
    private func readYear(of row: Row, into entry: inout Rows, problems: inout Problems) {
        let yearText = row["year"] ?? ""
        guard !yearText.isEmpty else {
            if ["target", "actual", "source", "date"].contains(where: { !(row[$0] ?? "").isEmpty }) { problems.add(row.line, "year", .missing) }
            return
        }
        let year: Int
        do throws(Reason) { year = try StrategyCell.integer(yearText, in: StrategyDocument.years) } catch {
            problems.add(row.line, "year", error)
            return
        }
        guard entry.years[year] == nil else {
            problems.add(row.line, "year", .duplicate)
            return
        }
        entry.years[year] = row.line
        if let text = row["target"] {
            do throws(Reason) {
                let target = text.isEmpty ? nil : try StrategyCell.value(text)
                entry.indicator.targets.removeAll { $0.year == year }
                if let target { entry.indicator.targets.append(.init(year: year, value: target)) }
            } catch {
                problems.add(row.line, "target", error)
            }
        }
        let previous = entry.indicator.actual(in: year)
        var actual = previous
        if let text = row["actual"] {
            do throws(Reason) {
                actual = text.isEmpty ? nil : StrategyIndicator.Actual(
                    year: year, value: try StrategyCell.value(text), source: previous?.source ?? "", date: previous?.date)
            } catch {
                problems.add(row.line, "actual", error)
            }
        }
        if var next = actual {
            if let source = row["source"] { next.source = source }
            if let text = row["date"] {
                do throws(Reason) { next.date = try StrategyCell.date(text) } catch { problems.add(row.line, "date", error) }
            }
            actual = next
        }
        entry.indicator.actuals.removeAll { $0.year == year }
        if let actual { entry.indicator.actuals.append(actual) }
    }

    /// An indicator's definition value in a column set from its cell. The id is the caller's.
    static func set(_ column: String, of indicator: inout StrategyIndicator, to text: String) throws(Reason) {
        switch column {
        case "node": indicator.node = text
        case "code": indicator.code = text
        case "name_uk": indicator.name.uk = text
        case "name_en": indicator.name.en = text
        case "unit_uk": indicator.unit.uk = text
        case "unit_en": indicator.unit.en = text
        case "direction": indicator.direction = try StrategyCell.choice(text)
        case "baseline_year": indicator.baseline.year = try StrategyCell.integer(text, in: StrategyDocument.years)
        case "baseline_value": indicator.baseline.value = try StrategyCell.value(text)
        case "responsible": indicator.responsible = text
        case "computed": indicator.computed = text.isEmpty ? nil : text
        case "weight": indicator.weight = try StrategyCell.weight(text)
        default: break
        }
    }

    /// Where a field of `StrategyIndicator.checked()` came from: a year's
    /// value at the row that gave that year, or, when the file did not give
    /// it, at the baseline year that now rules it out; the rest at the first row.
    private static func place(ofIndicatorField field: String, in entry: Rows) -> (line: Int, column: String) {
        let parts = field.split(separator: ".").map(String.init)
        switch (parts.first ?? "", parts.count) {
        case ("targets", 1), ("actuals", 1): return (entry.line, "year")
        case ("targets", _), ("actuals", _):
            guard let year = Int(parts[1]), let line = entry.years[year] else { return (entry.line, "baseline_year") }
            return (line, parts.count > 2 ? parts[2] : parts[0] == "targets" ? "target" : "actual")
        case ("name", 2), ("unit", 2), ("baseline", 2): return (entry.line, parts[0] + "_" + parts[1])
        default: return (entry.line, field)
        }
    }

    /// A field at fault replaced by a value that passes, to look for the next fault.
    private static func setAside(_ indicator: inout StrategyIndicator, _ field: String) -> Bool {
        let parts = field.split(separator: ".")
        switch field {
        case "node": indicator.node = "-"
        case "code": indicator.code = ""
        case "name.uk": indicator.name.uk = "-"
        case "name.en": indicator.name.en = ""
        case "unit.uk": indicator.unit.uk = ""
        case "unit.en": indicator.unit.en = ""
        case "responsible": indicator.responsible = ""
        case "computed": indicator.computed = nil
        case _ where parts.count >= 2 && parts[0] == "targets": indicator.targets.removeAll { String($0.year) == parts[1] }
        case _ where parts.count >= 2 && parts[0] == "actuals": indicator.actuals.removeAll { String($0.year) == parts[1] }
        default: return false
        }
        return true
    }

    /// The definition columns that differ, then `target.<year>` and `actual.<year>` for each year whose value differs.
    private static func changedFields(from before: StrategyIndicator, to after: StrategyIndicator) -> [String] {
        var changed = StrategyCSV.indicatorDefinitionColumns.filter { StrategyCSV.cell($0, of: before) != StrategyCSV.cell($0, of: after) }
        let years = Set([before, after].flatMap { $0.targets.map(\.year) + $0.actuals.map(\.year) }).sorted()
        for year in years {
            if before.target(in: year) != after.target(in: year) { changed.append("target.\(year)") }
            if before.actual(in: year) != after.actual(in: year) { changed.append("actual.\(year)") }
        }
        return changed
    }
}
