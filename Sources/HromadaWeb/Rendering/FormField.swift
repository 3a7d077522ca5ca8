/// One input of a form as the shared partial `field.mustache` shows it: its
/// label, what was typed, and the error about it beside it (with
/// `aria-invalid` and `aria-describedby`, so a screen reader says which
/// field is wrong and why). The partial reads optional properties with a
/// leading dot (`{{#.hint}}`): a nil one must not be looked up in the page
/// around it, which Mustache otherwise does. Every form renders its fields through it: a
/// text input (of any `type`), a text area, a choice from a list, or a box
/// to tick.
package struct FormField: Sendable {
    /// The input's name, as the form submits it.
    package let name: String
    /// Its element id: the name, unless several inputs share one name
    /// (rows of a cost estimate).
    package let id: String
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
    /// A file input's accepted media types; a typed input's example text.
    package let accept: String?
    package let placeholder: String?
    /// The browser's own format check (a regular expression), as the server's.
    package let pattern: String?
    /// A text area of this many rows instead of a one-line input.
    package let rows: Int?
    /// A choice from these instead of typed text.
    package let options: [SelectOption]?
    /// A box to tick (its `value` is what a ticked box sends), and whether it is.
    package let isCheckbox: Bool
    package let isChecked: Bool
    /// `aria-describedby`: the hint and the error, whichever there are.
    /// Stored, as templates see stored properties only.
    package let describedBy: String?
    /// Which control the partial draws; stored for the same reason.
    package let isTextArea: Bool
    package let isSelect: Bool
    package let isInput: Bool

    package init(
        name: String, id: String? = nil, label: String, value: String, error: String? = nil, hint: String? = nil,
        type: String = "text", inputmode: String? = nil, autocomplete: String? = nil, required: Bool = false,
        minlength: Int? = nil, maxlength: Int? = nil, accept: String? = nil, placeholder: String? = nil, pattern: String? = nil, rows: Int? = nil, options: [SelectOption]? = nil, checked: Bool? = nil
    ) {
        let id = id ?? name
        self.name = name
        self.id = id
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
        self.accept = accept
        self.placeholder = placeholder
        self.pattern = pattern
        self.rows = rows
        self.options = options
        self.isChecked = checked == true
        let ids = [hint.map { _ in "\(id)-hint" }, error.map { _ in "\(id)-error" }].compactMap { $0 }
        self.describedBy = ids.isEmpty ? nil : ids.joined(separator: " ")
        self.isTextArea = rows != nil
        self.isSelect = options != nil && rows == nil
        self.isCheckbox = checked != nil && options == nil && rows == nil
        self.isInput = !isTextArea && !isSelect && !isCheckbox
    }
}

/// Where a refused form's problem is shown: beside the field it names when
/// the form has that field (`AppError.invalid(code:field:)`), otherwise in
/// the alert at the top of the form. Built once per render from the error.
package struct FormProblem: Sendable {
    package let field: String?
    package let message: String

    package init?(_ error: AppError?, html: HTML, context: AppRequestContext) {
        guard let error else { return nil }
        self.field = error.field
        self.message = html.t(error.messageKey, context)
    }

    package init(field: String?, message: String) {
        self.field = field
        self.message = message
    }

    /// The message for the input `name`, if the problem is about it; for
    /// inputs that repeat in rows (a cost estimate's items), the problem
    /// names one row as `"<name>.<row>"` (`costItems.1`, zero-based).
    package func message(for name: String, row: Int? = nil) -> String? {
        field == (row.map { "\(name).\($0)" } ?? name) ? message : nil
    }

    /// The alert above the form: the message unless one of `fields` shows it.
    /// A problem naming no field is always the alert. One naming a field is
    /// shown by a field holding an error, whatever the form calls that field
    /// (a row's input, or `titleUk` for the domain's `title`): the form's
    /// fields take their errors from this one problem.
    package func alert(unlessShownBy fields: [FormField]) -> String? {
        field != nil && fields.contains { $0.fieldError != nil } ? nil : message
    }
}

extension Optional where Wrapped == FormProblem {
    /// The message for the input `name` (or its row): nil when there is no problem or it is about another field.
    package func message(for name: String, row: Int? = nil) -> String? { self?.message(for: name, row: row) }

    /// The alert above the form (see `FormProblem.alert(unlessShownBy:)`).
    package func alert(unlessShownBy fields: [FormField]) -> String? { self?.alert(unlessShownBy: fields) }
}
