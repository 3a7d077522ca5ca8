/// Items of the list of datasets that CMU Resolution 835 (annex) obliges a
/// local council to publish, those a city's platform can serve. A module's
/// dataset names the item it fulfils (`OpenDataset.mandatoryItem`); the
/// catalogue page lists every item with what the city publishes for it,
/// so a council sees what it still owes.
///
/// The list is the resolution's subjects in our words (its wording changes
/// with each amendment; the passport cites the resolution itself). Items no
/// module publishes yet stay on the page as "not yet published".
public enum MandatoryDataset: String, CaseIterable, Sendable {
    case petitions
    case participatoryBudget = "participatory_budget"
    case communalProperty = "communal_property"
    case regulatoryActs = "regulatory_acts"
    case budget
    case strategicPlanning = "strategic_planning"
    case administrativeServices = "administrative_services"
    case publicTransport = "public_transport"
    case landPlots = "land_plots"
    case wasteManagement = "waste_management"

    /// The locale key of its name on the catalogue page.
    public var titleKey: String { "opendata.mandatory.\(rawValue)" }
}
