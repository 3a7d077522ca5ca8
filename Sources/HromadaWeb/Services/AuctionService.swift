import Foundation
import HromadaDomain
import HromadaStore

/// Lots from bidding to the award: closed bids until the deadline, the
/// organiser's record of payments, the live English auction (each move one
/// write with its audit entry, one move per turn decided by the database),
/// and the lot's statuses moved on time by `advance()`.
public struct AuctionService: Sendable {
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
        case .coordinatesInvalid: .invalid(code: "property_coordinates_invalid", field: "latitude")
        case .balanceHolderRequired: .invalid(code: "balance_holder_required", field: "balanceHolder")
        case .valueInvalid: .invalid(code: "lot_value_invalid", field: "value")
        case .minimalStepInvalid: .invalid(code: "lot_minimal_step_invalid", field: "minimalStep")
        case .guaranteeInvalid: .invalid(code: "lot_guarantee_invalid", field: "guarantee")
        case .feeInvalid: .invalid(code: "lot_fee_invalid", field: "registrationFee")
        case .tenderPeriodInvalid: .invalid(code: "lot_tender_period_invalid", field: "tenderPeriod")
        case .auctionStartInvalid: .invalid(code: "lot_auction_start_invalid", field: "auctionPeriod")
        case .timingsInvalid: .invalid(code: "lot_timings_invalid", field: "timings")
        }
    }

    // MARK: The register and lots

    /// Adds an object to the city's register.
    public func record(_ make: () throws(PropertyError) -> PropertyObject, city: Municipality, by principal: Principal?) async throws -> PropertyObject {
        let principal = try services.budgetAdmin.require(.manageAuctions, principal, in: city.id)
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
        let principal = try services.budgetAdmin.require(.manageAuctions, principal, in: city.id)
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
        return stored
    }

    /// The organiser records the guarantee and the registration fee as paid (no bank here: the payment's reference).
    public func recordPayments(
        _ id: LotID, bidder: AuctionBidderID, guarantee: String?, fee: String?, city: Municipality, by principal: Principal?
    ) async throws {
        let principal = try services.budgetAdmin.require(.manageAuctions, principal, in: city.id)
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
        public let auction: EnglishAuction
        /// Every bidder, admitted or not.
        public let bidders: [LotBidder]

        /// Those with both payments recorded: the auction's participants.
        public var admitted: [LotBidder] { bidders.filter(\.isAdmitted) }
        /// Bidders' names, revealed with the results.
        public var names: [AuctionBidderID: String] { Dictionary(uniqueKeysWithValues: bidders.map { ($0.id, $0.name) }) }
    }

    /// The auction as it stands: the admitted bidders, the moves made, the clock.
    public func live(_ lot: Lot) async throws -> LiveAuction {
        let id = lot.id
        let (bidders, moves) = try await services.store.read { tx in (try await tx.auctions.bidders(of: id), try await tx.auctions.moves(of: id)) }
        let admitted = bidders.filter(\.isAdmitted)
        let tenant = lot.tenantAccountID.flatMap { account in admitted.first { $0.accountID == account }?.id }
        let auction = EnglishAuction(
            startValue: lot.startValue, minimalStep: lot.minimalStep, startsAt: lot.auctionStart, timings: lot.timings,
            participants: admitted.map(\.participant), tenant: tenant, moves: moves)
        return LiveAuction(auction: auction, bidders: bidders)
    }

    /// A bidder's move in their turn: written with its audit entry before it
    /// is acknowledged; of two racing for the same turn, the database keeps one.
    public func move(_ id: LotID, _ move: EnglishAuction.Move, city: Municipality, by account: Account) async throws -> EnglishAuction {
        let (lot, _) = try await lot(id, in: city.id)
        let live = try await live(lot)
        let auction = live.auction
        guard let bidder = live.admitted.first(where: { $0.accountID == account.id }) else { throw AppError.forbidden(reason: "not_a_bidder") }
        let now = services.clock.now()
        let next: EnglishAuction
        do {
            next = try auction.placing(move, by: bidder.id, at: now)
        } catch {
            throw Self.appError(error)
        }
        guard let made = next.moves.last else { throw AppError.conflict(code: "not_your_turn") }
        var details = ["round": String(made.turn.round), "position": String(made.turn.position)]
        if case .raise(let amount) = move { details["amount"] = String(amount.kopiyky) }
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
        case .kept: break
        case .lost: throw AppError.conflict(code: "not_your_turn")
        case .limited(let wait): throw AppError.rateLimited(retryAfter: max(1, wait))
        }
        await services.liveFeed.changed(id, services: services)
        return next
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
                if case .finished(_, let ranking) = live.auction.stage(at: now) {
                    let chain = AwardChain(ranking: ranking.map { ($0.bidder, $0.amount) })
                    next.awards = chain
                    next.status = admitted.isEmpty ? .unsuccessful : chain.lotStatus
                } else {
                    next.status = .activeAuction
                }
                guard next != lot else { continue }
                let written = next, from = lot.status
                let moved = try await services.store.write { tx -> Bool in
                    guard try await tx.auctions.update(written, from: from) else { return false }
                    try await audit.record(
                        tx, action: AuditAction.auctionStatusChanged, actor: nil, municipality: cityID, subject: written.id.rawValue,
                        details: ["status": written.status.rawValue, "bidders": String(admitted.count)])
                    try await tx.auctions.announceLive(written.id)
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
        let principal = try services.budgetAdmin.require(.manageAuctions, principal, in: city.id)
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
            try await audit.record(
                tx, action: AuditAction.auctionAwardDecided, actor: principal.accountID, municipality: city.id, subject: id.rawValue,
                details: ["status": written.status.rawValue])
            return true
        }
        guard stored else { throw AppError.conflict(code: "lot_changed") }
        return next
    }
}
