import Foundation

/// A JSON value together with its path in the message, so every refusal can
/// say exactly which field was wrong. Reads follow the proto3 JSON mapping both
/// servers use: `null` means absent, integers may arrive as strings, floats as
/// "NaN" or "Infinity".
struct JSONNode: Sendable {
    let value: EnvelopeJSON
    /// Dotted path from the root, e.g. `uplink_message.rx_metadata[0].snr`; empty for the root.
    let path: String

    static func parse(_ body: Data, limit: Int) throws(EnvelopeError) -> JSONNode {
        guard body.count <= limit else {
            throw EnvelopeError.bodyTooLarge(bytes: body.count, limit: limit)
        }
        do {
            return JSONNode(value: try JSONDecoder().decode(EnvelopeJSON.self, from: body), path: "")
        } catch {
            throw EnvelopeError.notJSON
        }
    }

    /// The members of an object.
    func members() throws(EnvelopeError) -> [String: EnvelopeJSON] {
        guard case .object(let members) = value else { throw typeMismatch("an object") }
        return members
    }

    /// The member `key`, or nil when it is absent or null.
    func member(_ key: String) throws(EnvelopeError) -> JSONNode? {
        guard let child = try members()[key] else { return nil }
        if case .null = child { return nil }
        return JSONNode(value: child, path: path.isEmpty ? key : "\(path).\(key)")
    }

    func requiredMember(_ key: String) throws(EnvelopeError) -> JSONNode {
        guard let child = try member(key) else {
            throw EnvelopeError.missingField(path: path.isEmpty ? key : "\(path).\(key)")
        }
        return child
    }

    func elements() throws(EnvelopeError) -> [JSONNode] {
        guard case .array(let elements) = value else { throw typeMismatch("an array") }
        var nodes: [JSONNode] = []
        nodes.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            nodes.append(JSONNode(value: element, path: "\(path)[\(index)]"))
        }
        return nodes
    }

    func string() throws(EnvelopeError) -> String {
        guard case .string(let text) = value else { throw typeMismatch("a string") }
        return text
    }

    /// An integer within `range`: a JSON number with no fraction, or a decimal
    /// string (proto3 writes 64-bit integers as strings).
    func integer<Integer: FixedWidthInteger>(
        _ type: Integer.Type, in range: ClosedRange<Integer>
    ) throws(EnvelopeError) -> Integer {
        let parsed: Integer?
        let shown: String
        switch value {
        case .number(let number):
            // `init(exactly:)` is nil for fractions, NaN and out-of-range values; it never traps.
            parsed = Integer(exactly: number)
            shown = Self.show(number)
        case .string(let text):
            parsed = Integer(text, radix: 10)
            shown = "\"\(EnvelopeError.excerpt(text))\""
        case .unrepresentableNumber:
            parsed = nil
            shown = "a number too large to represent"
        default:
            throw typeMismatch("an integer")
        }
        guard let parsed, range.contains(parsed) else {
            throw EnvelopeError.outOfRange(
                path: path, value: shown, allowed: "\(range.lowerBound) to \(range.upperBound) (whole numbers)")
        }
        return parsed
    }

    /// A finite number within `range`: a JSON number, or a string such as "7.5"
    /// or "NaN" (proto3 floats may be strings).
    func number(in range: ClosedRange<Double>) throws(EnvelopeError) -> Double {
        let parsed: Double?
        let shown: String
        switch value {
        case .number(let number):
            parsed = number
            shown = Self.show(number)
        case .string(let text):
            parsed = Double(text)
            shown = "\"\(EnvelopeError.excerpt(text))\""
        case .unrepresentableNumber:
            parsed = nil
            shown = "a number too large to represent"
        default:
            throw typeMismatch("a number")
        }
        guard let parsed, parsed.isFinite, range.contains(parsed) else {
            throw EnvelopeError.outOfRange(
                path: path, value: shown, allowed: "\(Self.show(range.lowerBound)) to \(Self.show(range.upperBound))")
        }
        return parsed
    }

    /// Whole numbers without a trailing ".0", so messages read "-250", not "-250.0".
    private static func show(_ number: Double) -> String {
        if number.isFinite, number.rounded() == number, abs(number) < 1e15 {
            return String(Int64(number))
        }
        return "\(number)"
    }

    private func typeMismatch(_ expected: String) -> EnvelopeError {
        .wrongType(path: path.isEmpty ? "$" : path, expected: expected, found: value.typeName)
    }
}
