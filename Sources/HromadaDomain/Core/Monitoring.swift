import Foundation

/// The words the strategy module and the modules that feed it agree on:
/// which way an indicator should move, where a piece of work stands, and
/// what kind of document a plan is. They live in the platform because a
/// module offers its figures and its programmes to the strategy through the
/// platform, never by importing it.

/// Which way an indicator should move (IATI's `ascending`).
public enum IndicatorDirection: String, Sendable, Codable, CaseIterable {
    /// More is better: turnout, proceeds, jobs.
    case higher
    /// Less is better: days to answer, waste to landfill.
    case lower
}

/// Where a measure, task or project stands, as the council reports it.
public enum WorkStatus: String, Sendable, Codable, CaseIterable {
    case planned
    case inProgress = "in_progress"
    /// Started, then stopped for now (no money this year, a court case).
    case suspended
    case done
    /// Dropped: it no longer counts towards its parent's progress.
    case cancelled
}

/// The kinds of strategic documents a city adopts (DOMAIN: Minregion order
/// 265 of 2022 for the development strategy; the rest are council programmes).
public enum StrategicDocumentKind: String, Sendable, Codable, CaseIterable {
    case developmentStrategy = "development_strategy"
    case smeProgramme = "sme_programme"
    case marketingStrategy = "marketing_strategy"
    case tourismStrategy = "tourism_strategy"
    case investmentProgramme = "investment_programme"
}
