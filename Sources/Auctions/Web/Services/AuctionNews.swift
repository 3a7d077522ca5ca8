import Foundation
import HromadaDomain
import HromadaWeb

/// The auctions' part of the city's feed and calendar: each lot when it was
/// announced and when its auction ended (sold or not), and the dates a
/// bidder needs: the end of the closed bids and the auction's start.
enum AuctionNews {
    /// "Lease, English auction. Starting price …. Bids until …, auction at …": the lot's
    /// terms in a line, for its sharing preview and its feed entry.
    static func terms(of lot: Lot, language: Language, services: AppServices) -> String {
        let t = { (key: String, arguments: [String: String]) in services.localizer.string(key, language, arguments) }
        return t("auctions.share_description", [
            "procedure": t("auctions.procedure.\(lot.procedure.rawValue)", [:]),
            "value": lot.startValue.formatted(currency: t("budgets.currency", [:])),
            "tenderEnd": DateText.kyiv(lot.tenderPeriodEnd), "auctionStart": DateText.kyiv(lot.auctionStart),
        ])
    }

    static let source = NewsSource(
        entries: { city, limit, language, services in
            let lots = try await services.store.read { try await $0.auctions.announcedLots(in: city.id, limit: max(limit, 1)) }
            let t = { (key: String, arguments: [String: String]) in services.localizer.string(key, language, arguments) }
            let currency = t("budgets.currency", [:])
            var entries: [NewsEntry] = []
            for (lot, number, announcedAt) in lots {
                let path = "/\(city.slug.rawValue)/auctions/\(lot.id.rawValue)"
                let names = ["number": String(number), "title": lot.title]
                let terms = Self.terms(of: lot, language: language, services: services)
                entries.append(NewsEntry(key: "lot/\(lot.id.rawValue)", title: t("auctions.news.announced", names), summary: terms, path: path, updated: announcedAt))
                guard lot.status == .complete || lot.status == .unsuccessful || lot.status == .activeAwarded else { continue }
                let decided = lot.awards?.awards.compactMap(\.decidedAt).max() ?? lot.auctionStart
                let winner = lot.awards?.awards.first { $0.status == .active || $0.status == .pending }
                entries.append(NewsEntry(
                    key: "lot-result/\(lot.id.rawValue)", title: t("auctions.news.result", names),
                    summary: winner.map { t("auctions.news.sold", ["amount": $0.amount.formatted(currency: currency)]) } ?? t("auctions.news.unsold", [:]),
                    path: path, updated: decided))
            }
            return entries
        },
        events: { city, from, language, services in
            let lots = try await services.store.read { try await $0.auctions.lots(in: city.id, statuses: LotStatus.allCases.filter { $0 != .cancelled }) }
            let t = { (key: String, arguments: [String: String]) in services.localizer.string(key, language, arguments) }
            var events: [CalendarEvent] = []
            for (lot, number) in lots where lot.auctionStart >= from {
                let path = "/\(city.slug.rawValue)/auctions/\(lot.id.rawValue)"
                let names = ["number": String(number), "title": lot.title]
                events.append(CalendarEvent(
                    key: "lot-bids/\(lot.id.rawValue)", title: t("auctions.news.bids_end", names), description: lot.title, path: path,
                    start: lot.tenderPeriodEnd))
                events.append(CalendarEvent(
                    key: "lot-auction/\(lot.id.rawValue)", title: t("auctions.news.auction_starts", names), description: lot.title, path: path,
                    start: lot.auctionStart))
            }
            return events
        })
}
