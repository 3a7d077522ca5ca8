import Foundation
import Testing
@testable import HromadaDomain

/// The brand's rules (docs/brand.md): the SVG allowlist, WCAG contrast,
/// colours, slogans and fonts.
@Suite struct SVGLogoTests {
    static let plain = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#0b57a4"/></svg>"##

    func refusal(_ text: String) -> SVGLogo.Refusal? {
        do {
            _ = try SVGLogo(validating: Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    func svg(_ inside: String, attributes: String = "") -> String {
        ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"\##(attributes)>\##(inside)</svg>"##
    }

    @Test func aPlainLogoIsAccepted() throws {
        let logo = try SVGLogo(validating: Array(Self.plain.utf8))
        #expect(String(decoding: logo.bytes, as: UTF8.self).contains(##"<rect width="10" height="10" fill="#0b57a4"/>"##))
    }

    @Test func shapesGradientsAndTextAreAccepted() throws {
        let text = svg("""
            <title>Logo &amp; mark</title><desc>A &#1042;&#x456; mark</desc>
            <defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#000"/></linearGradient>
            <radialGradient id="r" xlink:href="#g"/></defs>
            <g transform="translate(1 1)" opacity=".5"><circle cx="5" cy="5" r="4" fill="url(#g)"/><ellipse cx="5" cy="5" rx="2" ry="1"/>
            <path d="M0 0L10 10" stroke="url( #r )"/><polygon points="0,0 1,1 0,1"/><polyline points="0,0 1,1"/><line x1="0" y1="0" x2="1" y2="1"/></g>
            <text x="1" y="9" font-family="sans-serif" font-size="3" text-anchor="start">Вінниця<tspan dx="1">!</tspan></text>
            """, attributes: ##" xmlns:xlink="http://www.w3.org/1999/xlink""##)
        #expect(refusal(text) == nil)
    }

    @Test func theStoredLogoIsWrittenAgainFromWhatWasAccepted() throws {
        let logo = try SVGLogo(validating: Array(##"<?xml version="1.0"?><!-- a comment --><svg viewBox='0 0 1 1'><title>A &lt;b&gt; &#38; c</title></svg>"##.utf8))
        let written = String(decoding: logo.bytes, as: UTF8.self)
        #expect(written == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"><title>A &lt;b&gt; &amp; c</title></svg>")
        // Written again, it is the same: what we serve passes our own gate.
        #expect(try SVGLogo(validating: logo.bytes).bytes == logo.bytes)
    }

    @Test func aLogoWithScriptIsRefused() {
        #expect(refusal(svg("<script>alert(1)</script>")) == .forbiddenElement("script"))
    }

    @Test func anExternalHrefIsRefused() {
        #expect(refusal(svg(##"<linearGradient id="a" href="http://evil.example/x.svg#a"/>"##)) == .externalReference("href"))
        #expect(refusal(svg(##"<linearGradient id="a" xlink:href="https://evil.example/#a"/>"##, attributes: ##" xmlns:xlink="http://www.w3.org/1999/xlink""##))
            == .externalReference("xlink:href"))
        #expect(refusal(svg(##"<linearGradient id="a" href="#b"/>"##)) == nil)
    }

    @Test func aDoctypeOrEntityIsRefused() {
        #expect(refusal("<!DOCTYPE svg [<!ENTITY x \"y\">]>" + Self.plain) == .doctype)
        #expect(refusal("<!doctype svg>" + Self.plain) == .doctype)
        #expect(refusal("<!ENTITY x \"y\">" + Self.plain) == .doctype)
        #expect(refusal(svg("<title>&x;</title>")) == .entity("x"))
        #expect(refusal(svg("<title>&nbsp;</title>")) == .entity("nbsp"))
    }

    @Test func anEventAttributeIsRefused() {
        #expect(refusal(svg("", attributes: ##" onload="alert(1)""##)) == .eventAttribute("onload"))
        #expect(refusal(svg(##"<rect ONCLICK="x"/>"##)) == .eventAttribute("ONCLICK"))
    }

    @Test func styleElementsAndAttributesAreRefused() {
        #expect(refusal(svg("<style>rect{fill:url(http://x)}</style>")) == .forbiddenElement("style"))
        #expect(refusal(svg(##"<rect style="fill:red"/>"##)) == .styleAttribute)
    }

    @Test func foreignObjectIsRefused() {
        #expect(refusal(svg("<foreignObject><p>hi</p></foreignObject>")) == .forbiddenElement("foreignObject"))
    }

    @Test func anOutsideURLInAValueIsRefused() {
        #expect(refusal(svg(##"<rect fill="url(http://evil.example/a.svg#g)"/>"##)) == .externalURL("fill"))
        #expect(refusal(svg(##"<rect fill="url('#g')"/>"##)) == .externalURL("fill"))
        #expect(refusal(svg(##"<rect fill="u\72l(http://x)"/>"##)) == .externalURL("fill"))
        #expect(refusal(svg(##"<rect fill="URL(#g) red"/>"##)) == nil)
    }

    @Test func javascriptAndDataAddressesAreRefusedAnywhere() {
        #expect(refusal(svg(##"<linearGradient id="a" href="javascript:alert(1)"/>"##)) == .scriptURL("href"))
        // Spelt with character references, it is the same address.
        #expect(refusal(svg(##"<rect fill="&#106;ava&#x73;cript:x"/>"##)) == .scriptURL("fill"))
        #expect(refusal(svg(##"<rect fill="url(data:image/png;base64,AAA)"/>"##)) == .scriptURL("fill"))
        #expect(refusal(svg("<title>see data: here</title>")) == .scriptURL("title"))
    }

    @Test func unknownElementsAndAttributesAreRefused() {
        #expect(refusal(svg("<marquee/>")) == .unknownElement("marquee"))
        #expect(refusal(svg(##"<image href="#a"/>"##)) == .forbiddenElement("image"))
        #expect(refusal(svg(##"<use href="#a"/>"##)) == .forbiddenElement("use"))
        #expect(refusal(svg(##"<rect filter="x"/>"##)) == .unknownAttribute("filter"))
        #expect(refusal(##"<svg xmlns="http://www.w3.org/1999/xhtml"/>"##) == .unknownAttribute("xmlns"))
    }

    @Test func processingInstructionsOtherThanTheDeclarationAreRefused() {
        #expect(refusal(##"<?xml-stylesheet href="http://x/a.css"?>"## + Self.plain) == .processingInstruction("xml-stylesheet"))
        #expect(refusal(svg("<?php echo 1 ?>")) == .processingInstruction("php"))
        #expect(refusal(svg("<title><![CDATA[x]]></title>")) == .cdata)
    }

    @Test func aRootOtherThanSVGIsRefused() {
        #expect(refusal("<html><body/></html>") == .rootNotSVG("html"))
        #expect(refusal("<g/>") == .rootNotSVG("g"))
    }

    @Test func malformedXMLIsRefused() {
        for text in [
            "<svg>", "<svg></g>", "svg", "<svg><rect></svg>", "<svg a=1/>", "<svg a=\"1\" a=\"2\"/>", "<svg>&</svg>", "<svg>&#xZZ;</svg>",
            "<svg>&#0;</svg>", "<svg>&#99999999999;</svg>", "<svg/><svg/>", "<svg/>tail", "<svg\"/>", "<svg><!-- open</svg>", "<", "<svg a=\"<\"/>",
            "<svg>\u{01}</svg>", "<svg>]]></svg>",
        ] {
            #expect(refusal(text) == .malformed, "\(text)")
        }
        #expect(refusal("") == .empty)
        #expect(refusal("<svg>\u{FFFD}</svg>") == nil)
        #expect((try? SVGLogo(validating: [0x3C, 0x73, 0x76, 0x67, 0xFF, 0x2F, 0x3E])) == nil)
    }

    @Test func aLogoOverTheSizeLimitIsRefused() {
        let big = svg(String(repeating: " ", count: SVGLogo.maximumBytes))
        #expect(refusal(big) == .tooLarge(limit: SVGLogo.maximumBytes))
    }

    @Test func aLogoThatEscapingWouldTakePastTheLimitIsRefused() {
        // Each `>` in text is written as `&gt;`: under the limit as uploaded, over it as stored.
        let text = svg("<title>" + String(repeating: ">", count: SVGLogo.maximumBytes - 200) + "</title>")
        #expect(text.utf8.count <= SVGLogo.maximumBytes)
        #expect(refusal(text) == .tooLarge(limit: SVGLogo.maximumBytes))
    }

    @Test func nestingDeeperThanTheLimitIsRefused() {
        let deep = String(repeating: "<g>", count: SVGLogo.maximumDepth) + String(repeating: "</g>", count: SVGLogo.maximumDepth)
        #expect(refusal(svg(deep)) == .tooDeep(limit: SVGLogo.maximumDepth))
        let fine = String(repeating: "<g>", count: SVGLogo.maximumDepth - 2) + String(repeating: "</g>", count: SVGLogo.maximumDepth - 2)
        #expect(refusal(svg(fine)) == nil)
    }

    @Test func noInputTraps() {
        // Every prefix of a rich logo, and random bytes: refused or accepted, never a crash.
        let rich = Array(svg(##"<title>a&amp;b&#x41;</title><g><rect fill="url(#a)"/></g>"##).utf8)
        for end in 0...rich.count { _ = try? SVGLogo(validating: Array(rich[0..<end])) }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("<>/?!=\"'&#;x:-[]svgrect ".utf8)
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0..<64, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
            _ = try? SVGLogo(validating: bytes)
        }
    }
}

@Suite struct ContrastTests {
    func colour(_ text: String) -> HexColour {
        guard let colour = HexColour(text) else {
            Issue.record("\(text) is not a colour")
            return .black
        }
        return colour
    }

    @Test func blackOnWhiteIs21To1() {
        let ratio = ContrastRatio(.black, .white)
        #expect(abs(ratio.value - 21) < 1e-9)
        #expect(ratio.text == "21.00:1")
        #expect(ContrastRatio(.white, .black).value == ratio.value)
    }

    @Test func grey777OnWhiteIsRefusedAt448() {
        let ratio = ContrastRatio(colour("#777777"), .white)
        #expect(!ratio.passesAA)
        #expect(ratio.text == "4.48:1")
    }

    @Test func knownPairs() {
        // Values from WebAIM's contrast checker.
        #expect(ContrastRatio(colour("#767676"), .white).text == "4.54:1")
        #expect(ContrastRatio(colour("#767676"), .white).passesAA)
        #expect(ContrastRatio(colour("#0b57a4"), .white).text == "7.21:1")
        #expect(ContrastRatio(colour("#ff0000"), .white).text == "4.00:1")
        #expect(ContrastRatio(colour("#fff"), colour("#fff")).text == "1.00:1")
    }

    @Test func aFailingRatioNeverShowsAsTheThreshold() {
        // #118670 on white is 4.4989…: refused, and shown as 4.49, never rounded up to 4.50.
        let ratio = ContrastRatio(colour("#118670"), .white)
        #expect(!ratio.passesAA)
        #expect(ratio.text == "4.49:1")
    }

    @Test func hexColoursAreSixOrThreeDigitsOnly() {
        #expect(colour("#0B57A4").hex == "#0b57a4")
        #expect(colour(" #abc ").hex == "#aabbcc")
        for text in ["0b57a4", "#0b57a", "#0b57a4ff", "#ggg", "red", "rgb(0,0,0)", "#", "", "#٣٣٣", "#abc;}"] {
            #expect(HexColour(text) == nil, "\(text)")
        }
    }

    @Test func thePlatformColoursPassEveryPair() {
        #expect(BrandColours.platform.failingPairs.isEmpty)
    }

    @Test func aFailingPairNamesTheFieldToMend() {
        var colours = BrandColours.platform
        colours.onPrimary = colour("#3b7bd0")
        colours.link = colour("#777777")
        #expect(colours.failingPairs.map(\.field) == [.onPrimary, .link])
        colours = .platform
        colours.background = colour("#333333")
        #expect(colours.failingPairs.map(\.field) == [.text, .link, .background])
    }

    @Test func aHoverShadeKeepsItsContrast() {
        let primary = colour("#0f766e")
        let hover = BrandColours.hoverShade(of: primary, against: .white)
        #expect(ContrastRatio(hover, .white) > ContrastRatio(primary, .white))
        let light = colour("#ffd500")
        #expect(ContrastRatio(BrandColours.hoverShade(of: light, against: .black), .black) > ContrastRatio(light, .black))
    }
}

@Suite struct BrandValueTests {
    @Test func aSloganIsTrimmedAndLimited() throws {
        #expect(try Brand.slogan("  Вінниця — місто ідей ") == "Вінниця — місто ідей")
        #expect(try Brand.slogan("   ") == nil)
        #expect(throws: Brand.SloganProblem.tooLong(limit: Brand.maximumSloganLength)) { try Brand.slogan(String(repeating: "я", count: 121)) }
        #expect(throws: Brand.SloganProblem.controlCharacters) { try Brand.slogan("one\ntwo") }
    }

    @Test func aSloganFallsBackToTheOtherLanguage() {
        let brand = Brand(sloganUK: "Місто ідей")
        #expect(brand.slogan(in: .en) == "Місто ідей")
        #expect(Brand(sloganUK: "А", sloganEN: "B").slogan(in: .en) == "B")
    }

    @Test func aFontMustBeWOFF2ByItsBytes() throws {
        let woff2 = Array("wOF2".utf8) + [UInt8](repeating: 0, count: 60)
        #expect(try BrandFont(family: "Inter", bytes: woff2).family == "Inter")
        #expect(throws: BrandFont.Refusal.notWOFF2) { try BrandFont(family: "Inter", bytes: Array("wOFF".utf8) + [UInt8](repeating: 0, count: 60)) }
        #expect(throws: BrandFont.Refusal.notWOFF2) { try BrandFont(family: "Inter", bytes: Array("wOF2".utf8)) }
        #expect(throws: BrandFont.Refusal.tooLarge(limit: BrandFont.maximumBytes)) {
            try BrandFont(family: "Inter", bytes: Array("wOF2".utf8) + [UInt8](repeating: 0, count: BrandFont.maximumBytes))
        }
        #expect(throws: BrandFont.Refusal.familyMissing) { try BrandFont(family: "\";{}", bytes: woff2) }
    }

    @Test func aFontFamilyIsCleanedForCSS() {
        #expect(BrandFont.cleanFamily(##"e-Ukraine"; } body{x:url(a)"##) == "e-Ukraine body x url a")
        #expect(BrandFont.cleanFamily("  Мануфактура   Sans ") == "Мануфактура Sans")
        #expect(BrandFont.cleanFamily("\\\"") == nil)
    }

    @Test func colourNamesAreTheirCSSProperties() {
        #expect(BrandColours.Name.onPrimary.cssProperty == "--brand-on-primary")
        #expect(BrandColours.Name.primary.cssProperty == "--brand-primary")
    }
}
