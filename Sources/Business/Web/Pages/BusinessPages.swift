import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The module's public pages: `/{city}/business` (the calls, the coming
/// trainings and events, the directory) and each published call's page
/// (`/{city}/business/calls/{call}`: what it gives, who may apply, how
/// applications are scored, what they attach, its dates and fund).
struct BusinessPages {
    let services: AppServices
    var html: HTML { HTML(services: services) }

    func add(to router: Router<AppRequestContext>) {
        router.get(":city/business", use: home)
        router.get(":city/business/calls/:call", use: call)
    }

    static func money(_ money: Money, _ html: HTML, _ context: AppRequestContext) -> String {
        money.formatted(currency: html.t("business.currency", context))
    }

    // MARK: The home page

    struct CallItem {
        let title: String
        let url: String
        let instrument: String
        let phase: String
        let dates: String
        let fund: String
    }

    struct EventItem {
        let title: String
        let url: String
        let when: String
        let place: String
    }

    struct OrganisationItem {
        let name: String
        let url: String
        let kind: String
        let description: String
    }

    struct Home {
        let calls: [CallItem]
        let noCalls: Bool
        let events: [EventItem]
        let noEvents: Bool
        let eventsURL: String
        let organisations: [OrganisationItem]
        let noOrganisations: Bool
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let cityID = city.id, now = services.clock.now(), language = context.language
        let (calls, events, organisations) = try await services.store.read { tx in
            (
                try await tx.supportCalls.calls(in: cityID), try await tx.businessEvents.events(in: cityID, from: now, limit: 20),
                try await tx.organisations.organisations(in: cityID)
            )
        }
        let page = Home(
            calls: calls.map { item in
                let call = item.call
                return CallItem(
                    title: call.title.localized(language), url: "/\(city.slug.rawValue)/business/calls/\(call.id.rawValue)",
                    instrument: html.t("business.instrument.\(call.instrument.rawValue)", context),
                    phase: html.t("business.phase.\(call.phase(at: now).rawValue)", context),
                    dates: html.t("business.call.dates", context, ["opens": DateText.kyiv(call.opensAt), "closes": DateText.kyiv(call.closesAt)]),
                    fund: Self.money(call.fund, html, context))
            },
            noCalls: calls.isEmpty,
            events: events.filter { $0.cancelledAt == nil }.map { event in
                EventItem(title: event.title.localized(language), url: EventPages.url(city, event.id), when: DateText.kyiv(event.startsAt), place: event.place)
            },
            noEvents: events.isEmpty, eventsURL: "/\(city.slug.rawValue)/business/events",
            organisations: organisations.map { organisation in
                OrganisationItem(
                    name: organisation.name(in: language), url: DirectoryPages.url(city, organisation.id),
                    kind: html.t("business.kind.\(organisation.kind.rawValue)", context),
                    description: organisation.description.localized(language))
            },
            noOrganisations: organisations.isEmpty)
        return try await html.render(
            "business", page: page, titleKey: "business.title", titleArguments: ["city": city.name.localized(language)], request: request,
            context: context, city: city)
    }

    // MARK: A call

    struct Line {
        let label: String
        let value: String
    }

    struct CallPage {
        let description: String
        let phase: String
        let facts: [Line]
        let kinds: String
        let sizes: String
        let sectors: String?
        let rules: [String]
        let criteria: [Line]
        let documents: [String]
        let hasDocuments: Bool
        let homeURL: String
        /// Where the Apply button posts, while the call takes applications.
        let applyURL: String?
        let decision: DecisionView?
        /// The programme the call serves, when the city runs the module that keeps it.
        let programme: Line?
        let follow: FollowButton?
    }

    struct DecisionLine {
        let rank: Int
        let name: String
        let project: String?
        let total: String
        let verdict: String
        let awarded: Bool
        let means: String
        let amounts: String?
        let comments: [String]
        let hasComments: Bool
    }

    struct DecisionView {
        let lines: [DecisionLine]
        let counts: String
        let openDataURL: String
    }

