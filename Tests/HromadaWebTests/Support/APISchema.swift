import Foundation
import HromadaDomain
import HromadaModules
import HromadaWeb

/// The served OpenAPI document (the platform's with every module's part),
/// and a check of a JSON answer an API test received against the schema the
/// document gives for that operation and status. `TestClientProtocol.json`
/// runs it on every answer, so each API test also proves the document true.
///
/// A small validator of the JSON Schema the document uses (`type`,
/// `properties`, `required`, `items`, `enum`, `minimum`/`maximum`,
/// `minLength`/`maxLength`, `minItems`/`maxItems`, `$ref`, `oneOf`/`anyOf`/
/// `allOf`, `additionalProperties`, `format: date-time`) rather than a
/// package: the Swift packages on this machine have none for OpenAPI 3.1
/// responses, and CI's schemathesis run checks the same against a server.
enum APISchema {
    static let document: JSONValue = {
        guard let data = try? ModuleRegistry.standard.openAPIDocument(),
              let value = try? JSONDecoder().decode(JSONValue.self, from: data)
        else { return .object([:]) }
        return value
    }()

    /// What is wrong with `body` as the answer `status` to `method path`;
    /// empty when it conforms or the path is not a documented one (a test
    /// of an unknown address).
    static func problems(method: String, path: String, status: Int, body: Data) -> [String] {
        guard let (template, operation) = operation(method: method, path: path) else { return [] }
        let responses = operation["responses"]?.members ?? [:]
        if status >= 500, responses[String(status)] == nil {
            // The document lists what a client can cause; a 5xx is a bug other
            // tests forbid, or an outage a test makes on purpose. Either way
            // its body must still be the error shape every client reads.
            var problems: [String] = []
            if let value = try? JSONDecoder().decode(JSONValue.self, from: body) {
                check(value, against: .object(["$ref": .string("#/components/schemas/Error")]), at: "\(method) \(template) \(status) $", into: &problems)
            } else {
                problems.append("\(method) \(template) \(status) is not JSON")
            }
            return problems
        }
        guard let response = resolve(responses[String(status)] ?? responses["\(status / 100)XX"] ?? responses["default"])?.members
        else { return ["\(method) \(template) answered \(status), which the document does not list"] }
        guard let content = response["content"]?.members else {
            return body.isEmpty ? [] : ["\(method) \(template) \(status) has a body the document does not describe"]
        }
        guard let schema = content["application/json"]?["schema"] else { return [] }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: body) else {
            return ["\(method) \(template) \(status) is not JSON"]
        }
        var problems: [String] = []
        check(value, against: schema, at: "\(method) \(template) \(status) $", into: &problems)
        return problems
    }

    /// The documented operation whose path template matches `path`; literal
    /// segments win over parameters (`/petitions/stats` before `/petitions/{id}`).
    private static func operation(method: String, path: String) -> (String, [String: JSONValue])? {
        let address = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let segments = address.split(separator: "/", omittingEmptySubsequences: false)
        var best: (literals: Int, template: String, operation: [String: JSONValue])?
        for (template, item) in document["paths"]?.members ?? [:] {
            let parts = template.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == segments.count, let operation = item[method.lowercased()]?.members else { continue }
            var literals = 0
            var matches = true
            for (part, segment) in zip(parts, segments) where !(part.hasPrefix("{") && part.hasSuffix("}")) {
                guard part == segment else { matches = false; break }
                literals += 1
            }
            if matches, literals > (best?.literals ?? -1) { best = (literals, template, operation) }
        }
        return best.map { ($0.template, $0.operation) }
    }

    private static func resolve(_ schema: JSONValue?) -> JSONValue? {
        guard case .string(let reference)? = schema?["$ref"] else { return schema }
        var node: JSONValue? = document
        for key in reference.dropFirst(2).split(separator: "/") {
            node = node?[String(key).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")]
        }
        return resolve(node)
    }

    private static func check(_ value: JSONValue, against raw: JSONValue, at path: String, into problems: inout [String]) {
        guard let schema = resolve(raw)?.members else { return }
        if case .array(let all)? = schema["allOf"] { for part in all { check(value, against: part, at: path, into: &problems) } }
        for key in ["oneOf", "anyOf"] {
            guard case .array(let options)? = schema[key] else { continue }
            let passing = options.filter { option in
                var found: [String] = []
                check(value, against: option, at: path, into: &found)
                return found.isEmpty
            }.count
            if passing == 0 || (key == "oneOf" && passing > 1) {
                problems.append("\(path): matches \(passing) of the \(key) schemas")
            }
        }
        var types: [String] = switch schema["type"] {
        case .string(let one)?: [one]
        case .array(let many)?: many.compactMap(\.text)
        default: []
        }
        if !types.isEmpty {
            if schema["nullable"] == .bool(true) { types.append("null") }
            guard types.contains(where: { kind(of: value, is: $0) }) else {
                problems.append("\(path): \(describe(value)) is not \(types.joined(separator: " or "))")
                return
            }
        }
        if case .array(let choices)? = schema["enum"], !choices.contains(where: { same($0, value) }) {
            problems.append("\(path): \(describe(value)) is not one of \(choices.map(describe).joined(separator: ", "))")
        }
        if let number = value.double {
            if let minimum = schema["minimum"]?.double, number < minimum { problems.append("\(path): \(number) is below \(minimum)") }
            if let maximum = schema["maximum"]?.double, number > maximum { problems.append("\(path): \(number) is above \(maximum)") }
        }
        switch value {
        case .string(let text):
            if let least = schema["minLength"]?.double, Double(text.count) < least { problems.append("\(path): shorter than \(least)") }
            if let most = schema["maxLength"]?.double, Double(text.count) > most { problems.append("\(path): longer than \(most)") }
            if schema["format"] == .string("date-time"), !isDateTime(text) {
                problems.append("\(path): \"\(text)\" is not a date-time")
            }
        case .array(let array):
            if let least = schema["minItems"]?.double, Double(array.count) < least { problems.append("\(path): fewer than \(least) items") }
            if let most = schema["maxItems"]?.double, Double(array.count) > most { problems.append("\(path): more than \(most) items") }
            if let items = schema["items"] {
                for (index, item) in array.enumerated() { check(item, against: items, at: "\(path)[\(index)]", into: &problems) }
            }
        case .object(let object):
            let properties = schema["properties"]?.members ?? [:]
            if case .array(let required)? = schema["required"] {
                for name in required.compactMap(\.text) where object[name] == nil { problems.append("\(path): lacks the required \(name)") }
            }
            for (name, member) in object {
                if let property = properties[name] {
                    check(member, against: property, at: "\(path).\(name)", into: &problems)
                } else if let extra = schema["additionalProperties"] {
                    if extra == .bool(false) {
                        problems.append("\(path): has \(name), which the schema does not allow")
                    } else if extra.members != nil {
                        check(member, against: extra, at: "\(path).\(name)", into: &problems)
                    }
                }
            }
        default: break
        }
    }

    private static func kind(of value: JSONValue, is type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("integer", .integer), ("number", .integer), ("number", .number),
             ("string", .string), ("array", .array), ("object", .object): true
        case ("integer", .number(let number)): number.rounded() == number
        case ("null", _), ("boolean", _), ("integer", _), ("number", _), ("string", _), ("array", _), ("object", _): false
        default: true
        }
    }

    private static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = a.double, let y = b.double { return x == y }
        return a == b
    }

    private static func isDateTime(_ text: String) -> Bool {
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return plain.date(from: text) != nil || fractional.date(from: text) != nil
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): "\"\(text.prefix(60))\""
        case .null: "null"
        case .bool(let flag): String(flag)
        case .integer(let number): String(number)
        case .number(let number): String(number)
        case .array: "an array"
        case .object: "an object"
        }
    }
}

private extension JSONValue {
    var members: [String: JSONValue]? { if case .object(let members) = self { members } else { nil } }
    var text: String? { if case .string(let text) = self { text } else { nil } }
    var double: Double? {
        switch self {
        case .integer(let number): Double(number)
        case .number(let number): number
        default: nil
        }
    }
    subscript(_ key: String) -> JSONValue? { members?[key] }
}
