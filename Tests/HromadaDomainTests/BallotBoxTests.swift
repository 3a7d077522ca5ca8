import Crypto
import Foundation
import Testing
@testable import HromadaDomain
@testable import Auctions
@testable import Budgets
@testable import Petitions

/// The ballot box: sealing, strata, and when pools may be opened.
@Suite struct BallotBoxTests {
    let fixture = EditionFixture()
    let seal = BallotSeal(key: SymmetricKey(size: .bits256))
    let pools = BallotPools(poolSize: 10)
    /// Room for any ballot these tests seal, unless a test is about the length.
    let roomy = BallotLength(bytes: 4_096)

    func ballot(_ edition: BudgetEdition, picks: Int = 2, channel: BallotChannel = .online) -> AnonymousBallot {
        AnonymousBallot(
            editionID: edition.id, receipt: BallotReceipt.generate(),
            content: BallotContent(projects: (0..<picks).map { _ in BudgetProjectID.random() }), channel: channel, ageGroup: .from30)
    }

    /// The first instant of the next day in Kyiv.
    func midnightAfter(_ instant: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Kyiv") ?? TimeZone(secondsFromGMT: 7200) ?? .current
        return calendar.nextDate(after: instant, matching: DateComponents(hour: 0, minute: 0, second: 0), matchingPolicy: .strict) ?? instant
    }

    // MARK: Sealing

    @Test func sealedBallotOpensWithItsKeyEditionAndBoxID() throws {
        let edition = fixture.edition()
        let cast = ballot(edition)
        let sealed = try seal.seal(cast, boxID: "box-1", paddedTo: roomy)
        #expect(try seal.open(sealed, boxID: "box-1", edition: edition.id) == cast)
        #expect(throws: BallotSeal.Problem.unreadable) { try seal.open(sealed, boxID: "box-2", edition: edition.id) }
        #expect(throws: BallotSeal.Problem.unreadable) { try seal.open(sealed, boxID: "box-1", edition: BudgetEditionID(rawValue: "other")) }
        let otherKey = BallotSeal(key: SymmetricKey(size: .bits256))
        #expect(throws: BallotSeal.Problem.unreadable) { try otherKey.open(sealed, boxID: "box-1", edition: edition.id) }
    }

    @Test func sealedBallotShowsNeitherReceiptNorChoices() throws {
        let edition = fixture.edition()
        let cast = ballot(edition, picks: 3)
        let sealed = try seal.seal(cast, boxID: "box", paddedTo: roomy)
        let bytes = Data(base64Encoded: sealed) ?? Data()
        for secret in [cast.receipt, cast.id.rawValue] + cast.content.projects.map(\.rawValue) {
            #expect(!sealed.contains(secret))
            #expect(bytes.range(of: Data(secret.utf8)) == nil)
        }
    }

