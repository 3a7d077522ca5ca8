/// The rules for topic names and topic filters (MQTT 3.1.1 §4.7).
public enum MQTTTopic {
    /// A topic name a message is published to: not empty, no wildcards, no U+0000.
    public static func isValidName(_ topic: String) -> Bool {
        let bytes = topic.utf8
        return !bytes.isEmpty
            && bytes.count <= Int(UInt16.max)
            && !bytes.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "#") || $0 == 0 })
    }

    /// A filter a client subscribes with: `+` fills a whole level, `#` fills the whole last level.
    public static func isValidFilter(_ filter: String) -> Bool {
        let bytes = filter.utf8
        guard !bytes.isEmpty, bytes.count <= Int(UInt16.max), !bytes.contains(0) else {
            return false
        }
        let levels = bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        for (index, level) in levels.enumerated() {
            if level.contains(UInt8(ascii: "#")) {
                // §4.7.1.2: "#" stands alone and last.
                guard level.count == 1, index == levels.count - 1 else { return false }
            }
            if level.contains(UInt8(ascii: "+")) {
                // §4.7.1.3: "+" occupies an entire level.
                guard level.count == 1 else { return false }
            }
        }
        return true
    }
}
