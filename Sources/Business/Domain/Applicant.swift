import HromadaDomain

/// Who may apply to a call, as Ukrainian law registers them.
public enum ApplicantKind: String, Sendable, CaseIterable, Codable {
    /// ФОП, a sole proprietor: a private person, known by their РНОКПП.
    case soleProprietor = "sole_proprietor"
    /// A company (ТОВ, ПП, АТ…), known by its ЄДРПОУ code.
    case company
    /// A public association or charity (ГО, БФ).
    case ngo
    /// A cooperative (agricultural, service, consumer).
    case cooperative
    /// A social enterprise: a company or cooperative with a social mission.
    case socialEnterprise = "social_enterprise"

    /// A sole proprietor is a person; the others are legal entities with an ЄДРПОУ code.
    public var isPerson: Bool { self == .soleProprietor }
}

/// The size categories of the Law «Про бухгалтерський облік…» (art. 2), as
/// the applicant declares them: micro (up to 10 people and €2 million of
/// turnover), small (up to 50 and €10 million), medium (up to 250 and €40
/// million), large (above).
public enum SizeCategory: String, Sendable, CaseIterable, Codable, Comparable {
    case micro, small, medium, large

    public static func < (lhs: SizeCategory, rhs: SizeCategory) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// A КВЕД-2010 code (ДК 009:2010, the Ukrainian NACE Rev. 2): a division
/// `NN`, a group `NN.N` or a class `NN.NN`. A call allows sectors by any of
/// them; an applicant names the class of their main activity, which is in
/// a sector when the sector's code begins it.
public struct KVEDCode: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The digits without the dot: 2, 3 or 4 of them.
    public let digits: String

    public var description: String {
        digits.count <= 2 ? digits : String(digits.prefix(2)) + "." + String(digits.dropFirst(2))
    }

    /// A code as typed ("56.10", " 62 ", "10.1"), or nil for anything else.
    /// Divisions run from 01 to 99.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard (2...5).contains(trimmed.count), trimmed.allSatisfy({ $0.isASCII }) else { return nil }
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard let division = parts.first, division.count == 2, division.allSatisfy(\.isNumber), division != "00" else { return nil }
        switch parts.count {
        case 1: digits = String(division)
        case 2:
            guard (1...2).contains(parts[1].count), parts[1].allSatisfy(\.isNumber) else { return nil }
            digits = String(division) + String(parts[1])
        default: return nil
        }
    }

    /// Whether this is a class: what an applicant names (`56.10`).
    public var isClass: Bool { digits.count == 4 }

    /// Whether `code` lies within this one (a division holds its groups and classes).
    public func contains(_ code: KVEDCode) -> Bool { code.digits.hasPrefix(digits) }

    public static func < (lhs: KVEDCode, rhs: KVEDCode) -> Bool { lhs.digits < rhs.digits }
}

/// An applicant as they describe themselves on the form: what they are, by
/// which code, how big, what they do, and what they declare. The code of a
/// sole proprietor is their РНОКПП, personal data: the store keeps it apart,
/// and it never reaches open data, logs or the audit log.
public struct Applicant: Sendable, Equatable, Codable {
    public var kind: ApplicantKind
    /// The legal name (`ТОВ «Голден-Флора»`) or the proprietor's full name.
    public var name: String
    /// ЄДРПОУ (8 digits) for a legal entity, РНОКПП (10 digits) for a sole proprietor.
    public var code: String
    public var size: SizeCategory
    /// The class of the main activity.
    public var activity: KVEDCode
    /// Registered (or, for a sole proprietor, living) in the hromada.
    public var registeredInHromada: Bool
    /// Declares having no tax debt.
    public var declaresNoTaxDebt: Bool
    /// People employed now, as reported to the tax office.
    public var employees: Int

    public static let employeeRange = 0...1_000_000
    public static let nameLength = 3...300

    public init(
        kind: ApplicantKind, name: String, code: String, size: SizeCategory, activity: KVEDCode, registeredInHromada: Bool,
        declaresNoTaxDebt: Bool, employees: Int
    ) {
        self.kind = kind
        self.name = name
        self.code = code
        self.size = size
        self.activity = activity
        self.registeredInHromada = registeredInHromada
        self.declaresNoTaxDebt = declaresNoTaxDebt
        self.employees = employees
    }

    /// Whether the code is one the kind is known by, check digit included.
    public var codeIsValid: Bool {
        kind.isPerson ? (try? NationalID.validated(code)) != nil : LegalEntityCode.isValid(code)
    }

    /// Whether open data may name them: a legal entity always, a sole
    /// proprietor only as the recipient of public money.
    public var isPrivatePerson: Bool { kind.isPerson }
}
