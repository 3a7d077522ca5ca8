import Foundation
import HromadaDomain
import HromadaWeb

/// One of the desk's register forms: its fields as typed (or empty), the
/// refusal beside the field it names, and the parsing of what it sends
/// into the domain, whose initialisers check every value.
struct RegisterForm {
    enum Kind: String, CaseIterable {
        case sites, containers, sensors, facilities, trucks
    }

    let kind: Kind
    let id: String
    let title: String
    let action: String
    let fields: [FormField]
    let alert: String?
    let submit: String

    init(
        kind: Kind, snapshot: RegisterService.Snapshot, typed: FormData?, error: AppError?, action: String, html: HTML, context: AppRequestContext
    ) {
        let problem = FormProblem(error, html: html, context: context)
        func value(_ name: String, _ fallback: String = "") -> String { typed.map { $0[name] } ?? fallback }
        func field(_ name: String, required: Bool = true, numeric: Bool = false, decimal: Bool = false, type: String = "text", max: Int = 200) -> FormField {
            FormField(
                name: name, id: "\(kind.rawValue)-\(name)", label: html.t("waste.form.\(name)", context), value: value(name), error: problem.message(for: name),
                type: type, inputmode: numeric ? "numeric" : decimal ? "decimal" : nil, required: required, maxlength: max)
        }
        func select(_ name: String, _ choices: [(String, String)], required: Bool = true) -> FormField {
            FormField(
                name: name, id: "\(kind.rawValue)-\(name)", label: html.t("waste.form.\(name)", context), value: value(name), error: problem.message(for: name),
                required: required, options: choices.map { SelectOption(value: $0.0, label: $0.1, selected: value(name) == $0.0) })
        }
        func choices<T: RawRepresentable<String> & CaseIterable>(_ type: T.Type, _ prefix: String) -> [(String, String)] {
            T.allCases.map { ($0.rawValue, html.t("\(prefix).\($0.rawValue)", context)) }
        }
        let position = [field("latitude", decimal: true, max: 20), field("longitude", decimal: true, max: 20)]
        var fields: [FormField]
        switch kind {
        case .sites:
            fields = [field("name"), field("address", required: false, max: 300)] + position
        case .facilities:
            fields = [select("kind", choices(FacilityKind.self, "waste.facility")), field("name"), field("address", required: false, max: 300)] + position
        case .sensors:
            fields = [
                field("deviceId", max: 64), select("model", choices(SensorModel.self, "waste.model")),
                field("batteryMah", required: false, numeric: true, max: 7), field("solarPanelW", required: false, numeric: true, max: 4),
            ]
        case .containers:
            let bound = Set(snapshot.containers.compactMap(\.value.sensor))
            let free = snapshot.sensors.filter { !bound.contains($0.id) }
            fields = [
                select("siteId", snapshot.sites.map { ($0.id.rawValue, $0.value.name) }), select("fraction", choices(Fraction.self, "waste.fraction")),
                field("volumeLitres", numeric: true, max: 5), select("placement", choices(ContainerPlacement.self, "waste.placement")),
                field("maker", required: false, max: 100), field("installedOn", required: false, type: "date", max: 10),
                field("emptyDistanceMm", numeric: true, max: 5), field("fullDistanceMm", numeric: true, max: 5),
                select("sensorId", [("", html.t("waste.form.no_sensor", context))] + free.map { ($0.id.rawValue, $0.value.deviceID) }, required: false),
            ]
        case .trucks:
            fields = [
                field("name"), select("depotId", snapshot.facilities.filter { $0.value.kind == .depot }.map { ($0.id.rawValue, $0.value.name) }),
                field("capacityLitres", numeric: true, max: 6), field("capacityKg", required: false, numeric: true, max: 5),
                field("shiftMinutes", numeric: true, max: 4), field("crew", numeric: true, max: 1),
            ]
        }
        self.kind = kind
        id = kind.rawValue
        title = html.t("waste.desk.new_\(kind.rawValue)", context)
        self.action = action
        self.fields = fields
        alert = problem.alert(unlessShownBy: fields)
        submit = html.t("waste.desk.save", context)
    }

