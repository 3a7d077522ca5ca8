import Foundation
import Mustache
import Testing
@testable import HromadaWeb

/// The shared field partial, rendered as pages render it (the page model
/// turned into a tree, HTML escaping on).
@Suite struct FormFieldTests {
    struct Page {
        let fields: [FormField]
        // Names the partial reads from a field: a field that lacks one must
        // not take the page's (Mustache looks outwards for missing names;
        // the form enters the page's section first, as module forms do).
        let hint = "PAGE HINT"
        let fieldError = "PAGE ERROR"
        let maxlength = 999
        let describedBy = "page-described"
        let options = [SelectOption(value: "page", label: "PAGE OPTION", selected: true)]
    }

    private func render(_ fields: FormField...) throws -> String {
        MustacheContentTypes.register(UTF8HTMLEscaping(), named: UTF8HTMLEscaping.name)
        let partial = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/HromadaWeb/Resources/Templates/field.mustache")
        var library = MustacheLibrary()
        try library.register(String(contentsOf: partial, encoding: .utf8), named: "field")
        try library.register("{{% CONTENT_TYPE: HTML_UTF8}}{{#page}}{{#fields}}{{> field}}{{/fields}}{{/page}}", named: "form")
        return library.render(["page": TemplateData.tree(Page(fields: fields)) ?? [:]], withTemplate: "form") ?? ""
    }

    @Test func aFieldWithoutAHintOrErrorTakesNothingFromThePageAroundIt() throws {
        let html = try render(FormField(name: "title", label: "Назва", value: ""))
        for leaked in ["PAGE", "page-described", "999", "aria-invalid", "class=\"error\""] {
            #expect(!html.contains(leaked), "\(leaked) leaked into \(html)")
        }
    }

    @Test func theErrorStandsBesideItsFieldAndIsReadOutWithTheHint() throws {
        let html = try render(FormField(name: "title", label: "Назва", value: "<b>x</b>", error: "Задовга", hint: "До 200 знаків", maxlength: 200))
        #expect(html.contains(#"<div class="field invalid">"#))
        #expect(html.contains(#"maxlength="200" value="&lt;b&gt;x&lt;/b&gt;" aria-describedby="title-hint title-error" aria-invalid="true">"#))
        #expect(html.contains(#"<p class="error" id="title-error">Задовга</p>"#))
        #expect(html.contains(#"<p class="hint" id="title-hint">До 200 знаків</p>"#))
    }

    @Test func aTextAreaASelectAndACheckboxAreDrawnByTheSamePartial() throws {
        let html = try render(
            FormField(name: "text", label: "Текст", value: "рядок <i>", required: true, maxlength: 6000, placeholder: "2027-01-01", rows: 8),
            FormField(
                name: "category", label: "Категорія", value: "", error: "Оберіть",
                options: [SelectOption(value: "a", label: "Дороги", selected: false), SelectOption(value: "b", label: "Парки", selected: true)]),
            FormField(name: "agree", id: "agree-1", label: "Згоден", value: "yes", checked: true))
        #expect(html.contains(#"<textarea id="text" name="text" rows="8" required maxlength="6000" placeholder="2027-01-01">рядок &lt;i&gt;</textarea>"#))
        #expect(html.contains(#"<select id="category" name="category" aria-describedby="category-error" aria-invalid="true"><option value="a">Дороги</option><option value="b" selected>Парки</option></select>"#))
        #expect(html.contains(#"<label><input id="agree-1" name="agree" type="checkbox" value="yes" checked> Згоден</label>"#))
        #expect(!html.contains("<input id=\"text\"") && !html.contains("PAGE OPTION"))
    }

    @Test func aProblemAboutAFieldOnTheFormIsNotAlsoAnAlert() {
        let problem = FormProblem(field: "title", message: "Задовга")
        let title = FormField(name: "title", label: "Назва", value: "", error: problem.message(for: "title"))
        #expect(title.fieldError == "Задовга")
        #expect(problem.alert(unlessShownBy: [title]) == nil)
        // A problem about no field on this form (or about none at all) is the alert above it.
        let other = FormProblem(field: "deadline", message: "Пізно")
        #expect(other.alert(unlessShownBy: [FormField(name: "title", label: "Назва", value: "", error: other.message(for: "title"))]) == "Пізно")
        #expect(FormProblem(field: nil, message: "Зайнято").alert(unlessShownBy: [title]) == "Зайнято")
        let none: FormProblem? = nil
        #expect(none.message(for: "title") == nil && none.alert(unlessShownBy: []) == nil)
    }
}
