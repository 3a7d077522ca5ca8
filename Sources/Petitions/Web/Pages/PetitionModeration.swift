import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The moderators' tools beyond the queue: bulk invalidation of signatures
/// (by client address, email domain and time window, with a reason) from the
/// petition page, and what the queue shows besides the petitions waiting:
/// similar petitions for each, and addresses signing suspiciously often.
extension PetitionPages {
    /// The invalidation form on the petition page, for the city's moderators while signatures can still move the count.
    struct InvalidationBox {
        let url: String
        /// Address, email domain, time window and reason, as typed before a refusal.
        let fields: [FormField]
    }

    func invalidationBox(_ petition: Petition, city: Municipality, problem: FormProblem?, context: AppRequestContext) -> InvalidationBox? {
        guard context.principal?.may(.moderatePetition, in: city.id) == true,
              [.collectingSupporters, .open, .underConsideration].contains(petition.state)
        else { return nil }
        let form = context.form ?? FormData()
        func window(_ name: String, _ labelKey: String) -> FormField {
            FormField(
                name: name, id: "inv-\(name)", label: html.t(labelKey, context), value: form[name], error: problem.message(for: name),
                type: "datetime-local")
        }
        return InvalidationBox(
            url: "/\(city.slug.rawValue)/admin/petitions/\(petition.id.rawValue)/invalidate",
            fields: [
                FormField(
                    name: "address", id: "inv-address", label: html.t("petitions.invalidate_address", context), value: form["address"],
                    error: problem.message(for: "address"), inputmode: "decimal", maxlength: 64),
                FormField(
                    name: "domain", id: "inv-domain", label: html.t("petitions.invalidate_domain", context), value: form["domain"],
                    error: problem.message(for: "domain"), maxlength: 120, placeholder: "example.com"),
                window("from", "petitions.invalidate_from"),
                window("until", "petitions.invalidate_until"),
                FormField(
                    name: "reason", id: "inv-reason", label: html.t("petitions.invalidate_reason", context), value: form["reason"],
                    error: problem.message(for: "reason"), required: true, maxlength: 500, rows: 2),
            ])
    }

    @Sendable func invalidate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let id = PetitionID(rawValue: try context.parameters.require("petition"))
        let form = context.form ?? FormData()
        let removed: Int
        do {
            func time(_ field: String) throws -> Date? {
                let text = form[field].trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { return nil }
                guard let date = DateText.kyivInput(text) else { throw AppError.invalid(code: "date_invalid", field: field) }
                return date
            }
            func text(_ field: String) -> String? {
                let value = form[field].trimmingCharacters(in: .whitespaces)
                return value.isEmpty ? nil : value
            }
            let selection = PetitionRepository.Selection(
                clientAddress: text("address"), emailDomain: text("domain").map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 },
                from: try time("from"), until: try time("until"))
            removed = try await services.petitions.invalidate(id, selection, reason: form["reason"], city: city, by: context.principal)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await render(request, context, message: nil, error: error)
        }
        return HTML.redirect("/\(city.slug.rawValue)/petitions/\(id.rawValue)?invalidated=\(removed)")
    }

    struct Alert {
        let address: String
        let count: String
        let raised: String
    }

    /// Addresses raised in the last day, newest first.
    func recentAlerts(in city: Municipality, at now: Date) async throws -> [Alert] {
        let cityID = city.id
        return try await services.store.read { try await $0.petitions.alerts(in: cityID, since: now.addingTimeInterval(-86_400)) }.map {
            Alert(address: $0.clientAddress, count: NumberFormat.grouped(Int64($0.signatures)), raised: DateText.kyiv($0.raisedAt))
        }
    }

    struct Similar {
        let url: String
        let label: String
    }

    /// Up to three of the city's petitions most like this one (published, waiting, or refused before).
    func similar(to petition: Petition, in city: Municipality, context: AppRequestContext) async throws -> [Similar] {
        let states: [PetitionState] = [.collectingSupporters, .moderation] + PetitionState.publicStates
        return try await services.store.read { try await $0.petitions.similar(to: petition, states: states, limit: 3) }.map {
            Similar(
                url: "/\(city.slug.rawValue)/petitions/\($0.petition.id.rawValue)",
                label: "№ \($0.number). \($0.petition.title) (\(html.t("petitions.state.\($0.petition.state.rawValue)", context)))")
        }
    }
}
