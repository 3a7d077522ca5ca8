import Foundation
import HromadaDomain
import HromadaStore

/// Comments as a platform service every module's pages use (issue 21):
/// the thing commented on is asked of the module that owns it
/// (`ModuleRegistry.linked`), the rules are `CommentRules`, each write is
/// one transaction that also counts the person's rate limits, and a
/// moderator's decision is audited in it.
public struct CommentService: Sendable {
    package let services: AppServices

    package init(services: AppServices) {
        self.services = services
    }

    /// Why this person may not write here, or nil when they may.
    public enum Barrier: Equatable, Sendable {
        /// The city takes no comments.
        case closed
        case signIn
        case confirmEmail
        /// The city takes comments from its verified residents only.
        case verifyResidency
    }

    /// Whether `account` may comment in `city`, by the city's setting.
    public func barrier(for account: Account?, in city: Municipality) async throws -> Barrier? {
        switch city.settings.commentPolicy {
        case .off: return .closed
        case .signedIn, .verified:
            guard let account else { return .signIn }
            guard account.emailConfirmedAt != nil else { return .confirmEmail }
            guard city.settings.commentPolicy == .verified else { return nil }
            let verified = try await services.store.read { try await $0.residency.find(account: account.id, in: city.id) }
            return verified == nil ? .verifyResidency : nil
        }
    }

    /// The thing `subject` names, if the city has it, runs its module and
    /// residents may discuss it; a thing the city has not is a 404, one
    /// that is not discussed (a goal, not a measure) a 422.
    public func thing(_ subject: CommentSubject, in city: Municipality) async throws -> LinkedThing {
        guard let thing = try await services.modules.linked(subject, in: city, services: services) else {
            throw AppError.notFound
        }
        return try Self.discussable(thing)
    }

    /// The thing itself when residents may discuss it, else a 422.
    static func discussable(_ thing: LinkedThing) throws -> LinkedThing {
        guard thing.isDiscussable else { throw AppError.invalid(code: "comment_not_discussable") }
        return thing
    }

    /// The city's comment `id`, or a 404.
    public func load(_ id: CommentID, in city: Municipality) async throws -> CommentRepository.Listed {
        guard id.rawValue.utf8.count <= 64, let found = try await services.store.read({ try await $0.comments.comment(id, in: city.id) }) else {
            throw AppError.notFound
        }
        return found
    }

    static let postingLimits: [RateLimitRule] = [.commentsPerAccount, .commentsPerAccountDaily]

    /// A new comment, or a reply to `parent`, by the signed-in person, on
    /// `thing` (the city's, as `subject` names it: the caller has looked it up).
    public func post(
        _ subject: CommentSubject, on thing: LinkedThing, parent: CommentID?, body typed: String, city: Municipality, by account: Account?
    ) async throws -> Comment {
        if let barrier = try await barrier(for: account, in: city) { throw Self.appError(barrier) }
        guard let account else { throw AppError.notSignedIn }
        _ = try Self.discussable(thing)
        let body = try Self.checked { () throws(CommentProblem) in try CommentRules.body(typed) }
        var parentID: CommentID?
        if let parent {
            let answered = parent.rawValue.utf8.count <= 64 ? try await services.store.read { try await $0.comments.comment(parent, in: city.id) } : nil
            parentID = try Self.checked { () throws(CommentProblem) in try CommentRules.parent(of: subject, answering: answered?.comment) }
        }
        let now = services.clock.now()
        let comment = Comment(
            id: .random(), municipalityID: city.id, subject: subject, parentID: parentID, authorID: account.id, body: body, createdAt: now)
        let limits = Self.postingLimits.map { ($0, account.id.rawValue) }
        let wait = try await services.store.write { tx -> Int? in
            if let wait = try await RateLimiter.hit(limits, in: tx, at: now) { return wait }
            try await tx.comments.add(comment)
            return nil
        }
        try RateLimiter.enforce(wait)
        return comment
    }

    /// The author's correction within the edit window.
    public func edit(_ id: CommentID, body typed: String, city: Municipality, by account: Account?) async throws -> Comment {
        guard let account else { throw AppError.notSignedIn }
        var comment = try await load(id, in: city).comment
        let now = services.clock.now()
        try Self.checked { () throws(CommentProblem) in try CommentRules.checkEditable(comment, by: account.id, at: now) }
        let body = try Self.checked { () throws(CommentProblem) in try CommentRules.body(typed) }
        let since = CommentRules.editableSince(now), limits = Self.postingLimits.map { ($0, account.id.rawValue) }
        enum Outcome: Sendable { case edited, refused, limited(Int) }
        let outcome = try await services.store.write { tx -> Outcome in
            if let wait = try await RateLimiter.hit(limits, in: tx, at: now) { return .limited(wait) }
            return try await tx.comments.edit(id, in: city.id, by: account.id, body: body, at: now, writtenSince: since) ? .edited : .refused
        }
        switch outcome {
        case .edited: break
        // Hidden or out of its window between the read and the write.
        case .refused: throw Self.appError(.editWindowClosed)
        case .limited(let wait): throw AppError.rateLimited(retryAfter: max(1, wait))
        }
        comment.body = body
        comment.editedAt = now
        return comment
    }

