/// A coding key by any name, for documents whose keys are known only when
/// they are read (a module's settings, a row's columns).
package struct NamedCodingKey: CodingKey, Hashable, Sendable {
    package let stringValue: String

    package init(_ name: String) { stringValue = name }
    package init(stringValue: String) { self.stringValue = stringValue }
    package var intValue: Int? { nil }
    package init?(intValue: Int) { nil }
}
