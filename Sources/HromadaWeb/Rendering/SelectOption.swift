/// One choice of a `<select>` or a set of radio buttons, as a template shows it.
package struct SelectOption: Sendable {
    package let value: String
    package let label: String
    package let selected: Bool

    package init(value: String, label: String, selected: Bool) {
        self.value = value
        self.label = label
        self.selected = selected
    }
}
