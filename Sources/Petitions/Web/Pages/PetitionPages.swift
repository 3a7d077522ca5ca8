import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// Public e-petition pages under `/{city}/petitions`: the list, one
/// petition with its progress, countdown and signers, and signing.
struct PetitionPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get("/{city}/petitions", use: list)
        router.get("/{city}/petitions/new", use: newForm)
        router.get("/{city}/petitions/mine", use: mine)
        router.post("/{city}/petitions/{petition}/submit", use: submit)
        router.post("/{city}/petitions/{petition}/withdraw", use: withdraw)
        router.post("/{city}/admin/petitions/{petition}/invalidate", use: invalidate)
        router.post("/{city}/petitions/new", use: file)
        router.get("/{city}/admin/petitions", use: queue)
        router.get("/{city}/admin/petitions/settings", use: charterForm)
        router.post("/{city}/admin/petitions/settings", use: saveCharter)
        router.post("/{city}/admin/petitions/{petition}/decision", use: decide)
        router.get("/{city}/petitions/{petition}", use: show)
        router.post("/{city}/petitions/{petition}/sign", use: sign)
        router.get("/{city}/petitions/{petition}/confirm", use: confirmForm)
        router.post("/{city}/petitions/{petition}/confirm", use: confirm)
        router.post("/{city}/petitions/{petition}/answer", use: answer)
    }

    struct ListPage {
        struct Item {
            let url: String
            let number: Int
            let title: String
            let state: String
            let count: String
            let threshold: String
            let percent: Int
            /// Whether the petition ever collected signatures (no meter for a rejected one).
            let counted: Bool
        }
        let lead: String
        let items: [Item]
        let empty: Bool
        let states: [SelectOption]
        let categories: [SelectOption]
        let sorts: [SelectOption]
        let search: FormField
        let filterURL: String
        let newURL: String
        let mineURL: String?
        let openData: [SelectOption]
        /// The shown petitions that name a place, on the map (the list has them all).
        var map: MapView? = nil
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let query = request.uri.queryParameters
        let state = query.get("state").flatMap(PetitionState.init(rawValue:)).flatMap { PetitionState.publicStates.contains($0) ? $0 : nil }
        let order = query.get("sort").flatMap(PetitionRepository.Order.init(rawValue:)) ?? .newest
        let category = query.get("category").flatMap { $0.isEmpty ? nil : $0 }
        let searched = String((query.get("q") ?? "").prefix(200))
        let search = PetitionSearch(searched)
        let cityID = city.id, states = state.map { [$0] } ?? PetitionState.publicStates
        let (stored, categories) = try await services.store.read { tx in
            (try await tx.petitions.petitions(in: cityID, states: states, category: category, search: search, order: order, limit: 100),
             try await tx.petitions.categories(in: cityID))
        }
        let slug = city.slug.rawValue
        let page = ListPage(
            lead: html.t("petitions.lead", context, ["days": String(city.settings.petitionSettings.considerationWorkingDays)]),
            items: stored.map { ListPage.Item($0, city: city, html: html, context: context) }, empty: stored.isEmpty,
            states: PetitionState.publicStates.map {
                .init(value: $0.rawValue, label: html.t("petitions.state.\($0.rawValue)", context), selected: $0 == state)
            },
            categories: categories.map { .init(value: $0, label: $0, selected: $0 == category) },
            sorts: PetitionRepository.Order.allCases.map { .init(value: $0.rawValue, label: html.t("petitions.sort.\($0.rawValue)", context), selected: $0 == order) },
            search: FormField(name: "q", label: html.t("petitions.search_label", context), value: searched, type: "search", maxlength: 200),
            filterURL: "/\(slug)/petitions", newURL: "/\(slug)/petitions/new",
            mineURL: context.isSignedIn ? "/\(slug)/petitions/mine" : nil,
            openData: ["petitions.csv", "petitions.json", "signatures.csv", "signatures.json"].map {
                .init(value: "/api/v1/\(slug)/petitions/open-data/\($0)", label: $0, selected: false)
            },
            map: MapPoint.centre(of: PetitionAPIController.points(stored, city: city)).map {
                MapView(
                    services: services, label: html.t("petitions.map_label", context), centre: $0,
                    source: "/api/v1/\(slug)/petitions.geojson")
            })
        return try await html.render(
            "petitions", page: page, titleKey: "petitions.title", titleArguments: ["city": city.name.localized(context.language)], request: request,
            context: context, city: city)
    }

    struct PetitionPage {
        struct Event {
            let label: String
            let date: String
        }
        struct Signer {
            let name: String
            let date: String
        }
        let number: Int
        let title: String
        let text: String
        let category: String
        let author: String
        let state: String
        let count: String
        let threshold: String
        let countValue: Int
        let thresholdValue: Int
        let deadline: String?
        let daysLeft: String?
        let answerDue: String?
        let canSign: Bool
        let signed: Bool
        /// An email signer's signature, not counted until they follow the mailed link.
        let awaitingConfirmation: Bool
        let signURL: String
        let loginURL: String?
        let signHint: String?
        let message: String?
        let error: String?
        let answer: PetitionAPIController.PetitionBody.Answer?
        let answerDecision: String?
        let answerDate: String?
        let rejection: String?
        let appeal: Bool
        let timeline: [Event]
        let signers: [Signer]
        let moreSignersURL: String?
        let countURL: String
        /// For a city admin while the petition is under consideration: the answer form's decision, text and signatory.
        let answerURL: String?
        let answerFields: [FormField]
        let invalidation: InvalidationBox?
        /// What of the city's other modules points at the petition (a strategy's measures).
        let referrers: Referrers?
        /// The platform's comments on the petition (`comments.mustache`).
        var discussion: Discussion? = nil
        /// What a messenger shows when the petition's link is shared.
        let preview: SharePreview
        /// The place it is about, when it names one.
        let map: MapView?
        /// Follow it, or sign in to (issue 21).
        var follow: FollowButton? = nil
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        var message: String?
        if query.get("signed") != nil { message = html.t("petitions.signed", context) }
        if query.get("pending") != nil { message = html.t("petitions.pending", context) }
        if query.get("confirmed") != nil { message = html.t("petitions.confirmed", context) }
        if let removed = query.get("invalidated").flatMap({ Int($0) }) {
            message = html.t("petitions.invalidated", context, ["count": String(removed)])
        }
        return try await render(request, context, message: message, error: nil)
    }

    func render(_ request: Request, _ context: AppRequestContext, message: String?, error: AppError?) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let id = PetitionID(rawValue: try context.parameters.require("petition"))
        let cityID = city.id, account = context.account
        // A page link's offset; anything unreadable or absurd shows the first page.
        let offset = Int(request.uri.queryParameters.get("after") ?? "0").map { min(max(0, $0), PageQuery.maximumOffset) } ?? 0
        let found = try await services.store.read { tx -> (PetitionRepository.Stored, [(name: String, signedAt: Date)], ResidencyVerification?)? in
            guard let stored = try await tx.petitions.petition(id, in: cityID) else { return nil }
            let verification = try await account.asyncFlatMap { try await tx.residency.find(account: $0.id, in: cityID) }
            return (stored, try await tx.petitions.signers(of: id, limit: 51, offset: offset), verification)
        }
        guard let (stored, signers, verification) = found else { throw AppError.notFound }
        let petition = stored.petition
        guard petition.isVisible(to: context.principal) else { throw AppError.notFound }
        let now = services.clock.now(), settings = city.settings.petitionSettings
        var signed = false, awaitingConfirmation = false
        var signHint: String?
        if let account {
            if let identity = try? SignerRules.identity(of: account, verification: verification, settings: settings) {
                let confirmed = try await services.store.read { try await $0.petitions.signatureConfirmed(id, identityKey: identity.key) }
                signed = confirmed != nil
                awaitingConfirmation = confirmed == false
            } else {
                signHint = html.t("petitions.verify_to_sign", context)
            }
        }
        let signable = (try? petition.checkSignable(at: now)) != nil
        let threshold = petition.threshold ?? settings.threshold
        let base = "/\(city.slug.rawValue)/petitions/\(petition.id.rawValue)"
        let problem = FormProblem(error, html: html, context: context)
        let answering = petition.state == .underConsideration && context.principal?.may(.answerPetition, in: city.id) == true
        let answerFields = answering ? self.answerFields(problem, context: context) : []
        let invalidation = invalidationBox(petition, city: city, problem: problem, context: context)
        let referrers = try await Referrers.of(.petition, id: petition.id.rawValue, in: city, context, services: services)
        var page = PetitionPage(
            number: stored.number, title: petition.title, text: petition.text, category: petition.category, author: petition.authorName,
            state: html.t("petitions.state.\(petition.state.rawValue)", context), count: NumberFormat.grouped(Int64(stored.signatureCount)),
            threshold: NumberFormat.grouped(Int64(threshold)), countValue: stored.signatureCount, thresholdValue: threshold,
            deadline: petition.deadline.map(DateText.kyiv),
            daysLeft: petition.deadline.flatMap { deadline in
                guard signable else { return nil }
                let days = Int((deadline.timeIntervalSince(now) / 86_400).rounded(.up))
                return html.t("petitions.days_left", context, ["days": String(max(0, days))])
            },
            answerDue: petition.state == .underConsideration ? petition.answerDue.map(DateText.kyiv) : nil,
            canSign: signable && account != nil && signHint == nil && !signed, signed: signed && !awaitingConfirmation,
            awaitingConfirmation: awaitingConfirmation, signURL: base + "/sign",
            loginURL: account == nil && signable ? "/login?next=\(base)" : nil, signHint: signable ? signHint : nil, message: message,
            error: problem.alert(unlessShownBy: answerFields + (invalidation?.fields ?? [])),
            answer: petition.answer.map { .init(text: $0.text, decision: $0.decision.rawValue, signedBy: $0.signedBy, answeredAt: $0.answeredAt) },
            answerDecision: petition.answer.map { html.t("petitions.decision.\($0.decision.rawValue)", context) },
            answerDate: petition.answer.map { DateText.kyiv($0.answeredAt) },
            rejection: petition.rejection.map { "\(html.t("petitions.reason.\($0.reason.rawValue)", context)). \($0.text)" },
            appeal: petition.handedOnAsAppeal,
            timeline: petition.timeline.map { .init(label: html.t("petitions.state.\($0.state.rawValue)", context), date: DateText.kyiv($0.at)) },
            signers: signers.prefix(50).map { .init(name: $0.name, date: DateText.kyiv($0.signedAt)) },
            moreSignersURL: signers.count > 50 ? "\(base)?after=\(offset + 50)#signers" : nil,
            countURL: "/api/v1/\(city.slug.rawValue)/petitions/\(petition.id.rawValue)/count",
            answerURL: answering ? base + "/answer" : nil, answerFields: answerFields, invalidation: invalidation,
            referrers: referrers,
            preview: SharePreview(
                services: services, title: "\(html.t("petitions.petition_title", context, ["number": String(stored.number)])): \(petition.title)",
                description: petition.text, path: base, city: city, language: context.language),
            map: petition.longitude.flatMap { longitude in
                petition.latitude.map { latitude in
                    MapView.point(services: services, label: html.t("petitions.place_heading", context), longitude: longitude, latitude: latitude)
                }
            })
        if petition.isVisible(to: nil) { page.follow = try await FollowButton.make(.petition, id: petition.id.rawValue, in: city, path: base, context: context, services: services) }
        page.discussion = try await Discussion.of(.petition, id: petition.id.rawValue, in: city, context, services: services)
        return try await html.render(
            "petition", page: page, titleKey: "petitions.petition_title", titleArguments: ["number": String(stored.number)], request: request,
            context: context, city: city, status: error?.status ?? .ok)
    }

    @Sendable func sign(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let id = PetitionID(rawValue: try context.parameters.require("petition"))
        guard let account = context.account else { return HTML.redirect("/login?next=/\(city.slug.rawValue)/petitions/\(id.rawValue)") }
        let notify = !(context.form?["notify"] ?? "").isEmpty
        let signed: PetitionService.Signed
        do {
            signed = try await services.petitions.sign(id, city: city, by: account, clientAddress: context.clientAddress, notifyOnAnswer: notify)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await render(request, context, message: nil, error: error)
        }
        return HTML.redirect("/\(city.slug.rawValue)/petitions/\(id.rawValue)?\(signed == .awaitingConfirmation ? "pending" : "signed")=1")
    }

    struct ConfirmPage {
        let title: String
        let action: String
        let token: String
        let error: String?
    }

    /// The mailed link lands here; the button (a POST) confirms, so a mail
    /// scanner fetching the link confirms nothing.
    @Sendable func confirmForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderConfirm(request, context, token: request.uri.queryParameters.get("token") ?? "", error: nil)
    }

    func renderConfirm(_ request: Request, _ context: AppRequestContext, token: String, error: AppError?) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let stored = try await services.petitions.load(PetitionID(rawValue: try context.parameters.require("petition")), in: city.id)
        guard stored.petition.isVisible(to: context.principal) else { throw AppError.notFound }
        let page = ConfirmPage(
            title: stored.petition.title, action: "/\(city.slug.rawValue)/petitions/\(stored.petition.id.rawValue)/confirm", token: token,
            error: error.map { html.t($0.messageKey, context) })
        return try await html.render(
            "petition-confirm", page: page, titleKey: "petitions.confirm_title", request: request, context: context, city: city,
            status: error?.status ?? .ok)
    }

    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let id = PetitionID(rawValue: try context.parameters.require("petition"))
        let token = context.form?["token"] ?? ""
        do {
            _ = try await services.petitions.confirmSignature(id, token: token, city: city)
        } catch let error as AppError where error != .notFound {
            return try await renderConfirm(request, context, token: token, error: error)
        }
        return HTML.redirect("/\(city.slug.rawValue)/petitions/\(id.rawValue)?confirmed=1")
    }
}

