import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The staff's directory (`business.directory`, per city):
/// `/{city}/admin/business/directory` lists the organisations with a form
/// for a new one, `/{city}/admin/business/directory/{organisation}` edits
/// one and appoints its first admin by e-mail. A refused form comes back
/// (422) with every problem beside its field and everything typed kept.
extension DirectoryPages {
    struct StaffRow {
        let name: String
        let kind: String
        let editURL: String
        let profileURL: String
    }

    struct AppointBox {
        let action: String
        let fields: [FormField]
        let alert: String?
        let admins: [String]
        let hasAdmins: Bool
    }

    struct StaffPage {
        let rows: [StaffRow]
        let showList: Bool
        let empty: Bool
        let heading: String
        let action: String
        let fields: [FormField]
        let contactFields: [FormField]
        let place: PlaceFieldset
        let alert: String?
        let submit: String
        let directoryURL: String
        let profileURL: String?
        let appoint: AppointBox?
    }

    private func staff(_ context: AppRequestContext) async throws -> (Municipality, Principal) {
        let city = try await CityLookup(store: services.store).require(context)
        return (city, try requireStaff(.businessDirectory, context.principal, in: city.id))
    }

    static func staffURL(_ city: Municipality) -> String { "/\(city.slug.rawValue)/admin/business/directory" }

    // MARK: The form

    /// The form's inputs for an organisation, as staff type them.
    static func form(of organisation: Organisation) -> FormData {
        var fields: [String: [String]] = [
            "kind": [organisation.kind.rawValue], "name": [organisation.name], "englishName": [organisation.englishName ?? ""],
            "descriptionUk": [organisation.description.uk], "descriptionEn": [organisation.description.en], "mission": [organisation.mission],
            "code": [organisation.code ?? ""], "address": [organisation.contacts.address ?? ""], "phone": [organisation.contacts.phone ?? ""],
            "website": [organisation.contacts.website ?? ""], "email": [organisation.contacts.email ?? ""],
        ]
        fields["latitude"] = [FormPlace.text(organisation.location?.latitude)]
        fields["longitude"] = [FormPlace.text(organisation.location?.longitude)]
        return FormData(fields: fields)
    }

    /// The organisation the form describes, and the problems the domain's own check does not name (the kind, the place), by field.
    static func read(_ form: FormData, id: OrganisationID, city: MunicipalityID, createdAt: Date) -> (Organisation, [String: String]) {
        func optional(_ name: String) -> String? {
            let text = DirectoryService.trimmed(form[name])
            return text.isEmpty ? nil : text
        }
        var problems: [String: String] = [:]
        let kind = OrganisationKind(rawValue: form["kind"])
        if kind == nil { problems["kind"] = "business_organisation_kind" }
        var location: Location?
        do {
            switch (try FormPlace.degrees(form["latitude"], field: "latitude"), try FormPlace.degrees(form["longitude"], field: "longitude")) {
            case (nil, nil): break
            case (let latitude?, let longitude?):
                location = Location(latitude: latitude, longitude: longitude)
                if location == nil { problems[(-90...90).contains(latitude) ? "longitude" : "latitude"] = "business_organisation_place" }
            case (nil, _): problems["latitude"] = "business_organisation_place"
            case (_, nil): problems["longitude"] = "business_organisation_place"
            }
        } catch {
            problems[(error as? AppError)?.field ?? "latitude"] = "business_organisation_place"
        }
        let organisation = Organisation(
            id: id, city: city, kind: kind ?? .association, name: DirectoryService.trimmed(form["name"]), englishName: optional("englishName"),
            description: LocalizedName(
                uk: form["descriptionUk"].trimmingCharacters(in: .whitespacesAndNewlines),
                en: form["descriptionEn"].trimmingCharacters(in: .whitespacesAndNewlines)),
            mission: form["mission"].trimmingCharacters(in: .whitespacesAndNewlines),
            contacts: PublishedContacts(address: optional("address"), email: optional("email"), phone: optional("phone"), website: optional("website")),
            location: location, code: optional("code").map { $0.filter { !$0.isWhitespace } }, createdAt: createdAt)
        return (organisation, problems)
    }

