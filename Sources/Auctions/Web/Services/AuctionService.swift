import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Metrics

/// Lots from bidding to the award: closed bids until the deadline, the
/// organiser's record of payments, the live English auction (each move one
/// write with its audit entry, one move per turn decided by the database),
/// and the lot's statuses moved on time by `advance()`.
public struct AuctionService: Sendable {
    /// `hromada_auctions_bids_total`: closed bids entered, and moves made in live auctions.
    static let bids = Counter(label: "hromada_auctions_bids_total", dimensions: [("kind", "closed_bid")])
    static let moves = Counter(label: "hromada_auctions_bids_total", dimensions: [("kind", "live_move")])
    let services: AppServices

    static func appError(_ refusal: AuctionRefusal) -> AppError {
        switch refusal {
        case .notStarted: .conflict(code: "auction_not_started")
        case .finished: .conflict(code: "auction_finished")
        case .notYourTurn: .conflict(code: "not_your_turn")
        case .belowMinimalStep: .invalid(code: "bid_below_minimal_step", field: "amount")
        case .notAParticipant: .forbidden(reason: "not_a_bidder")
        case .alreadyBid: .conflict(code: "already_bid")
        }
    }

    func lot(_ id: LotID, in city: MunicipalityID) async throws -> (lot: Lot, number: Int) {
        guard let found = try await services.store.read({ try await $0.auctions.lot(id, in: city) }) else { throw AppError.notFound }
        return found
    }

    static func appError(_ error: PropertyError) -> AppError {
        switch error {
        case .titleLength: .invalid(code: "property_title_length", field: "title")
        case .addressRequired: .invalid(code: "property_address_required", field: "address")
        case .cadastralNumberInvalid: .invalid(code: "cadastral_number_invalid", field: "cadastralNumber")
        case .landPlotNeedsCadastralNumber: .invalid(code: "land_plot_needs_cadastral_number", field: "cadastralNumber")
        case .areaInvalid: .invalid(code: "property_area_invalid", field: "area")
        case .placeIncomplete: .invalid(code: "place_incomplete", field: "latitude")
        case .placeOutsideCity: .invalid(code: "place_outside_city", field: "latitude")
        case .balanceHolderRequired: .invalid(code: "balance_holder_required", field: "balanceHolder")
        case .valueInvalid: .invalid(code: "lot_value_invalid", field: "value")
        case .minimalStepInvalid: .invalid(code: "lot_minimal_step_invalid", field: "minimalStep")
        case .guaranteeInvalid: .invalid(code: "lot_guarantee_invalid", field: "guarantee")
        case .feeInvalid: .invalid(code: "lot_fee_invalid", field: "registrationFee")
        case .tenderPeriodInvalid: .invalid(code: "lot_tender_period_invalid", field: "tenderPeriod")
        case .auctionStartInvalid: .invalid(code: "lot_auction_start_invalid", field: "auctionPeriod")
        case .timingsInvalid: .invalid(code: "lot_timings_invalid", field: "timings")
        case .tenantRequired: .invalid(code: "lot_tenant_required", field: "tenantEmail")
        }
    }

    // MARK: The register and lots

    /// Adds an object to the city's register.
    public func record(_ make: () throws(PropertyError) -> PropertyObject, city: Municipality, by principal: Principal?) async throws -> PropertyObject {
        let principal = try requireStaff(.manageAuctions, principal, in: city.id)
        let object: PropertyObject
        do { object = try make() } catch { throw Self.appError(error) }
        let now = services.clock.now(), audit = services.audit
        try await services.store.write { tx in
            try await tx.auctions.insert(object, at: now)
            try await audit.record(tx, action: AuditAction.propertyRecorded, actor: principal.accountID, municipality: city.id, subject: object.id.rawValue)
        }
        return object
    }

