import Foundation
import Testing
import Waste

/// No body may crash an envelope parser: it returns or throws. Inputs are the
/// realistic fixtures, damaged byte by byte and spliced with hostile values.
@Suite struct EnvelopeRobustnessTests {
    static let fixtures: [(body: Data, server: Server)] = [
        (TheThingsStackFixtures.uplink, .theThingsStack),
        (TheThingsStackFixtures.firstUplinkAfterJoin, .theThingsStack),
        (TheThingsStackFixtures.joinAccept, .theThingsStack),
        (TheThingsStackFixtures.downlinkFailed, .theThingsStack),
        (ChirpStackFixtures.up, .chirpStack),
        (ChirpStackFixtures.firstUpAfterJoin, .chirpStack),
        (ChirpStackFixtures.status, .chirpStack),
    ]

    /// Values chosen to hit conversions: overflow, fractions, NaN, wrong types.
    static let hostileValues = [
        "1e400", "-1e400", "1e-400", "18446744073709551616", "-9223372036854775809", "4294967296", "256",
        "-0", "0.5", "1.7976931348623157e308", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e9999\"",
        "\"99999999999999999999\"", "null", "true", "[]", "{}", "\"\"", "\"====\"", "\"\\u0000\"",
        String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        "\"" + String(repeating: "A", count: 5_000) + "\"",
    ]

    /// Every parser entry point, for inputs that belong to no server.
    private func parseEverywhere(_ body: Data) {
        _ = try? LoRaWANEnvelope.theThingsStack(body)
        _ = try? LoRaWANEnvelope.chirpStack(body, event: nil)
        _ = try? LoRaWANEnvelope.chirpStack(body, event: "up")
    }

    @Test func damagedBytesNeverTrap() {
        var random = DecoderTestGenerator(seed: 0xE4E1_0001)
        for (fixture, server) in Self.fixtures {
            for _ in 0..<500 {
                var bytes = [UInt8](fixture)
                for _ in 0..<Int.random(in: 1...4, using: &random) where !bytes.isEmpty {
                    let index = Int.random(in: 0..<bytes.count, using: &random)
                    switch Int.random(in: 0...2, using: &random) {
                    case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
                    case 1: bytes.remove(at: index)
                    default: bytes.insert(UInt8.random(in: 0...255, using: &random), at: index)
                    }
                }
                _ = try? server.parse(Data(bytes))
            }
        }
    }

    @Test func truncatedBodiesNeverTrap() {
        for (fixture, server) in Self.fixtures {
            for length in stride(from: 0, through: fixture.count, by: 3) {
                _ = try? server.parse(fixture.prefix(length))
            }
        }
    }

    @Test(arguments: [
        (TheThingsStackFixtures.uplink, Server.theThingsStack),
        (TheThingsStackFixtures.firstUplinkAfterJoin, Server.theThingsStack),
        (ChirpStackFixtures.up, Server.chirpStack),
        (ChirpStackFixtures.firstUpAfterJoin, Server.chirpStack),
    ])
    func hostileValuesInEveryFieldNeverTrap(fixture: Data, server: Server) {
        // Replace each JSON value in turn (after each ": ") with each hostile value.
        var stillUplinks = 0
        let text = String(decoding: fixture, as: UTF8.self)
        for separator in text.ranges(of: ": ") {
            guard let valueEnd = text[separator.upperBound...].firstIndex(where: { ",\n}".contains($0) })
            else { continue }
            for hostile in Self.hostileValues {
                let body = Data((text[..<separator.upperBound] + hostile + text[valueEnd...]).utf8)
                if case .uplink? = try? server.parse(body) { stillUplinks += 1 }
            }
        }
        // Hostile values in fields we ignore must not stop a good uplink.
        #expect(stillUplinks > 100)
    }

    enum Server: Sendable {
        case theThingsStack, chirpStack

        /// ChirpStack without the event parameter, so inference is exercised too.
        func parse(_ body: Data) throws -> LoRaWANMessage {
            switch self {
            case .theThingsStack: try LoRaWANEnvelope.theThingsStack(body)
            case .chirpStack: try LoRaWANEnvelope.chirpStack(body, event: nil)
            }
        }
    }

    @Test func deepNestingAndOversizeBodiesAreRefusedNotCrashed() {
        let deep = Data((String(repeating: "[", count: 60_000) + String(repeating: "]", count: 60_000)).utf8)
        #expect(throws: EnvelopeError.self) { try LoRaWANEnvelope.theThingsStack(deep) }
        let deepObject = Data((String(repeating: #"{"a":"#, count: 10_000) + "1"
            + String(repeating: "}", count: 10_000)).utf8)
        #expect(throws: EnvelopeError.self) { try LoRaWANEnvelope.chirpStack(deepObject, event: nil) }
        let huge = Data(repeating: UInt8(ascii: "["), count: 1_000_000)
        #expect(throws: EnvelopeError.bodyTooLarge(bytes: 1_000_000, limit: 65_536)) {
            try LoRaWANEnvelope.chirpStack(huge, event: "up")
        }
    }

    @Test func randomBytesNeverTrap() {
        var random = DecoderTestGenerator(seed: 0xE4E1_0002)
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...200, using: &random)
            let alphabet = Array(#"{}[]:,"0123456789.eE+-truefalsnl \abcxyz_"#.utf8)
            let bytes = (0..<count).map { _ in
                Bool.random(using: &random)
                    ? alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
                    : UInt8.random(in: 0...255, using: &random)
            }
            parseEverywhere(Data(bytes))
        }
    }
}
