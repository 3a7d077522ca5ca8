import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The city's business-support calls as open data: every published call
/// with its fund, what it committed and paid and how many applications
/// ended how; and, once a call's list is out, its ranked applications
/// (`recipients`) and every member's points (`scores`). Names follow
/// `ApplicantPublication` (a sole proprietor who was not funded is a row
/// without a name); the rejected and withdrawn are only counts; codes,
/// contacts and documents are never read. Served by the platform at
/// `/api/v1/{city}/open-data/business/{slug}.csv|json` and by the module at
/// `/api/v1/{city}/business/open-data/{slug}.csv|json`.
enum BusinessOpenData {
    static let datasets: [OpenDataset] = [calls, recipients, scores, events, organisations]

    static func add(to router: Router<AppRequestContext>, services: AppServices) {
        router.get("api/v1/:city/business/open-data/:file") { _, context in
            let city = try await CityLookup(store: services.store).require(context)
            return try OpenDataFile.download(
                try context.parameters.require("file"), prefix: "\(city.slug.rawValue)-business", datasets: datasets, services: services, city: city)
        }
    }

    private static func money(_ name: String) -> OpenDataField { OpenDataField(name, .decimal, unit: "UAH") }

    static let calls = OpenDataset(
        "calls", strings: "open_data.business.calls", frequency: .continuous,
        fields: [
            OpenDataField("callId", .text), OpenDataField("municipality", .text), OpenDataField("title", .text), OpenDataField("titleEn", .text),
            OpenDataField("instrument", .text), OpenDataField("phase", .text), OpenDataField("currency", .text), money("fund"), money("maximumPerApplicant"),
            money("committed"), money("paid"), OpenDataField("opensAt", .datetime), OpenDataField("closesAt", .datetime),
            OpenDataField("decidedAt", .datetime), OpenDataField("applications", .integer), OpenDataField("awarded", .integer),
            OpenDataField("notAwarded", .integer), OpenDataField("rejected", .integer), OpenDataField("withdrawn", .integer),
        ]
    ) { services, city in
        let cityID = city.id, now = services.clock.now()
        return try await services.store.read { tx in
            var rows: [OpenDataRow] = []
            for stored in try await tx.supportCalls.calls(in: cityID) {
                let call = stored.call
                let counts = try await tx.supportApplications.counts(of: call.id)
                // Drafts are the applicants' own until sent.
                let sent = counts.filter { $0.key != .draft }.values.reduce(0, +)
                rows.append([
                    .text(call.id.rawValue), .text(city.name.uk), .text(call.title.uk), .text(call.title.en), .text(call.instrument.rawValue),
                    .text(call.phase(at: now).rawValue), .text("UAH"), .hryvnias(call.fund), .hryvnias(call.maximumPerApplicant),
                    .hryvnias(stored.position.committed), .hryvnias(stored.position.paid), .datetime(call.opensAt), .datetime(call.closesAt),
                    .optional(call.decidedAt), .int(sent), .int(counts[.awarded] ?? 0), .int(counts[.notAwarded] ?? 0), .int(counts[.rejected] ?? 0),
                    .int(counts[.withdrawn] ?? 0),
                ])
            }
            return rows
        }
    }

    static let recipients = OpenDataset(
        "recipients", strings: "open_data.business.recipients", frequency: .continuous,
        fields: [
            OpenDataField("callId", .text), OpenDataField("applicationId", .text), OpenDataField("rank", .integer), OpenDataField("name", .text),
            OpenDataField("applicantKind", .text), OpenDataField("projectTitle", .text), OpenDataField("total", .decimal), OpenDataField("verdict", .text),
            OpenDataField("currency", .text), money("agreed"), money("paid"), OpenDataField("jobsReported", .integer),
        ]
    ) { services, city in
        try await decisions(services, city).flatMap { decision in
            decision.lines.map { line -> OpenDataRow in
                [
                    .text(decision.call.id.rawValue), .text(line.application.rawValue), .int(line.rank), .optional(line.name),
                    .optional(line.kind?.rawValue), .optional(line.projectTitle), .decimal(OpenDataFile.hundredths(line.totalHundredths)), .text(line.verdict.rawValue),
                    .text("UAH"), line.agreed.map(OpenDataValue.hryvnias) ?? .null, line.paid.map(OpenDataValue.hryvnias) ?? .null,
                    line.jobsReported.map(OpenDataValue.integer) ?? .null,
                ]
            }
        }
    }

