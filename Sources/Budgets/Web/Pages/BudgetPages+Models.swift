import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// Page models of the participatory-budget pages: flat values for the templates.
enum BudgetPageModels {
    struct EditionItem {
        let url: String
        let title: String
        let phase: String
        let fund: String
        let voting: String
    }

    struct List {
        let cityName: String
        let editions: [EditionItem]
        let empty: Bool
    }

    struct PhotoItem {
        let url: String
        let caption: String
        let width: Int
        let height: Int
        /// On the page where the photo can be taken down.
        var removeURL: String?
    }

    struct ProjectItem {
        let photos: [PhotoItem]
        let hasPhotos: Bool
        /// The page where the author or staff add and remove pictures.
        let photosURL: String?
        let id: String
        /// The project's own page (empty where the item is shown without its edition).
        let url: String
        let number: Int
        let title: String
        let summary: String
        let cost: String
        let costKopiyky: Int64
        let district: String
        let address: String
        let status: String
        let feasible: Bool
        let infeasible: Bool
        let reason: String
        let checked: Bool
        let relations: String
        let editURL: String?
        /// What of the city's other modules points at the project (its edition's page only).
        var referrers: Referrers? = nil
    }

    /// A project's own page.
    struct ProjectPage {
        let preview: SharePreview
        /// Follow it, or sign in to (issue 21).
        var follow: FollowButton? = nil
        let project: ProjectItem
        let editionTitle: String
        let editionURL: String
        let category: String
        let costItems: [CostLine]
        let estimate: String
        let revisedCost: String?
        let mergedInto: Link?
        let map: MapView?
        let review: ReviewNote?
        let votes: VotesNote?
        let delivery: [DeliveryStep]
        let hasDelivery: Bool
        let submitted: String
        let apiURL: String
        /// The platform's comments on the project (`comments.mustache`).
        var discussion: Discussion? = nil
    }

    struct CostLine {
        let label: String
        let amount: String
    }

    struct Link {
        let label: String
        let url: String
    }

    struct ReviewNote {
        let decision: String
        let feasible: Bool
        let reason: String
        let date: String
    }

    struct VotesNote {
        let score: String
        /// "2nd of 7 in Великі проєкти".
        let place: String
        let funded: Bool
        let resultsURL: String
    }

    struct DeliveryStep {
        let date: String
        let status: String
        let spent: String
        let note: String
        let photos: [PhotoItem]
        let hasPhotos: Bool
    }

    struct CategoryGroup {
        let id: String
        let name: String
        let fund: String
        let fundKopiyky: Int64
        let range: String
        let limit: String
        let maxPicks: Int
        let projects: [ProjectItem]
        let empty: Bool
    }

    typealias Option = SelectOption

    struct Edition {
        let title: String
        let phase: String
        let fund: String
        let dates: [Option]
        let rule: String
        let groups: [CategoryGroup]
        /// The category and district to show projects of ("all" first).
        let filters: [FormField]
        let voteURL: String
        let resultsURL: String
        let isVoting: Bool
        let hasResults: Bool
        let signedIn: Bool
        let verified: Bool
        let loginURL: String
        let verifyURL: String
        let voted: Bool
        let filterURL: String
        let isProposals: Bool
        let proposeURL: String
        let proposed: Bool
        let staffURL: String?
        let delivery: [DeliveryItem]
        let hasDelivery: Bool
        /// The projects that have a place, each linking to its page.
        let map: MapView?
        /// Follow the edition, or sign in to (issue 21).
        var follow: FollowButton? = nil
    }

    struct DeliveryItem {
        let photos: [PhotoItem]
        let hasPhotos: Bool
        let number: Int
        let title: String
        let status: String
        let spent: String
        let cost: String
        let note: String
        let date: String
    }

    struct Ballot {
        let title: String
        let rule: String
        let action: String
        let groups: [CategoryGroup]
        let error: String?
        let totalLimit: Int
        let knapsack: Bool
    }

    struct Review {
        let title: String
        let picks: [ProjectItem]
        let ids: [Option]
        let castAction: String
        /// Posted with the picks, never a link carrying them: a URL with a
        /// voter's choices ends up in proxy logs and browser history.
        let changeAction: String
        let offerEmail: Bool
        /// The box to tick for the receipt by email, when offered.
        let emailReceipt: FormField
        let total: String
    }

    struct Confirmation {
        let title: String
        let receipt: String?
        let editionURL: String
        let emailed: Bool
    }

    struct Bar {
        let label: String
        let count: String
    }

    struct ExplanationLine {
        let number: Int
        let title: String
        let text: String
    }

    struct ResultGroup {
        let explained: Bool
        let startBudget: String
        let fundedWhy: [ExplanationLine]
        let unfundedWhy: [ExplanationLine]
        let completed: [ExplanationLine]
        /// How the outcome measures up (OutcomeAnalysis); empty when it cannot be analysed.
        let measures: [Option]
        let effects: [ExplanationLine]
        let hasEffects: Bool
        let analysed: Bool
        let name: String
        let fund: String
        let spent: String
        let voters: String
        let chart: String
        let projects: [ResultRow]
        let exportURL: String
    }

    struct ResultRow {
        let number: Int
        let title: String
        let cost: String
        let score: String
        let funded: Bool
    }

    struct Results {
        let title: String
        let rule: String
        let comparing: Bool
        let officialURL: String
        let ruleLinks: [Option]
        let ballots: String
        let groups: [ResultGroup]
        let channelChart: String
        let ageChart: String
        let exportURL: String
        let openDataURL: String
        let editionURL: String
        /// For budget staff: paper ballots typed per clerk (label: name, value: count).
        let clerks: [Option]
        let hasClerks: Bool
    }
}
