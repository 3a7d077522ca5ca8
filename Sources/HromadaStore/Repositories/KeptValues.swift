import Foundation
import Synchronization

/// Values kept by a key that says everything they are made from, shared by
/// every request of the process: decoded JSON documents by their exact
/// stored text, a strategy's tree by its random key, its roll-up and its HTML.
///
/// Editions and projects are stored as JSON and read on every ballot, page
/// and API call; decoding them was a third of the server's CPU under a
/// ballot load. Decoding is a pure function of the text, so the text itself
/// is the key: a changed document is a different key, and nothing has to be
/// invalidated, on this instance or any other sharing the database. The same
/// holds for anything whose key names all it depends on.
package final class KeptValues<Value: Sendable>: Sendable {
    private let entries = Mutex<[ExactText: Value]>([:])
    /// When full the cache starts over: simpler than tracking recency, and a
    /// city's live documents fit many times over.
    private let capacity: Int

    package init(capacity: Int) {
        self.capacity = capacity
    }

    package subscript(key: String) -> Value? {
        let key = ExactText(key)
        return entries.withLock { $0[key] }
    }

    package func keep(_ value: Value, for key: String) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[ExactText(key)] = value
        }
    }

    /// The value kept for `key`, or the one `make` makes, kept.
    package func value(for key: String, make: () throws -> Value) rethrows -> Value {
        if let known = self[key] { return known }
        let value = try make()
        keep(value, for: key)
        return value
    }

    /// A JSON document decoded from `text`, the text being the key.
    package func value(of text: String, decode: (String) throws -> Value) throws -> Value {
        try value(for: text) { try decode(text) }
    }
}

/// A key that is its exact UTF-8 bytes. `String` hashes and compares by
/// canonical equivalence, normalising non-ASCII text on every lookup; the
/// kept documents are mostly Ukrainian, and normalising a budget's projects
/// for each ballot was a tenth of the server's CPU under a ballot load
/// (issue 25). Bytes hash in one pass. Two canonically equivalent but
/// different texts are then two keys, which only costs a second decode.
struct ExactText: Hashable, Sendable {
    let text: String

    init(_ text: String) {
        var text = text
        text.makeContiguousUTF8()
        self.text = text
    }

    func hash(into hasher: inout Hasher) {
        withBytes { hasher.combine(bytes: $0) }
    }

    static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        lhs.withBytes { left in
            rhs.withBytes { right in
                guard left.count == right.count else { return false }
                guard let l = left.baseAddress, let r = right.baseAddress else { return true }
                return memcmp(l, r, left.count) == 0
            }
        }
    }

    /// Contiguous since `init`, so this does not copy.
    private func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        text.utf8.withContiguousStorageIfAvailable { body(UnsafeRawBufferPointer($0)) } ?? Array(text.utf8).withUnsafeBytes(body)
    }
}
