import Foundation
import HromadaDomain
import Testing

@Suite struct TerritoryCodeTests {
    @Test func aKATOTTGCodeIsUAAndSeventeenDigits() {
        // Codes of the codifier's shape in Вінницька область (level 1: 05).
        for text in ["UA05020030000031457", "UA05040050010023283", "UA05100170010066658", "UA05040110010081627"] {
            #expect(TerritoryCode(text)?.rawValue == text, "\(text)")
        }
        #expect(TerritoryCode(" ua05020030000031457 ")?.rawValue == "UA05020030000031457")
        #expect(TerritoryCode("UA05020030000031457")?.oblastDigits == "05")
    }

    @Test(arguments: [
        "", "UA", "05020030000031457", "UA0502003000003145", "UA050200300000314570", "UB05020030000031457",
        "UA0502003000003145X", "UA００020030000031457", "UA00020030000031457", "UA-5020030000031457", "UA 05020030000031457",
    ])
    func anythingElseIsNotATerritoryCode(_ text: String) {
        #expect(TerritoryCode(text) == nil)
    }

    @Test func aTerritoryCodeIsDecodedOnlyInItsShape() throws {
        let decoder = JSONDecoder()
        #expect(try decoder.decode(TerritoryCode.self, from: Data(#""UA05020030000031457""#.utf8)).rawValue == "UA05020030000031457")
        #expect(throws: DecodingError.self) { try decoder.decode(TerritoryCode.self, from: Data(#""UA1""#.utf8)) }
        #expect(throws: DecodingError.self) { try decoder.decode(TerritoryCode.self, from: Data("5020030000031457".utf8)) }
        let encoded = try JSONEncoder().encode(TerritoryCode("UA05020030000031457"))
        #expect(String(decoding: encoded, as: UTF8.self) == #""UA05020030000031457""#)
    }
}
