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
    private let entries = Mutex<[String: Value]>([:])
    /// When full the cache starts over: simpler than tracking recency, and a
    /// city's live documents fit many times over.
    private let capacity: Int

    package init(capacity: Int) {
        self.capacity = capacity
    }

    package subscript(key: String) -> Value? { entries.withLock { $0[key] } }

    package func keep(_ value: Value, for key: String) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
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
