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

    /// `lots`, `bids` and `awards`, each `.csv` or `.json`, from the module's
    /// declared datasets. Bids only of auctions that are over.
    @Sendable func openData(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        return try OpenDataFile.download(
            try context.parameters.require("file"), prefix: "\(city.slug.rawValue)-auctions", datasets: AuctionOpenData.datasets,
            services: services, city: city)
    }
}
