import MQTT

/// Any bytes as what an MQTT broker sends the waste module's subscriber:
/// packets are decoded until the bytes run out or one is malformed (an
/// answer); each that decodes must encode and decode to itself.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzMQTT(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let data else { return 0 }
    fuzzMQTTDecoder(UnsafeRawBufferPointer(start: data, count: count))
    return 0
}
