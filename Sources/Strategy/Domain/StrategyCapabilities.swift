import HromadaDomain

/// What the strategy module's staff may do (declared to the registry by `StrategyModule`).
extension Capability {
    /// Add and change documents, their trees, indicators, values and timelines; import them.
    public static let editStrategy = Capability("strategy.edit")
    /// Write and publish the city's results report for a year.
    public static let publishResults = Capability("strategy.report")
}

extension AuditAction {
    public static let strategyDocumentSaved = "strategy.document_saved"
    /// A tree or indicator import: how many rows changed, not their values.
    public static let strategyImported = "strategy.imported"
    public static let strategyNodeSaved = "strategy.node_saved"
    public static let strategyIndicatorSaved = "strategy.indicator_saved"
    public static let strategyEntryAdded = "strategy.entry_added"
    public static let strategyEntryRemoved = "strategy.entry_removed"
    public static let strategyReportPublished = "strategy.report_published"
}
