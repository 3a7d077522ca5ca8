import Foundation
import HromadaDomain
import Mustache

/// The UI strings: the platform's from `Resources/Locales/{uk,en}.json`
/// and each module's from its own bundle (a folder with `uk.json` and
/// `en.json`), merged. Ukrainian is the default and the fallback: a key
/// missing in English shows in Ukrainian rather than as a raw key.
public struct Localizer: Sendable {
    private let flat: [Language: [String: String]]

    /// Two bundles that define the same key: one would silently win.
    public struct DuplicateKey: Error, CustomStringConvertible {
        public let key: String
        public let bundle: String
        public var description: String { "the locale key \(key) is defined again in \(bundle)" }
    }

    public init(bundleDirectories: [URL]) throws {
        var flat: [Language: [String: String]] = [:]
        for language in Language.allCases {
            var strings: [String: String] = [:]
            for directory in bundleDirectories {
                let url = directory.appendingPathComponent("\(language.rawValue).json")
                let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
                var bundle: [String: String] = [:]
                Self.flatten(object, prefix: "", into: &bundle)
                for (key, value) in bundle {
                    guard strings.updateValue(value, forKey: key) == nil else { throw DuplicateKey(key: key, bundle: url.path) }
                }
            }
            flat[language] = strings
        }
        self.flat = flat
    }

    package init(strings: [Language: [String: String]]) {
        self.flat = strings
    }

    private static func flatten(_ object: Any, prefix: String, into strings: inout [String: String]) {
        if let dictionary = object as? [String: Any] {
            for (key, value) in dictionary {
                flatten(value, prefix: prefix.isEmpty ? key : "\(prefix).\(key)", into: &strings)
            }
        } else if let string = object as? String {
            strings[prefix] = string
        }
    }

    /// All keys of a language, for tests that compare the two locale files.
    public func keys(_ language: Language) -> Set<String> { Set(flat[language]?.keys ?? [:].keys) }

    /// Whether a language has a string for `key` (a module's optional labels: a known unit's name).
    package func has(_ key: String, _ language: Language) -> Bool { flat[language]?[key] != nil }

    /// The string for `key`, with `{name}` placeholders filled in.
    public func string(_ key: String, _ language: Language, _ arguments: [String: String] = [:]) -> String {
        var text = flat[language]?[key] ?? flat[.uk]?[key] ?? key
        for (name, value) in arguments {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }

    /// The strings of a language for `{{t.section.key}}` in templates.
    public func templateStrings(_ language: Language) -> TemplateStrings {
        TemplateStrings(language: flat[language] ?? [:], fallback: flat[.uk] ?? [:], prefix: "")
    }
}

/// A view of the locale strings that Mustache walks one name at a time:
/// `t.nav.home` asks for `nav`, then `home`.
public struct TemplateStrings: MustacheParent, Sendable {
    package let language: [String: String]
    package let fallback: [String: String]
    package let prefix: String

    public func child(named name: String) -> Any? {
        let key = prefix.isEmpty ? name : "\(prefix).\(name)"
        if let value = language[key] ?? fallback[key] { return value }
        return TemplateStrings(language: language, fallback: fallback, prefix: key)
    }
}
