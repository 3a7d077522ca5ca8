import Foundation
import HromadaDomain
import Hummingbird
import Mustache

/// Renders a page: its own template into the shared layout, with the
/// strings of the reader's language. Mustache escapes every `{{value}}`;
/// only `{{{body}}}` in the layout, which is our own rendered HTML, is raw.
public struct PageRenderer: Sendable {
    package let library: MustacheLibrary
    package let localizer: Localizer

    /// A template named twice (by two modules, say): one would silently hide the other.
    public struct DuplicateTemplate: Error, CustomStringConvertible {
        public let name: String
        public var description: String { "the template \(name) is defined twice" }
    }

    /// The platform's templates and each module's, by file name without `.mustache`.
    public init(templatesDirectories: [URL], localizer: Localizer) async throws {
        MustacheContentTypes.register(UTF8HTMLEscaping(), named: UTF8HTMLEscaping.name)
        var library = MustacheLibrary()
        var names = Set<String>()
        for directory in templatesDirectories {
            for file in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where file.hasSuffix(".mustache") {
                let name = String(file.dropLast(".mustache".count))
                guard names.insert(name).inserted else { throw DuplicateTemplate(name: name) }
                try library.register(String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8), named: name)
            }
        }
        self.library = library
        self.localizer = localizer
    }

    public func render(_ template: String, _ page: Any, layout: LayoutModel) -> String {
        let context: [String: Any] = [
            "t": localizer.templateStrings(layout.language),
            "page": TemplateData.tree(page) ?? [:],
            "layout": TemplateData.tree(layout) ?? [:],
        ]
        let body = library.render(context, withTemplate: template) ?? ""
        var full = context
        full["body"] = body
        return library.render(full, withTemplate: "layout") ?? body
    }
}
