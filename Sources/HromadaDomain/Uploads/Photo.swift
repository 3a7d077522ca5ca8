import Foundation

public struct PhotoID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// What a photo or a document (`Attachment`) belongs to, as the module that keeps it names it: a
/// proposed project's pictures of the place, the delivery record's pictures
/// of the work, an object of the property register.
public struct UploadOwner: Hashable, Sendable {
    /// Each module names its own kinds (`budget_project`, `property_object`, …).
    public struct Kind: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
    }

    public let kind: Kind
    public let id: String

    public init(kind: Kind, id: String) {
        self.kind = kind
        self.id = id
    }

}

/// A stored photo's description; its bytes are fetched only to be served.
public struct Photo: Hashable, Sendable {
    public let id: PhotoID
    public let municipalityID: MunicipalityID
    public let owner: UploadOwner
    public let format: ImageFormat
    public let width: Int
    public let height: Int
    public let byteCount: Int
    /// Of the stored (sanitised) bytes; doubles as the HTTP ETag.
    public let sha256: String
    public let caption: String
    public let uploadedBy: AccountID
    public let uploadedAt: Date

    public init(
        id: PhotoID, municipalityID: MunicipalityID, owner: UploadOwner, format: ImageFormat, width: Int, height: Int, byteCount: Int,
        sha256: String, caption: String, uploadedBy: AccountID, uploadedAt: Date
    ) {
        self.id = id
        self.municipalityID = municipalityID
        self.owner = owner
        self.format = format
        self.width = width
        self.height = height
        self.byteCount = byteCount
        self.sha256 = sha256
        self.caption = caption
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
    }
}

public enum PhotoRules {
    /// Enough to show a place or a piece of work; more is a gallery nobody opens.
    public static let maximumPerOwner = 8
    public static let maximumCaption = 200

    public enum Problem: Error, Equatable, Sendable {
        case image(ImageProblem)
        case tooMany
        case captionTooLong
    }

    /// The caption as stored: trimmed, within its limit.
    public static func caption(_ text: String) throws(Problem) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= maximumCaption else { throw .captionTooLong }
        return trimmed
    }

    /// Another photo may join `existing` ones of the same owner.
    public static func checkRoom(existing: Int) throws(Problem) {
        guard existing < maximumPerOwner else { throw .tooMany }
    }
}
