import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The city's e-petition charter at `/{city}/admin/petitions/settings`, for
/// its admins: who may sign, supporters before moderation, the moderation
/// and consideration deadlines in working days, the trending-address limit,
/// and the working-day calendar (holidays and worked weekend days, with the
/// statutory public holidays of a year added in one step). The threshold and
/// the collection period stay on the city's settings page.
extension PetitionPages {
    struct CharterPage {
        let action: String
        let settingsURL: String
        let threshold: String
        let collectionDays: String
        let signers: [SelectOption]
        let supporters: String
        let moderationDays: String
        let considerationDays: String
        let trending: String
        let holidays: String
        let workedDays: String
        let addYear: String
        let saved: Bool
        let error: String?
    }

    @Sendable func charterForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await charterCity(context)
        return try await renderCharter(request, context, city: city, form: nil, saved: request.uri.queryParameters.get("saved") != nil, error: nil)
    }

    private func charterCity(_ context: AppRequestContext) async throws -> Municipality {
        let city = try await CityLookup(store: services.store).require(context)
        guard let principal = context.principal else { throw AppError.notSignedIn }
        guard principal.may(.editSettings, in: city.id) else { throw AppError.notFound }
        return city
    }

    func renderCharter(
        _ request: Request, _ context: AppRequestContext, city: Municipality, form: FormData?, saved: Bool, error: AppError?
    ) async throws -> Response {
        let settings = city.settings.petitionSettings
        func value(_ field: String, _ current: Int) -> String { form?[field] ?? String(current) }
        func days(_ set: Set<CalendarDate>) -> String { set.sorted().map(\.description).joined(separator: "\n") }
        let chosen = form.flatMap { PetitionSettings.Signers(rawValue: $0["signers"]) } ?? settings.signers
        let page = CharterPage(
            action: "/\(city.slug.rawValue)/admin/petitions/settings", settingsURL: "/\(city.slug.rawValue)/admin/settings",
            threshold: NumberFormat.grouped(Int64(settings.threshold)), collectionDays: String(settings.collectionDays),
            signers: PetitionSettings.Signers.allCases.map {
                .init(value: $0.rawValue, label: html.t("petitions.charter_signers_\($0.rawValue)", context), selected: $0 == chosen)
            },
            supporters: value("supporters", settings.supportersBeforeModeration), moderationDays: value("moderationDays", settings.moderationWorkingDays),
            considerationDays: value("considerationDays", settings.considerationWorkingDays), trending: value("trending", settings.trendingAddressPerHour),
            holidays: form?["holidays"] ?? days(settings.calendar.holidays), workedDays: form?["workedDays"] ?? days(settings.calendar.workedWeekendDays),
            addYear: form?["addYear"] ?? "", saved: saved, error: error.map { html.t($0.messageKey, context) })
        return try await html.render(
            "petitions-charter", page: page, titleKey: "petitions.charter_title", request: request, context: context, city: city,
            status: error?.status ?? .ok)
    }

    @Sendable func saveCharter(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await charterCity(context)
        guard let principal = context.principal else { throw AppError.notSignedIn }
        let form = context.form ?? FormData()
        let charter: PetitionSettings
        do {
            charter = try Self.charter(from: form, current: city.settings.petitionSettings)
        } catch let error as AppError {
            return try await renderCharter(request, context, city: city, form: form, saved: false, error: error)
        }
        var settings = city.settings
        settings.petitions = charter
        do {
            _ = try await CitySettingsService(services: services).save(
                settings, of: city, by: principal, subject: "petitions",
                details: ["signers": charter.signers.rawValue, "holidays": String(charter.calendar.holidays.count)])
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderCharter(request, context, city: city, form: form, saved: false, error: error)
        }
        return HTML.redirect("/\(city.slug.rawValue)/admin/petitions/settings?saved=1")
    }

    /// The form read into a charter the domain accepts, or the first field that is wrong.
    static func charter(from form: FormData, current: PetitionSettings) throws -> PetitionSettings {
        func number(_ field: String) throws -> Int {
            guard let value = Int(form[field].trimmingCharacters(in: .whitespaces)) else {
                throw AppError.invalid(code: "settings_not_number", field: field)
            }
            return value
        }
        func dates(_ field: String) throws -> Set<CalendarDate> {
            var result = Set<CalendarDate>()
            for line in form[field].split(whereSeparator: \.isNewline) {
                // A date, then anything as a note: "2027-01-07 Різдво (перенесено)".
                guard let first = line.split(whereSeparator: \.isWhitespace).first else { continue }
                guard let date = CalendarDate.parse(String(first)) else { throw AppError.invalid(code: "calendar_date_invalid", field: field) }
                result.insert(date)
            }
            return result
        }
        guard let signers = PetitionSettings.Signers(rawValue: form["signers"]) else {
            throw AppError.invalid(code: "petition_settings_invalid", field: "signers")
        }
        var calendar = WorkingCalendar(holidays: try dates("holidays"), workedWeekendDays: try dates("workedDays"))
        let year = form["addYear"].trimmingCharacters(in: .whitespaces)
        if !year.isEmpty {
            guard let value = Int(year), (2000...2100).contains(value) else { throw AppError.invalid(code: "calendar_year_invalid", field: "addYear") }
            calendar = calendar.withPublicHolidays(of: value)
        }
        var charter = current
        charter.signers = signers
        charter.supportersBeforeModeration = try number("supporters")
        charter.moderationWorkingDays = try number("moderationDays")
        charter.considerationWorkingDays = try number("considerationDays")
        charter.trendingAddressPerHour = try number("trending")
        charter.calendar = calendar
        do {
            try charter.validate()
        } catch {
            throw PetitionService.appError(error)
        }
        return charter
    }
}