// MARK: The council's answer

extension PetitionPages {
    /// The answer form's fields, with what a refused answer had in them.
    func answerFields(_ problem: FormProblem?, context: AppRequestContext) -> [FormField] {
        let form = context.form ?? FormData()
        return [
            FormField(
                name: "decision", label: html.t("petitions.respond_decision", context), value: form["decision"], error: problem.message(for: "decision"),
                options: Petition.Answer.Decision.allCases.map {
                    .init(value: $0.rawValue, label: html.t("petitions.decision.\($0.rawValue)", context), selected: $0.rawValue == form["decision"])
                }),
            FormField(
                name: "text", id: "answer-text", label: html.t("petitions.respond_text", context), value: form["text"], error: problem.message(for: "text"),
                required: true, maxlength: 20_000, rows: 8),
            FormField(
                name: "signedBy", label: html.t("petitions.respond_signed_by", context), value: form["signedBy"],
                error: problem.message(for: "signedBy"), required: true, maxlength: 200),
        ]
    }

    /// A city admin posts the council's answer on its behalf.
    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let id = PetitionID(rawValue: try context.parameters.require("petition"))
        let form = context.form ?? FormData()
        do {
            guard let decision = Petition.Answer.Decision(rawValue: form["decision"]) else {
                throw AppError.invalid(code: "answer_decision_unknown", field: "decision")
            }
            _ = try await services.petitions.answer(id, text: form["text"], decision: decision, signedBy: form["signedBy"], city: city, by: context.principal)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await render(request, context, message: nil, error: error)
        }
        return HTML.redirect("/\(city.slug.rawValue)/petitions/\(id.rawValue)")
    }
}