    /// Announces a lot on an object of the city's register.
    public func announce(
        _ objectID: PropertyObjectID, city: Municipality, by principal: Principal?, _ make: (PropertyObject, Date) throws(PropertyError) -> Lot
    ) async throws -> (lot: Lot, number: Int) {
        let principal = try requireStaff(.manageAuctions, principal, in: city.id)
        let cityID = city.id
        guard let object = try await services.store.read({ try await $0.auctions.object(objectID, in: cityID) }) else {
            throw AppError.invalid(code: "property_object_unknown", field: "objectId")
        }
        let now = services.clock.now(), audit = services.audit
        let lot: Lot
        do { lot = try make(object, now) } catch { throw Self.appError(error) }
        let number = try await services.store.write { tx in
            let number = try await tx.auctions.insert(lot, at: now)
            try await audit.record(
                tx, action: AuditAction.lotAnnounced, actor: principal.accountID, municipality: city.id, subject: lot.id.rawValue,
                details: ["procedure": lot.procedure.rawValue, "value": String(lot.value.kopiyky)])
            return number
        }
        return (lot, number)
    }

    /// Announces the next auction of the privatization cycle after an
    /// unsuccessful one: the same object and terms, the next procedure, new dates. Once per lot.
    public func continueCycle(
        _ id: LotID, tenderPeriodEnd: Date, auctionStart: Date, city: Municipality, by principal: Principal?
    ) async throws -> (lot: Lot, number: Int) {
        let principal = try requireStaff(.manageAuctions, principal, in: city.id)
        let (lot, _) = try await lot(id, in: city.id)
        let now = services.clock.now(), cityID = city.id, audit = services.audit
        let next: Lot
        do {
            next = try lot.continuingCycle(tenderPeriodEnd: tenderPeriodEnd, auctionStart: auctionStart, at: now)
        } catch {
            switch error {
            case .notUnsuccessful: throw AppError.conflict(code: "cycle_lot_not_unsuccessful")
            case .cycleOver: throw AppError.conflict(code: "cycle_over")
            case .dates(let problem): throw Self.appError(problem)
            }
        }
        let number = try await services.store.write { tx -> Int? in
            // Checked in the writing transaction: two organisers pressing at once announce one lot.
            guard try await !tx.auctions.lots(in: cityID).contains(where: { $0.lot.continues == id }) else { return nil }
            let number = try await tx.auctions.insert(next, at: now)
            try await audit.record(
                tx, action: AuditAction.lotAnnounced, actor: principal.accountID, municipality: cityID, subject: next.id.rawValue,
                details: ["procedure": next.procedure.rawValue, "value": String(next.value.kopiyky), "continues": id.rawValue])
            return number
        }
        guard let number else { throw AppError.conflict(code: "cycle_already_continued") }
        return (next, number)
    }

    /// The current tenant of a lease with the pre-emptive right, by their account's email.
    func tenant(email: String?) async throws -> AccountID? {
        guard let email = email?.trimmingCharacters(in: .whitespaces).nilIfEmpty else { return nil }
        guard let address = try? EmailAddress.validated(email),
              let account = try await services.store.read({ try await $0.accounts.find(email: address) })
        else { throw AppError.invalid(code: "lot_tenant_unknown", field: "tenantEmail") }
        return account.id
    }

    // MARK: Bidding

    /// Enters or changes the account's closed bid before the deadline. The
    /// account must be a verified person; a legal entity gives its ЄДРПОУ code
    /// (check digit checked) and bids through its representative's account.
    @discardableResult
    public func submitBid(
        _ id: LotID, amount: Money, legalEntityCode: String?, city: Municipality, by account: Account
    ) async throws -> LotBidder {
        let (lot, _) = try await lot(id, in: city.id)
        let now = services.clock.now()
        guard lot.status == .activeTendering, now < lot.tenderPeriodEnd else { throw AppError.conflict(code: "bidding_closed") }
        let code = legalEntityCode?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        if let code, !LegalEntityCode.isValid(code) { throw AppError.invalid(code: "legal_entity_code_invalid", field: "legalEntityCode") }
        // A person bids for themselves, or represents the company: either way a
        // verified person, though not necessarily of this city (an investor from elsewhere may bid).
        guard try await !services.store.read({ try await $0.residency.verifications(of: account.id) }).isEmpty else {
            throw AppError.forbidden(reason: "bidder_not_verified")
        }
        guard amount >= lot.startValue else { throw AppError.invalid(code: "bid_below_start_value", field: "amount") }
        guard amount <= .ceiling else { throw AppError.invalid(code: "bid_amount_too_large", field: "amount") }
        let bidder = LotBidder(
            id: .random(), lotID: lot.id, accountID: account.id, name: account.fullName, legalEntityCode: code, amount: amount, submittedAt: now)
        // The amount stays out of the audit entry: closed bids are nobody's business before the auction.
        let entry = try services.audit.entry(action: AuditAction.auctionBidEntered, actor: account.id, municipality: city.id, subject: lot.id.rawValue)
        let limit = [(RateLimitRule.biddingPerAccount, account.id.rawValue)]
        let stored = try await services.store.write { tx -> LotBidder? in
            if try await RateLimiter.hit(limit, in: tx, at: now) != nil { return nil }
            let stored = try await tx.auctions.register(bidder)
            try await tx.audit.append(entry)
            return stored
        }
        guard let stored else { throw AppError.rateLimited(retryAfter: max(1, RateLimitRule.biddingPerAccount.retryAfter(at: now))) }
        Self.bids.increment()
        return stored
    }

