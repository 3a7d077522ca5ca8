import Foundation
import HromadaDomain

public struct CampaignID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// Where a campaign reaches people.
public enum CampaignChannel: String, CaseIterable, Codable, Sendable {
    case social, web, outdoor, press, broadcast, events, partners, print
}

/// People a channel reached, as staff reported it on a day (a post's
/// audience, a festival's visitors, copies printed), with how many acted on
/// it where that is counted (clicks, sign-ups, visits to the guide).
public struct CampaignReach: Sendable, Equatable, Codable {
    public let channel: CampaignChannel
    public let reportedOn: CalendarDate
    public let reached: Int
    public let engaged: Int?
    public let note: String

    /// No channel reaches more than a billion people in one report: more is a typing slip.
    public static let reachedRange = 0...1_000_000_000
    public static let noteLength = 0...300

    public init(channel: CampaignChannel, reportedOn: CalendarDate, reached: Int, engaged: Int? = nil, note: String = "") {
        self.channel = channel
        self.reportedOn = reportedOn
        self.reached = reached
        self.engaged = engaged
        self.note = note
    }

    /// The fields that cannot be saved: a figure out of range, engaged more than reached, a long note.
    public var problems: [String] {
        var fields: [String] = []
        if !Self.reachedRange.contains(reached) { fields.append("reached") }
        if let engaged, !Self.reachedRange.contains(engaged) || engaged > reached { fields.append("engaged") }
        if !Self.noteLength.contains(note.count) { fields.append("note") }
        return fields
    }
}

/// A marketing campaign of the city's tourism or brand strategy: its goal,
/// channels and dates, the strategy document it serves (a platform link), and
/// the reach reported as it runs. Its reach adds up, year by year, to a figure
/// the strategy's indicators may follow (`visit.campaign_reach`).
public struct MarketingCampaign: Sendable, Equatable, Codable {
    public let id: CampaignID
    public let city: MunicipalityID
    public var title: LocalizedName
    public var goal: LocalizedName
    public var channels: Set<CampaignChannel>
    public var startsOn: CalendarDate
    public var endsOn: CalendarDate
    /// The strategy or programme it serves (a `strategy` link id), if any.
    public var strategy: String?
    public var reach: [CampaignReach]
    public var published: Bool

    public static let titleLength = 3...160
    public static let goalLength = 0...2_000
    /// No campaign runs longer than five years.
    public static let longestDays = 5 * 366
    public static let reportsLimit = 500

    public init(
        id: CampaignID, city: MunicipalityID, title: LocalizedName, goal: LocalizedName, channels: Set<CampaignChannel>, startsOn: CalendarDate,
        endsOn: CalendarDate, strategy: String? = nil, reach: [CampaignReach] = [], published: Bool = true
    ) {
        self.id = id
        self.city = city
        self.title = title
        self.goal = goal
        self.channels = channels
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.strategy = strategy
        self.reach = reach
        self.published = published
    }

    /// The fields that cannot be saved, by the form's names.
    public var problems: [String] {
        var fields = Place.outside(Self.titleLength, title, field: "title") + Place.outside(Self.goalLength, goal, field: "goal")
        if channels.isEmpty { fields.append("channels") }
        if endsOn < startsOn || startsOn.days(until: endsOn) > Self.longestDays { fields.append("endsOn") }
        if reach.count > Self.reportsLimit { fields.append("reach") }
        return fields
    }

    /// Where it stands on a day.
    public enum Phase: String, Sendable { case planned, running, finished }

    public func phase(on day: CalendarDate) -> Phase {
        day < startsOn ? .planned : day > endsOn ? .finished : .running
    }

    /// People reached by each channel, summed over the reports (a channel with no report left out).
    public var reachByChannel: [(channel: CampaignChannel, reached: Int, engaged: Int?)] {
        CampaignChannel.allCases.compactMap { channel in
            let reports = reach.filter { $0.channel == channel }
            guard !reports.isEmpty else { return nil }
            let engaged = reports.compactMap(\.engaged)
            return (channel, Self.sum(reports.map(\.reached)), engaged.isEmpty ? nil : Self.sum(engaged))
        }
    }

    /// People reached by reports dated within a span of days (a calendar year for the strategy's indicator).
    public func reached(from first: CalendarDate, through last: CalendarDate) -> Int {
        Self.sum(reach.filter { $0.reportedOn >= first && $0.reportedOn <= last }.map(\.reached))
    }

    /// A sum that saturates instead of trapping: 500 reports of a billion each stay countable.
    static func sum(_ values: [Int]) -> Int {
        values.reduce(0) { total, value in
            let (result, overflow) = total.addingReportingOverflow(value)
            return overflow ? Int.max : result
        }
    }
}
