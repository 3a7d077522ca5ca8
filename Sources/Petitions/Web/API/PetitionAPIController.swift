import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The e-petition paths of docs/interfaces.md under `/api/v1/{city}/petitions`.
struct PetitionAPIController {
    let services: AppServices

    func add(to router: Router<AppRequestContext>) {
        let petitions = router.group("api/v1/:city/petitions")
        petitions.get(use: list)
        router.get("api/v1/:city/petitions.geojson", use: points)
        petitions.post(use: file)
        petitions.get("open-data/:file", use: openData)
        petitions.get(":petition", use: show)
        petitions.get(":petition/count", use: count)
        petitions.get(":petition/signatures", use: signers)
        petitions.post(":petition/signatures", use: sign)
        petitions.post(":petition/decision", use: decision)
        petitions.post(":petition/response", use: response)
    }

    struct PetitionBody: Encodable {
        struct Answer: Encodable {
            let text: String
            let decision: String
            let signedBy: String
            let answeredAt: Date
        }
        struct Rejection: Encodable {
            let reason: String
            let text: String
        }
        let id: String
        let number: Int
        let title: String
        let text: String
        let category: String
        let author: String
        let state: String
        let signatureCount: Int
        let threshold: Int?
        let deadline: Date?
        let openedAt: Date?
        let answerDue: Date?
        let handedOnAsAppeal: Bool
        let answer: Answer?
        let rejection: Rejection?
        /// The place it is about, when it names one.
        let longitude: Double?
        let latitude: Double?
    }

    static func body(_ stored: PetitionRepository.Stored) -> PetitionBody {
        let petition = stored.petition
        return PetitionBody(
            id: petition.id.rawValue, number: stored.number, title: petition.title, text: petition.text, category: petition.category,
            author: petition.authorName, state: petition.state.rawValue, signatureCount: stored.signatureCount, threshold: petition.threshold,
            deadline: petition.deadline, openedAt: petition.openedAt, answerDue: petition.answerDue, handedOnAsAppeal: petition.handedOnAsAppeal,
            answer: petition.answer.map { .init(text: $0.text, decision: $0.decision.rawValue, signedBy: $0.signedBy, answeredAt: $0.answeredAt) },
            rejection: petition.rejection.map { .init(reason: $0.reason.rawValue, text: $0.text) }, longitude: petition.longitude,
            latitude: petition.latitude)
    }

    /// The city's public petitions that name a place, as GeoJSON points for the list's map.
    @Sendable func points(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let stored = try await services.store.read { tx in
            try await tx.petitions.petitions(in: city.id, states: PetitionState.publicStates, order: .newest, limit: 1_000)
        }
        return try MapPoint.response(Self.points(stored, city: city))
    }

    /// Each public petition with a place, linking to its page.
    static func points(_ stored: [PetitionRepository.Stored], city: Municipality) -> [MapPoint] {
        stored.compactMap { item in
            let petition = item.petition
            guard PetitionState.publicStates.contains(petition.state), let longitude = petition.longitude, let latitude = petition.latitude else { return nil }
            return MapPoint(
                id: petition.id.rawValue, longitude: longitude, latitude: latitude, title: "№ \(item.number). \(petition.title)",
                url: "/\(city.slug.rawValue)/petitions/\(petition.id.rawValue)")
        }
    }

    /// The petition, if the reader may see it (`Petition.isVisible(to:)`).
    private func visible(_ context: AppRequestContext) async throws -> (Municipality, PetitionRepository.Stored) {
        let city = try await CityLookup(store: services.store).require(context)
        let stored = try await services.petitions.load(PetitionID(rawValue: try context.parameters.require("petition")), in: city.id)
        guard stored.petition.isVisible(to: context.principal) else { throw AppError.notFound }
        return (city, stored)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let query = request.uri.queryParameters
        var states = PetitionState.publicStates
        if let state = query.get("state") {
            guard let wanted = PetitionState(rawValue: state), PetitionState.publicStates.contains(wanted) else {
                throw AppError.invalid(code: "petition_state_unknown", field: "state")
            }
            states = [wanted]
        }
        guard let order = PetitionRepository.Order(rawValue: query.get("sort") ?? "newest") else {
            throw AppError.invalid(code: "petition_sort_unknown", field: "sort")
        }
        let page = try PageQuery(request, defaultLimit: 50)
        let limit = page.limit, offset = page.offset
        let category = query.get("category").flatMap { $0.isEmpty ? nil : $0 }
        let cityID = city.id, wanted = states
        let found = try await services.store.read {
            try await $0.petitions.petitions(in: cityID, states: wanted, category: category, order: order, limit: limit + 1, offset: offset)
        }
        return try JSONResponse.encode(APIController.ListBody(items: found.prefix(limit).map(Self.body), next: page.next(hasMore: found.count > limit)))
    }

    /// `petitions.csv|json` and `signatures.csv|json`: the city's public
    /// petitions and who signed them, from the module's declared datasets.
    @Sendable func openData(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        return try OpenDataFile.download(
            try context.parameters.require("file"), prefix: "\(city.slug.rawValue)-petitions", datasets: PetitionOpenData.datasets,
            services: services, city: city)
    }

