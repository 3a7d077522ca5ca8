import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird

/// The JSON API under `/api/v1` (docs/interfaces.md conventions: camelCase keys,
/// snake_case codes, `{"items", "next"}` lists, opaque string ids).
package struct APIController {
    package let services: AppServices

    package func add(to router: Router<AppRequestContext>) {
        let api = router.group("api")
        api.get("openapi.json", use: openAPI)
        api.post("v1/session", use: createSession)
        api.delete("v1/session", use: deleteSession)
        api.get("v1/me", use: me)
        api.get("v1/municipalities", use: municipalities)
        api.get("v1/audit/head", use: auditHead)
        api.get("v1/{city}", use: municipality)
    }

    /// Reads a JSON body; malformed or oversized bodies are a clear 4xx.
    package static func decode<T: Decodable>(
        _ type: T.Type, _ request: Request, _ context: AppRequestContext, userInfo: [CodingUserInfoKey: any Sendable] = [:]
    ) async throws -> T {
        var request = request
        guard (request.headers[.contentType] ?? "").hasPrefix("application/json") else {
            throw AppError.badRequest(code: "unsupported_content_type")
        }
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: context.maxUploadSize) } catch { throw AppError.payloadTooLarge }
        return try decode(type, from: Data(buffer: body), userInfo: userInfo)
    }

    /// A JSON document as `T`. A value the field does not take (a number out
    /// of range, text where a number belongs, a missing field) is a 422
    /// naming the field; a document that is not JSON, or not an object where
    /// one is expected, is a 400.
    package static func decode<T: Decodable>(
        _ type: T.Type, from data: Data, userInfo: [CodingUserInfoKey: any Sendable] = [:]
    ) throws(AppError) -> T {
        let decoder = JSONDecoder()
        decoder.userInfo = userInfo
        decoder.dateDecodingStrategy = InputDates.strategy
        do {
            return try decoder.decode(T.self, from: data)
        } catch let error as InputOutOfRange {
            throw .invalid(code: error.code, field: error.field)
        } catch DecodingError.typeMismatch(_, let where_) where !where_.codingPath.isEmpty {
            throw .invalid(code: "value_invalid", field: where_.codingPath.dottedPath)
        } catch DecodingError.dataCorrupted(let where_) where !where_.codingPath.isEmpty {
            // A number that fits no Int64, say: JSON, but not a value of this field.
            throw .invalid(code: "value_invalid", field: where_.codingPath.dottedPath)
        } catch DecodingError.valueNotFound(_, let where_) where !where_.codingPath.isEmpty {
            throw .invalid(code: "value_required", field: where_.codingPath.dottedPath)
        } catch DecodingError.keyNotFound(let key, let where_) {
            throw .invalid(code: "value_required", field: (where_.codingPath + [key]).dottedPath)
        } catch {
            throw .badRequest(code: "malformed_json")
        }
    }

    struct SessionRequest: Decodable {
        package let email: String
        package let password: String
    }

    struct SessionResponse: Encodable {
        package let token: String
        let tokenType = "Bearer"
        package let expiresAt: Date
        package let account: AccountBody
    }

    package struct AccountBody: Encodable {
        package let id: String
        package let email: String
        package let fullName: String
        let emailConfirmed: Bool
        package let platformAdmin: Bool
    }

    package static func body(_ account: Account) -> AccountBody {
        AccountBody(
            id: account.id.rawValue, email: account.email.rawValue, fullName: account.fullName,
            emailConfirmed: account.isEmailConfirmed, platformAdmin: account.isPlatformAdmin)
    }

    @Sendable func createSession(_ request: Request, context: AppRequestContext) async throws -> Response {
        let input = try await Self.decode(SessionRequest.self, request, context)
        let account = try await services.accounts.authenticate(
            email: input.email, password: input.password, clientAddress: context.clientAddress)
        let token = try await services.accounts.startSession(for: account.id, kind: .api)
        return try JSONResponse.encode(
            SessionResponse(
                token: token, expiresAt: services.clock.now().addingTimeInterval(AccountService.apiTokenLifetime),
                account: Self.body(account)),
            status: .created)
    }

    @Sendable func deleteSession(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.sessionKind == .api, let token = ClientMiddleware.bearerToken(request) else { throw AppError.notSignedIn }
        try await services.accounts.endSession(token: token)
        return Response(status: .noContent)
    }

    struct MeBody: Encodable {
        package struct Residency: Encodable {
            package let municipality: String
            package let method: String
            package let verifiedAt: Date
        }
        struct RoleBody: Encodable {
            package let municipality: String
            package let role: String
        }
        /// A role held for a whole oblast (its slug), apart from any city's.
        struct OblastRoleBody: Encodable {
            package let oblast: String
            package let role: String
        }
        package let account: AccountBody
        let residencies: [Residency]
        package let roles: [RoleBody]
        let oblastRoles: [OblastRoleBody]
    }

    @Sendable package func me(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.account, let principal = context.principal else { throw AppError.notSignedIn }
        let (verifications, cities, oblasts) = try await services.store.read { tx in
            (try await tx.residency.verifications(of: account.id), try await tx.municipalities.all(), try await tx.municipalities.oblasts())
        }
        let slugs = Dictionary(uniqueKeysWithValues: cities.map { ($0.id, $0.slug.rawValue) })
        let oblastSlugs = Dictionary(uniqueKeysWithValues: oblasts.map { ($0.id, $0.slug.rawValue) })
        return try JSONResponse.encode(
            MeBody(
                account: Self.body(account),
                residencies: verifications.compactMap { v in
                    slugs[v.municipalityID].map { .init(municipality: $0, method: v.method.rawValue, verifiedAt: v.verifiedAt) }
                },
                roles: principal.roles.flatMap { city, roles in
                    roles.sorted().compactMap { role in slugs[city].map { .init(municipality: $0, role: role.rawValue) } }
                }.sorted { ($0.municipality, $0.role) < ($1.municipality, $1.role) },
                oblastRoles: principal.oblastRoles.flatMap { oblast, roles in
                    roles.sorted().compactMap { role in oblastSlugs[oblast].map { .init(oblast: $0, role: role.rawValue) } }
                }.sorted { ($0.oblast, $0.role) < ($1.oblast, $1.role) }))
    }

    package struct MunicipalityBody: Encodable {
        package struct Name: Encodable {
            package let uk: String
            package let en: String
        }
        package let id: String
        package let slug: String
        package let name: Name
        package let oblast: String
        package let population: Int64
        package let areaKm2: Double
        package let modules: [String]
    }

    package struct ListBody<Item: Encodable>: Encodable {
        package let items: [Item]
        package let next: String?

        enum CodingKeys: String, CodingKey { case items, next }

        /// `next` is always there, `null` on the last page, as the OpenAPI document says.
        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(items, forKey: .items)
            try container.encode(next, forKey: .next)
        }
        package init(items: [Item], next: String?) {
            self.items = items
            self.next = next
        }
    }

    package static func body(_ city: Municipality, oblasts: [OblastID: Oblast], modules: ModuleRegistry) -> MunicipalityBody {
        MunicipalityBody(
            id: city.id.rawValue, slug: city.slug.rawValue, name: .init(uk: city.name.uk, en: city.name.en),
            oblast: oblasts[city.oblastID]?.slug.rawValue ?? "", population: city.population, areaKm2: city.areaKm2,
            modules: modules.enabled(in: city).map(\.slug.rawValue))
    }

    /// Tenants, ordered by slug, a page at a time (`?after=SLUG&limit=N`).
    @Sendable package func municipalities(_ request: Request, context: AppRequestContext) async throws -> Response {
        // `after` is a slug here, not an offset: only the limit is a number.
        var limit = 100
        if let text = request.uri.queryParameters.get("limit") {
            guard let number = Int(text), (1...500).contains(number) else { throw AppError.invalid(code: "limit_out_of_range", field: "limit") }
            limit = number
        }
        let after = request.uri.queryParameters.get("after") ?? ""
        let (cities, oblasts) = try await services.store.read { tx in
            (try await tx.municipalities.all(), try await tx.municipalities.oblasts())
        }
        let byID = Dictionary(uniqueKeysWithValues: oblasts.map { ($0.id, $0) })
        let sorted = cities.sorted { $0.slug.rawValue < $1.slug.rawValue }.filter { $0.slug.rawValue > after }
        let page = Array(sorted.prefix(limit))
        return try JSONResponse.encode(
            ListBody(items: page.map { Self.body($0, oblasts: byID, modules: services.modules) }, next: sorted.count > limit ? page.last?.slug.rawValue : nil))
    }

    @Sendable package func municipality(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let oblasts = try await services.store.read { try await $0.municipalities.oblasts() }
        return try JSONResponse.encode(Self.body(city, oblasts: Dictionary(uniqueKeysWithValues: oblasts.map { ($0.id, $0) }), modules: services.modules))
    }

    struct AuditHeadBody: Encodable {
        package let height: Int64
        package let hash: String
        package let previousHash: String?
        package let sealedAt: Date?
        package let entries: Int
        package let signature: String?
        package let publicKey: String
        package let algorithm = "Ed25519"
    }

    /// The newest sealed block: publishing it stops an insider from quietly rewriting history.
    @Sendable func auditHead(_ request: Request, context: AppRequestContext) async throws -> Response {
        let block = try await services.store.read { try await $0.audit.latestBlock() }
        return try JSONResponse.encode(
            AuditHeadBody(
                height: block?.height ?? 0, hash: block?.hash ?? AuditBlock.genesisHash, previousHash: block?.previousHash,
                sealedAt: block?.sealedAt, entries: block?.entryHashes.count ?? 0, signature: block?.signature,
                publicKey: Hex.encode(services.keys.auditSigning.publicKey.rawRepresentation)))
    }

    @Sendable func openAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: services.openAPIDocument)))
    }
}
