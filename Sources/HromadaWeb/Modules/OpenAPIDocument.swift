import Foundation

/// The OpenAPI document at `/api/openapi.json`: the platform's own
/// (`Resources/openapi.json`: sessions, accounts, municipalities, settings,
/// the error shape) with each module's fragment merged in (its `paths` and
/// `components.schemas`). A path or schema defined twice stops the start,
/// as one would silently hide the other.
public enum OpenAPIDocument {
    public struct Conflict: Error, CustomStringConvertible {
        public let name: String
        public var description: String { "the OpenAPI document defines \(name) twice" }
    }

    public static func merged(platform: URL, fragments: [URL]) throws -> Data {
        guard var document = try JSONSerialization.jsonObject(with: Data(contentsOf: platform)) as? [String: Any] else {
            throw Conflict(name: "its root (not an object)")
        }
        var paths = document["paths"] as? [String: Any] ?? [:]
        var components = document["components"] as? [String: Any] ?? [:]
        var schemas = components["schemas"] as? [String: Any] ?? [:]
        for url in fragments {
            let fragment = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
            for (path, item) in fragment["paths"] as? [String: Any] ?? [:] {
                guard paths.updateValue(item, forKey: path) == nil else { throw Conflict(name: "the path \(path)") }
            }
            let theirs = (fragment["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
            for (name, schema) in theirs {
                guard schemas.updateValue(schema, forKey: name) == nil else { throw Conflict(name: "the schema \(name)") }
            }
        }
        components["schemas"] = schemas
        document["paths"] = paths
        document["components"] = components
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}
