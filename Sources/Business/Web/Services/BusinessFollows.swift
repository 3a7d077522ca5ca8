import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// A published call as a thing residents follow (`LinkKind.businessCall`):
/// they hear when it opens and closes (by its dates, the platform asks the
/// schedule) and when its list is published (recorded with the decision).
enum BusinessFollows {
    static let opens = "business.follow.opens"
    static let closes = "business.follow.closes"
    static let decided = "business.follow.decided"

    static let call = LinkTarget(
        kind: .businessCall,
        resolve: { id, city, services in
            guard let call = try await services.store.read({ try await $0.supportCalls.call(SupportCallID(rawValue: id), in: city.id) })?.call,
                  call.publishedAt != nil else { return nil }
            return thing(call, in: city, at: services.clock.now())
        },
        choices: { city, limit, services in
            let now = services.clock.now()
            return try await services.store.read { try await $0.supportCalls.calls(in: city.id, limit: max(0, limit)) }.map { thing($0.call, in: city, at: now) }
        })

    static func thing(_ call: SupportCall, in city: Municipality, at instant: Date) -> LinkedThing {
        let phase = call.phase(at: instant)
        return LinkedThing(
            kind: .businessCall, id: call.id.rawValue, title: call.title.uk, path: "/\(city.slug.rawValue)/business/calls/\(call.id.rawValue)",
            statusKey: "business.phase.\(phase.rawValue)", isActive: phase == .announced || phase == .open, englishTitle: call.title.en)
    }

    /// A published call opens and closes on its dates without anyone writing.
    static let schedule = FollowSchedule { city, _, _, services in
        try await services.store.read { try await $0.supportCalls.calls(in: city.id) }.flatMap { stored -> [FollowEvent] in
            let call = stored.call
            let target = FollowTarget(.businessCall, id: call.id.rawValue)
            return [
                FollowEvent.scheduled(in: city.id, what: opens, detail: nil, about: target, at: call.opensAt),
                FollowEvent.scheduled(in: city.id, what: closes, detail: nil, about: target, at: call.closesAt),
            ]
        }
    }

    static func listPublished(_ call: SupportCall, at instant: Date) -> FollowEvent {
        FollowEvent(in: call.city, what: decided, detail: nil, about: FollowTarget(.businessCall, id: call.id.rawValue), at: instant)
    }
}
