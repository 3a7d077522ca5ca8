import Crypto
import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird

/// Stores and removes the photos of any module's things. Every photo is
/// sanitised (type from its bytes, metadata gone) before it is stored; what
/// is stored is exactly what is served. Who may add one is the module's
/// question, asked before it calls here.
public struct Photos: Sendable {
    package let services: AppServices

    /// Sanitises and stores a photo of any owner (a project, a delivery update, an object of the property register).
    public func add(_ file: UploadedFile?, caption: String, to owner: UploadOwner, city: Municipality, by account: AccountID) async throws -> Photo {
        guard let file else { throw AppError.invalid(code: "photo_missing", field: "photo") }
        let image: SanitizedImage
        let cleanCaption: String
        do {
            image = try ImageSanitizer.sanitize(file.bytes)
            cleanCaption = try PhotoRules.caption(caption)
        } catch let problem as ImageProblem {
            throw Self.appError(.image(problem))
        } catch let problem as PhotoRules.Problem {
            throw Self.appError(problem)
        }
        let photo = Photo(
            id: .random(), municipalityID: city.id, owner: owner, format: image.format, width: image.width, height: image.height,
            byteCount: image.bytes.count, sha256: Hex.encode(SHA256.hash(data: image.bytes)), caption: cleanCaption, uploadedBy: account,
            uploadedAt: services.clock.now())
        // The smaller copies are made before the write joins the queue: the writer only writes.
        let variants = PhotoVariants.makeAll(image.bytes, photoWidth: image.width).map(Self.stored)
        let audit = services.audit
        enum Outcome: Sendable { case stored, full }
        // Counting and inserting in one write, under the owner's lock: two uploads at once cannot both take the last place.
        let outcome = try await services.store.write { tx -> Outcome in
            try await tx.photos.lock(owner, in: city.id)
            // A database error is thrown, not taken for a full owner.
            let existing = try await tx.photos.count(of: owner, in: city.id)
            guard (try? PhotoRules.checkRoom(existing: existing)) != nil else { return .full }
            try await tx.photos.insert(photo, bytes: image.bytes)
            try await tx.photos.insertVariants(variants, of: photo.id)
            try await audit.record(
                tx, action: AuditAction.photoAdded, actor: account, municipality: city.id, subject: photo.id.rawValue,
                details: ["owner": "\(owner.kind.rawValue):\(owner.id)", "sha256": photo.sha256])
            return .stored
        }
        guard outcome == .stored else { throw Self.appError(.tooMany) }
        return photo
    }

    public func remove(_ id: PhotoID, of owner: UploadOwner, city: Municipality, by account: AccountID) async throws {
        let audit = services.audit
        let removed = try await services.store.write { tx -> Bool in
            guard let photo = try await tx.photos.photo(id, in: city.id), photo.owner == owner else { return false }
            _ = try await tx.photos.delete(id, in: city.id)
            try await audit.record(
                tx, action: AuditAction.photoRemoved, actor: account, municipality: city.id, subject: id.rawValue,
                details: ["owner": "\(owner.kind.rawValue):\(owner.id)", "sha256": photo.sha256])
            return true
        }
        guard removed else { throw AppError.notFound }
    }

    /// The stored bytes, immutable under their id: cached for a year, and a
    /// 304 to a reader who has them. 404 unless the photo is in the city and
    /// `belongs` says its owner is one the page may show. `?w=480` asks for
    /// the smaller copy that fits (`PhotoVariants`); a photo no wider, or one
    /// no copy can be made of, is sent as it is.
    public func response(
        _ id: PhotoID, city: MunicipalityID, request: Request, belongs: (UploadOwner) -> Bool
    ) async throws -> Response {
        var requested: Int?
        if let text = request.uri.queryParameters.get("w") {
            guard let width = Int(text), (1...10_000).contains(width) else { throw AppError.invalid(code: "photo_width", field: "w") }
            requested = width
        }
        guard let photo = try await services.store.read({ try await $0.photos.photo(id, in: city) }), belongs(photo.owner) else {
            throw AppError.notFound
        }
        if let requested, let width = PhotoVariants.width(for: requested, photoWidth: photo.width),
           let variant = try await variant(of: photo, width: width) {
            return Self.immutable(variant.bytes, mediaType: ImageFormat.jpeg.mediaType, sha256: variant.sha256, request: request)
        }
        guard let bytes = try await services.store.read({ try await $0.photos.bytes(of: id, in: city) }) else { throw AppError.notFound }
        return Self.immutable(bytes, mediaType: photo.format.mediaType, sha256: photo.sha256, request: request)
    }

    /// The stored copy, or one made now for a photo stored before copies existed (and kept for the next reader).
    func variant(of photo: Photo, width: Int) async throws -> PhotoRepository.StoredVariant? {
        if let stored = try await services.store.read({ try await $0.photos.variant(of: photo.id, width: width, in: photo.municipalityID) }) {
            return stored
        }
        guard photo.format != .webp,
              let original = try await services.store.read({ try await $0.photos.bytes(of: photo.id, in: photo.municipalityID) }),
              let made = PhotoVariants.make(original, width: width).map(Self.stored)
        else { return nil }
        do {
            try await services.store.write { try await $0.photos.insertVariants([made], of: photo.id) }
        } catch {
            // The reader still gets the copy; the next one makes it again.
            services.logger.warning("a photo's copy could not be kept", metadata: ["photo": "\(photo.id.rawValue)", "error": "\(error)"])
        }
        return made
    }

    static func stored(_ variant: PhotoVariants.Variant) -> PhotoRepository.StoredVariant {
        .init(width: variant.width, height: variant.height, sha256: variant.sha256, bytes: variant.bytes)
    }

    static func immutable(_ bytes: [UInt8], mediaType: String, sha256: String, request: Request) -> Response {
        let etag = "\"\(sha256)\""
        var headers: HTTPFields = [
            .contentType: mediaType, .cacheControl: "public, max-age=31536000, immutable", .eTag: etag, .contentDisposition: "inline",
        ]
        if request.headers[.ifNoneMatch] == etag {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    public static func appError(_ problem: PhotoRules.Problem) -> AppError {
        switch problem {
        case .image(.empty): .invalid(code: "photo_missing", field: "photo")
        case .image(.tooLarge): .invalid(code: "photo_too_large", field: "photo")
        case .image(.unsupportedType): .invalid(code: "photo_type", field: "photo")
        case .image(.damaged): .invalid(code: "photo_damaged", field: "photo")
        case .image(.tooManyPixels): .invalid(code: "photo_too_many_pixels", field: "photo")
        case .tooMany: .conflict(code: "photo_limit")
        case .captionTooLong: .invalid(code: "caption_too_long", field: "caption")
        }
    }
}
