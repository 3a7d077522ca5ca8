import Foundation
import Mustache

/// Turns a page model (structs, arrays, optionals) into dictionaries once,
/// before rendering. Mustache would otherwise reflect on a struct for every
/// `{{name}}` it looks up, which dominated the cost of a page.
/// Only stored properties are visible; a nil optional is left out, exactly
/// as Mustache treats it when reflecting.
enum TemplateData {
    package static func tree(_ value: Any) -> Any? {
        switch value {
        case is String, is Bool, is Int, is Int64, is Double, is TemplateStrings:
            return value
        case let array as [Any]:
            return array.compactMap(tree)
        case let dictionary as [String: Any]:
            return dictionary.compactMapValues(tree)
        default:
            let mirror = Mirror(reflecting: value)
            switch mirror.displayStyle {
            case .optional:
                return mirror.children.first.flatMap { tree($0.value) }
            case .struct, .class, .tuple:
                var fields: [String: Any] = [:]
                for child in mirror.children {
                    guard let label = child.label, let converted = tree(child.value) else { continue }
                    fields[label] = converted
                }
                return fields
            case .collection, .set:
                return mirror.children.compactMap { tree($0.value) }
            default:
                return value
            }
        }
    }
}