// MARK: Filing and moderation

extension PetitionPages {
    struct NewPage {
        /// Title, category and text, with what was typed and the problem beside the field it is about.
        let fields: [FormField]
        /// A problem about none of them.
        let error: String?
        let action: String
        let threshold: String
        let days: String
        /// The place the petition is about, if any: a tap on the map.
        let place: PlaceFieldset
    }

    func renderNew(_ request: Request, _ context: AppRequestContext, city: Municipality, form: FormData, error: AppError?) async throws -> Response {
        let settings = city.settings.petitionSettings
        let problem = FormProblem(error, html: html, context: context)
        let fields = [
            FormField(
                name: "title", label: html.t("petitions.field_title", context), value: form["title"], error: problem.message(for: "title"),
                required: true, minlength: Petition.titleLength.lowerBound, maxlength: Petition.titleLength.upperBound),
            FormField(
                name: "category", label: html.t("petitions.field_category", context), value: form["category"], error: problem.message(for: "category"),
                required: true, maxlength: Petition.categoryLength.upperBound),
            FormField(
                name: "text", label: html.t("petitions.field_text", context), value: form["text"], error: problem.message(for: "text"),
                hint: html.t("petitions.field_text_hint", context), required: true, minlength: Petition.textLength.lowerBound,
                maxlength: Petition.textLength.upperBound, rows: 10),
        ]
        let place = PlaceFieldset(
            services: services, context: context, city: city, form: form, problem: problem, legend: html.t("petitions.place_legend", context),
            hint: html.t("petitions.place_hint", context), mapLabel: html.t("petitions.place_map_label", context))
        let page = NewPage(
            fields: fields, error: problem.alert(unlessShownBy: fields + place.fields), action: "/\(city.slug.rawValue)/petitions/new",
            threshold: NumberFormat.grouped(Int64(settings.threshold)), days: String(settings.collectionDays), place: place)
        return try await html.render(
            "petition-new", page: page, titleKey: "petitions.new_title", request: request, context: context, city: city, status: error?.status ?? .ok)
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        guard context.isSignedIn else { return HTML.redirect("/login?next=/\(city.slug.rawValue)/petitions/new") }
        return try await renderNew(request, context, city: city, form: FormData(), error: nil)
    }

