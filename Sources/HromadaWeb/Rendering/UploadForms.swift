import Foundation
import HromadaDomain

/// The two forms every module's "documents and photos" page has: a PDF with
/// its title, and a photo with its caption, each with its limits said and
/// its problem beside the input it is about. `about` names the form that
/// was sent ("document" or "photo"), so only that one keeps what was typed.
package struct UploadForms {
    package let html: HTML
    package let context: AppRequestContext

    package init(html: HTML, context: AppRequestContext) {
        self.html = html
        self.context = context
    }

    package func documentFields(form: FormData, problem: FormProblem?, about: String?) -> [FormField] {
        let problem = about == "document" ? problem : nil
        return [
            FormField(
                name: "title", id: "doc-title", label: html.t("files.document_title", context), value: about == "document" ? form["title"] : "",
                error: problem.message(for: "title"), required: true, maxlength: AttachmentRules.titleLength.upperBound),
            FormField(
                name: "document", label: html.t("files.document_file", context), value: "", error: problem.message(for: "document"),
                hint: html.t("files.document_limit", context, [
                    "megabytes": String(AttachmentRules.maximumBytes / 1_048_576), "max": String(AttachmentRules.maximumPerOwner),
                ]),
                type: "file", required: true, accept: "application/pdf,.pdf"),
        ]
    }

    package func photoFields(form: FormData, problem: FormProblem?, about: String?) -> [FormField] {
        let problem = about == "photo" ? problem : nil
        let limit = html.t("photos.limit", context, [
            "max": String(PhotoRules.maximumPerOwner), "megabytes": String(ImageSanitizer.maximumBytes / 1_048_576),
        ])
        return [
            FormField(
                name: "photo", label: html.t("photos.file", context), value: "", error: problem.message(for: "photo"),
                hint: "\(limit) \(html.t("photos.privacy", context))", type: "file", required: true, accept: "image/jpeg,image/png,image/webp"),
            FormField(
                name: "caption", label: html.t("photos.caption", context), value: about == "photo" ? form["caption"] : "",
                error: problem.message(for: "caption"), maxlength: PhotoRules.maximumCaption),
        ]
    }

    /// A document's size as a reader takes it in: `1,2 МБ` or `340 КБ`.
    package func size(_ bytes: Int) -> String {
        guard bytes >= 1_048_576 else { return html.t("files.size_kb", context, ["size": String(max(1, (bytes + 1_023) / 1_024))]) }
        let text = String(format: "%.1f", Double(bytes) / 1_048_576).replacingOccurrences(of: ".0", with: "")
        return html.t("files.size_mb", context, ["size": context.language == .uk ? text.replacingOccurrences(of: ".", with: ",") : text])
    }
}
