import Foundation
import HromadaDomain
import Testing
@testable import Invest

/// An investor's enquiry as the domain moves it, and the oblast's figures made from its cities'.
@Suite struct EnquiryRulesTests {
    /// Thursday 3 December 2026, 10:00 in Kyiv.
    static let thursday = Date(timeIntervalSince1970: 1_796_284_800)
    static let city = MunicipalityID(rawValue: "vinnytsia")
    static let manager = Enquiry.Manager(account: AccountID(rawValue: "m"), name: "Тарас Бондар")

    static func sent(message: String = "We plan a furniture factory with 120 jobs and need 2 ha with 1 MW.") throws -> Enquiry {
        try Enquiry.send(
            city: city, site: nil, name: " Anna ", email: "Anna@Example.com", company: "", country: "", phone: "", language: .en, message: message,
            at: thursday)
    }

    @Test func anEnquiryIsCheckedFieldByFieldAndWaitsForItsSenderToConfirm() throws {
        let enquiry = try Self.sent()
        #expect(enquiry.state == .awaitingConfirmation && enquiry.investor.name == "Anna" && enquiry.investor.email.rawValue == "anna@example.com")
        #expect(enquiry.nextDue == nil, "no clock before confirmation")
        #expect(throws: Enquiry.Problem.invalid(field: "message", reason: .tooShort)) { try Self.sent(message: "Hi there") }
        #expect(throws: Enquiry.Problem.invalid(field: "email", reason: .malformed)) {
            try Enquiry.send(city: Self.city, site: nil, name: "A", email: "a@", company: "", country: "", phone: "", language: .uk,
                             message: String(repeating: "a", count: 30), at: Self.thursday)
        }
        #expect(throws: Enquiry.Problem.invalid(field: "name", reason: .missing)) {
            try Enquiry.send(city: Self.city, site: nil, name: "  ", email: "a@b.ua", company: "", country: "", phone: "", language: .uk,
                             message: String(repeating: "a", count: 30), at: Self.thursday)
        }
        #expect(throws: Enquiry.Problem.notNow(.awaitingConfirmation)) { try Self.sent().answered("Hello", by: Self.manager, at: Self.thursday) }
    }

    @Test func theClockCountsTheCharterWorkingDaysFromConfirmation() throws {
        let rules = EnquiryRules(firstAnswerWorkingDays: 1, shortlistWorkingDays: 5)
        let confirmed = try Self.sent().confirmed(at: Self.thursday, rules: rules, calendar: .martialLaw)
        // Thursday: the first answer by the end of Friday, the shortlist by the end of the next Thursday.
        let kyiv = TimeZone(identifier: "Europe/Kyiv") ?? .gmt
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = kyiv
        #expect(confirmed.firstAnswerDue == calendar.date(from: DateComponents(year: 2026, month: 12, day: 5)))
        #expect(confirmed.shortlistDue == calendar.date(from: DateComponents(year: 2026, month: 12, day: 11)))
        #expect(confirmed.nextDue == confirmed.firstAnswerDue)
        #expect(confirmed.answeredOnTime(at: Self.thursday) == nil)
        #expect(confirmed.answeredOnTime(at: Self.thursday.addingTimeInterval(3 * 86_400)) == false, "overdue once the day is past")
        let answered = try confirmed.answered("Thank you", by: Self.manager, at: Self.thursday.addingTimeInterval(3_600))
        #expect(answered.state == .answered && answered.answeredOnTime(at: .distantFuture) == true && answered.nextDue == confirmed.shortlistDue)
        #expect(answered.manager == Self.manager, "whoever answers an untaken enquiry takes it")
        let site = SiteID(rawValue: "s1")
        #expect(throws: Enquiry.Problem.shortlistSize) { try answered.shortlisted([], note: "x", by: Self.manager, at: Self.thursday) }
        let listed = try answered.shortlisted([site, site], note: "These fit.", by: Self.manager, at: Self.thursday.addingTimeInterval(7_200))
        #expect(listed.state == .shortlisted && listed.nextDue == nil && listed.steps.last?.sites == [site])
        let closed = try listed.closed(by: Self.manager, at: Self.thursday.addingTimeInterval(8_000))
        #expect(throws: Enquiry.Problem.notNow(.closed)) { try closed.investorReplied("One more thing", at: Self.thursday) }
    }

    @Test func anOblastSumsWhatSumsAndSharesTheSumsOfRates() {
        func city(_ id: String, population: String?, year: Int = 2023, sites: Int, m2: Int64, due: Int, onTime: Int) -> CityFigures {
            CityFigures(
                city: MunicipalityID(rawValue: id),
                population: population.flatMap { try? IndicatorValue(year: year, value: $0, source: "Держстат", checkedOn: nil) },
                sitesOnOffer: sites, squareMetresOnOffer: m2, enquiriesDue: due, enquiriesOnTime: onTime)
        }
        let figures = CityFigures.derive([
            city("a", population: "369739", sites: 10, m2: 561_234, due: 200, onTime: 150),
            city("b", population: "33928", year: 2022, sites: 4, m2: 202_000, due: 2, onTime: 2),
            city("c", population: nil, sites: 0, m2: 0, due: 0, onTime: 0),
        ])
        let population = figures.first { $0.code == .population }
        #expect(population?.value == "403667" && population?.derivation == .sum(cities: 2, years: 2022...2023) && population?.missing == [MunicipalityID(rawValue: "c")])
        #expect(figures.first { $0.code == .sitesOnOffer }?.value == "14")
        #expect(figures.first { $0.code == .hectaresOnOffer }?.value == "76.3234")
        // 152 of 202, not the mean of 75 % and 100 %.
        let share = figures.first { $0.code == .enquiriesOnTime }
        #expect(share?.value == "75.2" && share?.derivation == .share(part: 152, whole: 202, cities: 2))
        #expect(CityFigures.derive([city("c", population: "1.5", sites: 0, m2: 0, due: 0, onTime: 0)]).first { $0.code == .population } == nil,
                "a population with a fraction is not summed")
    }
}