    @Sendable func file(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        guard let account = context.account else { throw AppError.notSignedIn }
        let form = context.form ?? FormData()
        let petition: Petition
        do {
            let place = try FormPlace.parse(form)
            petition = try await services.petitions.file(
                title: form["title"], text: form["text"], category: form["category"], place: (place.longitude, place.latitude), city: city,
                by: account, submit: true)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderNew(request, context, city: city, form: form, error: error)
        }
        return HTML.redirect("/\(city.slug.rawValue)/petitions/\(petition.id.rawValue)")
    }

    struct QueuePage {
        struct Item {
            let url: String
            let number: Int
            let title: String
            let text: String
            let author: String
            let due: String
            let overdue: Bool
            let takenByOther: Bool
            let decisionURL: String
            let similar: [Similar]
            let hasSimilar: Bool
            /// The rejection form's reason and explanation; open when a rejection of this petition was refused.
            var rejectFields: [FormField] = []
            var rejectOpen = false
        }
        let items: [Item]
        let empty: Bool
        let alerts: [Alert]
        let hasAlerts: Bool
        let message: String?
        /// A problem the refused petition's form does not show beside a field.
        let error: String?
    }

    /// The moderation queue, oldest first, with the overdue ones marked.
    @Sendable func queue(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderQueue(
            request, context, message: request.uri.queryParameters.get("done").map { _ in html.t("petitions.decided", context) }, error: nil, refused: nil)
    }

