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
        /// Who signs, supporters, the deadlines and the trending limit.
        let fields: [FormField]
        /// The working-day calendar: holidays, worked weekend days, a year to add.
        let calendar: [FormField]
        let saved: Bool
        /// A problem about none of the fields.
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
        let problem = FormProblem(error, html: html, context: context)
        func days(_ set: Set<CalendarDate>) -> String { set.sorted().map(\.description).joined(separator: "\n") }
        func number(_ name: String, _ labelKey: String, _ current: Int) -> FormField {
            FormField(
                name: name, label: html.t(labelKey, context), value: form?[name] ?? String(current), error: problem.message(for: name),
                inputmode: "numeric", required: true)
        }
        let chosen = form.flatMap { PetitionSettings.Signers(rawValue: $0["signers"]) } ?? settings.signers
        let fields = [
            FormField(
                name: "signers", label: html.t("petitions.charter_signers", context), value: chosen.rawValue, error: problem.message(for: "signers"),
                options: PetitionSettings.Signers.allCases.map {
                    .init(value: $0.rawValue, label: html.t("petitions.charter_signers_\($0.rawValue)", context), selected: $0 == chosen)
                }),
            number("supporters", "petitions.charter_supporters", settings.supportersBeforeModeration),
            number("moderationDays", "petitions.charter_moderation_days", settings.moderationWorkingDays),
            number("considerationDays", "petitions.charter_consideration_days", settings.considerationWorkingDays),
            number("trending", "petitions.charter_trending", settings.trendingAddressPerHour),
        ]
        let calendar = [
            FormField(
                name: "holidays", label: html.t("petitions.charter_holidays", context), value: form?["holidays"] ?? days(settings.calendar.holidays),
                error: problem.message(for: "holidays"), placeholder: "2027-01-01", rows: 6),
            FormField(
                name: "workedDays", label: html.t("petitions.charter_worked_days", context),
                value: form?["workedDays"] ?? days(settings.calendar.workedWeekendDays), error: problem.message(for: "workedDays"), rows: 3),
            FormField(
                name: "addYear", label: html.t("petitions.charter_add_year", context), value: form?["addYear"] ?? "", error: problem.message(for: "addYear"),
                inputmode: "numeric", maxlength: 4),
        ]
        let page = CharterPage(
            action: "/\(city.slug.rawValue)/admin/petitions/settings", settingsURL: "/\(city.slug.rawValue)/admin/settings",
            threshold: NumberFormat.grouped(Int64(settings.threshold)), collectionDays: String(settings.collectionDays),
            fields: fields, calendar: calendar, saved: saved, error: problem.alert(unlessShownBy: fields + calendar))
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
        // The calendar is the city's, for every deadline counted in working days.
        settings.workingCalendar = charter.calendar
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
            throw Self.onTheCharterForm(PetitionService.appError(error))
        }
        return charter
    }

    /// The domain names a charter field as the settings do; the form names it shorter.
    static func onTheCharterForm(_ error: AppError) -> AppError {
        let names = [
            "supportersBeforeModeration": "supporters", "moderationWorkingDays": "moderationDays",
            "considerationWorkingDays": "considerationDays", "trendingAddressPerHour": "trending",
        ]
        guard case .invalid(let code, let field?) = error, let name = names[field] else { return error }
        return .invalid(code: code, field: name)
    }
}