    /// The published list as the call's page shows it.
    private func decisionView(_ decision: CallDecision, city: Municipality, context: AppRequestContext) -> DecisionView {
        let language = context.language, criteria = decision.call.criteria
        func number(_ value: Double) -> String {
            let text = String(format: "%.1f", value)
            return language == .uk ? text.replacingOccurrences(of: ".", with: ",") : text
        }
        let titles = Dictionary(criteria.map { ($0.id, $0.title.localized(language)) }, uniquingKeysWith: { first, _ in first })
        return DecisionView(
            lines: decision.lines.map { line in
                let comments = line.marks.filter { !$0.comment.isEmpty }.map { mark in
                    html.t("business.decision.comment", context, ["member": String(mark.member), "criterion": titles[mark.criterion] ?? mark.criterion,
                                                                "points": String(mark.points), "comment": mark.comment])
                }
                return DecisionLine(
                    rank: line.rank, name: line.name ?? html.t("business.decision.unnamed", context), project: line.projectTitle,
                    total: html.t("business.decision.total", context, ["total": CallDecision.total(line.totalHundredths)]),
                    verdict: html.t("business.decision.verdict.\(line.verdict.rawValue)", context), awarded: line.verdict == .awarded,
                    means: zip(criteria, line.means).map { criterion, mean in
                        "\(criterion.title.localized(language)): \(mean.map(number) ?? "—")"
                    }.joined(separator: " · "),
                    amounts: line.agreed.map { agreed in
                        html.t("business.decision.amounts", context, ["agreed": Self.money(agreed, html, context), "paid": Self.money(line.paid ?? .zero, html, context)])
                    },
                    comments: comments, hasComments: !comments.isEmpty)
            },
            counts: html.t("business.decision.counts", context, ["rejected": String(decision.rejected), "withdrawn": String(decision.withdrawn)]),
            openDataURL: "/api/v1/\(city.slug.rawValue)/open-data/business/recipients.csv")
    }

    @Sendable func call(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let id = SupportCallID(rawValue: try context.parameters.require("call")), cityID = city.id
        guard let call = try await services.store.read({ try await $0.supportCalls.call(id, in: cityID) })?.call, call.publishedAt != nil else {
            throw AppError.notFound
        }
        let language = context.language, now = services.clock.now()
        let rules = call.eligibility
        let decision = try await CallDecision.read(services, call).map { decisionView($0, city: city, context: context) }
        var programme: LinkedThing?
        if let id = call.programme { programme = try await services.modules.linked(.strategy, id: id, in: city, services: services) }
        let page = CallPage(
            description: call.description.localized(language), phase: html.t("business.phase.\(call.phase(at: now).rawValue)", context),
            facts: [
                Line(label: html.t("business.call.instrument", context), value: html.t("business.instrument.\(call.instrument.rawValue)", context)),
                Line(label: html.t("business.call.fund", context), value: Self.money(call.fund, html, context)),
                Line(label: html.t("business.call.maximum", context), value: Self.money(call.maximumPerApplicant, html, context)),
                Line(label: html.t("business.call.opens", context), value: DateText.kyiv(call.opensAt)),
                Line(label: html.t("business.call.closes", context), value: DateText.kyiv(call.closesAt)),
                Line(label: html.t("business.call.minimum", context), value: String(call.minimumTotal)),
            ],
            kinds: ApplicantKind.allCases.filter(rules.kinds.contains).map { html.t("business.applicant_kind.\($0.rawValue)", context) }
                .joined(separator: ", "),
            sizes: SizeCategory.allCases.filter(rules.sizes.contains).map { html.t("business.size.\($0.rawValue)", context) }.joined(separator: ", "),
            sectors: rules.sectors.isEmpty ? nil : rules.sectors.map(\.description).joined(separator: ", "),
            rules: (rules.mustBeRegisteredInHromada ? [html.t("business.call.rule_registered", context)] : [])
                + (rules.mustDeclareNoTaxDebt ? [html.t("business.call.rule_no_tax_debt", context)] : []),
            criteria: call.criteria.map { Line(label: $0.title.localized(language), value: String($0.weight)) },
            documents: call.documents.map { $0.title.localized(language) }, hasDocuments: !call.documents.isEmpty,
            homeURL: "/\(city.slug.rawValue)/business",
            applyURL: call.phase(at: now) == .open ? "/\(city.slug.rawValue)/business/calls/\(call.id.rawValue)/apply" : nil,
            decision: decision, programme: programme.map { Line(label: $0.title(in: language), value: $0.path) },
            follow: try await FollowButton.make(
                .businessCall, id: call.id.rawValue, in: city, path: "/\(city.slug.rawValue)/business/calls/\(call.id.rawValue)", context: context,
                services: services))
        return try await html.render(
            "business-call", page: page, titleKey: "business.call.title", titleArguments: ["call": call.title.localized(language)],
            request: request, context: context, city: city)
    }
}
