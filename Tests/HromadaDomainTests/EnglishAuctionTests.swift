import Foundation
import Testing
@testable import HromadaDomain
@testable import Auctions
@testable import Budgets
@testable import Petitions

@Suite struct EnglishAuctionTests {
    let start = Date(epochSeconds: 1_900_000_000)
    let timings = AuctionTimings(pause: 300, turn: 180, rounds: 3)
    let a = AuctionBidderID(rawValue: "a"), b = AuctionBidderID(rawValue: "b"), c = AuctionBidderID(rawValue: "c")

    func hryvnias(_ value: Int64) -> Money { Money(hryvnias: value) }

    /// Three bidders: a 10 000 (submitted first), b 12 000, c 10 000 (submitted later).
    func auction(step: MinimalStep = .amount(Money(hryvnias: 500))) -> EnglishAuction {
        EnglishAuction(
            startValue: hryvnias(10_000), minimalStep: step, startsAt: start, timings: timings,
            participants: [
                .init(bidder: a, initialBid: hryvnias(10_000), submittedAt: start.addingTimeInterval(-86_400 * 3)),
                .init(bidder: b, initialBid: hryvnias(12_000), submittedAt: start.addingTimeInterval(-86_400 * 2)),
                .init(bidder: c, initialBid: hryvnias(10_000), submittedAt: start.addingTimeInterval(-86_400)),
            ])
    }

    func at(_ seconds: TimeInterval) -> Date { start.addingTimeInterval(seconds) }

    func turn(_ auction: EnglishAuction, _ seconds: TimeInterval) throws -> EnglishAuction.Turn {
        guard case .turn(let turn) = auction.stage(at: at(seconds)) else {
            Issue.record("no turn at \(seconds) s: \(auction.stage(at: at(seconds)))")
            throw AuctionRefusal.notYourTurn
        }
        return turn
    }

    @Test func theAuctionOpensWithAPauseThenTheLowestBidGoesFirst() throws {
        let auction = auction()
        #expect(auction.stage(at: at(-1)) == .scheduled(startsAt: start))
        #expect(auction.stage(at: at(0)) == .pause(until: at(300)))
        #expect(auction.stage(at: at(299)) == .pause(until: at(300)))
        let first = try turn(auction, 300)
        #expect(first.key == .init(round: 1, position: 0) && first.deadline == at(480))
    }

    @Test func onEqualBidsTheLaterSubmissionGoesFirst() throws {
        let auction = auction()
        // a and c both bid 10 000; c submitted later, so c goes first, then a, then b.
        #expect(try turn(auction, 300).bidder == c)
        #expect(try turn(auction, 480).bidder == a)
        #expect(try turn(auction, 660).bidder == b)
    }

    @Test func aTurnThatRunsOutIsAPassAndTheNextBegins() throws {
        let auction = auction()
        // Nobody moves: c's turn ends at 480, a's at 660, b's at 840; round 2 begins.
        let second = try turn(auction, 840)
        #expect(second.key == .init(round: 2, position: 0) && second.bidder == c)
        #expect(auction.standings(at: at(840)).map(\.amount) == [hryvnias(12_000), hryvnias(10_000), hryvnias(10_000)])
    }

