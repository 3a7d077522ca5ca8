import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird

/// The moderation desk, `/{city}/admin/comments`, and the read-only API.
extension CommentsController {
    struct DeskPage {
        struct Item {
            let id: String
            let anchor: String
            let thingTitle: String
            let thingURL: String
            let author: String
            let time: String
            let flags: String?
            let hidden: Bool
            let reason: String?
            let bodyHTML: String
            let hideURL: String
            let unhideURL: String
        }
        let slug: String
        let items: [Item]
        let hasItems: Bool
    }

    static let deskSize = 100

    @Sendable func desk(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        try requireStaff(.moderateComments, context.principal, in: city.id)
        let cityID = city.id
        let queue = try await services.store.read { try await $0.comments.queue(in: cityID, limit: Self.deskSize) }
        // Each thing asked of its module once; one the city no longer has shows its kind and id.
        var things: [CommentSubject: LinkedThing] = [:]
        for subject in Set(queue.map(\.comment.subject)) {
            things[subject] = try await services.modules.linked(subject, in: city, services: services)
        }
        let base = "/\(city.slug.rawValue)/comments"
        let items = queue.map { listed in
            let comment = listed.comment, thing = things[comment.subject]
            return DeskPage.Item(
                id: comment.id.rawValue, anchor: "comment-\(comment.id.rawValue)",
                thingTitle: thing?.title(in: context.language) ?? "\(comment.subject.kind) \(comment.subject.id)",
                thingURL: thing.map { Self.anchored($0, comment.id) } ?? "#comment-\(comment.id.rawValue)", author: listed.authorName,
                time: DateText.kyiv(comment.createdAt),
                flags: comment.flagCount > 0 ? html.t("comments.desk.flags", context, ["count": String(comment.flagCount)]) : nil,
                hidden: comment.isHidden, reason: comment.hidden?.reason, bodyHTML: CommentText.html(comment.body),
                hideURL: "\(base)/\(comment.id.rawValue)/hide", unhideURL: "\(base)/\(comment.id.rawValue)/unhide")
        }
        let page = DeskPage(slug: city.slug.rawValue, items: items, hasItems: !items.isEmpty)
        return try await html.render(
            "comments-admin", page: page, titleKey: "comments.desk.title", titleArguments: ["city": city.name.localized(context.language)],
            request: request, context: context, city: city)
    }

    // MARK: The API

    struct APIComment: Encodable {
        let id: String
        /// The top-level comment this one answers.
        let parent: String?
        let author: String
        let createdAt: Date
        let editedAt: Date?
        let hidden: Bool
        /// The text; null for a hidden comment.
        let text: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: NamedCodingKey.self)
            try container.encode(id, forKey: NamedCodingKey("id"))
            try container.encode(parent, forKey: NamedCodingKey("parent"))
            try container.encode(author, forKey: NamedCodingKey("author"))
            try container.encode(createdAt, forKey: NamedCodingKey("createdAt"))
            try container.encode(editedAt, forKey: NamedCodingKey("editedAt"))
            try container.encode(hidden, forKey: NamedCodingKey("hidden"))
            try container.encode(text, forKey: NamedCodingKey("text"))
        }
    }

    struct APIThread: Encodable {
        let kind: String
        let id: String
        let url: String
        /// Comments the public sees whole (not hidden).
        let count: Int
        let items: [APIComment]
    }

    /// Top-level comments a thread gives at most, their replies with them.
    static let apiLimit = 1...500

    @Sendable func api(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let query = request.uri.queryParameters
        let kind = String(query.get("kind") ?? ""), id = String(query.get("id") ?? "")
        guard CommentSubject.isKind(kind) else {
            throw AppError.invalid(code: "comment_subject", field: "kind")
        }
        guard let subject = CommentSubject.parse(kind: kind, id: id) else { throw AppError.invalid(code: "comment_subject", field: "id") }
        var limit = Self.apiLimit.upperBound
        if let text = query.get("limit"), !text.isEmpty {
            guard text.count <= 6, text.allSatisfy(\.isASCII), let value = Int(text), Self.apiLimit.contains(value) else {
                throw AppError.invalid(code: "comment_limit", field: "limit")
            }
            limit = value
        }
        let thing = try await comments.thing(subject, in: city)
        let cityID = city.id
        let topLevel = limit
        let thread = try await services.store.read { try await $0.comments.thread(of: subject, in: cityID, limit: topLevel) }
        let items = thread.map { listed in
            let comment = listed.comment
            return APIComment(
                id: comment.id.rawValue, parent: comment.parentID?.rawValue, author: listed.authorName, createdAt: comment.createdAt,
                editedAt: comment.editedAt, hidden: comment.isHidden, text: comment.isHidden ? nil : comment.body)
        }
        return try JSONResponse.encode(APIThread(
            kind: subject.kind, id: subject.id, url: thing.path, count: thread.filter { !$0.comment.isHidden }.count, items: items))
    }
}
