import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The business directory (docs/business.md, "The directory"): every
/// organisation of a city by kind, with a map of those that have a place
/// (`/{city}/business/directory`), and each one's profile
/// (`/{city}/business/directory/{organisation}`: its description, social
/// mission, published contacts, members by their business's name, news and
/// impact reports), where a signed-in person asks to join and a member
/// leaves. The organisation's admins run it from its manage page
/// (`DirectoryPages+Manage.swift`), staff keep the list
/// (`DirectoryPages+Staff.swift`).
struct DirectoryPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }
    var service: DirectoryService { DirectoryService(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/business/directory", use: list)
        router.get(":city/business/directory/:organisation", use: profile)
        router.post(":city/business/directory/:organisation/join", use: join)
        router.post(":city/business/directory/:organisation/leave", use: leave)
        router.get(":city/business/directory/:organisation/manage", use: manage)
        router.post(":city/business/directory/:organisation/manage/members", use: member)
        router.post(":city/business/directory/:organisation/manage/posts", use: post)
        router.get(":city/admin/business/directory", use: staffList)
        router.post(":city/admin/business/directory", use: staffCreate)
        router.get(":city/admin/business/directory/:organisation", use: staffEdit)
        router.post(":city/admin/business/directory/:organisation", use: staffSave)
        router.post(":city/admin/business/directory/:organisation/admins", use: staffAppoint)
    }

    static func listURL(_ city: Municipality) -> String { "/\(city.slug.rawValue)/business/directory" }

    static func url(_ city: Municipality, _ id: OrganisationID) -> String { "\(listURL(city))/\(id.rawValue)" }

    func kindName(_ kind: OrganisationKind, _ context: AppRequestContext) -> String {
        html.t("business.kind.\(kind.rawValue)", context)
    }

    /// The organisation named in the path, of this city, or 404.
    func organisation(_ city: Municipality, _ context: AppRequestContext) async throws -> Organisation {
        try await service.organisation(OrganisationID(rawValue: try context.parameters.require("organisation")), in: city.id)
    }

    // MARK: The list

    struct KindLink {
        let label: String
        let url: String
        let current: Bool
    }

    struct Item {
        let name: String
        let url: String
        let kind: String
        let description: String
    }

    struct ListPage {
        let kinds: [KindLink]
        let items: [Item]
        let empty: Bool
        let map: MapView?
        let homeURL: String
        /// The staff's list, for those who keep it.
        let staffURL: String?
    }

    /// One point of the directory's map, as `map.js` draws it (a popup linking to the profile).
    private struct Feature: Encodable {
        struct Geometry: Encodable {
            let type = "Point"
            let coordinates: [Double]
        }
        struct Properties: Encodable {
            let title: String
            let url: String
            let label: String
        }
        let type = "Feature"
        let geometry: Geometry
        let properties: Properties
    }

    private struct Collection: Encodable {
        let type = "FeatureCollection"
        let features: [Feature]
    }

    /// The organisations with a place, drawn from the page itself (no request of their own); nil when none has one.
    func map(of organisations: [Organisation], city: Municipality, _ context: AppRequestContext) throws -> MapView? {
        let placed = organisations.compactMap { organisation in organisation.location.map { (organisation, $0) } }
        guard !placed.isEmpty else { return nil }
        let features = placed.map { organisation, place in
            Feature(
                geometry: .init(coordinates: [place.longitude, place.latitude]),
                properties: .init(
                    title: organisation.name(in: context.language), url: Self.url(city, organisation.id), label: kindName(organisation.kind, context)))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let shape = String(decoding: try encoder.encode(Collection(features: features)), as: UTF8.self)
        let count = Double(placed.count)
        let centre = (placed.map(\.1.longitude).reduce(0, +) / count, placed.map(\.1.latitude).reduce(0, +) / count)
        return MapView(services: services, label: html.t("business.dir.map_label", context), centre: centre, shape: shape)
    }

    /// Every organisation, or those of the kind asked for; a kind the directory does not know shows them all.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let kind = request.uri.queryParameters.get("kind").flatMap(OrganisationKind.init(rawValue:))
        let cityID = city.id, language = context.language
        let organisations = try await services.store.read { try await $0.organisations.organisations(in: cityID, kind: kind) }
        let base = Self.listURL(city)
        let page = ListPage(
            kinds: [KindLink(label: html.t("business.dir.all_kinds", context), url: base, current: kind == nil)]
                + OrganisationKind.allCases.map { KindLink(label: kindName($0, context), url: "\(base)?kind=\($0.rawValue)", current: $0 == kind) },
            items: organisations.map { organisation in
                Item(
                    name: organisation.name(in: language), url: Self.url(city, organisation.id), kind: kindName(organisation.kind, context),
                    description: Self.short(organisation.description.localized(language)))
            },
            empty: organisations.isEmpty, map: try map(of: organisations, city: city, context), homeURL: "/\(city.slug.rawValue)/business",
            staffURL: context.principal?.may(.businessDirectory, in: city.id) == true ? "/\(city.slug.rawValue)/admin/business/directory" : nil)
        return try await html.render(
            "business-directory", page: page, titleKey: "business.dir.title", titleArguments: ["city": city.name.localized(language)],
            request: request, context: context, city: city)
    }

    /// The first line of a description, cut at a word under 200 characters.
    static func short(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard line.count > 200 else { return line }
        let cut = line.prefix(200)
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + "…"
    }

    // MARK: A profile

    struct Contact {
        let label: String
        let value: String
        /// A link to it (the site, `mailto:`, `tel:`), where it is one.
        let url: String?
    }

    struct PostItem {
        let title: String
        let date: String
        let paragraphs: [String]
    }

    struct JoinBox {
        let action: String
        let field: FormField
        let alert: String?
    }

    struct ProfilePage {
        let kind: String
        let description: [String]
        let mission: [String]
        let hasMission: Bool
        let code: String?
        let contacts: [Contact]
        let hasContacts: Bool
        let map: MapView?
        let members: [String]
        let hasMembers: Bool
        let news: [PostItem]
        let hasNews: Bool
        /// The kinds that report their impact show the reports, or that there are none.
        let reportsImpact: Bool
        let impact: [PostItem]
        let hasImpact: Bool
        let directoryURL: String
        /// Signed out: where to sign in and come back.
        let signInURL: String?
        /// Signed in, not a member and not waiting: the request form.
        let join: JoinBox?
        /// Where the person stands when they are in or waiting.
        let standing: String?
        let leaveAction: String?
        let leaveAlert: String?
        let manageURL: String?
    }

    /// Paragraphs of a text as typed, split at blank lines (each shown as text, never markup).
    static func paragraphs(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    static func contacts(_ contacts: PublishedContacts, html: HTML, _ context: AppRequestContext) -> [Contact] {
        var lines: [Contact] = []
        if let address = contacts.address { lines.append(Contact(label: html.t("business.dir.address", context), value: address, url: nil)) }
        if let phone = contacts.phone {
            lines.append(Contact(label: html.t("business.dir.phone", context), value: phone, url: "tel:" + phone.filter { $0.isNumber || $0 == "+" }))
        }
        if let email = contacts.email { lines.append(Contact(label: html.t("business.dir.email", context), value: email, url: "mailto:" + email)) }
        if let website = contacts.website { lines.append(Contact(label: html.t("business.dir.website", context), value: website, url: website)) }
        return lines
    }

    @Sendable func profile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        return try await renderProfile(request, context, city: city, organisation: try await organisation(city, context))
    }

    /// The profile, with what was typed into the request form and the problem with it (or with leaving).
    func renderProfile(
        _ request: Request, _ context: AppRequestContext, city: Municipality, organisation: Organisation, typed: String? = nil,
        joinError: AppError? = nil, leaveError: AppError? = nil
    ) async throws -> Response {
        let id = organisation.id, account = context.account?.id, language = context.language
        let (memberships, posts, mine) = try await services.store.read { tx in
            var mine: OrganisationRepository.Membership?
            if let account { mine = try await tx.organisations.membership(of: account, in: id) }
            return (try await tx.organisations.memberships(of: id), try await tx.organisations.posts(of: id), mine)
        }
        func items(_ kind: OrganisationRepository.PostKind) -> [PostItem] {
            posts.filter { $0.kind == kind }.map { PostItem(title: $0.title, date: DateText.kyiv($0.postedAt), paragraphs: Self.paragraphs($0.body)) }
        }
        let base = Self.url(city, id)
        let contacts = Self.contacts(organisation.contacts, html: html, context)
        let news = items(.news), impact = items(.impact)
        // The members are shown by the business they bring, never by who they are.
        let members = memberships.filter(\.state.isMember).map(\.businessName)
        let problem = FormProblem(joinError, html: html, context: context)
        let joinField = FormField(
            name: "businessName", label: html.t("business.dir.join.business_name", context), value: typed ?? "",
            error: problem.message(for: "businessName"), hint: html.t("business.dir.join.business_name_hint", context), required: true,
            minlength: Organisation.businessNameLength.lowerBound, maxlength: Organisation.businessNameLength.upperBound)
        let state = mine?.state
        let waitingOrIn = state == .requested || state?.isMember == true
        let page = ProfilePage(
            kind: kindName(organisation.kind, context), description: Self.paragraphs(organisation.description.localized(language)),
            mission: Self.paragraphs(organisation.mission), hasMission: organisation.kind.hasMission && !organisation.mission.isEmpty,
            code: organisation.code, contacts: contacts, hasContacts: !contacts.isEmpty,
            map: organisation.location.map {
                MapView.point(services: services, label: html.t("business.dir.place", context), longitude: $0.longitude, latitude: $0.latitude)
            },
            members: members, hasMembers: !members.isEmpty, news: news, hasNews: !news.isEmpty, reportsImpact: organisation.kind.hasMission,
            impact: impact, hasImpact: !impact.isEmpty, directoryURL: Self.listURL(city),
            signInURL: context.isSignedIn ? nil : "/login?next=\(HTML.nextParameter(base))",
            join: context.isSignedIn && (!waitingOrIn || joinError != nil)
                ? JoinBox(action: base + "/join", field: joinField, alert: problem.alert(unlessShownBy: [joinField])) : nil,
            standing: waitingOrIn ? state.map { html.t("business.dir.standing.\($0.rawValue)", context) } : nil,
            leaveAction: state?.isMember == true ? base + "/leave" : nil,
            leaveAlert: leaveError.map { html.t($0.messageKey, context) },
            manageURL: state == .admin ? base + "/manage" : nil)
        let error = joinError ?? leaveError
        return try await html.render(
            "business-organisation", page: page, titleKey: "business.dir.profile_title", titleArguments: ["organisation": organisation.name(in: language)],
            request: request, context: context, city: city, status: error?.status ?? .ok)
    }

    /// A signed-in person asks to join; a refusal comes back on the profile with the name they typed.
    @Sendable func join(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        guard let account = context.account else { throw AppError.notSignedIn }
        let organisation = try await organisation(city, context)
        let typed = String((context.form ?? FormData())["businessName"].prefix(1_000))
        do {
            try await service.requestToJoin(organisation, businessName: typed, city: city, by: account.id)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderProfile(request, context, city: city, organisation: organisation, typed: typed, joinError: error)
        }
        return HTML.redirect(Self.url(city, organisation.id))
    }

    /// A member leaves; the last admin is told why they cannot.
    @Sendable func leave(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        guard let account = context.account else { throw AppError.notSignedIn }
        let organisation = try await organisation(city, context)
        do {
            try await service.leave(organisation, city: city, by: account.id)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderProfile(request, context, city: city, organisation: organisation, leaveError: error)
        }
        return HTML.redirect(Self.url(city, organisation.id))
    }
}
