import Foundation
import Testing
@testable import HromadaDomain
@testable import Auctions
@testable import Budgets
@testable import Petitions

@Suite struct AwardChainTests {
    let a = AuctionBidderID(rawValue: "a"), b = AuctionBidderID(rawValue: "b"), c = AuctionBidderID(rawValue: "c")
    let now = Date(epochSeconds: 1_900_000_000)

    func chain() -> AwardChain {
        AwardChain(ranking: [(a, Money(hryvnias: 30_000)), (b, Money(hryvnias: 25_000)), (c, Money(hryvnias: 20_000))])
    }

    @Test func theBestBidderIsPendingAndTheOthersWait() {
        let chain = chain()
        #expect(chain.awards.map(\.status) == [.pending, .pendingWaiting, .pendingWaiting])
        #expect(chain.lotStatus == .activeQualification)
    }

    @Test func aDisqualifiedWinnerMovesTheNextBidderUp() throws {
        let next = try chain().disqualifying(a, reason: "Гарантійний внесок не сплачено", at: now)
        #expect(next.awards.map(\.status) == [.unsuccessful, .pending, .pendingWaiting])
        #expect(next.pending?.bidder == b && next.awards[0].reason == "Гарантійний внесок не сплачено")
        #expect(throws: QualificationRefusal.reasonRequired) { try next.disqualifying(b, reason: "  ", at: now) }
        #expect(throws: QualificationRefusal.notPending) { try next.activating(c, at: now) }
    }

    @Test func withNobodyLeftTheLotIsUnsuccessful() throws {
        var chain = chain()
        for bidder in [a, b, c] { chain = try chain.disqualifying(bidder, reason: "Відмовився від підписання", at: now) }
        #expect(chain.lotStatus == .unsuccessful && chain.pending == nil)
    }

    @Test func anActiveAwardAndASignedContractCompleteTheLot() throws {
        #expect(throws: QualificationRefusal.noActiveAward) { try chain().signingContract(at: now) }
        let active = try chain().activating(a, at: now)
        #expect(active.lotStatus == .activeAwarded)
        let signed = try active.signingContract(at: now)
        #expect(signed.lotStatus == .complete)
        #expect(throws: QualificationRefusal.notPending) { try signed.disqualifying(a, reason: "Запізно", at: now) }
    }

    @Test func aWinnerWhoRefusesToSignGivesWayToTheNext() throws {
        let refused = try chain().activating(a, at: now).disqualifying(a, reason: "Переможець відмовився підписати договір", at: now)
        #expect(refused.pending?.bidder == b && refused.lotStatus == .activeQualification)
    }

    @Test func theSecondPrivatizationAuctionStartsAtHalfThePrice() {
        #expect(AuctionProcedure.privatizationReduced.startValue(from: Money(kopiyky: 1_000_001)) == Money(kopiyky: 500_001))
        #expect(AuctionProcedure.privatizationEnglish.startValue(from: Money(hryvnias: 100)) == Money(hryvnias: 100))
        #expect(LotStatus.allCases.map(\.rawValue).contains("active.tendering"))
    }
}
