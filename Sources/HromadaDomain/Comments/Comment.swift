import Foundation

public struct CommentID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// What a comment is on, named as links name things: a kind
/// (`budget_project`, `petition`, `strategy_node`) and the owner's id of it
/// (`documentID/nodeID` for a strategy's node). The platform keeps only the
/// two strings; the module that owns the thing answers whether it exists
/// and may be discussed.
public typealias CommentSubject = ThingReference

/// A resident's comment on a thing of the city, or a reply to one (one
/// level deep: a reply's parent is always a top-level comment).
public struct Comment: Hashable, Sendable {
    /// A moderator's decision to hide the comment: the public sees that it
    /// was hidden, the author and moderators see the reason.
    public struct Hiding: Hashable, Sendable {
        public let reason: String
        public let by: AccountID
        public let at: Date

        public init(reason: String, by: AccountID, at: Date) {
            self.reason = reason
            self.by = by
            self.at = at
        }
    }

    public let id: CommentID
    public let municipalityID: MunicipalityID
    public let subject: CommentSubject
    /// The top-level comment this one answers, or nil for a top-level one.
    public let parentID: CommentID?
    public let authorID: AccountID
    public var body: String
    public let createdAt: Date
    public var editedAt: Date?
    public var hidden: Hiding?
    /// How many people flagged it (each at most once).
    public var flagCount: Int

    public init(
        id: CommentID, municipalityID: MunicipalityID, subject: CommentSubject, parentID: CommentID?, authorID: AccountID, body: String,
        createdAt: Date, editedAt: Date? = nil, hidden: Hiding? = nil, flagCount: Int = 0
    ) {
        self.id = id
        self.municipalityID = municipalityID
        self.subject = subject
        self.parentID = parentID
        self.authorID = authorID
        self.body = body
        self.createdAt = createdAt
        self.editedAt = editedAt
        self.hidden = hidden
        self.flagCount = flagCount
    }

    public var isTopLevel: Bool { parentID == nil }
    public var isHidden: Bool { hidden != nil }
}

/// Who may comment in a city: a platform setting of each city
/// (`MunicipalitySettings.commentPolicy`).
public enum CommentPolicy: String, Codable, CaseIterable, Sendable {
    /// Residents verified in this city (the default).
    case verified
    /// Any signed-in account whose email is confirmed.
    case signedIn = "signed_in"
    /// Nobody: the city's pages show the comments there are, and no form.
    case off
}
