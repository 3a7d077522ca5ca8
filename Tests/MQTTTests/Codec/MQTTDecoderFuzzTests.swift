import MQTT
import NIOCore
import Testing

/// Thousands of random and mutated inputs: the decoder may refuse them, never trap.
/// `fuzzMQTTDecoder` traps itself when a decoded packet does not survive a round trip.
@Suite("Decoder robustness")
struct MQTTDecoderFuzzTests {
    @Test
    func randomBytesNeverTrap() {
        var random = SplitMix64(seed: 0x4852_4F4D_4144_41)  // "HROMADA"
        for _ in 0..<4_000 {
            var bytes = (0..<Int.random(in: 0...48, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            if !bytes.isEmpty, Bool.random(using: &random) {
                // A plausible first byte and a short length get past the header checks more often.
                bytes[0] = UInt8.random(in: 1...14, using: &random) << 4 | (Bool.random(using: &random) ? 0b0010 : 0)
                if bytes.count > 1 {
                    bytes[1] = UInt8(bytes.count - 2)
                }
            }
            bytes.withUnsafeBytes { fuzzMQTTDecoder($0) }
        }
    }

    @Test
    func mutatedValidPacketsNeverTrap() throws {
        var random = SplitMix64(seed: 0x5155_4C41_5453)
        let encoded = try MQTTPacketSamples.all.map { packet in
            var buffer = ByteBuffer()
            try packet.encode(into: &buffer)
            return Array(buffer.readableBytesView)
        }
        var decodedAtLeastOnce = 0
        for _ in 0..<6_000 {
            var bytes = encoded[Int.random(in: 0..<encoded.count, using: &random)]
            for _ in 0...Int.random(in: 0...3, using: &random) {
                bytes.mutate(using: &random)
            }
            bytes.withUnsafeBytes { fuzzMQTTDecoder($0) }
            var buffer = ByteBuffer(bytes: bytes)
            if (try? MQTTPacket.decode(from: &buffer, maximumSize: 1 << 20)) != nil {
                decodedAtLeastOnce += 1
            }
        }
        // The mutations must leave enough packets valid to exercise the body decoders, not just the header.
        #expect(decodedAtLeastOnce > 500)
    }
}

extension [UInt8] {
    fileprivate mutating func mutate(using random: inout SplitMix64) {
        guard !self.isEmpty else {
            self.append(UInt8.random(in: 0...255, using: &random))
            return
        }
        let index = Int.random(in: 0..<self.count, using: &random)
        switch Int.random(in: 0..<6, using: &random) {
        case 0: self[index] ^= 1 << UInt8.random(in: 0...7, using: &random)
        case 1: self[index] = UInt8.random(in: 0...255, using: &random)
        case 2: self.removeSubrange(index...)
        case 3: self.insert(UInt8.random(in: 0...255, using: &random), at: index)
        case 4: self.remove(at: index)
        default: self.append(contentsOf: self[index...])  // a second, partial packet behind the first
        }
    }
}

/// A small seeded generator, so a failing input can be found again.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
