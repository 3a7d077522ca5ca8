import Synchronization

/// Decoded JSON documents by their exact stored text.
///
/// Editions and projects are stored as JSON and read on every ballot, page
/// and API call; decoding them was a third of the server's CPU under a
/// ballot load. Decoding is a pure function of the text, so the text itself
/// is the key: a changed document is a different key, and nothing has to be
/// invalidated, on this instance or any other sharing the database.
package final class DecodedDocuments<Value: Sendable>: Sendable {
    private let entries = Mutex<[String: Value]>([:])
    /// When full the cache starts over: simpler than tracking recency, and a
    /// city's live documents fit many times over.
    private let capacity: Int

    package init(capacity: Int) {
        self.capacity = capacity
    }

    package func value(of text: String, decode: (String) throws -> Value) throws -> Value {
        if let known = entries.withLock({ $0[text] }) { return known }
        let value = try decode(text)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[text] = value
        }
        return value
    }
}