    /// The queue; after a refused decision on `refused`, its rejection form open with what was typed and the problem beside its field.
    func renderQueue(
        _ request: Request, _ context: AppRequestContext, message: String?, error: AppError?, refused: PetitionID?
    ) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        guard let principal = context.principal else { throw AppError.notSignedIn }
        guard principal.may(.moderatePetition, in: city.id) else { throw AppError.notFound }
        let cityID = city.id, now = services.clock.now()
        let waiting = try await services.store.read { try await $0.petitions.petitions(in: cityID, states: [.moderation], limit: 200) }
            .sorted { $0.petition.createdAt < $1.petition.createdAt }
        let staleBefore = now.addingTimeInterval(-PetitionService.holdLifetime)
        let alerts = try await recentAlerts(in: city, at: now)
        let problem = FormProblem(error, html: html, context: context)
        var items: [QueuePage.Item] = [], shown: [FormField] = []
        for stored in waiting {
            var item = QueuePage.Item(
                stored, city: city, principal: principal, now: now, staleBefore: staleBefore,
                similar: try await similar(to: stored.petition, in: city, context: context))
            let isRefused = stored.petition.id == refused
            item.rejectFields = rejectFields(stored.petition.id, form: isRefused ? context.form : nil, problem: isRefused ? problem : nil, context: context)
            item.rejectOpen = isRefused
            if isRefused { shown = item.rejectFields }
            items.append(item)
        }
        let page = QueuePage(
            items: items, empty: waiting.isEmpty, alerts: alerts, hasAlerts: !alerts.isEmpty, message: message,
            error: problem.alert(unlessShownBy: shown))
        return try await html.render(
            "petitions-queue", page: page, titleKey: "petitions.queue_title", request: request, context: context, city: city, status: error?.status ?? .ok)
    }

    /// One petition's rejection form: the reason and the explanation (ids of their own, as every petition in the queue has one).
    private func rejectFields(_ id: PetitionID, form: FormData?, problem: FormProblem?, context: AppRequestContext) -> [FormField] {
        let reason = form?["reason"] ?? ""
        return [
            FormField(
                name: "reason", id: "reason-\(id.rawValue)", label: html.t("petitions.reject_reason", context), value: reason,
                error: problem.message(for: "reason"),
                options: RejectionReason.allCases.map {
                    .init(value: $0.rawValue, label: html.t("petitions.reason.\($0.rawValue)", context), selected: $0.rawValue == reason)
                }),
            FormField(
                name: "text", id: "reject-text-\(id.rawValue)", label: html.t("petitions.reject_text", context), value: form?["text"] ?? "",
                error: problem.message(for: "text"), required: true, maxlength: 2_000, rows: 3),
        ]
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let id = PetitionID(rawValue: try context.parameters.require("petition"))
        let form = context.form ?? FormData()
        do {
            let decision: PetitionService.Decision
            if form["decision"] == "publish" {
                decision = .publish
            } else {
                guard let reason = RejectionReason(rawValue: form["reason"]) else { throw AppError.invalid(code: "rejection_reason_unknown", field: "reason") }
                decision = .reject(reason, text: form["text"])
            }
            _ = try await services.petitions.decide(id, decision, city: city, by: context.principal)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderQueue(request, context, message: nil, error: error, refused: form["decision"] == "publish" ? nil : id)
        }
        return HTML.redirect("/\(city.slug.rawValue)/admin/petitions?done=1")
    }
}

