/// Hands out packet identifiers 1...65535 in turn, skipping those still in use (§2.3.1).
struct MQTTPacketIdentifiers {
    private var last: UInt16 = 0

    mutating func next(isInUse: (UInt16) -> Bool) throws(MQTTError) -> UInt16 {
        for _ in 0..<Int(UInt16.max) {
            // 0 is not an identifier, so the counter wraps to 1.
            self.last = self.last == UInt16.max ? 1 : self.last + 1
            if !isInUse(self.last) {
                return self.last
            }
        }
        throw .packetIdentifiersExhausted
    }
}
