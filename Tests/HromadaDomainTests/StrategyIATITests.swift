import Foundation
import HromadaDomain
import Testing
@testable import Strategy

/// A document's results as IATI 2.03 XML: valid against IATI's own schema,
/// its elements in the schema's order, every text escaped.
@Suite struct StrategyIATITests {
    /// The schema beside the repository (`../shared/data/iati`), found from this file's place in the package.
    static let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/data/iati/iati-activities-schema.xsd").standardizedFileURL
    static let xmllint = URL(fileURLWithPath: "/usr/bin/xmllint")
    static let canValidate = FileManager.default.fileExists(atPath: schema.path) && FileManager.default.isExecutableFile(atPath: xmllint.path)

    static let generatedAt = Date(timeIntervalSince1970: 1_767_225_600 + 3_723)  // 2026-01-01T01:02:03Z

    static func document(title: LocalizedName = .init(uk: "Стратегія розвитку", en: "Development strategy"), status: DocumentStatus = .inForce)
        throws -> StrategyDocument
    {
        try StrategyDocument.make(
            externalID: "strategy-2030", kind: .developmentStrategy, title: title, firstYear: 2021, lastYear: 2030,
            decision: .init(number: "12/3", date: CalendarDate(year: 2020, month: 12, day: 24)), status: status)
    }

    static func xml(_ document: StrategyDocument, _ tree: StrategyTree) -> String {
        IATIResults.document(
            document: document, tree: tree, reportingOrg: (ref: "UA-EDR-04054866", name: .init(uk: "Міська рада", en: "City council")),
            identifier: "UA-EDR-04054866-strategy-2030", language: .uk, generatedAt: generatedAt)
    }

