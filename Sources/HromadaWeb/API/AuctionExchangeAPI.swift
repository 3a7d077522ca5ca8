import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird

/// The auctions' data for other systems: the open datasets at
/// `/api/v1/{city}/auctions/open-data/{file}`.
extension AuctionAPIController {
    func addExchange(to auctions: RouterGroup<AppRequestContext>) {
        auctions.get("open-data/:file", use: openData)
    }

    /// `lots`, `bids` and `awards`, each `.csv` or `.json`. Bids only of auctions that are over.
    @Sendable func openData(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let cityID = city.id
        let entries = try await services.store.read { tx in
            let objects = Dictionary(try await tx.auctions.objects(in: cityID).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            var entries: [AuctionOpenData.Entry] = []
            for (lot, number) in try await tx.auctions.lots(in: cityID).sorted(by: { $0.number < $1.number }) {
                // A sealed lot's bidders are not even read.
                let bidders = lot.auctionIsOver ? try await tx.auctions.bidders(of: lot.id) : []
                entries.append(.init(lot: lot, number: number, object: objects[lot.objectID], bidders: bidders))
            }
            return entries
        }
        let dataset = AuctionOpenData(city: city, entries: entries)
        return try OpenDataFile.download(
            try context.parameters.require("file"), prefix: "\(city.slug.rawValue)-auctions",
            datasets: [
                "lots": (dataset.lotsCSV, dataset.lotsJSON), "bids": (dataset.bidsCSV, dataset.bidsJSON), "awards": (dataset.awardsCSV, dataset.awardsJSON),
            ])
    }
}
