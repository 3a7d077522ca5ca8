import Foundation
import HromadaDomain
import HromadaStore
import SQLKit

/// The PDFs of the register's objects, with their bytes.
public struct PropertyDocumentRepository: Sendable {
    let db: any SQLDatabase

    private static let columns = "id, municipality_id, object_id, title, media_type, byte_count, sha256, uploaded_by, uploaded_at"

    /// After the object's other documents. Runs inside the single write that
    /// also counted them, so two uploads never share a place.
    public func insert(_ document: PropertyDocument, bytes: [UInt8]) async throws {
        let city = document.municipalityID.rawValue, object = document.objectID.rawValue
        try await db.raw("""
            INSERT INTO property_documents (\(unsafeRaw: Self.columns), position, bytes)
            SELECT \(bind: document.id.rawValue), \(bind: city), \(bind: object), \(bind: document.title), \(bind: document.mediaType),
                   \(bind: document.byteCount), \(bind: document.sha256), \(bind: document.uploadedBy.rawValue), \(bind: document.uploadedAt.epochSeconds),
                   (SELECT COALESCE(MAX(position), 0) + 1 FROM property_documents WHERE municipality_id = \(bind: city) AND object_id = \(bind: object)),
                   \(bind: Data(bytes))
            """).run()
    }

    /// Oldest first, the order they were added.
    public func documents(of object: PropertyObjectID, in municipality: MunicipalityID) async throws -> [PropertyDocument] {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM property_documents
            WHERE municipality_id = \(bind: municipality.rawValue) AND object_id = \(bind: object.rawValue)
            ORDER BY position
            """).all().map(Self.decode)
    }

    public func document(_ id: PropertyDocumentID, in municipality: MunicipalityID) async throws -> PropertyDocument? {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM property_documents WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: municipality.rawValue)
            """).first().map(Self.decode)
    }

    public func bytes(of id: PropertyDocumentID, in municipality: MunicipalityID) async throws -> [UInt8]? {
        try await db.raw("SELECT bytes FROM property_documents WHERE id = \(bind: id.rawValue) AND municipality_id = \(bind: municipality.rawValue)")
            .first().map { [UInt8](try $0.decode(column: "bytes", as: Data.self)) }
    }

    public func count(of object: PropertyObjectID, in municipality: MunicipalityID) async throws -> Int {
        Int(try await db.raw("""
            SELECT COUNT(*) AS n FROM property_documents
            WHERE municipality_id = \(bind: municipality.rawValue) AND object_id = \(bind: object.rawValue)
            """).first()?.int("n") ?? 0)
    }

    static func decode(_ row: any SQLRow) throws -> PropertyDocument {
        PropertyDocument(
            id: .init(rawValue: try row.string("id")), municipalityID: .init(rawValue: try row.string("municipality_id")),
            objectID: .init(rawValue: try row.string("object_id")), title: try row.string("title"), mediaType: try row.string("media_type"),
            byteCount: Int(try row.int("byte_count")), sha256: try row.string("sha256"), uploadedBy: .init(rawValue: try row.string("uploaded_by")),
            uploadedAt: try row.date("uploaded_at"))
    }
}
