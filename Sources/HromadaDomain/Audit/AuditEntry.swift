import Crypto
import Foundation

/// One state change that matters: a vote, signature, bid, moderation decision
/// or role grant. Written in the same transaction as the change itself.
/// People appear only by pseudonym, so erasing personal data leaves the chain intact.
public struct AuditEntry: Hashable, Codable, Sendable {
    public var id: AuditEntryID
    public var municipalityID: MunicipalityID?
    /// A pseudonym of the person about this entry's subject (`KeyRing.pseudonym(of:about:)`), or `system`.
    public var actor: String
    public var action: String
    /// What was acted on, as an opaque id.
    public var subject: String
    /// Extra facts as compact JSON, never personal data.
    public var details: String
    public var occurredAt: Date

    public init(
        id: AuditEntryID = .random(), municipalityID: MunicipalityID?, actor: String, action: String,
        subject: String, details: String = "{}", occurredAt: Date
    ) {
        self.id = id
        self.municipalityID = municipalityID
        self.actor = actor
        self.action = action
        self.subject = subject
        self.details = details
        self.occurredAt = occurredAt
    }

    /// A SHA-256 fingerprint of some content, so the chain can vouch for it without holding it.
    public static func hash(_ content: String) -> String { AuditHashing.digest(["content/v1", content]) }

    /// SHA-256 over length-prefixed fields: no two different entries can
    /// serialise alike, whatever characters their fields hold.
    public var contentHash: String {
        AuditHashing.digest([
            "entry/v1", id.rawValue, municipalityID?.rawValue ?? "", actor, action, subject, details,
            String(occurredAt.epochSeconds),
        ])
    }
}

/// An entry with its content hash worked out, so a hot write hashes it
/// before it joins the single writer's queue rather than inside it (issue 25).
public struct HashedAuditEntry: Sendable {
    public let entry: AuditEntry
    public let contentHash: String

    public init(_ entry: AuditEntry) {
        self.entry = entry
        contentHash = entry.contentHash
    }
}

/// Well-known audit actions, so the log reads the same everywhere.
public enum AuditAction {
    /// Entries the public page of recent entries never lists, though the chain
    /// holds and proves them: one per bidder on a lot still taking closed bids,
    /// so listing them would count the bidders before the deadline.
    public static let withheldFromPublicList: Set<String> = [auctionBidEntered, auctionPaymentRecorded]

    public static let accountRegistered = "account.registered"
    public static let roleGranted = "role.granted"
    public static let roleRevoked = "role.revoked"
    /// An oblast role or capability granted or revoked (by a platform admin);
    /// `details` names the oblast and the grant, the subject is the grantee's
    /// pseudonym about that oblast's roles.
    public static let oblastRoleGranted = "oblast.role_granted"
    public static let oblastRoleRevoked = "oblast.role_revoked"
    public static let residencyVerified = "residency.verified"
    public static let residencyConflict = "residency.conflict"
    public static let settingsChanged = "municipality.settings_changed"
    /// A city's or an oblast's brand saved; `details` names the owner and the new version.
    public static let brandChanged = "brand.changed"
}

enum AuditHashing {
    package static func digest(_ fields: [String]) -> String {
        var hasher = SHA256()
        for field in fields {
            let bytes = Array(field.utf8)
            hasher.update(data: Array("\(bytes.count):".utf8))
            hasher.update(data: bytes)
        }
        return Hex.encode(hasher.finalize())
    }
}

extension AuditAction {
    public static let budgetEditionCreated = "budget.edition_created"
    public static let budgetEditionChanged = "budget.edition_changed"
    public static let budgetProjectSubmitted = "budget.project_submitted"
    public static let budgetProjectReviewed = "budget.project_reviewed"
    /// This person took part (by pseudonym); says nothing of the choices.
    public static let budgetParticipated = "budget.participated"
    /// An anonymous ballot (by receipt and content hash); says nothing of the voter.
    public static let budgetBallotCast = "budget.ballot_cast"
    public static let budgetResultsPublished = "budget.results_published"
    public static let budgetCoauthorAdded = "budget.coauthor_added"
    public static let budgetCoauthorRemoved = "budget.coauthor_removed"
    public static let petitionFiled = "petition.filed"
    public static let petitionSubmitted = "petition.submitted"
    public static let petitionWithdrawn = "petition.withdrawn"
    public static let petitionPublished = "petition.published"
    public static let petitionRejected = "petition.rejected"
    /// A signature, by the signer's pseudonym.
    public static let petitionSigned = "petition.signed"
    /// An email signer followed the mailed link; the signature counts from now.
    public static let petitionSignatureConfirmed = "petition.signature_confirmed"
    public static let petitionSignaturesInvalidated = "petition.signatures_invalidated"
    public static let petitionAnswered = "petition.answered"
    /// A change the clock made: threshold reached, collection closed.
    public static let petitionChanged = "petition.changed"
    public static let propertyRecorded = "property.recorded"
    public static let lotAnnounced = "auction.lot_announced"
    /// A closed bid entered or changed (its amount stays sealed until the auction).
    public static let auctionBidEntered = "auction.bid_entered"
    public static let auctionPaymentRecorded = "auction.payment_recorded"
    /// A raise, pass or match in the live auction.
    public static let auctionMove = "auction.move"
    public static let auctionStatusChanged = "auction.status_changed"
    public static let auctionAwardDecided = "auction.award_decided"
    /// A Prozorro.Sale result applied to a lot: its awards and status.
    public static let auctionResultImported = "auction.result_imported"
    /// The recount found the counters off and set them to the signatures counted.
    public static let petitionRecounted = "petition.recounted"
    /// One client address signed more than the city's hourly limit.
    public static let petitionAddressTrending = "petition.address_trending"
    public static let photoAdded = "photo.added"
    public static let photoRemoved = "photo.removed"
    public static let attachmentAdded = "attachment.added"
    public static let attachmentRemoved = "attachment.removed"
    /// A PDF added to an object of the property register.
}

extension AuditAction {
    /// A moderator hid a comment; `details` hold the reason, the thing it is
    /// on and a hash of its text (never the text), the actor the moderator's pseudonym.
    public static let commentHidden = "comment.hidden"
    public static let commentUnhidden = "comment.unhidden"
}
