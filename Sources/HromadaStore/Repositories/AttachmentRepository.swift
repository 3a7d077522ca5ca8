import Foundation
import HromadaDomain
import SQLKit

/// Documents (PDFs) of any module's things, with their bytes.
public struct AttachmentRepository: Sendable {
    package let db: any SQLDatabase
    package let dialect: DatabaseDialect

    private static let columns = "id, municipality_id, owner_kind, owner_id, title, media_type, byte_count, sha256, uploaded_by, uploaded_at"

    /// After the owner's other documents. Runs inside the single write that
    /// also counted them, so two uploads never share a place.
    public func insert(_ attachment: Attachment, bytes: [UInt8]) async throws {
        let city = attachment.municipalityID.rawValue, kind = attachment.owner.kind.rawValue, owner = attachment.owner.id
        try await db.raw("""
            INSERT INTO attachments (\(unsafeRaw: Self.columns), position, bytes)
            SELECT \(bind: attachment.id.rawValue), \(bind: city), \(bind: kind), \(bind: owner), \(bind: attachment.title),
                   \(bind: attachment.mediaType), \(bind: attachment.byteCount), \(bind: attachment.sha256),
                   \(bind: attachment.uploadedBy.rawValue), \(bind: attachment.uploadedAt.epochSeconds),
                   (SELECT COALESCE(MAX(position), 0) + 1 FROM attachments
                    WHERE municipality_id = \(bind: city) AND owner_kind = \(bind: kind) AND owner_id = \(bind: owner)),
                   \(bind: Data(bytes))
            """).run()
    }

    /// Oldest first, the order they were added.
    public func attachments(of owner: UploadOwner, in municipality: MunicipalityID) async throws -> [Attachment] {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM attachments
            WHERE municipality_id = \(bind: municipality.rawValue) AND owner_kind = \(bind: owner.kind.rawValue) AND owner_id = \(bind: owner.id)
            ORDER BY position
            """).all().map(Self.decode)
    }

    public func attachment(_ id: AttachmentID, in municipality: MunicipalityID) async throws -> Attachment? {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM attachments WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: municipality.rawValue)
            """).first().map(Self.decode)
    }

    public func bytes(of id: AttachmentID, in municipality: MunicipalityID) async throws -> [UInt8]? {
        try await db.raw("SELECT bytes FROM attachments WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: municipality.rawValue)")
            .first().map { [UInt8](try $0.decode(column: "bytes", as: Data.self)) }
    }

    /// Holds the owner's attachments until the write ends: the count that decides
    /// whether one more fits, and the insert, then happen as one step.
    public func lock(_ owner: UploadOwner, in municipality: MunicipalityID) async throws {
        try await dialect.lockUntilCommit("attachments:\(municipality.rawValue):\(owner.kind.rawValue):\(owner.id)", on: db)
    }

    public func count(of owner: UploadOwner, in municipality: MunicipalityID) async throws -> Int {
        Int(try await db.raw("""
            SELECT COUNT(*) AS n FROM attachments
            WHERE municipality_id = \(bind: municipality.rawValue) AND owner_kind = \(bind: owner.kind.rawValue) AND owner_id = \(bind: owner.id)
            """).first()?.int("n") ?? 0)
    }

    /// Whether a document was there to delete.
    public func delete(_ id: AttachmentID, in municipality: MunicipalityID) async throws -> Bool {
        try await db.raw("""
            DELETE FROM attachments WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: municipality.rawValue) RETURNING id
            """).first() != nil
    }

    static func decode(_ row: any SQLRow) throws -> Attachment {
        Attachment(
            id: .init(rawValue: try row.string("id")), municipalityID: .init(rawValue: try row.string("municipality_id")),
            owner: .init(kind: .init(rawValue: try row.string("owner_kind")), id: try row.string("owner_id")), title: try row.string("title"),
            mediaType: try row.string("media_type"), byteCount: Int(try row.int("byte_count")), sha256: try row.string("sha256"),
            uploadedBy: .init(rawValue: try row.string("uploaded_by")), uploadedAt: try row.date("uploaded_at"))
    }
}
