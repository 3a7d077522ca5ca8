import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The auctions' data for other systems: the open datasets at
/// `/api/v1/{city}/auctions/open-data/{file}`, and a lot in Prozorro.Sale's
/// procedure shape at `/api/v1/{city}/auctions/{lot}/prozorro` (GET exports,
/// POST imports the result).
extension AuctionAPIController {
    func addExchange(to auctions: RouterGroup<AppRequestContext>) {
        auctions.get("open-data/:file", use: openData)
        auctions.get(":lot/prozorro", use: exportProzorro)
        auctions.post(":lot/prozorro", use: importProzorro)
    }

    @Sendable func exportProzorro(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let id = LotID(rawValue: try context.parameters.require("lot"))
        let procedure = try await services.auctions.prozorroProcedure(id, city: city, by: context.principal)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try ProzorroExchange.encode(procedure))))
    }

    /// The result document as Prozorro.Sale publishes it; answers with the lot as the API shows it.
    @Sendable func importProzorro(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.account != nil else { throw AppError.notSignedIn }
        let city = try await CityLookup(store: services.store).require(context)
        let id = LotID(rawValue: try context.parameters.require("lot"))
        guard (request.headers[.contentType] ?? "").hasPrefix("application/json") else { throw AppError.badRequest(code: "unsupported_content_type") }
        var request = request
        let document: ByteBuffer
        do { document = try await request.collectBody(upTo: context.maxUploadSize) } catch { throw AppError.payloadTooLarge }
        _ = try await services.auctions.importProzorroResult(id, document: Data(buffer: document), city: city, by: context.principal)
        let (lot, number) = try await services.auctions.lot(id, in: city.id)
        return try JSONResponse.encode(try await body(lot, number: number, city: city))
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
