import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// Lots to Prozorro.Sale and results back (ProzorroExchange): who may do
/// which, and the one write a result makes.
extension AuctionService {
    static func appError(_ error: ProzorroImportError) -> AppError {
        switch error {
        case .unreadable: .invalid(code: "prozorro_document_unreadable", field: nil)
        case .lotMismatch: .invalid(code: "prozorro_lot_mismatch", field: "auctionId")
        case .lotClosed: .conflict(code: "lot_result_closed")
        case .statusInvalid: .invalid(code: "prozorro_status_invalid", field: "status")
        case .bidderUnknown: .invalid(code: "prozorro_bidder_unknown", field: "bids")
        case .amountInvalid: .invalid(code: "prozorro_amount_invalid", field: "value")
        case .awardsInvalid: .invalid(code: "prozorro_awards_invalid", field: "awards")
        case .statusMismatch: .invalid(code: "prozorro_status_mismatch", field: "status")
        case .auctionNotOver: .conflict(code: "lot_auction_not_over")
        }
    }

    /// The lot as a Prozorro.Sale procedure: the city's organisers only while
    /// the lot is sealed (so they can publish it), anyone once it is over.
    public func prozorroProcedure(_ id: LotID, city: Municipality, by principal: Principal?) async throws -> ProzorroProcedure {
        let (lot, number) = try await lot(id, in: city.id)
        if !lot.auctionIsOver { try requireStaff(.manageAuctions, principal, in: city.id) }
        let cityID = city.id, over = lot.auctionIsOver
        let (object, bidders) = try await services.store.read { tx in
            (try await tx.auctions.object(lot.objectID, in: cityID), over ? try await tx.auctions.bidders(of: id) : [])
        }
        return ProzorroExchange.procedure(
            for: lot, number: number, city: city.slug.rawValue, cityName: city.name.uk, object: object, bidders: bidders)
    }

    /// The organiser closes the lot with the result Prozorro.Sale published:
    /// checked against the lot and its bidders, written only if the lot is
    /// still as read, with its audit entry.
    public func importProzorroResult(_ id: LotID, document: Data, city: Municipality, by principal: Principal?) async throws -> Lot {
        let principal = try requireStaff(.manageAuctions, principal, in: city.id)
        let (lot, number) = try await lot(id, in: city.id)
        let live = try await live(lot), now = services.clock.now()
        // Ended: our engine has moved the lot on, or its auction's clock has run out.
        let ended = lot.status == .activeQualification || (now >= lot.auctionStart && live.ranking(at: now) != nil)
        let next: Lot
        do {
            let result = try ProzorroExchange.decode(document)
            next = try ProzorroExchange.applying(
                result, to: lot, auctionId: LotReference.auctionId(city: city.slug.rawValue, number: number), bidders: live.bidders,
                auctionEnded: ended)
        } catch {
            throw Self.appError(error)
        }
        let from = lot.status, audit = services.audit
        let stored = try await services.store.write { tx -> Bool in
            guard try await tx.auctions.update(next, from: from) else { return false }
            try await audit.record(
                tx, action: AuditAction.auctionResultImported, actor: principal.accountID, municipality: city.id, subject: id.rawValue,
                details: ["status": next.status.rawValue, "awards": String(next.awards?.awards.count ?? 0)])
            return true
        }
        guard stored else { throw AppError.conflict(code: "lot_changed") }
        // Watchers of the lot see its new status (and, after an import, its results).
        await services.liveFeed.changed(next.id, services: services)
        return next
    }
}