    // MARK: Parsing

    /// A whole number typed in a form; empty is nil, anything else not a number is a 422 naming the field.
    static func number(_ form: FormData, _ name: String) throws(AppError) -> Int? {
        let text = form[name].trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        guard let value = Int(text) else { throw AppError.invalid(code: "waste_malformed", field: name) }
        return value
    }

    static func required(_ form: FormData, _ name: String) throws(AppError) -> Int {
        guard let value = try number(form, name) else { throw AppError.invalid(code: "waste_missing", field: name) }
        return value
    }

    /// Degrees typed with a point or a comma (`49,0353`).
    static func point(_ form: FormData) throws(AppError) -> GeoPoint {
        func degrees(_ name: String) throws(AppError) -> Double {
            let text = form[name].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
            guard let value = Double(text) else { throw AppError.invalid(code: "waste_malformed", field: name) }
            return value
        }
        return try RegisterBodies.point(longitude: try degrees("longitude"), latitude: try degrees("latitude"))
    }

    static func site(_ form: FormData) throws(AppError) -> CollectionSite {
        let point = try point(form)
        return try RegisterBodies.checked { () throws(RegisterProblem) in try CollectionSite(name: form["name"], address: form["address"], point: point) }
    }

    static func facility(_ form: FormData) throws(AppError) -> Facility {
        guard let kind = FacilityKind(rawValue: form["kind"]) else { throw AppError.invalid(code: "waste_unknown", field: "kind") }
        let point = try point(form)
        return try RegisterBodies.checked { () throws(RegisterProblem) in try Facility(kind: kind, name: form["name"], address: form["address"], point: point) }
    }

    static func sensor(_ form: FormData) throws(AppError) -> Sensor {
        guard let model = SensorModel(rawValue: form["model"]) else { throw AppError.invalid(code: "waste_unknown", field: "model") }
        let battery = try number(form, "batteryMah"), solar = try number(form, "solarPanelW")
        return try RegisterBodies.checked { () throws(RegisterProblem) in
            try Sensor(deviceID: form["deviceId"], model: model, batteryMilliampHours: battery, solarPanelWatts: solar)
        }
    }

    static func container(_ form: FormData) throws(AppError) -> Container {
        guard let fraction = Fraction(rawValue: form["fraction"]) else { throw AppError.invalid(code: "waste_unknown", field: "fraction") }
        guard let placement = ContainerPlacement(rawValue: form["placement"]) else { throw AppError.invalid(code: "waste_unknown", field: "placement") }
        guard !form["siteId"].isEmpty else { throw AppError.invalid(code: "waste_missing", field: "siteId") }
        var installed: CalendarDate?
        if !form["installedOn"].isEmpty {
            guard let date = CalendarDate.parse(form["installedOn"]) else { throw AppError.invalid(code: "waste_malformed", field: "installedOn") }
            installed = date
        }
        let volume = try required(form, "volumeLitres"), empty = try required(form, "emptyDistanceMm"), full = try required(form, "fullDistanceMm")
        return try RegisterBodies.checked { () throws(RegisterProblem) in
            try Container(
                site: CollectionSiteID(rawValue: form["siteId"]), fraction: fraction, volumeLitres: volume, placement: placement, maker: form["maker"],
                installedOn: installed, gauge: try FillGauge(emptyMillimetres: empty, fullMillimetres: full))
        }
    }

    static func truck(_ form: FormData) throws(AppError) -> Truck {
        guard !form["depotId"].isEmpty else { throw AppError.invalid(code: "waste_missing", field: "depotId") }
        let litres = try required(form, "capacityLitres"), kilograms = try number(form, "capacityKg")
        let minutes = try required(form, "shiftMinutes"), crew = try required(form, "crew")
        return try RegisterBodies.checked { () throws(RegisterProblem) in
            try Truck(
                name: form["name"], depot: FacilityID(rawValue: form["depotId"]), capacityLitres: litres, capacityKilograms: kilograms,
                shiftMinutes: minutes, crew: crew)
        }
    }
}
