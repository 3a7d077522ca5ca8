import Crypto
import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The property register beside the lots: an object's documents and photos,
/// and its history of leases and sales.
extension AuctionService {
    /// An object of the city's register, or 404 (another city's object included).
    public func object(_ id: PropertyObjectID, in city: MunicipalityID) async throws -> PropertyObject {
        guard let object = try await services.store.read({ try await $0.auctions.object(id, in: city) }) else { throw AppError.notFound }
        return object
    }

    /// One lot in an object's history; the winner and the price only once the contract is signed.
    public struct HistoryEntry: Sendable {
        public let lot: Lot
        public let number: Int
        public let winner: String?
        public let price: Money?
    }

    /// Every lot on the object, oldest first.
    public func history(of object: PropertyObjectID, in city: MunicipalityID) async throws -> [HistoryEntry] {
        try await services.store.read { tx in
            var entries: [HistoryEntry] = []
            for (lot, number) in try await tx.auctions.lots(of: object, in: city) {
                // A winner is public only once the contract is signed: until then
                // qualification may still pass the lot to the next bidder.
                guard lot.status == .complete, let chain = lot.awards, chain.contractSignedAt != nil,
                      let award = chain.awards.first(where: { $0.status == .active })
                else {
                    entries.append(HistoryEntry(lot: lot, number: number, winner: nil, price: nil))
                    continue
                }
                let name = try await tx.auctions.bidders(of: lot.id).first { $0.id == award.bidder }.map { bidder in
                    bidder.legalEntityCode.map { "\(bidder.name) (\($0))" } ?? bidder.name
                }
                entries.append(HistoryEntry(lot: lot, number: number, winner: name, price: award.amount))
            }
            return entries
        }
    }

    // MARK: Documents and photos

    /// Adds a PDF to an object of the register (the city's organisers).
    public func addDocument(
        _ file: UploadedFile?, title: String, to objectID: PropertyObjectID, city: Municipality, by principal: Principal?
    ) async throws -> Attachment {
        let principal = try requireStaff(.manageAuctions, principal, in: city.id)
        let object = try await object(objectID, in: city.id)
        return try await services.attachments.add(file, title: title, to: .property(object.id), city: city, by: principal.accountID)
    }

    /// Adds a photo to an object of the register, sanitised like a budget project's.
    public func addPhoto(
        _ file: UploadedFile?, caption: String, to objectID: PropertyObjectID, city: Municipality, by principal: Principal?
    ) async throws -> Photo {
        let principal = try requireStaff(.manageAuctions, principal, in: city.id)
        let object = try await object(objectID, in: city.id)
        return try await services.photos.add(file, caption: caption, to: .property(object.id), city: city, by: principal.accountID)
    }
}

extension UploadOwner.Kind {
    public static let propertyObject = Self(rawValue: "property_object")
}

extension UploadOwner {
    public static func property(_ id: PropertyObjectID) -> UploadOwner { .init(kind: .propertyObject, id: id.rawValue) }
}