    /// The organiser records the guarantee and the registration fee as paid (no bank here: the payment's reference).
    public func recordPayments(
        _ id: LotID, bidder: AuctionBidderID, guarantee: String?, fee: String?, city: Municipality, by principal: Principal?
    ) async throws {
        let principal = try requireStaff(.manageAuctions, principal, in: city.id)
        let (lot, _) = try await lot(id, in: city.id)
        guard lot.status == .activeTendering else { throw AppError.conflict(code: "bidding_closed") }
        let guaranteeRef = guarantee?.trimmingCharacters(in: .whitespaces).nilIfEmpty, feeRef = fee?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        let audit = services.audit
        let recorded = try await services.store.write { tx -> Bool in
            guard try await tx.auctions.recordPayments(of: bidder, on: id, guarantee: guaranteeRef, fee: feeRef) else { return false }
            try await audit.record(
                tx, action: AuditAction.auctionPaymentRecorded, actor: principal.accountID, municipality: city.id, subject: id.rawValue,
                details: ["bidder": bidder.rawValue, "guarantee": guaranteeRef ?? "", "fee": feeRef ?? ""])
            return true
        }
        guard recorded else { throw AppError.notFound }
    }

    // MARK: The live auction

    /// A lot's auction with everyone who entered a closed bid, read once for a page or an answer.
    public struct LiveAuction: Sendable {
        /// The English auction; for a Dutch lot, its moves in the shared store (no turns).
        public let auction: EnglishAuction
        /// The Dutch auction, for the third auction of the privatization cycle.
        public let dutch: DutchAuction?
        /// Every bidder, admitted or not.
        public let bidders: [LotBidder]
        /// "Учасник N": the English auction numbers by the first round's order, the Dutch by admission.
        public let numbers: [AuctionBidderID: Int]

        /// Those with both payments recorded: the auction's participants.
        public var admitted: [LotBidder] { bidders.filter(\.isAdmitted) }
        /// Bidders' names, revealed with the results.
        public var names: [AuctionBidderID: String] { Dictionary(uniqueKeysWithValues: bidders.map { ($0.id, $0.name) }) }

        /// When the auction is over, its ranking (best first); nil while it runs.
        public func ranking(at instant: Date) -> [(bidder: AuctionBidderID, amount: Money)]? {
            if let dutch {
                guard case .finished(_, let ranking) = dutch.stage(at: instant) else { return nil }
                return ranking.map { ($0.bidder, $0.amount) }
            }
            guard case .finished(_, let ranking) = auction.stage(at: instant) else { return nil }
            return ranking.map { ($0.bidder, $0.amount) }
        }
    }

