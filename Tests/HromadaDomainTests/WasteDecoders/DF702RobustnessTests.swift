import Testing
import Waste

/// No payload may crash the decoder: it returns a frame or throws. Each test
/// only has to finish; a trap would kill the test process.
@Suite struct DF702RobustnessTests {
    @Test func randomBytesNeverTrap() {
        var random = DecoderTestGenerator(seed: 0xDF70_2001)
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...40, using: &random)
            let payload = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
            _ = try? DF702.decode(payload)
        }
    }

    @Test func wellFramedRandomBodiesNeverTrap() {
        // Valid markers, length and type, so the field decoders see random data.
        var random = DecoderTestGenerator(seed: 0xDF70_2002)
        var decoded = 0
        for _ in 0..<3_000 {
            let size = Bool.random(using: &random) ? 17 : 25
            var payload = (0..<size).map { _ in UInt8.random(in: 0...255, using: &random) }
            payload[0] = 0x80
            payload[2] = 0x01
            payload[3] = UInt8.random(in: 1...3, using: &random)
            payload[4] = UInt8(size)
            payload[size - 1] = 0x81
            if (try? DF702.decode(payload)) != nil { decoded += 1 }
        }
        // The generator must reach the field decoders, not only the envelope checks.
        #expect(decoded > 100)
    }

    @Test func mutatedAndTruncatedVendorVectorsNeverTrap() {
        var random = DecoderTestGenerator(seed: 0xDF70_2003)
        for vector in VendorVectors.all {
            for length in 0...vector.count {
                _ = try? DF702.decode(Array(vector.prefix(length)))
            }
            for _ in 0..<1_000 {
                var payload = vector
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    let index = Int.random(in: 0..<payload.count, using: &random)
                    payload[index] = UInt8.random(in: 0...255, using: &random)
                }
                if Bool.random(using: &random) {
                    payload.append(UInt8.random(in: 0...255, using: &random))
                }
                _ = try? DF702.decode(payload)
            }
        }
    }

    @Test func everyDecodedReadingIsWithinPhysicalRanges() {
        var random = DecoderTestGenerator(seed: 0xDF70_2004)
        for _ in 0..<2_000 {
            var payload = VendorVectors.heartbeatWithGPS
            for index in 5..<24 { payload[index] = UInt8.random(in: 0...255, using: &random) }
            guard case .heartbeat(let reading)? = try? DF702.decode(payload) else { continue }
            #expect((-180...180).contains(reading.tiltAngleDegrees))
            #expect((-128...127).contains(reading.temperatureCelsius))
            if let position = reading.position {
                #expect((-90...90).contains(position.latitude))
                #expect((-180...180).contains(position.longitude))
            }
        }
    }
}
