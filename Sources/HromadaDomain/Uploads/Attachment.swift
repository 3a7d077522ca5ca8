import Foundation

public struct AttachmentID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// A PDF attached to a thing of any module (a technical passport or a
/// valuation report of an object of the property register, a site's
/// cadastral extract or its detailed plan): what a bidder or an investor
/// reads before they decide. The bytes are stored as uploaded (a PDF cannot
/// be cleaned the way a photo is, so it is only ever served as a download)
/// and fetched only to be served.
public struct Attachment: Hashable, Sendable {
    public let id: AttachmentID
    public let municipalityID: MunicipalityID
    public let owner: UploadOwner
    public let title: String
    /// Always `application/pdf`: the type comes from the bytes, never the upload's claim.
    public let mediaType: String
    public let byteCount: Int
    /// Of the stored bytes; lets a reader check the copy they downloaded.
    public let sha256: String
    public let uploadedBy: AccountID
    public let uploadedAt: Date

    public init(
        id: AttachmentID, municipalityID: MunicipalityID, owner: UploadOwner, title: String, mediaType: String, byteCount: Int, sha256: String,
        uploadedBy: AccountID, uploadedAt: Date
    ) {
        self.id = id
        self.municipalityID = municipalityID
        self.owner = owner
        self.title = title
        self.mediaType = mediaType
        self.byteCount = byteCount
        self.sha256 = sha256
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
    }
}

public enum AttachmentRules {
    public static let mediaType = "application/pdf"
    /// A scanned valuation report runs to a few megabytes; more is a scan at a needless resolution.
    public static let maximumBytes = 10 * 1024 * 1024
    public static let titleLength = 1...200
    /// Enough for a passport, a valuation, a contract and their annexes.
    public static let maximumPerOwner = 20

    public enum Problem: Error, Equatable, Sendable {
        case empty
        case tooLarge
        /// The bytes do not start as a PDF does (`%PDF-`), whatever the name says.
        case notPDF
        case titleLength
        case tooMany
    }

    /// Checks the file by its own bytes: a PDF starts with `%PDF-` (ISO 32000-1, 7.5.2).
    public static func check(_ bytes: [UInt8]) throws(Problem) {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= maximumBytes else { throw .tooLarge }
        guard bytes.starts(with: Array("%PDF-".utf8)) else { throw .notPDF }
    }

    /// The title as stored: trimmed, within its limits.
    public static func title(_ text: String) throws(Problem) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard titleLength.contains(trimmed.count) else { throw .titleLength }
        return trimmed
    }

    /// Another document may join `existing` ones of the same owner.
    public static func checkRoom(existing: Int) throws(Problem) {
        guard existing < maximumPerOwner else { throw .tooMany }
    }
}
