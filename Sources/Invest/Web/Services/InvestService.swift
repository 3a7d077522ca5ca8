import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The investment portal's operations, each one transaction with its audit
/// entry. The domain checks; this loads, stores and says no in the statuses
/// of docs/interfaces.md.
public struct InvestService: Sendable {
    let services: AppServices

    public typealias StoredSite = InvestRepository.StoredSite

    /// The refusal of a site's field, as the API and the form name it.
    static func appError(_ problem: InvestmentSite.Problem) -> AppError {
        .invalid(code: "site_\(problem.reason.rawValue)", field: problem.field)
    }

    static func appError(_ problem: SiteGeometry.Problem) -> AppError {
        let reason: String
        switch problem {
        case .unsupportedType: reason = "unsupported_type"
        case .malformedPosition: reason = "malformed_position"
        case .outOfRange: reason = "out_of_range"
        case .ringTooShort: reason = "ring_too_short"
        case .ringNotClosed: reason = "ring_not_closed"
        case .selfIntersecting: reason = "self_intersecting"
        case .tooLarge: reason = "too_large"
        }
        return .invalid(code: "geometry_\(reason)", field: "geometry")
    }

    static func appError(_ problem: SiteSearch.Problem) -> AppError {
        .invalid(code: "site_search_\(problem.reason.rawValue)", field: problem.parameter)
    }

    public func site(_ id: SiteID, in city: MunicipalityID, principal: Principal?) async throws -> StoredSite {
        guard let stored = try await services.store.read({ try await $0.invest.site(id, in: city) }),
              stored.site.status.isOnOffer || principal?.may(.manageInvest, in: city) == true
        else { throw AppError.notFound }
        return stored
    }

    /// A new site, checked whole; nothing is stored when any field is wrong.
    public func add(_ site: InvestmentSite, city: Municipality, principal: Principal?) async throws -> StoredSite {
        let staff = try requireStaff(.manageInvest, principal, in: city.id)
        try await checkLinks(of: site, in: city)
        let now = services.clock.now(), audit = services.audit
        let stored = StoredSite(id: .random(), city: city.id, site: site, createdAt: now, updatedAt: now)
        let added = try await services.store.write { tx -> Bool in
            guard try await tx.invest.insert(stored) else { return false }
            try await audit.record(
                tx, action: AuditAction.investSiteAdded, actor: staff.accountID, municipality: city.id, subject: stored.id.rawValue,
                details: ["type": site.type.rawValue, "cadastralNumber": site.cadastralNumber?.rawValue ?? ""])
            return true
        }
        guard added else { throw AppError.conflict(code: "site_cadastral_taken") }
        return stored
    }

    /// A site's new terms, checked whole; its status stays where it is, and
    /// a change someone made meanwhile (or a cadastral number another site has) is a 409.
    public func change(_ id: SiteID, to site: InvestmentSite, city: Municipality, principal: Principal?) async throws -> StoredSite {
        let staff = try requireStaff(.manageInvest, principal, in: city.id)
        try await checkLinks(of: site, in: city)
        var stored = try await self.site(id, in: city.id, principal: principal)
        let status = stored.site.status
        stored.site = site
        stored.site.status = status
        stored.updatedAt = services.clock.now()
        let audit = services.audit, changed = stored
        let written = try await services.store.write { tx -> Bool in
            guard try await tx.invest.update(changed, from: status) else { return false }
            try await audit.record(
                tx, action: AuditAction.investSiteChanged, actor: staff.accountID, municipality: city.id, subject: id.rawValue,
                details: ["fields": "terms"])
            return true
        }
        guard written else { throw AppError.conflict(code: "site_changed_meanwhile") }
        return changed
    }

    /// The site's next status (`SiteStatus.moving`), written only if no one changed it meanwhile.
    public func move(_ id: SiteID, to next: SiteStatus, city: Municipality, principal: Principal?) async throws -> StoredSite {
        let staff = try requireStaff(.manageInvest, principal, in: city.id)
        var stored = try await site(id, in: city.id, principal: principal)
        let previous = stored.site.status
        do {
            stored.site.status = try previous.moving(to: next, right: stored.site.right)
        } catch {
            throw AppError.conflict(code: "site_status_not_from_here")
        }
        stored.updatedAt = services.clock.now()
        let audit = services.audit, changed = stored
        let written = try await services.store.write { tx -> Bool in
            guard try await tx.invest.update(changed, from: previous) else { return false }
            try await audit.record(
                tx, action: AuditAction.investSiteChanged, actor: staff.accountID, municipality: city.id, subject: id.rawValue,
                details: ["from": previous.rawValue, "to": next.rawValue])
            return true
        }
        guard written else { throw AppError.conflict(code: "site_status_not_from_here") }
        return changed
    }

