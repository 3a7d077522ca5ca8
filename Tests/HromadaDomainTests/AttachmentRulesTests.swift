import Foundation
import Testing
@testable import HromadaDomain

/// The platform's documents of any module's things: PDFs by their own bytes, titled, a limited number per owner.
@Suite struct AttachmentRulesTests {
    @Test func aDocumentIsAPDFByItsOwnBytesAndWithinTheLimit() throws {
        try AttachmentRules.check(Array("%PDF-1.7\n%âãÏÓ\n".utf8))
        #expect(throws: AttachmentRules.Problem.empty) { try AttachmentRules.check([]) }
        // An HTML page or a PNG named `.pdf` is still not one.
        #expect(throws: AttachmentRules.Problem.notPDF) { try AttachmentRules.check(Array("<html><script>".utf8)) }
        #expect(throws: AttachmentRules.Problem.notPDF) { try AttachmentRules.check([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]) }
        #expect(throws: AttachmentRules.Problem.notPDF) { try AttachmentRules.check(Array(" %PDF-1.7".utf8)) }
        let limit = Array("%PDF-".utf8) + [UInt8](repeating: 0x20, count: AttachmentRules.maximumBytes - 5)
        try AttachmentRules.check(limit)
        #expect(throws: AttachmentRules.Problem.tooLarge) { try AttachmentRules.check(limit + [0x0A]) }
    }

    @Test func aDocumentNeedsATitle() throws {
        #expect(try AttachmentRules.title("  Технічний паспорт ") == "Технічний паспорт")
        #expect(throws: AttachmentRules.Problem.titleLength) { try AttachmentRules.title("   ") }
        #expect(throws: AttachmentRules.Problem.titleLength) { try AttachmentRules.title(String(repeating: "я", count: 201)) }
    }

    @Test func anOwnerTakesAtMostTwentyDocuments() throws {
        try AttachmentRules.checkRoom(existing: AttachmentRules.maximumPerOwner - 1)
        #expect(throws: AttachmentRules.Problem.tooMany) { try AttachmentRules.checkRoom(existing: AttachmentRules.maximumPerOwner) }
    }
}