    @Test func aRaiseMustBeAtLeastTheMinimalStepAboveTheBiddersOwnBid() throws {
        let auction = auction()
        #expect(throws: AuctionRefusal.belowMinimalStep(minimum: hryvnias(10_500))) {
            try auction.placing(.raise(to: hryvnias(10_499)), by: c, at: at(310))
        }
        let raised = try auction.placing(.raise(to: hryvnias(10_500)), by: c, at: at(310))
        // The turn ends when its bidder acts: a's turn starts at once.
        let next = try turn(raised, 310)
        #expect(next.bidder == a && next.startedAt == at(310) && next.deadline == at(490))
    }

    @Test func aBidOutsideOnesTurnIsRefused() throws {
        let auction = auction()
        #expect(throws: AuctionRefusal.notStarted) { try auction.placing(.raise(to: hryvnias(20_000)), by: a, at: at(-5)) }
        #expect(throws: AuctionRefusal.notYourTurn) { try auction.placing(.raise(to: hryvnias(20_000)), by: a, at: at(100)) }
        #expect(throws: AuctionRefusal.notYourTurn) { try auction.placing(.raise(to: hryvnias(20_000)), by: a, at: at(310)) }
        #expect(throws: AuctionRefusal.notAParticipant) {
            try auction.placing(.pass, by: AuctionBidderID(rawValue: "stranger"), at: at(310))
        }
        // After c's turn ran out, c's bid comes too late: it is a's turn now.
        #expect(throws: AuctionRefusal.notYourTurn) { try auction.placing(.raise(to: hryvnias(11_000)), by: c, at: at(481)) }
    }

    @Test func aPassKeepsTheBid() throws {
        let passed = try auction().placing(.pass, by: c, at: at(320))
        #expect(try turn(passed, 320).bidder == a)
        #expect(passed.standings(at: at(320)).first { $0.bidder == c }?.amount == hryvnias(10_000))
    }

    @Test func afterThreeRoundsTheHighestBidWins() throws {
        var auction = auction()
        auction = try auction.placing(.raise(to: hryvnias(13_000)), by: c, at: at(310))  // round 1: c
        auction = try auction.placing(.pass, by: a, at: at(320))                          // a
        auction = try auction.placing(.raise(to: hryvnias(14_000)), by: b, at: at(330))  // b
        // Round 2 order: a 10 000, c 13 000, b 14 000.
        #expect(try turn(auction, 330).bidder == a)
        let finishedAt = 330.0 + 6 * 180  // everyone else lets their turns run out
        guard case .finished(let end, let ranking) = auction.stage(at: at(finishedAt)) else {
            Issue.record("not finished: \(auction.stage(at: at(finishedAt)))")
            return
        }
        #expect(end == at(finishedAt))
        #expect(ranking.map(\.bidder) == [b, c, a])
        #expect(ranking.first?.amount == hryvnias(14_000))
    }

    @Test func ofEqualBidsTheOneReachedEarlierWins() throws {
        var auction = auction()
        // c raises to 12 000 in round 1, matching b's closed bid, which b reached days earlier.
        auction = try auction.placing(.raise(to: hryvnias(12_000)), by: c, at: at(310))
        guard case .finished(_, let ranking) = auction.stage(at: at(100_000)) else {
            Issue.record("not finished")
            return
        }
        #expect(ranking.prefix(2).map(\.bidder) == [b, c])
    }

    @Test func theStateIsTheSameWhenReplayedAfterARestart() throws {
        var auction = auction()
        auction = try auction.placing(.raise(to: hryvnias(11_000)), by: c, at: at(400))
        // Stored and read back (a restart), then asked at the same instants: the same answers.
        let stored = try JSONEncoder().encode(auction)
        let restored = try JSONDecoder().decode(EnglishAuction.self, from: stored)
        for seconds in stride(from: -10.0, through: 2_400, by: 37) {
            #expect(restored.stage(at: at(seconds)) == auction.stage(at: at(seconds)))
        }
    }

    @Test func aMoveCountsOnlyFromWhenItWasMade() throws {
        let auction = try auction().placing(.raise(to: hryvnias(11_000)), by: c, at: at(400))
        // Asked about an instant before the raise, the auction does not know of it yet.
        #expect(try turn(auction, 350).bidder == c)
        #expect(try turn(auction, 400).bidder == a)
    }

    @Test func oneBidderMeansNoRoundsAndNoneMeansUnsuccessful() {
        let single = EnglishAuction(
            startValue: hryvnias(10_000), minimalStep: .amount(hryvnias(100)), startsAt: start, timings: timings,
            participants: [.init(bidder: a, initialBid: hryvnias(10_000), submittedAt: at(-100))])
        #expect(single.stage(at: at(-50)) == .finished(at: start, ranking: single.standings(at: at(-50))))
        #expect(single.standings(at: start).map(\.bidder) == [a])
        let nobody = EnglishAuction(
            startValue: hryvnias(10_000), minimalStep: .amount(hryvnias(100)), startsAt: start, timings: timings, participants: [])
        #expect(nobody.stage(at: start) == .finished(at: start, ranking: []))
    }

    @Test func participantsAreNumberedByTheFirstRoundsOrder() {
        #expect(auction().participantNumbers == [c: 1, a: 2, b: 3])
    }

    @Test func aMinimalStepGivenAsAShareIsRoundedUpToTheKopiyka() {
        #expect(MinimalStep.percent(basisPoints: 100).amount(of: Money(kopiyky: 1_000_050)) == Money(kopiyky: 10_001))
        #expect(MinimalStep.percent(basisPoints: 100).amount(of: hryvnias(10_000)) == hryvnias(100))
        #expect(MinimalStep.amount(hryvnias(250)).amount(of: hryvnias(10_000)) == hryvnias(250))
    }

    @Test func theCurrentTenantMayMatchTheBestBidAtTheEnd() throws {
        let base = auction()
        let lease = EnglishAuction(
            startValue: base.startValue, minimalStep: .amount(hryvnias(500)), startsAt: start, timings: timings, participants: base.participants,
            tenant: a)
        var auction = try lease.placing(.raise(to: hryvnias(15_000)), by: c, at: at(310))
        // Nobody else moves; after the three rounds, the tenant (a, at 10 000) may match 15 000.
        let roundsEnd = 310.0 + 8 * 180
        #expect(auction.stage(at: at(roundsEnd)) == .tenantMatch(tenant: a, toMatch: hryvnias(15_000), until: at(roundsEnd + 180)))
        #expect(throws: AuctionRefusal.notYourTurn) { try auction.placing(.match, by: b, at: at(roundsEnd + 10)) }
        auction = try auction.placing(.match, by: a, at: at(roundsEnd + 10))
        guard case .finished(_, let ranking) = auction.stage(at: at(roundsEnd + 10)) else {
            Issue.record("not finished")
            return
        }
        #expect(ranking.first?.bidder == a && ranking.first?.amount == hryvnias(15_000))
        #expect(ranking.dropFirst().map(\.bidder) == [c, b])
    }

    @Test func aTenantWhoLetsTheMatchRunOutLosesTheLease() throws {
        let base = auction()
        let lease = EnglishAuction(
            startValue: base.startValue, minimalStep: .amount(hryvnias(500)), startsAt: start, timings: timings, participants: base.participants,
            tenant: a)
        let auction = try lease.placing(.raise(to: hryvnias(15_000)), by: c, at: at(310))
        guard case .finished(_, let ranking) = auction.stage(at: at(310 + 9 * 180)) else {
            Issue.record("not finished")
            return
        }
        #expect(ranking.first?.bidder == c)
        // Outside the rounds a match is nobody's move.
        #expect(throws: AuctionRefusal.notYourTurn) { try lease.placing(.match, by: c, at: at(300)) }
    }
}

