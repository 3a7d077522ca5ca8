import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The marketing campaigns' writes (`visit.edit`): a campaign saved whole,
/// and a reach report added to it under the campaign's lock, so two reports
/// sent at once are both kept. Each write is in the audit log.
struct CampaignService {
    let services: AppServices

    static let codes: [String: String] = [
        "titleUk": "visit_route_title", "titleEn": "visit_route_title", "goalUk": "visit_campaign_goal", "goalEn": "visit_campaign_goal",
        "channels": "visit_campaign_channels", "startsOn": "visit_campaign_dates", "endsOn": "visit_campaign_dates", "strategy": "visit_campaign_strategy",
        "reach": "visit_campaign_reports", "reached": "visit_campaign_reached", "engaged": "visit_campaign_engaged", "note": "visit_note",
        "reportedOn": "visit_campaign_reported_on", "channel": "visit_campaign_channel",
    ]

    static func problems(_ fields: [String], extra: [String: String]) -> [String: String] {
        var problems = extra
        for field in fields where problems[field] == nil { problems[field] = codes[field] ?? "visit_field" }
        return problems
    }

    func save(_ campaign: MarketingCampaign, extraProblems: [String: String], city: Municipality, principal: Principal?) async throws {
        let staff = try requireStaff(.visitEdit, principal, in: city.id)
        var problems = Self.problems(campaign.problems, extra: extraProblems)
        if let strategy = campaign.strategy, try await services.modules.linked(.strategy, id: strategy, in: city, services: services) == nil {
            problems["strategy"] = "visit_campaign_strategy"
        }
        guard problems.isEmpty else { throw GuideEditor.Refused(problems: problems) }
        let audit = services.audit, now = services.clock.now(), cityID = city.id
        try await services.store.write { tx in
            // The reports are added one by one below; a save of the campaign's terms keeps those already in.
            var saved = campaign
            if let stored = try await tx.visitGuide.campaign(campaign.id, in: cityID, forUpdate: true) { saved.reach = stored.reach }
            guard try await tx.visitGuide.save(saved, at: now) else { throw AppError.notFound }
            try await audit.record(
                tx, action: AuditAction.visitCampaignSaved, actor: staff.accountID, municipality: cityID, subject: campaign.id.rawValue,
                details: ["channels": campaign.channels.map(\.rawValue).sorted().joined(separator: ","), "published": campaign.published ? "yes" : "no"])
        }
    }

    func addReach(_ reach: CampaignReach, extraProblems: [String: String], to id: CampaignID, city: Municipality, principal: Principal?) async throws {
        let staff = try requireStaff(.visitEdit, principal, in: city.id)
        let problems = Self.problems(reach.problems, extra: extraProblems)
        guard problems.isEmpty else { throw GuideEditor.Refused(problems: problems) }
        let audit = services.audit, now = services.clock.now(), cityID = city.id
        try await services.store.write { tx in
            guard var campaign = try await tx.visitGuide.campaign(id, in: cityID, forUpdate: true) else { throw AppError.notFound }
            guard campaign.reach.count < MarketingCampaign.reportsLimit else { throw GuideEditor.Refused(problems: ["reached": "visit_campaign_reports"]) }
            campaign.reach.append(reach)
            _ = try await tx.visitGuide.save(campaign, at: now)
            try await audit.record(
                tx, action: AuditAction.visitCampaignReach, actor: staff.accountID, municipality: cityID, subject: id.rawValue,
                details: ["channel": reach.channel.rawValue, "reached": String(reach.reached), "on": reach.reportedOn.description])
        }
    }
}

/// What the campaigns give a strategy's indicators to follow: the people
/// the city's campaigns reached in a calendar year, by the reports dated in it.
enum VisitIndicators {
    static let campaignReach = ComputedIndicator(
        key: "visit.campaign_reach", nameKey: "visit.indicators.campaign_reach", meaningKey: "visit.indicators.campaign_reach_meaning",
        unit: .count, direction: .higher
    ) { city, year, services in
        guard (1900...2200).contains(year) else { return nil }
        let cityID = city.id
        let campaigns = try await services.store.read { try await $0.visitGuide.campaigns(in: cityID) }
        let first = CalendarDate(year: year, month: 1, day: 1), last = CalendarDate(year: year, month: 12, day: 31)
        let reported = campaigns.contains { campaign in campaign.reach.contains { $0.reportedOn >= first && $0.reportedOn <= last } }
        return reported ? Double(MarketingCampaign.sum(campaigns.map { $0.reached(from: first, through: last) })) : nil
    }
}
