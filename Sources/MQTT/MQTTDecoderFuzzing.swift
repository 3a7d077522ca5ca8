import NIOCore

/// The body of a libFuzzer target for the packet decoder:
///
/// ```swift
/// @_cdecl("LLVMFuzzerTestOneInput")
/// public func test(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
///     fuzzMQTTDecoder(UnsafeRawBufferPointer(start: start, count: count))
///     return 0
/// }
/// ```
///
/// It decodes packets until the bytes run out or one is malformed; a malformed packet is
/// an expected outcome, a trap is the bug being hunted. Every packet that decodes must
/// encode again and decode to the same value.
public func fuzzMQTTDecoder(_ bytes: UnsafeRawBufferPointer) {
    var buffer = ByteBuffer(bytes: bytes)
    // A small limit makes the fuzzer reach the "too large" branch too.
    let maximumSize = bytes.first.map { $0 & 1 == 0 ? 1 << 20 : 64 } ?? 64
    while true {
        let packet: MQTTPacket?
        do {
            packet = try MQTTPacket.decode(from: &buffer, maximumSize: maximumSize)
        } catch {
            return
        }
        guard let packet else { return }
        var encoded = ByteBuffer()
        guard (try? packet.encode(into: &encoded)) != nil,
            let decodedAgain = try? MQTTPacket.decode(from: &encoded, maximumSize: Int.max),
            decodedAgain == packet
        else {
            fatalError("MQTT packet \(packet.name) does not survive a round trip")
        }
    }
}
