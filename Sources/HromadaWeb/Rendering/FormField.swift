/// One input of a form as the shared partial `field.mustache` shows it: its
/// label, what was typed, and the error about it beside it (with
/// `aria-invalid` and `aria-describedby`, so a screen reader says which
/// field is wrong and why). Every form renders its fields through it.
package struct FormField: Sendable {
    /// The input's name, also its id.
    package let name: String
    package let label: String
    package let value: String
    /// What is wrong with it, in the reader's language; nil when nothing is.
    package let fieldError: String?
    package let hint: String?
    package let type: String
    package let inputmode: String?
    package let autocomplete: String?
    package let required: Bool
    /// The browser's own length checks, as the server's validation has them.
    package let minlength: Int?
    package let maxlength: Int?
    /// `aria-describedby`: the hint and the error, whichever there are.
    /// Stored, as templates see stored properties only.
    package let describedBy: String?

    package init(
        name: String, label: String, value: String, error: String? = nil, hint: String? = nil, type: String = "text",
        inputmode: String? = nil, autocomplete: String? = nil, required: Bool = false, minlength: Int? = nil, maxlength: Int? = nil
    ) {
        self.name = name
        self.label = label
        self.value = value
        self.fieldError = error
        self.hint = hint
        self.type = type
        self.inputmode = inputmode
        self.autocomplete = autocomplete
        self.required = required
        self.minlength = minlength
        self.maxlength = maxlength
        let ids = [hint.map { _ in "\(name)-hint" }, error.map { _ in "\(name)-error" }].compactMap { $0 }
        self.describedBy = ids.isEmpty ? nil : ids.joined(separator: " ")
    }
}
