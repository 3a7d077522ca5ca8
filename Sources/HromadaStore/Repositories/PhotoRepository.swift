import Foundation
import HromadaDomain
import SQLKit

/// Sanitised photos, stored in the database with their description.
public struct PhotoRepository: Sendable {
    package let db: any SQLDatabase
    package let dialect: DatabaseDialect

    private static let columns = "id, municipality_id, owner_kind, owner_id, media_type, width, height, byte_count, sha256, caption, uploaded_by, uploaded_at"

    /// After the owner's other photos. Runs inside the single write that
    /// also counted them, so two uploads never share a place.
    public func insert(_ photo: Photo, bytes: [UInt8]) async throws {
        try await db.raw("""
            INSERT INTO uploads (\(unsafeRaw: Self.columns), position, bytes)
            SELECT \(bind: photo.id.rawValue), \(bind: photo.municipalityID.rawValue), \(bind: photo.owner.kind.rawValue),
                    \(bind: photo.owner.id), \(bind: photo.format.mediaType), \(bind: photo.width), \(bind: photo.height),
                    \(bind: photo.byteCount), \(bind: photo.sha256), \(bind: photo.caption), \(bind: photo.uploadedBy.rawValue),
                    \(bind: photo.uploadedAt.epochSeconds),
                   (SELECT COALESCE(MAX(position), 0) + 1 FROM uploads
                    WHERE municipality_id = \(bind: photo.municipalityID.rawValue) AND owner_kind = \(bind: photo.owner.kind.rawValue)
                      AND owner_id = \(bind: photo.owner.id)),
                   \(bind: Data(bytes))
            """).run()
    }

    /// Oldest first, the order they were added.
    public func photos(of owner: UploadOwner, in municipality: MunicipalityID) async throws -> [Photo] {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM uploads
            WHERE municipality_id = \(bind: municipality.rawValue) AND owner_kind = \(bind: owner.kind.rawValue) AND owner_id = \(bind: owner.id)
            ORDER BY position
            """).all().map(Self.decode)
    }

    /// Every photo of these owners' kind in a city, by owner id: one query for a page of cards.
    public func photos(of kind: UploadOwner.Kind, ids: [String], in municipality: MunicipalityID) async throws -> [String: [Photo]] {
        guard !ids.isEmpty else { return [:] }
        let photos = try await db.select().column(SQLRaw(Self.columns)).from("uploads")
            .where("municipality_id", .equal, municipality.rawValue)
            .where("owner_kind", .equal, kind.rawValue)
            .where("owner_id", .in, ids)
            .orderBy("position")
            .all().map(Self.decode)
        return Dictionary(grouping: photos, by: \.owner.id)
    }

    public func photo(_ id: PhotoID, in municipality: MunicipalityID) async throws -> Photo? {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM uploads WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: municipality.rawValue)
            """).first().map(Self.decode)
    }

    public func bytes(of id: PhotoID, in municipality: MunicipalityID) async throws -> [UInt8]? {
        try await db.raw("SELECT bytes FROM uploads WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: municipality.rawValue)")
            .first().map { [UInt8](try $0.decode(column: "bytes", as: Data.self)) }
    }

    /// A smaller copy of a photo: its size and hash, and its bytes.
    public struct StoredVariant: Sendable, Equatable {
        public let width: Int
        public let height: Int
        public let sha256: String
        public let bytes: [UInt8]

        public init(width: Int, height: Int, sha256: String, bytes: [UInt8]) {
            self.width = width
            self.height = height
            self.sha256 = sha256
            self.bytes = bytes
        }
    }

    /// Stores copies of a photo; one made meanwhile by another request (the same bytes) is kept,
    /// and a photo removed meanwhile gets none (no foreign-key error for a reader's request).
    public func insertVariants(_ variants: [StoredVariant], of id: PhotoID) async throws {
        for variant in variants {
            try await db.raw("""
                INSERT INTO photo_variants (upload_id, width, height, byte_count, sha256, bytes)
                SELECT \(bind: id.rawValue), \(bind: variant.width), \(bind: variant.height), \(bind: variant.bytes.count),
                       \(bind: variant.sha256), \(bind: Data(variant.bytes))
                WHERE EXISTS (SELECT 1 FROM uploads WHERE id = \(bind: id.rawValue))
                ON CONFLICT (upload_id, width) DO NOTHING
                """).run()
        }
    }

    /// The copy of `width` pixels of a photo in the city, if one was made.
    public func variant(of id: PhotoID, width: Int, in municipality: MunicipalityID) async throws -> StoredVariant? {
        try await db.raw("""
            SELECT v.width, v.height, v.sha256, v.bytes FROM photo_variants v JOIN uploads u ON u.id = v.upload_id
            WHERE v.upload_id = \(bind: id.rawValue) AND v.width = \(bind: width) AND u.municipality_id = \(bind: municipality.rawValue)
            """).first().map {
            StoredVariant(
                width: Int(try $0.int("width")), height: Int(try $0.int("height")), sha256: try $0.string("sha256"),
                bytes: [UInt8](try $0.decode(column: "bytes", as: Data.self)))
        }
    }

    /// Holds the owner's photos until the write ends: the count that decides
    /// whether one more fits, and the insert, then happen as one step.
    public func lock(_ owner: UploadOwner, in municipality: MunicipalityID) async throws {
        try await dialect.lockUntilCommit("photos:\(municipality.rawValue):\(owner.kind.rawValue):\(owner.id)", on: db)
    }

    public func count(of owner: UploadOwner, in municipality: MunicipalityID) async throws -> Int {
        Int(try await db.raw("""
            SELECT COUNT(*) AS n FROM uploads
            WHERE municipality_id = \(bind: municipality.rawValue) AND owner_kind = \(bind: owner.kind.rawValue) AND owner_id = \(bind: owner.id)
            """).first()?.int("n") ?? 0)
    }

    /// Whether a photo was there to delete.
    public func delete(_ id: PhotoID, in municipality: MunicipalityID) async throws -> Bool {
        try await db.raw("""
            DELETE FROM uploads WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: municipality.rawValue) RETURNING id
            """).first() != nil
    }

    package static func decode(_ row: any SQLRow) throws -> Photo {
        let mediaType = try row.string("media_type")
        let kind = UploadOwner.Kind(rawValue: try row.string("owner_kind"))
        guard let format = ImageFormat.allCases.first(where: { $0.mediaType == mediaType })
        else { throw StoreError.unexpectedResult("upload of type \(mediaType)") }
        return Photo(
            id: .init(rawValue: try row.string("id")), municipalityID: .init(rawValue: try row.string("municipality_id")),
            owner: .init(kind: kind, id: try row.string("owner_id")), format: format, width: Int(try row.int("width")),
            height: Int(try row.int("height")), byteCount: Int(try row.int("byte_count")), sha256: try row.string("sha256"),
            caption: try row.string("caption"), uploadedBy: .init(rawValue: try row.string("uploaded_by")),
            uploadedAt: try row.date("uploaded_at"))
    }
}