    // MARK: Pages

    @Sendable func staffList(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        return try await renderStaff(request, context, city: city, editing: nil, form: FormData())
    }

    @Sendable func staffEdit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await staff(context)
        let organisation = try await organisation(city, context)
        return try await renderStaff(request, context, city: city, editing: organisation, form: Self.form(of: organisation))
    }

    @Sendable func staffCreate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, staff) = try await staff(context)
        return try await staffWrite(request, context, city: city, staff: staff, editing: nil)
    }

    @Sendable func staffSave(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, staff) = try await staff(context)
        return try await staffWrite(request, context, city: city, staff: staff, editing: try await organisation(city, context))
    }

    /// A new organisation (`editing` nil) or the next version of one, from the staff's form.
    private func staffWrite(
        _ request: Request, _ context: AppRequestContext, city: Municipality, staff: Principal, editing stored: Organisation?
    ) async throws -> Response {
        let form = context.form ?? FormData()
        let (organisation, problems) = Self.read(
            form, id: stored?.id ?? .random(), city: city.id, createdAt: stored?.createdAt ?? services.clock.now())
        do {
            try await service.save(organisation, extraProblems: problems, city: city, by: staff.accountID)
        } catch let refused as DirectoryService.Refused {
            return try await renderStaff(request, context, city: city, editing: stored, form: form, problems: refused.problems)
        }
        return HTML.redirect("\(Self.staffURL(city))/\(organisation.id.rawValue)")
    }

    @Sendable func staffAppoint(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, staff) = try await staff(context)
        let organisation = try await organisation(city, context)
        let form = context.form ?? FormData()
        do {
            try await service.appointAdmin(
                email: String(form["adminEmail"].prefix(1_000)), businessName: String(form["adminBusinessName"].prefix(1_000)), of: organisation,
                city: city, by: staff.accountID)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderStaff(
                request, context, city: city, editing: organisation, form: Self.form(of: organisation), appointTyped: form, appointError: error)
        }
        return HTML.redirect("\(Self.staffURL(city))/\(organisation.id.rawValue)")
    }

    private func renderStaff(
        _ request: Request, _ context: AppRequestContext, city: Municipality, editing: Organisation?, form: FormData,
        problems: [String: String] = [:], appointTyped: FormData? = nil, appointError: AppError? = nil
    ) async throws -> Response {
        let cityID = city.id, language = context.language
        let organisations = editing == nil ? try await services.store.read { try await $0.organisations.organisations(in: cityID) } : []
        var admins: [String] = []
        if let id = editing?.id {
            admins = try await services.store.read { try await $0.organisations.memberships(of: id) }.filter { $0.state == .admin }.map(\.businessName)
        }
        func t(_ key: String) -> String { html.t(key, context) }
        func error(_ field: String) -> String? { problems[field].map { t("errors.\($0)") } }
        func field(
            _ name: String, _ label: String, hint: String? = nil, type: String = "text", inputmode: String? = nil, required: Bool = false,
            maxlength: Int? = nil, rows: Int? = nil
        ) -> FormField {
            FormField(
                name: name, label: t("business.dir.admin.\(label)"), value: form[name], error: error(name), hint: hint.map { t("business.dir.admin.\($0)") },
                type: type, inputmode: inputmode, required: required, maxlength: maxlength, rows: rows)
        }
        let chosen = OrganisationKind(rawValue: form["kind"])
        let fields = [
            FormField(
                name: "kind", label: t("business.dir.admin.kind"), value: form["kind"], error: error("kind"), required: true,
                options: [SelectOption(value: "", label: t("business.dir.admin.choose"), selected: chosen == nil)]
                    + OrganisationKind.allCases.map { SelectOption(value: $0.rawValue, label: kindName($0, context), selected: $0 == chosen) }),
            field("name", "name", required: true, maxlength: Organisation.nameLength.upperBound),
            field("englishName", "english_name", hint: "english_name_hint", maxlength: Organisation.nameLength.upperBound),
            field("descriptionUk", "description_uk", maxlength: Organisation.descriptionLength.upperBound, rows: 5),
            field("descriptionEn", "description_en", maxlength: Organisation.descriptionLength.upperBound, rows: 5),
            field("mission", "mission", hint: "mission_hint", maxlength: Organisation.missionLength.upperBound, rows: 4),
            field("code", "code", hint: "code_hint", inputmode: "numeric", maxlength: 8),
        ]
        let contactFields = [
            field("address", "address", maxlength: PublishedContacts.addressLength.upperBound),
            field("phone", "phone", type: "tel", maxlength: 30),
            field("website", "website", hint: "website_hint", type: "url", maxlength: 300),
            field("email", "email", type: "email", maxlength: 254),
        ]
        let placeProblem = ["latitude", "longitude"].first { problems[$0] != nil }.flatMap { name in
            problems[name].map { FormProblem(field: name, message: t("errors.\($0)")) }
        }
        let place = PlaceFieldset(
            services: services, context: context, city: city, form: form, problem: placeProblem, legend: t("business.dir.admin.place_legend"),
            hint: t("business.dir.admin.place_hint"), mapLabel: t("business.dir.place"))
        let appoint = editing.map { organisation in
            let typed = appointTyped ?? FormData()
            let problem = FormProblem(appointError, html: html, context: context)
            let appointFields = [
                FormField(
                    name: "adminEmail", label: t("business.dir.admin.admin_email"), value: typed["adminEmail"], error: problem.message(for: "adminEmail"),
                    hint: t("business.dir.admin.admin_email_hint"), type: "email", autocomplete: "off", required: true, maxlength: 254),
                FormField(
                    name: "adminBusinessName", label: t("business.dir.admin.admin_business"), value: typed["adminBusinessName"],
                    error: problem.message(for: "adminBusinessName"), hint: t("business.dir.admin.admin_business_hint"),
                    maxlength: Organisation.businessNameLength.upperBound),
            ]
            return AppointBox(
                action: "\(Self.staffURL(city))/\(organisation.id.rawValue)/admins", fields: appointFields,
                alert: problem.alert(unlessShownBy: appointFields), admins: admins, hasAdmins: !admins.isEmpty)
        }
        let page = StaffPage(
            rows: organisations.map { organisation in
                StaffRow(
                    name: organisation.name(in: language), kind: kindName(organisation.kind, context),
                    editURL: "\(Self.staffURL(city))/\(organisation.id.rawValue)", profileURL: Self.url(city, organisation.id))
            },
            showList: editing == nil, empty: organisations.isEmpty,
            heading: t(editing == nil ? "business.dir.admin.new" : "business.dir.admin.edit"),
            action: editing.map { "\(Self.staffURL(city))/\($0.id.rawValue)" } ?? Self.staffURL(city), fields: fields, contactFields: contactFields,
            place: place, alert: problems.isEmpty ? nil : t("business.dir.admin.problems"),
            submit: t(editing == nil ? "business.dir.admin.create" : "business.dir.admin.save"), directoryURL: Self.staffURL(city),
            profileURL: editing.map { Self.url(city, $0.id) }, appoint: appoint)
        let refused = !problems.isEmpty || appointError != nil
        return try await html.render(
            "business-directory-admin", page: page, titleKey: editing == nil ? "business.dir.admin.title" : "business.dir.admin.edit_title",
            titleArguments: ["organisation": editing?.name(in: language) ?? "", "city": city.name.localized(language)], request: request,
            context: context, city: city, status: refused ? appointError?.status ?? .unprocessableContent : .ok)
    }
}
