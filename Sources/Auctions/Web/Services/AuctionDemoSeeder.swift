import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The demo's property register for Вінниця and lots in every status (a few
/// of them last year's), each past auction played through the domain's own
/// engine; and, at each
/// `serve` start, a fresh live auction one minute ahead with the demo
/// residents Олена and Андрій admitted, so two browser windows can take part.
struct AuctionDemoSeeder {
    let services: AppServices

    static let bidderEmails = ["olena@demo.hromada.ua", "andrii@demo.hromada.ua"]

    struct Item {
        let kind: PropertyObject.Kind
        let title: String
        let address: String
        let area: Double
        let cadastral: String?
        let latitude: Double
        let longitude: Double
        let list: PropertyObject.LeaseList?
        let procedure: AuctionProcedure
        let value: Int64
        /// The lot's status once seeded.
        let status: LotStatus
        /// Announced on this day of last year (`KyivYear.before`), so last
        /// year's results report has auctions to count; nil for the recent ones.
        var lastYearDay: Double?
    }

    static let items: [Item] = [
        Item(kind: .premises, title: "Нежитлове приміщення на першому поверсі, вул. Соборна, 64", address: "вул. Соборна, 64", area: 86.4,
             cadastral: nil, latitude: 49.2331, longitude: 28.4682, list: .first, procedure: .leaseEnglish, value: 18_400, status: .complete),
        Item(kind: .building, title: "Будівля колишньої котельні, вул. Келецька, 51а", address: "вул. Келецька, 51а", area: 312,
             cadastral: nil, latitude: 49.2290, longitude: 28.4170, list: nil, procedure: .privatizationEnglish, value: 1_250_000, status: .activeQualification),
        Item(kind: .landPlot, title: "Земельна ділянка під склад, Немирівське шосе", address: "Немирівське шосе, 92", area: 12_000,
             cadastral: "0510100000:02:045:0217", latitude: 49.2050, longitude: 28.5260, list: nil, procedure: .landLease, value: 96_000, status: .activeAwarded),
        Item(kind: .premises, title: "Приміщення в підвалі, вул. Пирогова, 20", address: "вул. Пирогова, 20", area: 44.1,
             cadastral: nil, latitude: 49.2360, longitude: 28.4590, list: .first, procedure: .leaseEnglish, value: 6_200, status: .unsuccessful),
        Item(kind: .movable, title: "Автобус Богдан А092, 2012 р.", address: "вул. Київська, 4 (автобаза)", area: 0.0001,
             cadastral: nil, latitude: 49.2400, longitude: 28.4800, list: nil, procedure: .privatizationEnglish, value: 240_000, status: .cancelled),
        Item(kind: .premises, title: "Кіоск біля ринку «Урожай»", address: "вул. 600-річчя, 17", area: 12,
             cadastral: nil, latitude: 49.2210, longitude: 28.4040, list: .first, procedure: .leaseEnglish, value: 3_100, status: .activeTendering),
        Item(kind: .building, title: "Будівля колишньої лазні, вул. Замостянська, 7", address: "вул. Замостянська, 7", area: 420,
             cadastral: nil, latitude: 49.2385, longitude: 28.4905, list: nil, procedure: .privatizationEnglish, value: 1_800_000, status: .complete,
             lastYearDay: 95),
        Item(kind: .premises, title: "Приміщення на першому поверсі, вул. Театральна, 15", address: "вул. Театральна, 15", area: 58.3,
             cadastral: nil, latitude: 49.2325, longitude: 28.4650, list: .first, procedure: .leaseEnglish, value: 9_800, status: .complete,
             lastYearDay: 140),
        Item(kind: .building, title: "Гаражний бокс, вул. Порика, 3", address: "вул. Порика, 3", area: 36,
             cadastral: nil, latitude: 49.2230, longitude: 28.4130, list: nil, procedure: .privatizationEnglish, value: 150_000, status: .unsuccessful,
             lastYearDay: 210),
        Item(kind: .movable, title: "Трактор МТЗ-82, 2008 р.", address: "вул. Київська, 4 (автобаза)", area: 0.0001,
             cadastral: nil, latitude: 49.2400, longitude: 28.4800, list: nil, procedure: .privatizationEnglish, value: 310_000, status: .complete,
             lastYearDay: 250),
    ]

