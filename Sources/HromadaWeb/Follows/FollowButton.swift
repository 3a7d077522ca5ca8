import Foundation
import HromadaDomain
import HromadaStore

/// The follow button a module's page shows for one of its things
/// (`{{#page.follow}}{{> follow}}{{/page.follow}}`): follow or stop
/// following for a signed-in reader, a way to sign in for anyone else, and
/// how many follow it.
public struct FollowButton: Sendable {
    let action: String
    let kind: String
    let id: String
    let back: String
    let following: Bool
    let signedIn: Bool
    let loginURL: String
    /// "Стежать: 3", or nil while nobody does.
    let followers: String?

    /// The button for the thing `id` of `kind` on the page at `path`; nil for
    /// a kind nobody follows.
    public static func make(
        _ kind: LinkKind, id: String, in city: Municipality, path: String, context: AppRequestContext, services: AppServices
    ) async throws -> FollowButton? {
        guard Followable.kinds.contains(kind) else { return nil }
        let target = FollowTarget(kind, id: id)
        let (following, count) = try await services.store.read { tx in
            (try await context.account.asyncFlatMap { try await tx.follows.isFollowing(target, in: city.id, by: $0.id) } ?? false,
             try await tx.follows.followers(of: target, in: city.id))
        }
        return FollowButton(
            action: "/\(city.slug.rawValue)/follow", kind: kind.rawValue, id: id, back: path, following: following,
            signedIn: context.isSignedIn, loginURL: "/login?next=\(path)",
            followers: count == 0 ? nil : services.localizer.string("follow.followers", context.language, ["count": String(count)]))
    }
}
