/// Participatory-budget rules: the Pabulib reader and writer and the
/// aggregation rules (greedy family, Method of Equal Shares with completions,
/// sequential Phragmén). A pure library with no dependency on the rest of
/// Hromada; it is built in issue 3.
public enum BudgetRules {}