extension PetitionPages.ListPage.Item {
    init(_ stored: PetitionRepository.Stored, city: Municipality, html: HTML, context: AppRequestContext) {
        let threshold = stored.petition.threshold ?? city.settings.petitionSettings.threshold
        self.init(
            url: "/\(city.slug.rawValue)/petitions/\(stored.petition.id.rawValue)", number: stored.number, title: stored.petition.title,
            state: html.t("petitions.state.\(stored.petition.state.rawValue)", context), count: NumberFormat.grouped(Int64(stored.signatureCount)),
            threshold: NumberFormat.grouped(Int64(threshold)), percent: min(100, stored.signatureCount * 100 / max(1, threshold)),
            counted: stored.petition.openedAt != nil || stored.petition.state == .collectingSupporters)
    }
}

extension PetitionPages.QueuePage.Item {
    init(
        _ stored: PetitionRepository.Stored, city: Municipality, principal: Principal, now: Date, staleBefore: Date, similar: [PetitionPages.Similar]
    ) {
        let petition = stored.petition
        self.init(
            url: "/\(city.slug.rawValue)/petitions/\(petition.id.rawValue)", number: stored.number, title: petition.title, text: petition.text,
            author: petition.authorName, due: petition.moderationDue.map(DateText.kyiv) ?? "", overdue: petition.isModerationOverdue(at: now),
            takenByOther: stored.takenBy != nil && stored.takenBy != principal.accountID && (stored.takenAt.map { $0 >= staleBefore } ?? false),
            decisionURL: "/\(city.slug.rawValue)/admin/petitions/\(petition.id.rawValue)/decision", similar: similar, hasSimilar: !similar.isEmpty)
    }
}
