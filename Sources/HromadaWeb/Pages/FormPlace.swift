import HromadaDomain

/// A place as a form sends it: the `longitude` and `latitude` inputs that a
/// tap on the form's map fills (or a person types, or the geocoder's answer
/// puts there). Whether it lies in the city is the domain's rule; this reads
/// the numbers.
package enum FormPlace {
    /// Degrees as typed (`28.4276`, `28,4276`); nil for a blank field, a 422 naming the field for anything else that is no number.
    package static func degrees(_ text: String, field: String) throws -> Double? {
        let compact = text.filter { !$0.isWhitespace }.replacingOccurrences(of: ",", with: ".")
        if compact.isEmpty { return nil }
        // A number of degrees needs a dozen characters; Double's parser gets no more than that, and never "nan" or "inf".
        guard compact.count <= 32, compact.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
              let value = Double(compact), value.isFinite
        else { throw AppError.invalid(code: "place_not_number", field: field) }
        return value
    }

    /// The form's place: both, one (which the domain refuses), or neither.
    package static func parse(_ form: FormData) throws -> (longitude: Double?, latitude: Double?) {
        (try degrees(form["longitude"], field: "longitude"), try degrees(form["latitude"], field: "latitude"))
    }

    /// How a stored place goes back into the form's inputs.
    package static func text(_ degrees: Double?) -> String {
        degrees.map { String($0) } ?? ""
    }

    /// The form's "find on the map" without JavaScript: the address is looked
    /// up and the form comes back with the first place found in its inputs,
    /// and a note saying what was found (or why nothing was). Nothing is saved.
    package static func find(
        address field: String, in form: FormData, city: Municipality, context: AppRequestContext, services: AppServices
    ) async throws -> (form: FormData, note: String) {
        guard let account = context.account else { throw AppError.notSignedIn }
        let t = { (key: String, arguments: [String: String]) in services.localizer.string(key, context.language, arguments) }
        switch try await services.geocode(form[field], in: city, for: account.id, language: context.language) {
        case .notConfigured, .found([]):
            return (form, t("place.not_found", [:]))
        case .unavailable:
            return (form, t("place.unavailable", [:]))
        case .found(let places):
            let first = places[0]
            var fields = form.fields
            fields["longitude"] = [String(first.longitude)]
            fields["latitude"] = [String(first.latitude)]
            return (FormData(fields: fields), t("place.found", ["place": first.label]))
        }
    }
}
