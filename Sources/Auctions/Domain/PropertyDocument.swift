import Foundation
import HromadaDomain

public struct PropertyDocumentID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// A PDF about an object of the register (a technical passport, a valuation
/// report, a lease contract): what bidders read before they bid. The bytes
/// are stored as uploaded and fetched only to be served.
public struct PropertyDocument: Hashable, Sendable {
    public let id: PropertyDocumentID
    public let municipalityID: MunicipalityID
    public let objectID: PropertyObjectID
    public let title: String
    /// Always `application/pdf`: the type comes from the bytes, never the upload's claim.
    public let mediaType: String
    public let byteCount: Int
    /// Of the stored bytes; lets a reader check the copy they downloaded.
    public let sha256: String
    public let uploadedBy: AccountID
    public let uploadedAt: Date

    public init(
        id: PropertyDocumentID, municipalityID: MunicipalityID, objectID: PropertyObjectID, title: String, mediaType: String, byteCount: Int,
        sha256: String, uploadedBy: AccountID, uploadedAt: Date
    ) {
        self.id = id
        self.municipalityID = municipalityID
        self.objectID = objectID
        self.title = title
        self.mediaType = mediaType
        self.byteCount = byteCount
        self.sha256 = sha256
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
    }
}

public enum PropertyDocumentRules {
    public static let mediaType = "application/pdf"
    /// A scanned valuation report runs to a few megabytes; more is a scan at a needless resolution.
    public static let maximumBytes = 10 * 1024 * 1024
    public static let titleLength = 1...200
    /// Enough for a passport, a valuation, a contract and their annexes.
    public static let maximumPerObject = 20

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

    public static func checkRoom(existing: Int) throws(Problem) {
        guard existing < maximumPerObject else { throw .tooMany }
    }
}

/// Where an object of the register stands, from its lots: on auction while
/// a lot runs, sold or leased once a lot's contract is signed, else free.
public enum PropertyStatus: String, Sendable, CaseIterable {
    case free
    case onAuction = "on_auction"
    case leased
    case sold

    public init(lots: [Lot]) {
        let signed = lots.filter { $0.status == .complete }
        if signed.contains(where: { $0.procedure.isPrivatization }) {
            self = .sold
        } else if lots.contains(where: { [.activeTendering, .activeAuction, .activeQualification, .activeAwarded].contains($0.status) }) {
            self = .onAuction
        } else if !signed.isEmpty {
            self = .leased
        } else {
            self = .free
        }
    }
}

extension AuctionProcedure {
    /// Small privatization sells the object; the other procedures lease it.
    public var isPrivatization: Bool {
        switch self {
        case .privatizationEnglish, .privatizationReduced, .privatizationDutch: true
        case .leaseEnglish, .leasePreemptive, .landLease: false
        }
    }

    /// The current tenant's pre-emptive right needs the tenant named on the lot.
    public var needsTenant: Bool { self == .leasePreemptive }
}
