import Testing
@testable import HromadaStore

@Suite struct KeptValuesTests {
    @Test func aValueIsKeptByItsExactText() throws {
        let kept = KeptValues<Int>(capacity: 8)
        var decoded = 0
        let decode: (String) throws -> Int = { text in
            decoded += 1
            return text.utf8.count
        }
        let document = #"{"title":"Сквер на Замостянській","cost":120000}"#
        #expect(try kept.value(of: document, decode: decode) == document.utf8.count)
        // The same text built another way is the same key: decoded once.
        let again = String(decoding: Array(document.utf8), as: UTF8.self)
        #expect(try kept.value(of: again, decode: decode) == document.utf8.count)
        #expect(decoded == 1)
        #expect(try kept.value(of: document + " ", decode: decode) == document.utf8.count + 1)
        #expect(decoded == 2)
    }

    /// "й" composed and decomposed are equal `String`s but different bytes:
    /// different keys, each found again, neither mistaken for the other.
    @Test func canonicallyEquivalentTextsAreDifferentKeys() {
        let composed = "Вінницький край", decomposed = "Вінницький кра\u{0438}\u{0306}"
        #expect(composed == decomposed)
        #expect(ExactText(composed) != ExactText(decomposed))
        #expect(ExactText(composed) == ExactText(String(composed.reversed().reversed())))
        #expect(ExactText(composed).hashValue == ExactText(String(decoding: Array(composed.utf8), as: UTF8.self)).hashValue)
        let kept = KeptValues<String>(capacity: 8)
        kept.keep("composed", for: composed)
        kept.keep("decomposed", for: decomposed)
        #expect(kept[composed] == "composed")
        #expect(kept[decomposed] == "decomposed")
        #expect(kept[""] == nil)
        kept.keep("empty", for: "")
        #expect(kept[""] == "empty")
    }

    @Test func aFullCacheStartsOver() {
        let kept = KeptValues<Int>(capacity: 2)
        kept.keep(1, for: "a")
        kept.keep(2, for: "b")
        kept.keep(3, for: "c")
        #expect(kept["a"] == nil)
        #expect(kept["c"] == 3)
    }
}
