import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The organiser's pages of the register (city admins who manage auctions;
/// anyone else, another city's admin included, finds nothing): record an
/// object, announce a lot on it, add its documents and photos. They go
/// through the same service methods as the API, so the same rules apply.
extension PropertyPages {
    func addAdmin(to router: Router<AppRequestContext>) {
        router.get("/{city}/admin/property/new", use: newObject)
        router.post("/{city}/admin/property/new", use: createObject)
        router.get("/{city}/admin/property/{object}/lots/new", use: newLot)
        router.post("/{city}/admin/property/{object}/lots/new", use: createLot)
        router.get("/{city}/admin/property/{object}/files", use: files)
        router.post(UploadRoute.propertyDocuments.routerPath, use: uploadDocument)
        router.post(UploadRoute.propertyPhotos.routerPath, use: uploadPhoto)
    }

    /// The city, once the visitor is known to organise its auctions.
    private func organiserCity(_ context: AppRequestContext) async throws -> Municipality {
        let city = try await CityLookup(store: services.store).require(context)
        _ = try requireStaff(.manageAuctions, context.principal, in: city.id)
        return city
    }

    /// Whatever was typed, to show it again after a refusal.
    static func typed(_ form: FormData, _ names: [String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: names.map { ($0, form[$0]) })
    }

    /// A decimal typed with a comma or a point, within the field's range; nil when left blank.
    static func decimal<Bounds: DecimalRange>(_ text: String, _ bounds: Bounds.Type, code: String, field: String) throws -> Double? {
        let compact = text.filter { !$0.isWhitespace && $0 != "\u{00A0}" }.replacingOccurrences(of: ",", with: ".")
        guard !compact.isEmpty else { return nil }
        guard let value = Double(compact), value.isFinite, Bounds.range.contains(value) else { throw AppError.invalid(code: code, field: field) }
        return value
    }

    // MARK: A new object

    struct ObjectForm {
        let action: String
        let cancelURL: String
        /// Every input by its name, with what was typed and the problem beside the one it is about.
        let fields: [String: FormField]
        /// Where the object stands: the map a tap fills, latitude and longitude, "find on the map" by its address.
        let place: PlaceFieldset
        /// A problem about none of them.
        let error: String?
    }

    static let objectFields = ["kind", "title", "address", "area", "cadastralNumber", "latitude", "longitude", "balanceHolder", "leaseList"]

    @Sendable func newObject(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await organiserCity(context)
        return try await renderObjectForm(request, context, city: city, values: ["kind": PropertyObject.Kind.premises.rawValue], error: nil)
    }

    @Sendable func createObject(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await organiserCity(context)
        let form = context.form ?? FormData()
        if form["findPlace"] == "1" {
            let (found, note) = try await FormPlace.find(address: "address", in: form, city: city, context: context, services: services)
            return try await renderObjectForm(request, context, city: city, values: Self.typed(found, Self.objectFields), error: nil, placeNote: note)
        }
        do {
            guard let kind = PropertyObject.Kind(rawValue: form["kind"]) else { throw AppError.invalid(code: "property_kind_unknown", field: "kind") }
            var list: PropertyObject.LeaseList?
            if !form["leaseList"].isEmpty {
                guard let known = PropertyObject.LeaseList(rawValue: form["leaseList"]) else {
                    throw AppError.invalid(code: "lease_list_unknown", field: "leaseList")
                }
                list = known
            }
            let area = try Self.decimal(form["area"], InputRange.SquareMetres.self, code: "property_area_invalid", field: "area")
            let place = try FormPlace.parse(form)
            let cityID = city.id, chosen = list, territory = city.settings.placeBounds
            let object = try await services.auctions.record({ () throws(PropertyError) in
                try PropertyObject.recorded(
                    kind: kind, title: form["title"], address: form["address"], areaM2: area, cadastralNumber: form["cadastralNumber"],
                    latitude: place.latitude, longitude: place.longitude, territory: territory, balanceHolder: form["balanceHolder"],
                    leaseList: chosen, in: cityID)
            }, city: city, by: context.principal)
            return HTML.redirect("\(base(city))/\(object.id.rawValue)?done=1")
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderObjectForm(request, context, city: city, values: Self.typed(form, Self.objectFields), error: error)
        }
    }

