import Foundation
import HromadaDomain
import Testing
@testable import HromadaWeb

/// The table a declaration's rows make, and its three renderings.
@Suite struct OpenDataTableTests {
    static let fields = [
        OpenDataField("name", .text, descriptionKey: "k"), OpenDataField("count", .integer, descriptionKey: "k"),
        OpenDataField("price", .decimal, unit: "UAH", descriptionKey: "k"), OpenDataField("latitude", .decimal, descriptionKey: "k"),
        OpenDataField("day", .date, descriptionKey: "k"), OpenDataField("at", .datetime, descriptionKey: "k"),
        OpenDataField("done", .boolean, descriptionKey: "k"), OpenDataField("tags", .text, isList: true, descriptionKey: "k"),
    ]

    static let table: OpenDataTable? = try? OpenDataTable(fields: fields, rows: [
        [.text("=SUM(A1), \"quoted\""), .int(-3), .decimal("12500.00"), .number(49.0), .date(CalendarDate(year: 2027, month: 3, day: 1)),
         .datetime(Date(timeIntervalSince1970: 1_780_000_000)), .boolean(true), .list([.text("a"), .text("b")])],
        [.null, .null, .decimal("-0.05"), .null, .null, .null, .boolean(false), .null],
    ])

    @Test func aTableIsCSVWithAHeaderAndRFC4180Quoting() throws {
        let table = try #require(Self.table)
        #expect(table.csv() == "name,count,price,latitude,day,at,done,tags\r\n"
            + "\"'=SUM(A1), \"\"quoted\"\"\",-3,12500.00,49.0,2027-03-01,2026-05-28T20:26:40Z,true,a b\r\n"
            + ",,-0.05,,,,false,\r\n")
    }

    @Test func aTableIsJSONWithTypedValuesAndEveryField() throws {
        let table = try #require(Self.table)
        #expect(try table.json() == #"[{"at":"2026-05-28T20:26:40Z","count":-3,"day":"2027-03-01","done":true,"latitude":49,"name":"=SUM(A1), \"quoted\"","price":12500,"tags":["a","b"]},"#
            + #"{"at":null,"count":null,"day":null,"done":false,"latitude":null,"name":null,"price":-0.05,"tags":null}]"#)
    }

    @Test func theOldPathsJSONKeepsMoneyAsTextEmptyTimesAndLeavesOutOtherAbsences() throws {
        let table = try #require(Self.table)
        #expect(try table.legacyJSON() == #"[{"at":"2026-05-28T20:26:40Z","count":-3,"day":"2027-03-01","done":true,"latitude":49,"name":"=SUM(A1), \"quoted\"","price":"12500.00","tags":["a","b"]},"#
            + #"{"at":"","day":"","done":false,"name":"","price":"-0.05"}]"#)
        #expect(table.dropping(["price", "tags"]).fields.map(\.name) == ["name", "count", "latitude", "day", "at", "done"])
        #expect(table.dropping(["price"]).rows.first?.count == 7)
    }

    @Test(arguments: [
        [OpenDataValue.text("short")],
        [.int(1), .int(1), .decimal("1"), .null, .null, .null, .boolean(true), .null],
        [.text("x"), .int(1), .decimal("1e5"), .null, .null, .null, .boolean(true), .null],
        [.text("x"), .int(1), .decimal("1.2.3"), .null, .null, .null, .boolean(true), .null],
        [.text("x"), .int(1), .decimal(""), .null, .null, .null, .boolean(true), .null],
        [.text("x"), .int(1), .decimal("1"), .number(.nan), .null, .null, .boolean(true), .null],
        [.text("x"), .int(1), .decimal("1"), .number(.infinity), .null, .null, .boolean(true), .null],
        [.text("x"), .int(1), .decimal("1"), .null, .null, .null, .boolean(true), .text("not a list")],
        [.list([.text("x")]), .int(1), .decimal("1"), .null, .null, .null, .boolean(true), .null],
        [.text("x"), .int(1), .decimal("1"), .null, .null, .null, .boolean(true), .list([.int(2)])],
        [.text("x"), .int(1), .decimal("1"), .null, .null, .null, .boolean(true), .list([.null])],
    ])
    func aRowThatDoesNotFitItsFieldsIsRefused(_ row: OpenDataRow) {
        #expect(throws: OpenDataTable.Mismatch.self) { try OpenDataTable(fields: Self.fields, rows: [row]) }
    }

    @Test func aDeclarationNamesItselfAndItsFieldsAsPathsAndKeysAllow() {
        let query: @Sendable (AppServices, Municipality) async throws -> [OpenDataRow] = { _, _ in [] }
        #expect(OpenDataset("lots", strings: "x", frequency: .daily, fields: [OpenDataField("a", .text)], query: query).problem == nil)
        #expect(OpenDataset("Lots", strings: "x", frequency: .daily, fields: [OpenDataField("a", .text)], query: query).problem != nil)
        #expect(OpenDataset("lots.csv", strings: "x", frequency: .daily, fields: [OpenDataField("a", .text)], query: query).problem != nil)
        #expect(OpenDataset("lots", strings: "x", frequency: .daily, fields: [], query: query).problem != nil)
        #expect(OpenDataset("lots", strings: "x", frequency: .daily, fields: [OpenDataField("a", .text), OpenDataField("a", .integer)], query: query).problem != nil)
        #expect(OpenDataset("lots", strings: "x", frequency: .daily, fields: [OpenDataField("a,b", .text)], query: query).problem != nil)
        let described = OpenDataset("lots", strings: "open_data.m.lots", frequency: .daily, fields: [OpenDataField("a", .text)], query: query)
        #expect(described.titleKey == "open_data.m.lots.title" && described.fields.first?.descriptionKey == "open_data.m.lots.fields.a")
    }
}