    /// The auction as it stands: the admitted bidders, the moves made, the clock.
    public func live(_ lot: Lot) async throws -> LiveAuction {
        let id = lot.id
        let (bidders, moves) = try await services.store.read { tx in (try await tx.auctions.bidders(of: id), try await tx.auctions.moves(of: id)) }
        let admitted = bidders.filter(\.isAdmitted)
        let tenant = lot.tenantAccountID.flatMap { account in admitted.first { $0.accountID == account }?.id }
        if lot.procedure.isDutch {
            let participants = Self.dutchParticipants(admitted)
            let dutch = DutchAuction(startValue: lot.startValue, startsAt: lot.auctionStart, timings: lot.dutchTimings, participants: participants, moves: moves)
            let auction = EnglishAuction(
                startValue: lot.startValue, minimalStep: lot.minimalStep, startsAt: lot.auctionStart, timings: lot.timings, participants: [],
                tenant: nil, moves: moves)
            return LiveAuction(auction: auction, dutch: dutch, bidders: bidders, numbers: Self.numbers(of: lot, admitted: admitted))
        }
        let auction = EnglishAuction(
            startValue: lot.startValue, minimalStep: lot.minimalStep, startsAt: lot.auctionStart, timings: lot.timings,
            participants: admitted.map(\.participant), tenant: tenant, moves: moves)
        return LiveAuction(auction: auction, dutch: nil, bidders: bidders, numbers: auction.participantNumbers)
    }

    /// A Dutch auction's participants: everyone starts at the same falling
    /// price, so no closed bid orders them; they are taken as they registered.
    static func dutchParticipants(_ admitted: [LotBidder]) -> [AuctionBidderID] {
        admitted.sorted { ($0.submittedAt, $0.id.rawValue) < ($1.submittedAt, $1.id.rawValue) }.map(\.id)
    }

    /// "Учасник N" for each admitted bidder: by the English first round's order, or the Dutch registration order.
    static func numbers(of lot: Lot, admitted: [LotBidder]) -> [AuctionBidderID: Int] {
        guard !lot.procedure.isDutch else {
            return Dictionary(uniqueKeysWithValues: dutchParticipants(admitted).enumerated().map { ($1, $0 + 1) })
        }
        return EnglishAuction(
            startValue: lot.startValue, minimalStep: lot.minimalStep, startsAt: lot.auctionStart, timings: lot.timings,
            participants: admitted.map(\.participant)).participantNumbers
    }

    /// A bidder's move: in an English auction's turn a raise, pass or (the
    /// tenant) match; in a Dutch auction accepting the falling price (`match`)
    /// or a sealed or best bid (`raise`). Written with its audit entry before
    /// it is acknowledged; of two racing for the same turn (or the same
    /// falling price), the database keeps one.
    public func move(_ id: LotID, _ move: EnglishAuction.Move, city: Municipality, by account: Account) async throws {
        let (lot, _) = try await lot(id, in: city.id)
        let live = try await live(lot)
        guard let bidder = live.admitted.first(where: { $0.accountID == account.id }) else { throw AppError.forbidden(reason: "not_a_bidder") }
        let now = services.clock.now()
        if case .raise(let amount) = move, amount > .ceiling { throw AppError.invalid(code: "bid_amount_too_large", field: "amount") }
        let made: EnglishAuction.RecordedMove
        do {
            if let dutch = live.dutch {
                let amount: Money? = switch move {
                case .raise(let amount): amount
                case .match, .pass: nil
                }
                if case .pass = move { throw AuctionRefusal.notYourTurn }
                made = try dutch.entering(amount, by: bidder.id, at: now).1.move
            } else {
                let next = try live.auction.placing(move, by: bidder.id, at: now)
                guard let last = next.moves.last else { throw AppError.conflict(code: "not_your_turn") }
                made = last
            }
        } catch let refusal as AuctionRefusal {
            throw Self.appError(refusal)
        }
        var details = ["round": String(made.turn.round), "position": String(made.turn.position)]
        if case .raise(let amount) = made.move { details["amount"] = String(amount.kopiyky) }
        let entry = try services.audit.entry(
            action: AuditAction.auctionMove, actor: account.id, municipality: city.id, subject: lot.id.rawValue, details: details)
        let limit = [(RateLimitRule.biddingPerAccount, account.id.rawValue)]
        enum Written: Sendable { case kept, lost, limited(Int) }
        let written = try await services.store.write { tx -> Written in
            if let wait = try await RateLimiter.hit(limit, in: tx, at: now) { return .limited(wait) }
            guard try await tx.auctions.record(made, on: id) else { return .lost }
            try await tx.audit.append(entry)
            try await tx.auctions.announceLive(id)
            return .kept
        }
        switch written {
        case .kept: Self.moves.increment()
        // The same turn, or the same Dutch price, was taken a moment earlier.
        case .lost:
            guard live.dutch != nil else { throw AppError.conflict(code: "not_your_turn") }
            // The Dutch store keys: one acceptance, one sealed bid per bidder, one best bid.
            throw AppError.conflict(code: made.turn.round == 0 ? "dutch_price_taken" : made.turn.round == 1 ? "already_bid" : "not_your_turn")
        case .limited(let wait): throw AppError.rateLimited(retryAfter: max(1, wait))
        }
        await services.liveFeed.changed(id, services: services)
    }

