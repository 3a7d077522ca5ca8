import Auctions
import Budgets
import Business
import HromadaWeb
import Invest
import OpenData
import Petitions
import Strategy
import Visit
import Waste

/// The one place that lists the deployment's modules. A new module is a
/// folder of its own plus one line here (docs/architecture.md, "Adding a module").
extension ModuleRegistry {
    public static let standard = ModuleRegistry([
        BudgetsModule(),
        PetitionsModule(),
        AuctionsModule(),
        InvestModule(),
        StrategyModule(),
        WasteModule(),
        BusinessModule(),
        VisitModule(),
        OpenDataModule(),
    ])
}