    private func renderObjectForm(
        _ request: Request, _ context: AppRequestContext, city: Municipality, values: [String: String], error: AppError?, placeNote: String? = nil
    ) async throws -> Response {
        let problem = FormProblem(error, html: html, context: context)
        func field(
            _ name: String, _ labelKey: String, hintKey: String? = nil, inputmode: String? = nil, autocomplete: String? = nil, required: Bool = false,
            maxlength: Int? = nil, options: [SelectOption]? = nil
        ) -> FormField {
            FormField(
                name: name, label: html.t(labelKey, context), value: values[name] ?? "", error: problem.message(for: name),
                hint: hintKey.map { html.t($0, context) }, inputmode: inputmode, autocomplete: autocomplete, required: required,
                maxlength: maxlength, options: options)
        }
        let fields = [
            field(
                "kind", "property.field.kind",
                options: PropertyObject.Kind.allCases.map { .init(value: $0.rawValue, label: kindText($0, context), selected: $0.rawValue == values["kind"]) }),
            field("title", "property.field.title", required: true, maxlength: 300),
            field("address", "property.field.address", required: true, maxlength: 300),
            field("area", "property.new.area", hintKey: "property.new.area_hint", inputmode: "decimal"),
            field("cadastralNumber", "property.field.cadastral_number", hintKey: "property.new.cadastral_hint", autocomplete: "off", maxlength: 22),
            field("balanceHolder", "property.field.balance_holder", required: true, maxlength: 300),
            field(
                "leaseList", "property.field.lease_list", hintKey: "property.new.list_hint",
                options: ([""] + PropertyObject.LeaseList.allCases.map(\.rawValue)).map {
                    .init(value: $0, label: html.t("property.list.\($0.isEmpty ? "none" : $0)", context), selected: $0 == (values["leaseList"] ?? ""))
                }),
        ]
        let place = PlaceFieldset(
            services: services, context: context, city: city, form: FormData(fields: values.mapValues { [$0] }), problem: problem,
            legend: html.t("property.new.place", context), hint: html.t("property.new.place_hint", context),
            mapLabel: html.t("property.new.place_map_label", context), addressField: "address", note: placeNote)
        let page = ObjectForm(
            action: "/\(city.slug.rawValue)/admin/property/new", cancelURL: base(city),
            fields: Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0) }), place: place,
            error: problem.alert(unlessShownBy: fields + place.fields))
        return try await html.render(
            "property-new", page: page, titleKey: "property.new.title", request: request, context: context, city: city, status: error?.status ?? .ok)
    }

    // MARK: A new lot

    struct LotForm {
        let objectTitle: String
        let objectURL: String
        let action: String
        /// Every input by its name, with what was typed and the problem beside the one it is about.
        let fields: [String: FormField]
        /// A problem about none of them.
        let error: String?
        let timezoneHint: String
    }

    static let lotFields = [
        "title", "procedure", "value", "stepKind", "minimalStep", "guarantee", "registrationFee", "tenderPeriod", "auctionPeriod", "tenantEmail",
    ]

    @Sendable func newLot(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await organiserCity(context)
        let object = try await services.auctions.object(PropertyObjectID(rawValue: try context.parameters.require("object")), in: city.id)
        let now = services.clock.now(), day: TimeInterval = 86_400
        // Law 157-IX gives bidders at least two weeks; the form starts there.
        let values = [
            "title": object.title, "procedure": (object.kind == .landPlot ? AuctionProcedure.landLease : .leaseEnglish).rawValue, "stepKind": "percent",
            "minimalStep": "1", "tenderPeriod": DateText.kyivInput(now.addingTimeInterval(14 * day)),
            "auctionPeriod": DateText.kyivInput(now.addingTimeInterval(15 * day)),
        ]
        return try await renderLotForm(request, context, city: city, object: object, values: values, error: nil)
    }

    @Sendable func createLot(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await organiserCity(context)
        let object = try await services.auctions.object(PropertyObjectID(rawValue: try context.parameters.require("object")), in: city.id)
        let form = context.form ?? FormData()
        do {
            guard let procedure = AuctionProcedure(rawValue: form["procedure"]) else {
                throw AppError.invalid(code: "lot_procedure_unknown", field: "procedure")
            }
            guard let value = try FormMoney.parse(form["value"], field: "value") else {
                throw AppError.invalid(code: "lot_value_invalid", field: "value")
            }
            let step: MinimalStep
            if form["stepKind"] == "percent" {
                guard let percent = try Self.decimal(form["minimalStep"], InputRange.PercentOfPrice.self, code: "lot_minimal_step_invalid", field: "minimalStep") else {
                    throw AppError.invalid(code: "lot_minimal_step_invalid", field: "minimalStep")
                }
                step = .percent(basisPoints: Int((percent * 100).rounded()))
            } else {
                guard let amount = try FormMoney.parse(form["minimalStep"], field: "minimalStep") else {
                    throw AppError.invalid(code: "lot_minimal_step_invalid", field: "minimalStep")
                }
                step = .amount(amount)
            }
            let guarantee = try FormMoney.parse(form["guarantee"], field: "guarantee") ?? Money(kopiyky: 0)
            let fee = try FormMoney.parse(form["registrationFee"], field: "registrationFee") ?? Money(kopiyky: 0)
            guard let tenderEnd = DateText.kyivInput(form["tenderPeriod"]) else {
                throw AppError.invalid(code: "lot_tender_period_invalid", field: "tenderPeriod")
            }
            guard let auctionStart = DateText.kyivInput(form["auctionPeriod"]) else {
                throw AppError.invalid(code: "lot_auction_start_invalid", field: "auctionPeriod")
            }
            let tenant = procedure.needsTenant ? try await services.auctions.tenant(email: form["tenantEmail"]) : nil
            let timings: AuctionTimings = services.demoMode ? .demo : .statutory
            let (lot, _) = try await services.auctions.announce(object.id, city: city, by: context.principal) { (object, now) throws(PropertyError) in
                try Lot.announced(
                    title: form["title"], object: object, procedure: procedure, value: value, minimalStep: step, guarantee: guarantee,
                    registrationFee: fee, tenderPeriodEnd: tenderEnd, auctionStart: auctionStart, timings: timings, tenant: tenant, at: now)
            }
            return HTML.redirect("/\(city.slug.rawValue)/auctions/\(lot.id.rawValue)?done=1")
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderLotForm(request, context, city: city, object: object, values: Self.typed(form, Self.lotFields), error: error)
        }
    }

    private func renderLotForm(
        _ request: Request, _ context: AppRequestContext, city: Municipality, object: PropertyObject, values: [String: String], error: AppError?
    ) async throws -> Response {
        let problem = FormProblem(error, html: html, context: context)
        func field(
            _ name: String, _ labelKey: String, hintKey: String? = nil, type: String = "text", inputmode: String? = nil, autocomplete: String? = nil,
            required: Bool = false, maxlength: Int? = nil, options: [SelectOption]? = nil
        ) -> FormField {
            FormField(
                name: name, label: html.t(labelKey, context), value: values[name] ?? "", error: problem.message(for: name),
                hint: hintKey.map { html.t($0, context) }, type: type, inputmode: inputmode, autocomplete: autocomplete, required: required,
                maxlength: maxlength, options: options)
        }
        let stepKind = values["stepKind"] ?? "percent"
        let fields = [
            field("title", "property.lot.lot_title", required: true, maxlength: 300),
            field(
                "procedure", "property.lot.procedure",
                options: AuctionProcedure.allCases.map {
                    .init(value: $0.rawValue, label: html.t("auctions.procedure.\($0.rawValue)", context), selected: $0.rawValue == values["procedure"])
                }),
            field("tenantEmail", "property.lot.tenant_email", hintKey: "property.lot.tenant_hint", type: "email", autocomplete: "off"),
            field("value", "property.lot.value", hintKey: "property.lot.value_hint", inputmode: "decimal", required: true),
            FormField(
                name: "stepKind", label: html.t("property.lot.step_kind", context), value: stepKind, error: problem.message(for: "stepKind"),
                options: ["percent", "amount"].map { .init(value: $0, label: html.t("property.lot.step_\($0)", context), selected: $0 == stepKind) }),
            field("minimalStep", "property.lot.step_value", hintKey: "property.lot.step_hint", inputmode: "decimal", required: true),
            field("guarantee", "property.lot.guarantee", inputmode: "decimal"),
            field("registrationFee", "property.lot.fee", inputmode: "decimal"),
            field("tenderPeriod", "auctions.tender_end", type: "datetime-local", required: true),
            field("auctionPeriod", "auctions.auction_start", type: "datetime-local", required: true),
        ]
        let page = LotForm(
            objectTitle: object.title, objectURL: "\(base(city))/\(object.id.rawValue)",
            action: "/\(city.slug.rawValue)/admin/property/\(object.id.rawValue)/lots/new",
            fields: Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0) }), error: problem.alert(unlessShownBy: fields),
            timezoneHint: html.t("property.lot.kyiv_time", context))
        return try await html.render(
            "property-lot-new", page: page, titleKey: "property.lot.title", request: request, context: context, city: city,
            status: error?.status ?? .ok)
    }

    // MARK: Documents and photos

    struct FilesPage {
        let objectTitle: String
        let objectURL: String
        let documentsAction: String
        let photosAction: String
        let documents: [ObjectPage.Document]
        let photos: [ObjectPage.Picture]
        /// The document's title and file; the photo and its caption: each form's problem beside the field it is about.
        let documentFields: [FormField]
        let photoFields: [FormField]
        /// A problem about none of them.
        let error: String?
        let done: Bool
    }

    @Sendable func files(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await organiserCity(context)
        let object = try await services.auctions.object(PropertyObjectID(rawValue: try context.parameters.require("object")), in: city.id)
        return try await renderFiles(
            request, context, city: city, object: object, form: FormData(), error: nil, about: nil, done: request.uri.queryParameters.get("done") != nil)
    }

    @Sendable func uploadDocument(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await upload(request, context, about: "document") { form, object, city in
            _ = try await services.auctions.addDocument(form.file("document"), title: form["title"], to: object.id, city: city, by: context.principal)
        }
    }

    @Sendable func uploadPhoto(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await upload(request, context, about: "photo") { form, object, city in
            _ = try await services.auctions.addPhoto(form.file("photo"), caption: form["caption"], to: object.id, city: city, by: context.principal)
        }
    }

    private func upload(
        _ request: Request, _ context: AppRequestContext, about: String, _ store: (FormData, PropertyObject, Municipality) async throws -> Void
    ) async throws -> Response {
        let city = try await organiserCity(context)
        let object = try await services.auctions.object(PropertyObjectID(rawValue: try context.parameters.require("object")), in: city.id)
        let form = context.form ?? FormData()
        do {
            try await store(form, object, city)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderFiles(request, context, city: city, object: object, form: form, error: error, about: about, done: false)
        }
        return HTML.redirect("/\(city.slug.rawValue)/admin/property/\(object.id.rawValue)/files?done=1")
    }

    private func renderFiles(
        _ request: Request, _ context: AppRequestContext, city: Municipality, object: PropertyObject, form: FormData, error: AppError?,
        about: String?, done: Bool
    ) async throws -> Response {
        let cityID = city.id, objectID = object.id
        let (documents, photos) = try await services.store.read { tx in
            (try await tx.attachments.attachments(of: .property(objectID), in: cityID), try await tx.photos.photos(of: .property(objectID), in: cityID))
        }
        let objectURL = "\(base(city))/\(object.id.rawValue)", admin = "/\(city.slug.rawValue)/admin/property/\(object.id.rawValue)"
        let problem = FormProblem(error, html: html, context: context)
        let forms = UploadForms(html: html, context: context)
        let documentFields = forms.documentFields(form: form, problem: problem, about: about)
        let photoFields = forms.photoFields(form: form, problem: problem, about: about)
        let page = FilesPage(
            objectTitle: object.title, objectURL: objectURL, documentsAction: admin + "/documents", photosAction: admin + "/photos",
            documents: documents.map {
                .init(url: "\(objectURL)/documents/\($0.id.rawValue)", title: $0.title, size: forms.size($0.byteCount))
            },
            photos: photos.map { .init(url: "\(objectURL)/photos/\($0.id.rawValue)", caption: $0.caption, width: $0.width, height: $0.height) },
            documentFields: documentFields, photoFields: photoFields,
            error: problem.alert(unlessShownBy: about == "document" ? documentFields : about == "photo" ? photoFields : []), done: done)
        return try await html.render(
            "property-files", page: page, titleKey: "property.files.title", request: request, context: context, city: city,
            status: error?.status ?? .ok)
    }
}

extension UploadRoute {
    static let propertyPhotos = UploadRoute(path: "/{city}/admin/property/{object}/photos", fileLimit: ImageSanitizer.maximumBytes)
    /// A PDF of the property register.
    static let propertyDocuments = UploadRoute(path: "/{city}/admin/property/{object}/documents", fileLimit: AttachmentRules.maximumBytes)
}