    static let scores = OpenDataset(
        "scores", strings: "open_data.business.scores", frequency: .continuous,
        fields: [
            OpenDataField("callId", .text), OpenDataField("applicationId", .text), OpenDataField("criterion", .text), OpenDataField("criterionTitle", .text),
            OpenDataField("weight", .integer), OpenDataField("scale", .integer), OpenDataField("member", .integer), OpenDataField("points", .integer),
            OpenDataField("comment", .text),
        ]
    ) { services, city in
        try await decisions(services, city).flatMap { decision in
            let criteria = Dictionary(decision.call.criteria.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return decision.lines.flatMap { line in
                line.marks.map { mark -> OpenDataRow in
                    [
                        .text(decision.call.id.rawValue), .text(line.application.rawValue), .text(mark.criterion), .optional(criteria[mark.criterion]?.title.uk),
                        .optional(criteria[mark.criterion]?.weight), .int(decision.call.scale), .int(mark.member), .int(mark.points),
                        mark.comment.isEmpty ? .null : .text(mark.comment),
                    ]
                }
            }
        }
    }

    /// Every training and event, with its attendance figures for the programme's report.
    static let events = OpenDataset(
        "events", strings: "open_data.business.events", frequency: .continuous,
        fields: [
            OpenDataField("eventId", .text), OpenDataField("municipality", .text), OpenDataField("title", .text), OpenDataField("titleEn", .text),
            OpenDataField("startsAt", .datetime), OpenDataField("endsAt", .datetime), OpenDataField("place", .text),
            OpenDataField("latitude", .decimal, unit: "degree"), OpenDataField("longitude", .decimal, unit: "degree"), OpenDataField("capacity", .integer),
            OpenDataField("cancelled", .boolean), OpenDataField("registered", .integer), OpenDataField("waiting", .integer),
            OpenDataField("attended", .integer), OpenDataField("ratings", .integer), OpenDataField("meanRating", .decimal),
            OpenDataField("programme", .text),
        ]
    ) { services, city in
        let cityID = city.id
        return try await services.store.read { tx in
            var rows: [OpenDataRow] = []
            for event in try await tx.businessEvents.allEvents(in: cityID) {
                let figures = try await tx.businessEvents.attendance(at: event.id)
                rows.append([
                    .text(event.id.rawValue), .text(city.name.uk), .text(event.title.uk), .text(event.title.en), .datetime(event.startsAt),
                    .datetime(event.endsAt), .text(event.place), .optional(event.location?.latitude), .optional(event.location?.longitude),
                    .int(event.capacity), .boolean(event.cancelledAt != nil), .int(figures.registered), .int(figures.waiting), .int(figures.attended),
                    .int(figures.ratings), figures.meanRatingHundredths.map { .decimal(OpenDataFile.hundredths(Int64($0))) } ?? .null, .optional(event.programme),
                ])
            }
            return rows
        }
    }

    /// The directory: each organisation with what it chose to publish and how many members it has (never who they are).
    static let organisations = OpenDataset(
        "organisations", strings: "open_data.business.organisations", frequency: .continuous,
        fields: [
            OpenDataField("organisationId", .text), OpenDataField("municipality", .text), OpenDataField("kind", .text), OpenDataField("name", .text),
            OpenDataField("nameEn", .text), OpenDataField("description", .text), OpenDataField("mission", .text), OpenDataField("legalEntityCode", .text),
            OpenDataField("address", .text), OpenDataField("phone", .text), OpenDataField("email", .text), OpenDataField("website", .text),
            OpenDataField("latitude", .decimal, unit: "degree"), OpenDataField("longitude", .decimal, unit: "degree"), OpenDataField("members", .integer),
        ]
    ) { services, city in
        let cityID = city.id
        return try await services.store.read { tx in
            var rows: [OpenDataRow] = []
            for organisation in try await tx.organisations.organisations(in: cityID) {
                let members = try await tx.organisations.memberships(of: organisation.id).filter { [.member, .admin].contains($0.state) }.count
                let contacts = organisation.contacts
                rows.append([
                    .text(organisation.id.rawValue), .text(city.name.uk), .text(organisation.kind.rawValue), .text(organisation.name),
                    .optional(organisation.englishName), .text(organisation.description.uk), organisation.mission.isEmpty ? .null : .text(organisation.mission),
                    .optional(organisation.code), .optional(contacts.address), .optional(contacts.phone), .optional(contacts.email), .optional(contacts.website),
                    .optional(organisation.location?.latitude), .optional(organisation.location?.longitude), .int(members),
                ])
            }
            return rows
        }
    }

    /// Every decided call's list, the latest opening first.
    private static func decisions(_ services: AppServices, _ city: Municipality) async throws -> [CallDecision] {
        let cityID = city.id
        var found: [CallDecision] = []
        for stored in try await services.store.read({ try await $0.supportCalls.calls(in: cityID) }) {
            if let decision = try await CallDecision.read(services, stored.call) { found.append(decision) }
        }
        return found
    }
}