    /// Nothing inside a sealed ballot says when it was cast, so even whoever
    /// opens it cannot match it with a participation's day.
    @Test func aSealedBallotCarriesNoDayOrTime() throws {
        let edition = fixture.edition()
        let sealed = try seal.seal(ballot(edition), boxID: "box", paddedTo: roomy)
        let box = try AES.GCM.SealedBox(combined: try #require(Data(base64Encoded: sealed)))
        let plain = try AES.GCM.open(box, using: seal.key, authenticating: BallotSeal.context(edition.id, "box"))
        let fields = try #require(try JSONSerialization.jsonObject(with: plain) as? [String: Any])
        #expect(Set(fields.keys) == ["id", "editionID", "receipt", "content", "channel", "ageGroup"])
    }

    /// Ballots sealed before ballots lost their day still open (the day is ignored).
    @Test func aBallotSealedWithADayStillOpens() throws {
        let edition = fixture.edition()
        let cast = ballot(edition)
        var json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(cast)) as? [String: Any])
        json["day"] = "2027-03-01"
        let old = try AES.GCM.seal(
            try JSONSerialization.data(withJSONObject: json), using: seal.key, authenticating: BallotSeal.context(edition.id, "box"))
        let sealed = try #require(old.combined).base64EncodedString()
        #expect(try seal.open(sealed, boxID: "box", edition: edition.id) == cast)
    }

    /// Vinnytsia's rules: 2 large and 2 small at most, 4 in all.
    func fourPickEdition() -> (BudgetEdition, [BudgetProject]) {
        let edition = fixture.edition()
        let projects = (1...7).map { fixture.project(edition, fixture.large, number: $0, cost: 600_000) }
            + (8...14).map { fixture.project(edition, fixture.small, number: $0, cost: 100_000) }
        return (edition, projects)
    }

    /// The plaintext a sealed ballot opens to, padding included.
    func plaintext(_ sealed: String, edition: BudgetEdition, boxID: String) throws -> Data {
        let box = try AES.GCM.SealedBox(combined: try #require(Data(base64Encoded: sealed)))
        return try AES.GCM.open(box, using: seal.key, authenticating: BallotSeal.context(edition.id, boxID))
    }

    @Test func everyBallotOfAnEditionSealsToOneLength() throws {
        let (edition, projects) = fourPickEdition()
        let length = BallotLength(edition: edition, onBallot: projects)
        let large = projects.filter { $0.categoryID == fixture.large.id }.map(\.id)
        let small = projects.filter { $0.categoryID == fixture.small.id }.map(\.id)
        var lengths = Set<Int>()
        for (bigPicks, smallPicks) in [(1, 0), (0, 1), (1, 1), (2, 1), (2, 2)] {
            for channel in BallotChannel.allCases {
                for ageGroup in AgeGroup.allCases {
                    var cast = ballot(edition, channel: channel)
                    cast.ageGroup = ageGroup
                    cast.content = BallotContent(projects: Array(large.shuffled().prefix(bigPicks) + small.shuffled().prefix(smallPicks)))
                    let onBallot = Dictionary(uniqueKeysWithValues: projects.map { ($0.id, $0) })
                    try BallotRules.check(cast.content, edition: edition, onBallot: onBallot)
                    let sealed = try seal.seal(cast, boxID: "box", paddedTo: length)
                    lengths.insert(sealed.utf8.count)
                    #expect(try plaintext(sealed, edition: edition, boxID: "box").count == length.bytes)
                    #expect(try seal.open(sealed, boxID: "box", edition: edition.id) == cast)
                }
            }
        }
        #expect(lengths.count == 1)
    }

    /// Four picks, the longest channel and age group: the longest ballot, exactly the length.
    @Test func theLongestBallotTheRulesAllowIsExactlyItsEditionsLength() throws {
        let (edition, projects) = fourPickEdition()
        var cast = ballot(edition, channel: .online)
        cast.ageGroup = .unknown
        cast.content = BallotContent(projects: [projects[0].id, projects[1].id, projects[7].id, projects[8].id])
        #expect(BallotSeal.plaintext(cast).count == BallotLength(edition: edition, onBallot: projects).bytes)
    }

    /// The hand-written JSON is what `JSONEncoder` writes with sorted keys,
    /// and `JSONDecoder` reads back any string, quotes, backslashes and
    /// control characters included.
    @Test func aSealedBallotsJSONIsWhatJSONDecoderReadsBack() throws {
        let edition = fixture.edition()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for points in [nil, [1, 25, 1_000_000]] {
            var cast = ballot(edition, picks: 3)
            cast.content.points = points
            #expect(BallotSeal.plaintext(cast) == Array(try encoder.encode(cast)))
            #expect(try JSONDecoder().decode(AnonymousBallot.self, from: Data(BallotSeal.plaintext(cast))) == cast)
        }
        let odd = ["", "\"", "\\", "a/b", "tab\there", "\u{0}\u{1F}\u{7F}", "ї €𝄞", "\"\\\n\r"]
        for text in odd {
            var cast = ballot(edition, picks: 0)
            cast.receipt = text
            cast.content = BallotContent(projects: [BudgetProjectID(rawValue: text)], points: [-3])
            let json = BallotSeal.plaintext(cast)
            #expect(try JSONDecoder().decode(AnonymousBallot.self, from: Data(json)) == cast)
            #expect(json.count - Array(#"{"ageGroup":"30-44","channel":"online","content":{"points":[-3],"projects":[]},"editionID":"","id":"","receipt":""}"#.utf8).count
                == 2 + 2 * BallotJSON.length(text) + edition.id.rawValue.utf8.count + cast.id.rawValue.utf8.count)
        }
    }

    /// Issue 25: SQLite keeps a WITHOUT ROWID row of up to 1,002 bytes on its
    /// 4 KiB page. A ballot padded to 2 KiB spilled onto an overflow page.
    @Test func aFourPickBallotSealsShortEnoughForItsBoxRowToStayOnItsPage() throws {
        let (edition, projects) = fourPickEdition()
        let sealed = try seal.seal(ballot(edition, picks: 4), boxID: RandomToken.base32(byteCount: 16), paddedTo: BallotLength(edition: edition, onBallot: projects))
        let row = edition.id.rawValue.utf8.count + 26 + sealed.utf8.count
        #expect(row < 1_002 - 16)
    }

    /// Random ballots of every rule, kept when the rules accept them: none is
    /// longer than its edition's length, long ids with escaped characters included.
    @Test(arguments: [
        BallotRule.approval(maxPicks: nil, minPicks: nil), .approval(maxPicks: 3, minPicks: 1), .knapsack(minimumSharePercent: 0), .chooseOne,
        .cumulative(points: 10, maxPerProject: nil), .cumulative(points: 1_000_000, maxPerProject: 999), .cumulative(points: 3, maxPerProject: 2),
    ])
    func theEditionsLengthBoundsEveryBallotItsRulesAccept(_ rule: BallotRule) throws {
        let edition = fixture.edition(rule)
        var projects = (1...6).map { fixture.project(edition, fixture.large, number: $0, cost: Int64(500_001 + $0 * 100_000)) }
            + (7...14).map { fixture.project(edition, fixture.small, number: $0, cost: Int64(50_000 + $0 * 30_000)) }
        projects[2].id = BudgetProjectID(rawValue: "a/very \\\"long\" id\u{1}" + String(repeating: "z", count: 40))
        projects[9].id = BudgetProjectID(rawValue: "ї" + String(repeating: "/", count: 30))
        projects[12].status = .infeasible
        let length = BallotLength(edition: edition, onBallot: projects)
        let onBallot = Dictionary(uniqueKeysWithValues: projects.map { ($0.id, $0) })
        var generator = SystemRandomNumberGenerator()
        var accepted = 0
        for _ in 0..<3_000 {
            let picked = Array(projects.shuffled(using: &generator).prefix(Int.random(in: 1...projects.count, using: &generator)).map(\.id))
            var content = BallotContent(projects: picked)
            if case .cumulative(let total, let perProject) = rule {
                let most = min(total, perProject ?? total)
                content.points = picked.map { _ in Bool.random(using: &generator) ? most : Int.random(in: 1...most, using: &generator) }
            }
            guard (try? BallotRules.check(content, edition: edition, onBallot: onBallot)) != nil else { continue }
            accepted += 1
            var cast = ballot(edition, channel: .paper)
            cast.ageGroup = .unknown
            cast.content = content
            #expect(BallotSeal.plaintext(cast).count <= length.bytes)
        }
        #expect(accepted > 0)
    }

    /// A ballot the length does not hold (the rules should never let one
    /// through) is still sealed, in whole blocks, and opens.
    @Test func aBallotLongerThanItsEditionsLengthIsPaddedToWholeBlocks() throws {
        let edition = fixture.edition()
        let cast = ballot(edition, picks: 10)
        let sealed = try seal.seal(cast, boxID: "box", paddedTo: BallotLength(bytes: 100))
        #expect(try plaintext(sealed, edition: edition, boxID: "box").count == BallotSeal.block)
        #expect(try seal.open(sealed, boxID: "box", edition: edition.id) == cast)
    }

    /// Knapsack: no set within a category's fund holds more projects than its cheapest ones that fit.
    @Test func aKnapsackCategoryAllowsAsManyPicksAsItsCheapestProjectsThatFitTheFund() {
        let edition = fixture.edition(.knapsack(minimumSharePercent: 0))
        // Fund 1,000,000: 100k + 200k + 300k + 350k = 950k fit, a fifth does not.
        let small = [300_000, 100_000, 450_000, 200_000, 350_000].enumerated().map {
            fixture.project(edition, fixture.small, number: $0.offset, cost: Int64($0.element))
        }
        #expect(BallotLength.mostPicks(of: small, in: fixture.small, rule: edition.ballotRule) == 4)
        #expect(BallotLength.mostPicks(of: small, in: nil, rule: edition.ballotRule) == 5)
        #expect(BallotLength.mostPicks(of: small, in: fixture.small, rule: .chooseOne) == 1)
        #expect(BallotLength.mostPicks(of: small, in: fixture.small, rule: .approval(maxPicks: nil, minPicks: nil)) == 2)
    }

    // MARK: Strata

    @Test func aStratumIsTheChannelAndAgeGroupOnly() {
        let edition = fixture.edition()
        let online = ballot(edition)
        var paper = online
        paper.channel = .paper
        var older = online
        older.ageGroup = .from60
        #expect(Set([online, paper, older].map(BallotStratum.init)).count == 3)
        // Another voter of the same channel and age group, on any day: the same stratum.
        #expect(BallotStratum(ballot(edition, picks: 1)) == BallotStratum(online))
    }

    /// Issue 13: a stratum no longer ends with its day, so a quiet day's
    /// ballot waits for others of its channel and age group from other days.
    @Test func aStratumStaysOpenPastKyivMidnightWhileVotingRuns() {
        var edition = fixture.edition()
        edition.schedule.votingClose = fixture.voting.addingTimeInterval(10 * 86_400)
        let midnight = midnightAfter(fixture.voting)
        for channel in BallotChannel.allCases {
            let stratum = BallotStratum(ballot(edition, channel: channel))
            for later in [midnight, midnight.addingTimeInterval(2 * BallotPools.grace), midnight.addingTimeInterval(5 * 86_400)] {
                #expect(pools.accepts(stratum, of: edition, at: later))
                #expect(!pools.isSettled(stratum, of: edition, at: later))
            }
        }
    }

    @Test func onlineStratumClosesWithVotingAfterAGraceAndSettlesAfterAnother() {
        var edition = fixture.edition()
        edition.schedule.votingClose = fixture.voting.addingTimeInterval(3 * 86_400)
        let stratum = BallotStratum(ballot(edition, channel: .online))
        let close = edition.schedule.votingClose
        #expect(pools.accepts(stratum, of: edition, at: close.addingTimeInterval(BallotPools.grace - 1)))
        #expect(!pools.accepts(stratum, of: edition, at: close.addingTimeInterval(BallotPools.grace)))
        #expect(!pools.isSettled(stratum, of: edition, at: close.addingTimeInterval(2 * BallotPools.grace - 1)))
        #expect(pools.isSettled(stratum, of: edition, at: close.addingTimeInterval(2 * BallotPools.grace)))
    }

    @Test func onlineStratumClosesWithVotingAndPaperStaysOpenWhileCounting() {
        var edition = fixture.edition()
        edition.schedule.votingClose = fixture.voting.addingTimeInterval(3600)
        let online = BallotStratum(ballot(edition, channel: .online))
        let paper = BallotStratum(ballot(edition, channel: .paper))
        let afterClose = edition.schedule.votingClose.addingTimeInterval(2 * BallotPools.grace)
        #expect(edition.phase(at: afterClose) == .counting)
        #expect(!pools.accepts(online, of: edition, at: afterClose))
        #expect(pools.isSettled(online, of: edition, at: afterClose))
        #expect(pools.accepts(paper, of: edition, at: afterClose))
        #expect(!pools.isSettled(paper, of: edition, at: afterClose))
        // Clerks may type paper ballots for days of counting: still one stratum.
        let daysLater = afterClose.addingTimeInterval(7 * 86_400)
        #expect(pools.accepts(paper, of: edition, at: daysLater))
        #expect(!pools.isSettled(paper, of: edition, at: daysLater))
    }

    @Test func noStratumTakesBallotsOnceResultsArePublished() {
        var edition = fixture.edition()
        let stratum = BallotStratum(ballot(edition, channel: .paper))
        let now = fixture.voting.addingTimeInterval(60)
        #expect(pools.accepts(stratum, of: edition, at: now))
        edition.schedule.resultsPublishedAt = now
        #expect(!pools.accepts(stratum, of: edition, at: now))
        #expect(pools.isSettled(stratum, of: edition, at: now))
    }

    // MARK: Pools

    @Test func openStratumWaitsUntilTwicePoolSizeAreSealed() {
        var generator = SystemRandomNumberGenerator()
        #expect(pools.pool(from: Array(0..<19), settled: false, using: &generator).isEmpty)
        #expect(pools.pool(from: Array(0..<20), settled: false, using: &generator).count == 10)
    }

    @Test func openStratumLeavesPoolSizeSealedForItsLastPool() {
        var generator = SystemRandomNumberGenerator()
        let waiting = Array(0..<57)
        let opened = pools.pool(from: waiting, settled: false, using: &generator)
        #expect(opened.count == 47)
        #expect(Set(opened).count == 47)
        // Which ones stay is random, not the newest or the oldest.
        let staying = Set(waiting).subtracting(opened)
        #expect(staying.count == 10)
    }

    @Test func settledStratumOpensWholeInRandomOrder() {
        var generator = SystemRandomNumberGenerator()
        let waiting = Array(0..<30)
        let opened = pools.pool(from: waiting, settled: true, using: &generator)
        #expect(opened.sorted() == waiting)
        #expect(opened != waiting)
        #expect(pools.pool(from: [7], settled: true, using: &generator) == [7])
    }

    /// Whatever the order of arrivals, every pool of a stratum that ever
    /// reached k holds at least k: the open rule leaves k for the last one.
    @Test func everyPoolOfAStratumHoldsAtLeastPoolSize() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var waiting: [Int] = []
            var sizes: [Int] = []
            var next = 0
            for _ in 0..<Int.random(in: 1...40) {
                let arrivals = Int.random(in: 0...15)
                waiting += (next..<(next + arrivals))
                next += arrivals
                let opened = pools.pool(from: waiting, settled: false, using: &generator)
                if !opened.isEmpty { sizes.append(opened.count) }
                waiting.removeAll { opened.contains($0) }
            }
            if !waiting.isEmpty { sizes.append(pools.pool(from: waiting, settled: true, using: &generator).count) }
            if next >= 10 { #expect(sizes.allSatisfy { $0 >= 10 }, "pools \(sizes) of \(next) ballots") }
            #expect(sizes.reduce(0, +) == next)
        }
    }

    @Test func aLargeOpenPoolLeavesInPartsOfAtLeastPoolSizeAndAtMostTheLargestPart() {
        #expect(pools.largestPart == 250)
        #expect(pools.parts(of: [Int]()).isEmpty)
        #expect(pools.parts(of: Array(0..<250)) == [Array(0..<250)])
        for count in [10, 251, 499, 500, 501, 2_317, 10_000] {
            let parts = pools.parts(of: Array(0..<count))
            #expect(parts.flatMap { $0 } == Array(0..<count), "\(count) ballots")
            #expect(parts.allSatisfy { $0.count <= pools.largestPart && $0.count >= min(count, pools.largestPart / 2) }, "\(parts.map(\.count))")
        }
        // With a large k the largest part grows with it, so a part never holds fewer than k.
        let wide = BallotPools(poolSize: 400)
        #expect(wide.largestPart == 800)
        #expect(wide.parts(of: Array(0..<801)).allSatisfy { $0.count >= 400 })
    }

    // MARK: Paper ballots

    @Test func newEditionDefaultsToPaperDoubleEntry() {
        #expect(fixture.edition().paperDoubleEntry == true)
    }

    @Test func editionStoredBeforeDoubleEntryWasASettingKeepsSingleEntry() throws {
        var stored = fixture.edition()
        stored.paperDoubleEntry = nil
        let json = try JSONEncoder().encode(stored)
        #expect(try JSONDecoder().decode(BudgetEdition.self, from: json).paperDoubleEntry == nil)
    }

    @Test func clerkMayTypeAHundredAndTwentyPaperBallotsInTenMinutesUnlessTheEditionSaysOtherwise() throws {
        var edition = fixture.edition()
        #expect(edition.paperEntryRule.limit == 120)
        #expect(edition.paperEntryRule.window == 600)
        edition.paperEntriesPerClerk = 30
        #expect(edition.paperEntryRule.limit == 30)
        edition.paperEntriesPerClerk = 0
        #expect(throws: BudgetError.paperEntryLimit) { try edition.validate() }
    }
}
