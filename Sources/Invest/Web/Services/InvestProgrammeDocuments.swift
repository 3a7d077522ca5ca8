import Foundation
import HromadaDomain
import HromadaWeb

/// The city's investment programmes as the strategy module lists them
/// beside its own documents (`Module.strategicDocuments`): edited here, on
/// the programme's page, and shown there read-only.
enum InvestProgrammeDocuments {
    static let source = StrategicDocumentSource { city, services in
        let cityID = city.id
        let programmes = try await services.store.read { tx in try await tx.programmes.programmes(in: cityID) }
        return programmes.map { document($0, in: city) }
    }

    static func document(_ stored: ProgrammeRepository.Stored, in city: Municipality) -> ProvidedDocument {
        let programme = stored.programme
        return ProvidedDocument(
            kind: .investmentProgramme, id: stored.id.rawValue, title: programme.title, firstYear: programme.firstYear,
            lastYear: programme.lastYear, decisionNumber: programme.decisionNumber, decisionDate: programme.decisionDate,
            path: "/\(city.slug.rawValue)/invest/programme",
            measures: programme.measures.map { measure in
                ProvidedDocument.Measure(
                    number: measure.number, title: measure.title, responsible: measure.responsible, firstYear: measure.firstYear,
                    lastYear: measure.lastYear, planned: measure.planned, spent: measure.spent, status: status(measure.status),
                    links: measure.sites.map { (kind: LinkKind.investSite, id: $0.rawValue) })
            })
    }

    static func status(_ status: InvestmentProgramme.Measure.Status) -> WorkStatus {
        switch status {
        case .planned: .planned
        case .inProgress: .inProgress
        case .done: .done
        case .cancelled: .cancelled
        }
    }
}