    func seed(into city: Municipality) async throws {
        guard try await services.store.read({ try await $0.auctions.objects(in: city.id) }).isEmpty else { return }
        let now = services.clock.now(), day: TimeInterval = 86_400
        let bidders = try await demoBidders(in: city)
        for (index, item) in Self.items.enumerated() {
            let object = try PropertyObject.recorded(
                kind: item.kind, title: item.title, address: item.address, areaM2: item.area, cadastralNumber: item.cadastral,
                latitude: item.latitude, longitude: item.longitude, territory: city.settings.placeBounds,
                balanceHolder: "КП «Вінницька міська нерухомість»", leaseList: item.list, in: city.id)
            // Past lots were announced weeks ago; the open one takes bids for another two weeks.
            let announced = if let lastYearDay = item.lastYearDay, let lastYear = KyivYear.before(now) {
                lastYear.after(days: lastYearDay)
            } else {
                item.status == .activeTendering ? now : now.addingTimeInterval(-Double(40 - index) * day)
            }
            var lot = try Lot.announced(
                title: item.title, object: object, procedure: item.procedure, value: Money(hryvnias: item.value), minimalStep: .percent(basisPoints: 100),
                guarantee: Money(hryvnias: item.value / 10), registrationFee: Money(hryvnias: 800),
                tenderPeriodEnd: announced.addingTimeInterval(14 * day), auctionStart: announced.addingTimeInterval(15 * day),
                timings: .statutory, at: announced)
            var entered: [LotBidder] = []
            var moves: [EnglishAuction.RecordedMove] = []
            if [.complete, .activeQualification, .activeAwarded].contains(item.status) {
                // Both demo residents bid and paid; the auction ran with one raise each in the first round.
                for (position, account) in bidders.enumerated() {
                    entered.append(LotBidder(
                        id: .random(), lotID: lot.id, accountID: account.id, name: account.fullName, legalEntityCode: nil,
                        amount: lot.startValue + Money(hryvnias: Int64(position) * item.value / 50), submittedAt: lot.tenderPeriodEnd.addingTimeInterval(-Double(position + 1) * 3_600),
                        guaranteeReference: "ПН-\(1_000 + index * 10 + position)", feeReference: "РВ-\(2_000 + index * 10 + position)"))
                }
                var auction = EnglishAuction(
                    startValue: lot.startValue, minimalStep: lot.minimalStep, startsAt: lot.auctionStart, timings: lot.timings,
                    participants: entered.map(\.participant))
                if case .turn(let first) = auction.stage(at: lot.auctionStart.addingTimeInterval(lot.timings.pause + 60)) {
                    auction = try auction.placing(.raise(to: first.minimumRaise + Money(hryvnias: item.value / 20)), by: first.bidder,
                                                  at: lot.auctionStart.addingTimeInterval(lot.timings.pause + 60))
                }
                moves = auction.moves
                guard case .finished(let end, let ranking) = auction.stage(at: now) else { continue }
                var chain = AwardChain(ranking: ranking.map { ($0.bidder, $0.amount) })
                if item.status != .activeQualification, let winner = chain.pending?.bidder {
                    chain = try chain.activating(winner, at: end.addingTimeInterval(2 * day))
                }
                if item.status == .complete { chain = try chain.signingContract(at: end.addingTimeInterval(5 * day)) }
                lot.awards = chain
            }
            lot.status = item.status
            let stored = lot, bids = entered, made = moves
            try await services.store.write { tx in
                try await tx.auctions.insert(object, at: announced)
                try await tx.auctions.insert(stored, at: announced)
                for bidder in bids { _ = try await tx.auctions.register(bidder) }
                for move in made { _ = try await tx.auctions.record(move, on: stored.id) }
            }
        }
        try await seedPrivatizationCycle(into: city, bidders: bidders)
        try await seedFreeObjects(into: city)
    }

    static let liveTitlePrefix = "Демонстраційний аукціон"

    /// The demo auction a newcomer can join now: one still taking bids or
    /// running, or else a new one a minute ahead (so coming late to the demo
    /// never means finding only finished auctions).
    func joinableLive() async throws -> LotID? {
        guard let city = try await services.store.read({ try await $0.municipalities.find(slug: "vinnytsia") }) else { return nil }
        let cityID = city.id
        let open = try await services.store.read { try await $0.auctions.lots(in: cityID, statuses: [.activeTendering, .activeAuction]) }
        if let running = open.map(\.lot).first(where: { $0.title.hasPrefix(Self.liveTitlePrefix) }) { return running.id }
        return try await scheduleLive()
    }

    /// At each `serve` start in demo mode: a lot whose auction starts in a
    /// minute, with the demo residents admitted and a demo-length clock.
    @discardableResult
    func scheduleLive() async throws -> LotID? {
        guard let city = try await services.store.read({ try await $0.municipalities.find(slug: "vinnytsia") }),
              let object = try await services.store.read({ try await $0.auctions.objects(in: city.id) }).first
        else { return nil }
        let now = services.clock.now()
        let lot = try Lot.announced(
            title: Self.liveTitlePrefix + ": оренда приміщення на Соборній, 64", object: object, procedure: .leaseEnglish,
            value: Money(hryvnias: 18_400), minimalStep: .percent(basisPoints: 100), guarantee: Money(hryvnias: 1_840),
            registrationFee: Money(hryvnias: 800), tenderPeriodEnd: now.addingTimeInterval(50), auctionStart: now.addingTimeInterval(60),
            timings: .demo, at: now)
        let bidders = try await demoBidders(in: city).enumerated().map { position, account in
            LotBidder(
                id: .random(), lotID: lot.id, accountID: account.id, name: account.fullName, legalEntityCode: nil,
                amount: lot.startValue + Money(hryvnias: Int64(position) * 200), submittedAt: now.addingTimeInterval(Double(position)),
                guaranteeReference: "ДЕМО-\(position + 1)", feeReference: "ДЕМО-\(position + 1)")
        }
        try await services.store.write { tx in
            try await tx.auctions.insert(lot, at: now)
            for bidder in bidders { _ = try await tx.auctions.register(bidder) }
        }
        services.logger.info("demo auction scheduled", metadata: ["lot": "\(lot.id.rawValue)", "starts": "\(lot.auctionStart)"])
        return lot.id
    }

    private func demoBidders(in city: Municipality) async throws -> [Account] {
        var accounts: [Account] = []
        for email in Self.bidderEmails {
            if let account = try await services.store.read({ try await $0.accounts.find(email: EmailAddress(rawValue: email)) }) { accounts.append(account) }
        }
        return accounts
    }
}