    /// A site names its auction lot by id, and that lot must be one of the
    /// city's (the auctions module answers, through the platform): a lot of
    /// another city, or of a city that runs no auctions, is refused by name.
    func checkLinks(of site: InvestmentSite, in city: Municipality) async throws {
        guard site.details.auctionLotID != nil, try await auctionLot(of: site, in: city) == nil else { return }
        throw AppError.invalid(code: "site_auction_lot_unknown", field: "details.auctionLotId")
    }

    /// The site's auction lot as the auctions module shows it; nil when it names none or the lot is gone.
    public func auctionLot(of site: InvestmentSite, in city: Municipality) async throws -> LinkedThing? {
        guard let lot = site.details.auctionLotID else { return nil }
        return try await services.modules.linked(.auctionLot, id: lot, in: city, services: services)
    }

    // MARK: Photos and documents

    /// The site a member of staff adds files to or removes them from: any status, in their own city.
    func staffSite(_ id: SiteID, city: Municipality, principal: Principal?) async throws -> (Principal, StoredSite) {
        let staff = try requireStaff(.manageInvest, principal, in: city.id)
        return (staff, try await site(id, in: city.id, principal: principal))
    }

    public func addPhoto(_ file: UploadedFile?, caption: String, to id: SiteID, city: Municipality, principal: Principal?) async throws -> Photo {
        let (staff, stored) = try await staffSite(id, city: city, principal: principal)
        return try await services.photos.add(file, caption: caption, to: .investSite(stored.id), city: city, by: staff.accountID)
    }

    public func addDocument(_ file: UploadedFile?, title: String, to id: SiteID, city: Municipality, principal: Principal?) async throws -> Attachment {
        let (staff, stored) = try await staffSite(id, city: city, principal: principal)
        return try await services.attachments.add(file, title: title, to: .investSite(stored.id), city: city, by: staff.accountID)
    }

    public func removePhoto(_ photo: PhotoID, of id: SiteID, city: Municipality, principal: Principal?) async throws {
        let (staff, stored) = try await staffSite(id, city: city, principal: principal)
        try await services.photos.remove(photo, of: .investSite(stored.id), city: city, by: staff.accountID)
    }

    public func removeDocument(_ document: AttachmentID, of id: SiteID, city: Municipality, principal: Principal?) async throws {
        let (staff, stored) = try await staffSite(id, city: city, principal: principal)
        try await services.attachments.remove(document, of: .investSite(stored.id), city: city, by: staff.accountID)
    }

    /// A site's photos and documents, in the order they were added.
    public func files(of id: SiteID, in city: MunicipalityID) async throws -> (photos: [Photo], documents: [Attachment]) {
        try await services.store.read { tx in
            (try await tx.photos.photos(of: .investSite(id), in: city), try await tx.attachments.attachments(of: .investSite(id), in: city))
        }
    }

    // MARK: The passport

    public func passport(of city: MunicipalityID) async throws -> [PassportIndicator] {
        try await services.store.read { try await $0.invest.indicators(of: .city(city)) }
    }

    /// Puts a CSV file's figures into the city's passport, all or none:
    /// a file with any bad row changes nothing (`IndicatorImport`).
    public func importPassport(_ bytes: Data, city: Municipality, principal: Principal?) async throws -> IndicatorImport {
        let staff = try requireStaff(.manageInvest, principal, in: city.id)
        let file: IndicatorImport
        do { file = try IndicatorImport(bytes) } catch { throw Self.appError(error) }
        let now = services.clock.now(), audit = services.audit, indicators = file.indicators
        try await services.store.write { tx in
            try await tx.invest.upsert(indicators, into: .city(city.id), at: now)
            try await audit.record(
                tx, action: AuditAction.investPassportUpdated, actor: staff.accountID, municipality: city.id, subject: "passport:" + city.id.rawValue,
                details: ["indicators": String(indicators.count), "values": String(indicators.reduce(0) { $0 + $1.values.count })])
        }
        return file
    }

    // MARK: The programme

