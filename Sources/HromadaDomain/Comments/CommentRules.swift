import Foundation

/// Why a comment, an edit, a flag or a moderator's decision is refused,
/// one case per rule; the web layer says each in the reader's language.
public enum CommentProblem: Error, Equatable, Sendable {
    /// Nothing but spaces and line breaks.
    case empty
    /// Over `CommentRules.maximumLength` characters.
    case tooLong
    /// Over `CommentRules.maximumLines` lines.
    case tooManyLines
    /// The comment answered is not on this thing (or does not exist).
    case parentElsewhere
    /// Edits are taken for `CommentRules.editWindow` after writing.
    case editWindowClosed
    /// Only the author edits a comment.
    case notAuthor
    /// A hidden comment is neither edited nor flagged.
    case hidden
    /// A flag asks a moderator about someone else's comment, never one's own.
    case ownComment
    /// The moderator's reason is required, 3 to 500 characters.
    case reasonLength
    /// Unhiding a comment that is not hidden, hiding one that is.
    case notHidden
    case alreadyHidden
}

/// The rules of comments (issue 21), pure: the service applies them, the
/// store checks the ones a race could slip past (the edit window, one flag
/// per person) again in SQL.
public enum CommentRules {
    public static let maximumLength = 2_000
    public static let maximumLines = 50
    /// The author may correct a comment for 15 minutes after writing it.
    public static let editWindow: TimeInterval = 15 * 60
    public static let reasonLength = 3...500

    /// The body as stored: line breaks made `\n`, control characters other
    /// than line breaks and tabs dropped (PostgreSQL refuses NUL in text),
    /// surrounding blanks trimmed; refused when empty, too long or of too many lines.
    public static func body(_ typed: String) throws(CommentProblem) -> String {
        let clean = Self.clean(typed)
        guard !clean.isEmpty else { throw .empty }
        guard clean.count <= maximumLength else { throw .tooLong }
        guard clean.split(separator: "\n", omittingEmptySubsequences: false).count <= maximumLines else { throw .tooManyLines }
        return clean
    }

    static func clean(_ typed: String) -> String {
        let unified = typed.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var scalars = String.UnicodeScalarView()
        for scalar in unified.unicodeScalars where scalar == "\n" || scalar == "\t" || !(scalar.properties.generalCategory == .control) {
            scalars.append(scalar)
        }
        return String(scalars).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The comment a reply hangs under. Replies are one level deep:
    /// answering a reply answers its top-level comment, so what was written
    /// is kept and the thread stays flat. The parent must be on the same thing.
    public static func parent(of reply: CommentSubject, answering answered: Comment?) throws(CommentProblem) -> CommentID {
        guard let answered, answered.subject == reply else { throw .parentElsewhere }
        return answered.parentID ?? answered.id
    }

    /// The author may edit within the window, and not once a moderator hid it.
    public static func checkEditable(_ comment: Comment, by account: AccountID, at now: Date) throws(CommentProblem) {
        guard comment.authorID == account else { throw .notAuthor }
        guard !comment.isHidden else { throw .hidden }
        guard isWithinEditWindow(comment, at: now) else { throw .editWindowClosed }
    }

    public static func isWithinEditWindow(_ comment: Comment, at now: Date) -> Bool {
        now.timeIntervalSince(comment.createdAt) <= editWindow
    }

    /// The earliest writing time still editable at `now`: what the store's UPDATE checks.
    public static func editableSince(_ now: Date) -> Date { now.addingTimeInterval(-editWindow) }

    /// A hidden comment is out of the public's sight: nothing to flag.
    public static func checkFlaggable(_ comment: Comment, by reader: AccountID) throws(CommentProblem) {
        guard !comment.isHidden else { throw .hidden }
        guard comment.authorID != reader else { throw .ownComment }
    }

    /// The moderator's reason, trimmed: required, 3 to 500 characters.
    public static func reason(_ typed: String) throws(CommentProblem) -> String {
        let reason = clean(typed)
        guard reasonLength.contains(reason.count) else { throw .reasonLength }
        return reason
    }

    public static func checkHideable(_ comment: Comment) throws(CommentProblem) {
        guard !comment.isHidden else { throw .alreadyHidden }
    }

    public static func checkUnhideable(_ comment: Comment) throws(CommentProblem) {
        guard comment.isHidden else { throw .notHidden }
    }
}