    /// A reader's flag; a second flag by the same person changes nothing.
    @discardableResult
    public func flag(_ id: CommentID, city: Municipality, by account: Account?) async throws -> Comment {
        guard let account else { throw AppError.notSignedIn }
        let comment = try await load(id, in: city).comment
        try Self.checked { () throws(CommentProblem) in try CommentRules.checkFlaggable(comment, by: account.id) }
        let now = services.clock.now(), limits = [(RateLimitRule.flagsPerAccount, account.id.rawValue)]
        let wait = try await services.store.write { tx -> Int? in
            if let wait = try await RateLimiter.hit(limits, in: tx, at: now) { return wait }
            _ = try await tx.comments.flag(id, in: city.id, by: account.id, at: now)
            return nil
        }
        try RateLimiter.enforce(wait)
        return comment
    }

    /// A moderator of this city hides a comment with a reason the author will read.
    @discardableResult
    public func hide(_ id: CommentID, reason typed: String, city: Municipality, by principal: Principal?) async throws -> Comment {
        let principal = try requireStaff(.moderateComments, principal, in: city.id)
        let comment = try await load(id, in: city).comment
        try Self.checked { () throws(CommentProblem) in try CommentRules.checkHideable(comment) }
        let reason = try Self.checked { () throws(CommentProblem) in try CommentRules.reason(typed) }
        let now = services.clock.now()
        let entry = try services.audit.entry(
            action: AuditAction.commentHidden, actor: principal.accountID, municipality: city.id, subject: comment.id.rawValue,
            details: Self.auditDetails(comment, reason: reason))
        let hidden = try await services.store.write { tx -> Bool in
            guard try await tx.comments.hide(id, in: city.id, reason: reason, by: principal.accountID, at: now) else { return false }
            try await tx.audit.append(entry)
            return true
        }
        guard hidden else { throw Self.appError(.alreadyHidden) }
        return comment
    }

    /// A moderator shows a hidden comment again.
    @discardableResult
    public func unhide(_ id: CommentID, city: Municipality, by principal: Principal?) async throws -> Comment {
        let principal = try requireStaff(.moderateComments, principal, in: city.id)
        let comment = try await load(id, in: city).comment
        try Self.checked { () throws(CommentProblem) in try CommentRules.checkUnhideable(comment) }
        let entry = try services.audit.entry(
            action: AuditAction.commentUnhidden, actor: principal.accountID, municipality: city.id, subject: comment.id.rawValue,
            details: Self.auditDetails(comment, reason: nil))
        let shown = try await services.store.write { tx -> Bool in
            guard try await tx.comments.unhide(id, in: city.id) else { return false }
            try await tx.audit.append(entry)
            return true
        }
        guard shown else { throw Self.appError(.notHidden) }
        return comment
    }

    /// What the log keeps of a decision: the thing, the reason, and a hash
    /// of the text (so the chain vouches for what was hidden without
    /// holding it). No author: the moderator's pseudonym is the only person.
    static func auditDetails(_ comment: Comment, reason: String?) -> [String: String] {
        var details = ["kind": comment.subject.kind, "thing": comment.subject.id, "content": AuditEntry.hash(comment.body)]
        if let reason { details["reason"] = reason }
        return details
    }

    // MARK: Errors, in one place

    static func checked<T>(_ body: () throws(CommentProblem) -> T) throws(AppError) -> T {
        do {
            return try body()
        } catch {
            throw appError(error)
        }
    }

    package static func appError(_ problem: CommentProblem) -> AppError {
        switch problem {
        case .empty: .invalid(code: "comment_empty", field: "body")
        case .tooLong: .invalid(code: "comment_too_long", field: "body")
        case .tooManyLines: .invalid(code: "comment_too_many_lines", field: "body")
        case .parentElsewhere: .invalid(code: "comment_parent_elsewhere", field: "parent")
        case .editWindowClosed: .invalid(code: "comment_edit_window_closed")
        case .notAuthor: .notFound
        case .hidden: .invalid(code: "comment_hidden")
        case .ownComment: .invalid(code: "comment_own")
        case .reasonLength: .invalid(code: "comment_reason_length", field: "reason")
        case .notHidden: .conflict(code: "comment_not_hidden")
        case .alreadyHidden: .conflict(code: "comment_already_hidden")
        }
    }

    package static func appError(_ barrier: Barrier) -> AppError {
        switch barrier {
        case .closed: .invalid(code: "comments_closed")
        case .signIn: .invalid(code: "comment_sign_in")
        case .confirmEmail: .invalid(code: "comment_confirm_email")
        case .verifyResidency: .invalid(code: "comment_residents_only")
        }
    }
}