    /// Saves a programme whole (new, or in place of the city's of that id); every site a measure names must be the city's.
    public func saveProgramme(_ programme: InvestmentProgramme, id: ProgrammeID, city: Municipality, principal: Principal?) async throws {
        let staff = try requireStaff(.manageInvest, principal, in: city.id)
        let cityID = city.id, ids = Array(Set(programme.measures.flatMap(\.sites)))
        let known = try await services.store.read { try await $0.invest.sites(ids, in: [cityID]) }
        if known.count != ids.count {
            let index = programme.measures.firstIndex { measure in measure.sites.contains { id in !known.contains { $0.id == id } } } ?? 0
            throw AppError.invalid(code: "site_unknown_value", field: "measures.\(index).sites")
        }
        let now = services.clock.now(), audit = services.audit
        let saved = try await services.store.write { tx -> Bool in
            guard try await tx.programmes.save(programme, id: id, city: cityID, at: now) else { return false }
            try await audit.record(
                tx, action: AuditAction.investProgrammeSaved, actor: staff.accountID, municipality: cityID, subject: id.rawValue,
                details: ["measures": String(programme.measures.count)])
            return true
        }
        // The id is another city's: as if it did not exist.
        guard saved else { throw AppError.notFound }
    }

    // MARK: The oblast's passport

    /// An oblast's passport: its own figures, what its cities running the
    /// portal add up to, and each city's part.
    public struct OblastPassport: Sendable {
        public let oblast: Oblast
        public let cities: [Municipality]
        public let own: [PassportIndicator]
        public let derived: [DerivedFigure]
        public let parts: [CityFigures]
    }

    public func oblastPassport(slug: String) async throws -> OblastPassport {
        let (oblast, all) = try await OblastLookup(store: services.store).require(slug: slug)
        let cities = all.filter { $0.oblastID == oblast.id && $0.settings.enables(.invest) }
        let ids = cities.map(\.id), now = services.clock.now()
        let (own, totals, timeliness, populations) = try await services.store.read { tx in
            var populations: [MunicipalityID: IndicatorValue] = [:]
            for id in ids {
                populations[id] = try await tx.invest.indicators(of: .city(id)).first { $0.code == CityFigures.populationCode }?.latest
            }
            return (
                try await tx.invest.indicators(of: .oblast(oblast.id)), try await tx.invest.offerTotals(in: ids),
                try await tx.enquiries.timeliness(in: ids, at: now), populations
            )
        }
        let parts = cities.map { city in
            CityFigures(
                city: city.id, population: populations[city.id], sitesOnOffer: totals[city.id]?.sites ?? 0,
                squareMetresOnOffer: totals[city.id]?.squareMetres ?? 0, enquiriesDue: timeliness[city.id]?.counted ?? 0,
                enquiriesOnTime: timeliness[city.id]?.onTime ?? 0)
        }
        return OblastPassport(oblast: oblast, cities: cities, own: own, derived: CityFigures.derive(parts), parts: parts)
    }

    /// Puts a CSV file's figures into the oblast's own passport (the oblast's `oblast.edit_passport`), all or none.
    public func importOblastPassport(_ bytes: Data, oblast: Oblast, principal: Principal?) async throws -> IndicatorImport {
        guard let principal else { throw AppError.notSignedIn }
        guard principal.may(.editOblastPassport, inOblast: oblast.id) else { throw AppError.notFound }
        let file: IndicatorImport
        do { file = try IndicatorImport(bytes) } catch { throw Self.appError(error) }
        let now = services.clock.now(), audit = services.audit, indicators = file.indicators
        try await services.store.write { tx in
            try await tx.invest.upsert(indicators, into: .oblast(oblast.id), at: now)
            try await audit.record(
                tx, action: AuditAction.investPassportUpdated, actor: principal.accountID, municipality: nil, subject: "passport:oblast:" + oblast.id.rawValue,
                details: ["indicators": String(indicators.count), "values": String(indicators.reduce(0) { $0 + $1.values.count })])
        }
        return file
    }

    /// An import's refusal: the first bad row's line and column in the field
    /// (`line.12.value`), so an API client sees where; the page lists them all.
    static func appError(_ problem: IndicatorImport.Problem) -> AppError {
        switch problem {
        case .unreadable: .invalid(code: "passport_csv_unreadable", field: "file")
        case .empty: .invalid(code: "passport_csv_empty", field: "file")
        case .missingColumns(let columns): .invalid(code: "passport_csv_missing_columns", field: columns.first ?? "file")
        case .rows(let rows):
            .invalid(code: "passport_csv_row_\(rows.first?.reason.rawValue ?? "invalid")",
                     field: rows.first.map { "line.\($0.line)" + ($0.column.map { "." + $0 } ?? "") })
        }
    }
}

extension AppServices {
    public var invest: InvestService { InvestService(services: self) }
}

extension UploadOwner.Kind {
    public static let investSite = Self(rawValue: "invest_site")
}

extension UploadOwner {
    public static func investSite(_ id: SiteID) -> UploadOwner { .init(kind: .investSite, id: id.rawValue) }
}