    struct FileRequest: Decodable {
        let title: String
        let text: String
        let category: String
        /// False keeps it as a draft; by default it goes on to moderation.
        let submit: Bool?
        /// Degrees (WGS 84), both or neither; within the city's territory.
        let longitude: Double?
        let latitude: Double?
    }

    @Sendable func file(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.account else { throw AppError.notSignedIn }
        let city = try await CityLookup(store: services.store).require(context)
        let input = try await APIController.decode(FileRequest.self, request, context)
        let petition = try await services.petitions.file(
            title: input.title, text: input.text, category: input.category, place: (input.longitude, input.latitude), city: city, by: account,
            submit: input.submit ?? true)
        let stored = try await services.petitions.load(petition.id, in: city.id)
        return try JSONResponse.encode(Self.body(stored), status: .created)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, stored) = try await visible(context)
        return try JSONResponse.encode(Self.body(stored))
    }

    struct CountBody: Encodable {
        let signatureCount: Int
        let threshold: Int?
        let state: String
    }

    /// The light count for polling and widgets: cacheable for two seconds, as long as the displayed count may lag.
    @Sendable func count(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, stored) = try await visible(context)
        var response = try JSONResponse.encode(
            CountBody(signatureCount: stored.signatureCount, threshold: stored.petition.threshold, state: stored.petition.state.rawValue))
        response.headers[.cacheControl] = "public, max-age=2"
        return response
    }

    struct SignerBody: Encodable {
        let name: String
        let signedAt: Date
    }

    /// Names and dates of valid signatures only, as the law requires.
    @Sendable func signers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, stored) = try await visible(context)
        let page = try PageQuery(request, defaultLimit: 100)
        let limit = page.limit, offset = page.offset
        let id = stored.petition.id
        let found = try await services.store.read { try await $0.petitions.signers(of: id, limit: limit + 1, offset: offset) }
        return try JSONResponse.encode(APIController.ListBody(
            items: found.prefix(limit).map { SignerBody(name: $0.name, signedAt: $0.signedAt) }, next: page.next(hasMore: found.count > limit)))
    }

    struct SignedBody: Encodable {
        let signatureCount: Int
    }

    /// An email signer's signature, recorded and waiting for the mailed link.
    struct PendingBody: Encodable {
        let state: String
    }

    /// No body: the bearer token says who signs. 201 when counted; 202 for
    /// an email signer, counted once they follow the link mailed to them.
    @Sendable func sign(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.account else { throw AppError.notSignedIn }
        let city = try await CityLookup(store: services.store).require(context)
        let id = PetitionID(rawValue: try context.parameters.require("petition"))
        let signed = try await services.petitions.sign(id, city: city, by: account, clientAddress: context.clientAddress)
        switch signed {
        case .counted(let count): return try JSONResponse.encode(SignedBody(signatureCount: count), status: .created)
        case .awaitingConfirmation: return try JSONResponse.encode(PendingBody(state: "awaiting_confirmation"), status: .accepted)
        }
    }

    struct DecisionRequest: Decodable {
        /// `publish` or `reject`.
        let decision: String
        let reason: String?
        let text: String?
    }

    @Sendable func decision(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.account != nil else { throw AppError.notSignedIn }
        let city = try await CityLookup(store: services.store).require(context)
        let id = PetitionID(rawValue: try context.parameters.require("petition"))
        let input = try await APIController.decode(DecisionRequest.self, request, context)
        let decision: PetitionService.Decision
        switch input.decision {
        case "publish": decision = .publish
        case "reject":
            guard let reason = input.reason.flatMap(RejectionReason.init(rawValue:)) else {
                throw AppError.invalid(code: "rejection_reason_unknown", field: "reason")
            }
            decision = .reject(reason, text: input.text ?? "")
        default: throw AppError.invalid(code: "petition_decision_unknown", field: "decision")
        }
        _ = try await services.petitions.decide(id, decision, city: city, by: context.principal)
        let stored = try await services.petitions.load(id, in: city.id)
        return try JSONResponse.encode(Self.body(stored))
    }

    struct ResponseRequest: Decodable {
        let text: String
        /// `supported`, `partly_supported` or `not_supported`.
        let decision: String
        let signedBy: String
    }

    @Sendable func response(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.account != nil else { throw AppError.notSignedIn }
        let city = try await CityLookup(store: services.store).require(context)
        let id = PetitionID(rawValue: try context.parameters.require("petition"))
        let input = try await APIController.decode(ResponseRequest.self, request, context)
        guard let decision = Petition.Answer.Decision(rawValue: input.decision) else {
            throw AppError.invalid(code: "answer_decision_unknown", field: "decision")
        }
        _ = try await services.petitions.answer(id, text: input.text, decision: decision, signedBy: input.signedBy, city: city, by: context.principal)
        let stored = try await services.petitions.load(id, in: city.id)
        return try JSONResponse.encode(Self.body(stored))
    }
}
