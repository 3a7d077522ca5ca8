import Foundation
import HromadaDomain
import Testing
@testable import Invest

/// Passport figures and their CSV import: every value with its year and
/// source, a file read whole and refused whole with every bad line.
@Suite struct PassportIndicatorTests {
    static let header = "code,section,name_uk,name_en,unit,year,value,source,checked\n"

    @Test func aSpreadsheetsCSVIsReadWithQuotesLineBreaksAndABOM() throws {
        let text = try DelimitedText(Data("\u{FEFF}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n\r\n1,2,3".utf8))
        #expect(text.separator == ",")
        #expect(text.rows.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\r\nlines"], ["1", "2", "3"]])
        #expect(text.rows.map(\.line) == [1, 2, 5], "the line each row starts on, blank lines skipped")
    }

    @Test func aSemicolonHeaderMeansSemicolonsAndDecimalCommas() throws {
        let file = "code;section;name_uk;name_en;unit;year;value;source\npopulation.total;population_labour;Населення;Population;persons;2024;\"369 739,5\";Держстат\n"
        let imported = try IndicatorImport(Data(file.utf8))
        #expect(imported.indicators.first?.values.first?.value == "369739.5")
    }

    @Test func anUnclosedQuoteIsRefusedWithItsLine() {
        #expect(throws: DelimitedText.Problem.unclosedQuote(line: 2)) { try DelimitedText(Data("a,b\n\"open,2\n3,4".utf8)) }
        #expect(throws: DelimitedText.Problem.notText) { try DelimitedText(Data([0xFF, 0xFE, 0x00])) }
    }

    @Test func rowsOfOneCodeBecomeOneIndicatorWithItsYearsInOrder() throws {
        let file = Self.header + """
            wage.average,economy_wages,Середня зарплата,Average wage,UAH,2024,19 850,Держстат,2025-03-01
            population.total,population_labour,Населення,Population,persons,2024,369739,Держстат,
            wage.average,economy_wages,Середня зарплата,Average wage,UAH,2023,16430,Держстат,2024-03-01
            """
        let imported = try IndicatorImport(Data(file.utf8))
        #expect(imported.indicators.map(\.code) == ["wage.average", "population.total"])
        let wage = try #require(imported.indicators.first)
        #expect(wage.values.map(\.year) == [2023, 2024] && wage.latest?.value == "19850")
        #expect(wage.latest?.checkedOn == CalendarDate(year: 2025, month: 3, day: 1))
        #expect(imported.indicators[1].values.first?.checkedOn == nil)
    }

    @Test func everyBadRowIsNamedWithItsLineAndColumnAndNothingIsTaken() {
        let file = Self.header + """
            Population,population_labour,Населення,Population,persons,2024,1,Держстат,
            population.total,weather,Населення,Population,persons,2024,1,Держстат,
            population.total,population_labour,Населення,Population,persons,1890,1,Держстат,
            population.total,population_labour,Населення,Population,persons,2024,багато,Держстат,
            population.total,population_labour,Населення,Population,persons,2024,1,,2024-02-30
            population.total,population_labour,,Population,persons,2024,1,Держстат,
            too,few
            population.total,population_labour,Населення,Population,persons,2023,1,Держстат,
            population.total,population_labour,Населення,Population,persons,2023,2,Держстат,
            population.total,population_labour,Населення,Population,people,2022,1,Держстат,
            """
        #expect(throws: IndicatorImport.Problem.rows([
            .init(line: 2, column: "code", reason: .badCode),
            .init(line: 3, column: "section", reason: .unknownSection),
            .init(line: 4, column: "year", reason: .badYear),
            .init(line: 5, column: "value", reason: .notANumber),
            .init(line: 6, column: "checked", reason: .badDate),
            .init(line: 6, column: "source", reason: .sourceMissing),
            .init(line: 7, column: "name_uk", reason: .nameMissing),
            .init(line: 8, column: nil, reason: .wrongNumberOfFields),
            .init(line: 10, column: "year", reason: .repeated),
            .init(line: 11, column: "code", reason: .conflictingDefinition),
        ])) { try IndicatorImport(Data(file.utf8)) }
    }

    @Test func aFileWithoutTheColumnsSaysWhichAreMissing() {
        #expect(throws: IndicatorImport.Problem.missingColumns(["unit", "source"])) {
            try IndicatorImport(Data("code,section,name_uk,name_en,year,value\n".utf8))
        }
        #expect(throws: IndicatorImport.Problem.empty) { try IndicatorImport(Data()) }
    }

    @Test(arguments: ["12.5", "-3", "0", "123456789012345.123456", "12 345,60"])
    func aValueIsAnExactDecimal(_ text: String) throws {
        #expect(try IndicatorValue(year: 2024, value: text, source: "Держстат", checkedOn: nil).value.contains(" ") == false)
    }

    @Test(arguments: ["", "1e5", "1.", ".5", "1,2,3", "--1", "1234567890123456", "0.1234567", "١٢", "NaN"])
    func anythingElseIsNotANumber(_ text: String) {
        #expect(throws: IndicatorValue.Problem.notANumber) { try IndicatorValue(year: 2024, value: text, source: "Держстат", checkedOn: nil) }
    }

    @Test func aYearsValueReplacesThatYearOnly() throws {
        let first = try IndicatorValue(year: 2023, value: "1", source: "a", checkedOn: nil)
        let indicator = PassportIndicator(code: "x", section: .budget, name: .init(uk: "х", en: "x"), unit: "UAH", values: [first])
        let updated = indicator.setting(try IndicatorValue(year: 2023, value: "2", source: "b", checkedOn: nil))
            .setting(try IndicatorValue(year: 2021, value: "0", source: "c", checkedOn: nil))
        #expect(updated.values.map(\.year) == [2021, 2023] && updated.values[1].value == "2")
    }
}