    /// `xmllint`'s verdict on the text against the schema: nil when valid, else what it says.
    static func schemaErrors(_ xml: String) throws -> String? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("iati-\(UUID().uuidString).xml")
        try Data(xml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = xmllint
        process.arguments = ["--noout", "--nonet", "--schema", schema.path, file.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : String(decoding: output.prefix(4_000), as: UTF8.self)
    }

    // MARK: Validity

    @Test(.enabled(if: canValidate, "needs /usr/bin/xmllint and ../shared/data/iati"))
    func aSmallTreeIsValidAgainstTheSchema() throws {
        let error = try Self.schemaErrors(Self.xml(try Self.document(), try StrategyCSVTests.tree()))
        #expect(error == nil, "\(error ?? "")")
    }

    @Test(.enabled(if: canValidate, "needs /usr/bin/xmllint and ../shared/data/iati"), arguments: [DocumentStatus.draft, .completed, .repealed])
    func everyStatusIsValidAgainstTheSchema(status: DocumentStatus) throws {
        let error = try Self.schemaErrors(Self.xml(try Self.document(status: status), try StrategyCSVTests.tree()))
        #expect(error == nil, "\(error ?? "")")
    }

    @Test(.enabled(if: canValidate, "needs /usr/bin/xmllint and ../shared/data/iati"), arguments: [7, 8] as [UInt64])
    func aLargeGeneratedTreeIsValidAgainstTheSchema(seed: UInt64) throws {
        var generator = StrategyTreeGenerator(seed: seed)
        let tree = try generator.tree(nodes: 400, indicators: 300)
        let xml = Self.xml(try Self.document(), tree)
        #expect(xml.components(separatedBy: "<indicator ").count - 1 == tree.indicators.count)
        let error = try Self.schemaErrors(xml)
        #expect(error == nil, "\(error ?? "")")
    }

    @Test(.enabled(if: canValidate, "needs /usr/bin/xmllint and ../shared/data/iati"))
    func aTreeWithoutIndicatorsIsAnActivityWithoutResults() throws {
        let xml = Self.xml(try Self.document(), try StrategyTree.make(nodes: try StrategyCSVTests.tree().nodes, indicators: []))
        #expect(!xml.contains("<result"))
        #expect(try Self.schemaErrors(xml) == nil)
    }

    // MARK: Escaping

    @Test func textsAndAttributesAreEscapedAndForbiddenCharactersDropped() throws {
        let title = LocalizedName(uk: "A <&\"'> \u{01}B\u{FFFE}", en: "Plan")
        let xml = Self.xml(try Self.document(title: title), .empty)
        #expect(xml.contains("<narrative xml:lang=\"uk\">A &lt;&amp;&quot;&apos;&gt; B</narrative>"))
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(IATIResults.XMLText.escaped("a\tb\r\nc", inAttribute: true) == "a&#9;b&#13;&#10;c")
        #expect(IATIResults.XMLText.escaped("a\tb\r\nc", inAttribute: false) == "a\tb&#13;\nc")
    }

    @Test(.enabled(if: canValidate, "needs /usr/bin/xmllint and ../shared/data/iati"))
    func anEscapedTitleIsStillValid() throws {
        let xml = Self.xml(try Self.document(title: .init(uk: "A <&\"'> \u{01}B", en: "]]> & \u{7F}")), try StrategyCSVTests.tree())
        #expect(try Self.schemaErrors(xml) == nil)
    }

    // MARK: Order and values

    /// The offsets of each piece in the text, in the order given; nil for one missing.
    static func offsets(_ pieces: [String], in text: String) -> [Int?] {
        pieces.map { piece in text.range(of: piece).map { text.distance(from: text.startIndex, to: $0.lowerBound) } }
    }

    @Test func theActivitysElementsComeInTheSchemasOrder() throws {
        let xml = Self.xml(try Self.document(), try StrategyCSVTests.tree())
        let order = [
            "<iati-activities ", "<iati-activity ", "<iati-identifier>", "<reporting-org ", "<title>", "<description ", "<participating-org ",
            "<activity-status ", "<activity-date ", "<result ",
        ]
        let found = Self.offsets(order, in: xml)
        #expect(found.allSatisfy { $0 != nil })
        #expect(found.compactMap { $0 } == found.compactMap { $0 }.sorted())
        #expect(xml.contains("generated-datetime=\"2026-01-01T01:02:03Z\"") && xml.contains("version=\"2.03\""))
        #expect(xml.contains("<reporting-org ref=\"UA-EDR-04054866\" type=\"11\">"))
        #expect(xml.contains("<activity-status code=\"2\"/>"))
        #expect(xml.contains("<activity-date iso-date=\"2021-01-01\" type=\"2\"/>") && xml.contains("<activity-date iso-date=\"2030-12-31\" type=\"3\"/>"))
    }

    @Test func eachYearWithATargetOrAnActualIsAPeriodInYearOrder() throws {
        let xml = Self.xml(try Self.document(), try StrategyCSVTests.tree())
        #expect(xml.components(separatedBy: "<result ").count == 2, "one result: only the objective has an indicator")
        #expect(xml.contains("<result type=\"2\">") && xml.contains("<indicator ascending=\"1\" measure=\"1\">"))
        let expected = [
            "<narrative xml:lang=\"uk\">Малий бізнес</narrative>", "<narrative xml:lang=\"en\">Sole traders</narrative>",
            "<baseline value=\"1000\" year=\"2020\"/>",
            "<period-start iso-date=\"2024-01-01\"/>", "<period-end iso-date=\"2024-12-31\"/>", "<actual value=\"1200\">", "<narrative>Держстат</narrative>",
            "<period-start iso-date=\"2025-01-01\"/>", "<target value=\"1500\"/>",
            "<period-start iso-date=\"2027-01-01\"/>", "<target value=\"2000\"/>",
        ]
        let found = Self.offsets(expected, in: xml)
        #expect(found.allSatisfy { $0 != nil }, "\(zip(expected, found).filter { $0.1 == nil }.map(\.0))")
        #expect(found.compactMap { $0 } == found.compactMap { $0 }.sorted())
        #expect(!xml.contains("<period-start iso-date=\"2026-01-01\"/>"), "a year with neither is no period")
        let period2024 = try #require(xml.range(of: "<period-start iso-date=\"2024-01-01\"/>").map { xml[$0.lowerBound...] })
        #expect(!(period2024.components(separatedBy: "</period>").first ?? "").contains("<target"), "2024 has an actual and no target")
    }

    @Test func aDescendingIndicatorAndAProjectsResultAreMarkedSo() throws {
        let base = try StrategyCSVTests.tree()
        let indicator = StrategyIndicator(
            id: "I9", node: "P1", name: .init(uk: "Дні", en: "Days"), unit: .init(uk: "", en: ""), direction: .lower,
            baseline: .init(year: 2020, value: -0.00001), targets: [.init(year: 2022, value: 12.5)])
        let xml = Self.xml(try Self.document(), try StrategyTree.make(nodes: base.nodes, indicators: [indicator]))
        #expect(xml.contains("<result type=\"1\">") && xml.contains("<indicator ascending=\"0\" measure=\"1\">"))
        #expect(xml.contains("<baseline value=\"-0.00001\" year=\"2020\"/>") && xml.contains("<target value=\"12.5\"/>"))
    }
}
