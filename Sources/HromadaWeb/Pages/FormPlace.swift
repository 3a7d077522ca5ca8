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

/// A form's place, for the `place` partial (`{{#page.place}}{{> place}}{{/page.place}}`):
/// the map a tap fills, the latitude and longitude inputs, and, when the
/// deployment has a geocoder and the form an address input, "find on the map".
package struct PlaceFieldset: Sendable {
    package let legend: String
    package let hint: String
    package let fields: [FormField]
    package let map: MapView
    /// Where "find on the map" asks, and the input holding the address it looks up.
    package let geocodeURL: String?
    package let addressField: String
    /// What "find on the map" found, after a search without JavaScript.
    package let note: String?

    package init(
        services: AppServices, context: AppRequestContext, city: Municipality, form: FormData, problem: FormProblem?, legend: String, hint: String,
        mapLabel: String, addressField: String? = nil, note: String? = nil
    ) {
        let t = { (key: String) in services.localizer.string(key, context.language, [:]) }
        self.legend = legend
        self.hint = hint
        fields = [
            FormField(
                name: "latitude", label: t("place.latitude"), value: form["latitude"], error: problem?.message(for: "latitude"),
                inputmode: "decimal", maxlength: 32),
            FormField(
                name: "longitude", label: t("place.longitude"), value: form["longitude"], error: problem?.message(for: "longitude"),
                inputmode: "decimal", maxlength: 32),
        ]
        let territory = city.settings.placeBounds
        map = MapView(
            services: services, label: mapLabel, centre: territory.centre,
            pick: .init(longitudeField: "longitude", latitudeField: "latitude", bounds: territory))
        geocodeURL = addressField != nil && services.geocoder != nil ? "/\(city.slug.rawValue)/geocode" : nil
        self.addressField = addressField ?? ""
        self.note = note
    }
}
