import Crypto
import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird

/// Stores, removes and serves the documents (PDFs) of any module's things,
/// as `Photos` does their pictures. Who may add one is the module's
/// question, asked before it calls here.
public struct Attachments: Sendable {
    package let services: AppServices

    /// Checks a PDF by its own bytes and stores it under `owner`; the audit entry names the owner and the hash.
    public func add(_ file: UploadedFile?, title: String, to owner: UploadOwner, city: Municipality, by account: AccountID) async throws -> Attachment {
        let bytes = file?.bytes ?? []
        let cleanTitle: String
        do {
            cleanTitle = try AttachmentRules.title(title)
            try AttachmentRules.check(bytes)
        } catch {
            throw Self.appError(error)
        }
        let attachment = Attachment(
            id: .random(), municipalityID: city.id, owner: owner, title: cleanTitle, mediaType: AttachmentRules.mediaType, byteCount: bytes.count,
            sha256: Hex.encode(SHA256.hash(data: bytes)), uploadedBy: account, uploadedAt: services.clock.now())
        let audit = services.audit
        // Counting and inserting in one write: two uploads at once cannot both take the last place.
        let stored = try await services.store.write { tx -> Bool in
            try await tx.attachments.lock(owner, in: city.id)
            // A database error is thrown, not taken for a full owner.
            let existing = try await tx.attachments.count(of: owner, in: city.id)
            guard (try? AttachmentRules.checkRoom(existing: existing)) != nil else { return false }
            try await tx.attachments.insert(attachment, bytes: bytes)
            try await audit.record(
                tx, action: AuditAction.attachmentAdded, actor: account, municipality: city.id, subject: attachment.id.rawValue,
                details: ["owner": "\(owner.kind.rawValue):\(owner.id)", "sha256": attachment.sha256])
            return true
        }
        guard stored else { throw Self.appError(.tooMany) }
        return attachment
    }

    public func remove(_ id: AttachmentID, of owner: UploadOwner, city: Municipality, by account: AccountID) async throws {
        let audit = services.audit
        let removed = try await services.store.write { tx -> Bool in
            guard let attachment = try await tx.attachments.attachment(id, in: city.id), attachment.owner == owner else { return false }
            _ = try await tx.attachments.delete(id, in: city.id)
            try await audit.record(
                tx, action: AuditAction.attachmentRemoved, actor: account, municipality: city.id, subject: id.rawValue,
                details: ["owner": "\(owner.kind.rawValue):\(owner.id)", "sha256": attachment.sha256])
            return true
        }
        guard removed else { throw AppError.notFound }
    }

    /// The PDF as stored, always as a download: a browser never renders our
    /// copy of someone's upload in the site's origin. 404 unless it belongs to `owner` in the city.
    public func response(_ id: AttachmentID, of owner: UploadOwner, city: MunicipalityID) async throws -> Response {
        let found = try await services.store.read { tx -> (Attachment, [UInt8])? in
            guard let attachment = try await tx.attachments.attachment(id, in: city), attachment.owner == owner,
                  let bytes = try await tx.attachments.bytes(of: id, in: city)
            else { return nil }
            return (attachment, bytes)
        }
        guard let (attachment, bytes) = found else { throw AppError.notFound }
        // nosniff here too, not only from the middleware: this response is the one that must never be sniffed.
        let headers: HTTPFields = [
            .contentType: AttachmentRules.mediaType, .contentDisposition: Self.disposition(attachment.title),
            .cacheControl: "public, max-age=31536000, immutable", .eTag: "\"\(attachment.sha256)\"", .xContentTypeOptions: "nosniff",
        ]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// RFC 6266: an ASCII fallback name and the title in UTF-8 (RFC 8187).
    public static func disposition(_ title: String) -> String {
        let ascii = String(title.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) ? Character(scalar) : "_"
        })
        let allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
            .union(CharacterSet(charactersIn: "-._~"))
        let encoded = (title + ".pdf").addingPercentEncoding(withAllowedCharacters: allowed) ?? "document.pdf"
        // Old clients read only the ASCII name; a Cyrillic title would be all underscores there.
        let fallback = ascii.contains(where: { $0 != "_" }) ? String(ascii.prefix(60)) : "document"
        return "attachment; filename=\"\(fallback).pdf\"; filename*=UTF-8''\(encoded)"
    }

    public static func appError(_ problem: AttachmentRules.Problem) -> AppError {
        switch problem {
        case .empty: .invalid(code: "document_missing", field: "document")
        case .tooLarge: .invalid(code: "document_too_large", field: "document")
        case .notPDF: .invalid(code: "document_not_pdf", field: "document")
        case .titleLength: .invalid(code: "document_title_length", field: "title")
        case .tooMany: .conflict(code: "document_limit")
        }
    }
}
