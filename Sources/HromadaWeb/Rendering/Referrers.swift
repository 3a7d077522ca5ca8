import Foundation
import HromadaDomain

/// What points at a thing from the city's other modules (the strategy
/// measures a budget project serves), as the thing's page shows it: the
/// platform's partial `referrers.mustache` draws it, so every module's pages
/// show it alike. A page puts it in its model as `referrers` (nil: nothing).
public struct Referrers: Sendable {
    public struct Item: Sendable {
        let title: String
        let url: String
        /// Where it stands, in the reader's language (`measure`, `in progress`).
        let status: String
    }

    let items: [Item]

    /// The section for a page, or nil when nothing points at the thing.
    package static func section(_ things: [LinkedThing], _ context: AppRequestContext, html: HTML) -> Referrers? {
        guard !things.isEmpty else { return nil }
        return Referrers(items: things.map { Item(title: $0.title, url: $0.path, status: html.t($0.statusKey, context)) })
    }

    /// What of the city's modules points at the thing `id` of `kind`, ready for the page.
    package static func of(
        _ kind: LinkKind, id: String, in city: Municipality, _ context: AppRequestContext, services: AppServices
    ) async throws -> Referrers? {
        try await of(kind, ids: [id], in: city, context, services: services)[id]
    }

    /// The same for many things at once (an edition's projects), by id; one question per module, not per thing.
    package static func of(
        _ kind: LinkKind, ids: [String], in city: Municipality, _ context: AppRequestContext, services: AppServices
    ) async throws -> [String: Referrers] {
        guard services.modules.hasReferrers(in: city) else { return [:] }
        let html = HTML(services: services)
        return try await services.modules.referrers(to: kind, ids: ids, in: city, language: context.language, services: services)
            .compactMapValues { section($0, context, html: html) }
    }
}