    // MARK: On time

    /// Moves lots on: bidding closed at the auction's start, and a finished
    /// auction to qualification with its awards (or unsuccessful with no
    /// admitted bidder). Returns how many lots changed.
    @discardableResult
    public func advance() async throws -> Int {
        let now = services.clock.now(), audit = services.audit
        guard try await services.holdsLease("auctions", at: now) else { return 0 }
        var changed = 0
        for city in try await services.store.read({ try await $0.municipalities.all() }) {
            let cityID = city.id
            for (lot, _) in try await services.store.read({ try await $0.auctions.lots(in: cityID, statuses: [.activeTendering, .activeAuction]) }) {
                guard now >= lot.auctionStart else { continue }
                let live = try await live(lot)
                let admitted = live.admitted
                var next = lot
                if let ranking = live.ranking(at: now) {
                    let chain = AwardChain(ranking: ranking)
                    next.awards = chain
                    next.status = admitted.isEmpty ? .unsuccessful : chain.lotStatus
                } else {
                    next.status = .activeAuction
                }
                guard next != lot else { continue }
                let written = next, from = lot.status
                let moved = try await services.store.write { tx -> Bool in
                    guard try await tx.auctions.update(written, from: from) else { return false }
                    try await tx.follows.record(AuctionFollows.moved(written, in: cityID, at: now))
                    try await audit.record(
                        tx, action: AuditAction.auctionStatusChanged, actor: nil, municipality: cityID, subject: written.id.rawValue,
                        details: ["status": written.status.rawValue, "bidders": String(admitted.count)])
                    return true
                }
                if moved {
                    changed += 1
                    await services.liveFeed.changed(written.id, services: services)
                }
            }
        }
        return changed
    }

    // MARK: Qualification

    public enum Decision: Sendable {
        case qualify(AuctionBidderID)
        case disqualify(AuctionBidderID, reason: String)
        case contractSigned
    }

    /// The organiser's step in the award chain; the lot's status follows it.
    public func decide(_ id: LotID, _ decision: Decision, city: Municipality, by principal: Principal?) async throws -> Lot {
        let principal = try requireStaff(.manageAuctions, principal, in: city.id)
        let (lot, _) = try await lot(id, in: city.id)
        guard let chain = lot.awards else { throw AppError.conflict(code: "auction_not_finished") }
        let now = services.clock.now()
        var next = lot
        do {
            switch decision {
            case .qualify(let bidder): next.awards = try chain.activating(bidder, at: now)
            case .disqualify(let bidder, let reason): next.awards = try chain.disqualifying(bidder, reason: reason, at: now)
            case .contractSigned: next.awards = try chain.signingContract(at: now)
            }
        } catch {
            switch error {
            case .reasonRequired: throw AppError.invalid(code: "award_reason_required", field: "reason")
            case .notPending: throw AppError.conflict(code: "award_not_pending")
            case .noActiveAward: throw AppError.conflict(code: "award_not_active")
            }
        }
        next.status = next.awards?.lotStatus ?? lot.status
        let written = next, from = lot.status, audit = services.audit
        let stored = try await services.store.write { tx -> Bool in
            guard try await tx.auctions.update(written, from: from) else { return false }
            if written.status != from { try await tx.follows.record(AuctionFollows.moved(written, in: city.id, at: now)) }
            try await audit.record(
                tx, action: AuditAction.auctionAwardDecided, actor: principal.accountID, municipality: city.id, subject: id.rawValue,
                details: ["status": written.status.rawValue])
            return true
        }
        guard stored else { throw AppError.conflict(code: "lot_changed") }
        // Watchers of the lot see its new status (and, after an import, its results).
        await services.liveFeed.changed(next.id, services: services)
        return next
    }
}
