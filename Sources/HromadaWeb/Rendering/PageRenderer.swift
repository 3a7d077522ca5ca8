import Foundation
import HromadaDomain
import Hummingbird
import Mustache

/// Renders a page: its own template into the shared layout, with the
/// strings of the reader's language. Mustache escapes every `{{value}}`;
/// only `{{{body}}}` in the layout, which is our own rendered HTML, is raw.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let localizer: Localizer

    public init(templatesDirectory: String, localizer: Localizer) async throws {
        MustacheContentTypes.register(UTF8HTMLEscaping(), named: UTF8HTMLEscaping.name)
        self.library = try await MustacheLibrary(directory: templatesDirectory)
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
