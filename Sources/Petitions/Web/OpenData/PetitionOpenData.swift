import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// A city's e-petitions as open data (CMU Resolution 835 names "e-petitions
/// with signers and outcomes"): one row per public petition with its count
/// and outcome, and one row per valid signature with the signer's name and
/// date only, never an email or an address, as art. 23-1 publishes them.
/// Drafts and petitions in moderation are nobody's business yet: both
/// queries read public petitions only. Served at
/// `/api/v1/{city}/petitions/open-data/{file}` and by the platform at
/// `/api/v1/{city}/open-data/petitions/{file}`, from these declarations.
enum PetitionOpenData {
    static let datasets: [OpenDataset] = [petitions, signatures, answers]

    /// The council's answers: one row per answered petition, with the
    /// decision, who signed it, when, and its text.
    static let answers = OpenDataset(
        "answers", strings: "open_data.petitions.answers", mandatoryItem: "petitions", frequency: .continuous,
        fields: [
            OpenDataField("petitionId", .text), OpenDataField("petitionNumber", .integer), OpenDataField("title", .text),
            OpenDataField("signatureCount", .integer), OpenDataField("decision", .text), OpenDataField("signedBy", .text),
            OpenDataField("answeredAt", .datetime), OpenDataField("answerText", .text),
        ]
    ) { services, city in
        let cityID = city.id
        let stored = try await services.store.read { try await $0.petitions.petitions(in: cityID, states: PetitionState.publicStates, limit: 1_000_000) }
        return stored.sorted { $0.number < $1.number }.compactMap { stored -> OpenDataRow? in
            guard PetitionState.publicStates.contains(stored.petition.state), let answer = stored.petition.answer else { return nil }
            return [
                .text(stored.petition.id.rawValue), .int(stored.number), .text(stored.petition.title), .int(stored.signatureCount),
                .text(answer.decision.rawValue), .text(answer.signedBy), .datetime(answer.answeredAt), .text(answer.text),
            ]
        }
    }

    static let petitions = OpenDataset(
        "petitions", strings: "open_data.petitions.petitions", mandatoryItem: "petitions", frequency: .continuous,
        fields: [
            OpenDataField("petitionId", .text), OpenDataField("number", .integer), OpenDataField("municipality", .text),
            OpenDataField("title", .text), OpenDataField("text", .text), OpenDataField("category", .text), OpenDataField("author", .text),
            OpenDataField("state", .text), OpenDataField("createdAt", .datetime), OpenDataField("openedAt", .datetime),
            OpenDataField("deadline", .datetime), OpenDataField("threshold", .integer), OpenDataField("signatureCount", .integer),
            OpenDataField("thresholdReachedAt", .datetime), OpenDataField("answerDecision", .text), OpenDataField("answerSignedBy", .text),
            OpenDataField("answeredAt", .datetime), OpenDataField("answerText", .text), OpenDataField("rejectionReason", .text),
            OpenDataField("handedOnAsAppeal", .boolean),
        ]
    ) { services, city in
        let cityID = city.id
        let stored = try await services.store.read { try await $0.petitions.petitions(in: cityID, states: PetitionState.publicStates, limit: 1_000_000) }
        return PetitionOpenData.petitionRows(stored.sorted { $0.number < $1.number }, city: city)
    }

    static let signatures = OpenDataset(
        "signatures", strings: "open_data.petitions.signatures", mandatoryItem: "petitions", frequency: .continuous,
        fields: [OpenDataField("petitionId", .text), OpenDataField("petitionNumber", .integer), OpenDataField("signerName", .text), OpenDataField("signedAt", .datetime)]
    ) { services, city in
        let cityID = city.id
        return try await services.store.read { try await $0.petitions.publicSignatures(in: cityID) }.map { signature -> OpenDataRow in
            [.text(signature.petitionID.rawValue), .int(signature.petitionNumber), .text(signature.name), .datetime(signature.signedAt)]
        }
    }

    /// One row per petition in a public state (the filter is here too, whatever the read returned).
    static func petitionRows(_ stored: [PetitionRepository.Stored], city: Municipality) -> [OpenDataRow] {
        stored.filter { PetitionState.publicStates.contains($0.petition.state) }.map { stored -> OpenDataRow in
            let petition = stored.petition
            return [
                .text(petition.id.rawValue), .int(stored.number), .text(city.name.uk), .text(petition.title), .text(petition.text),
                .text(petition.category), .text(petition.authorName), .text(petition.state.rawValue), .datetime(petition.createdAt),
                .optional(petition.openedAt), .optional(petition.deadline), .optional(petition.threshold), .int(stored.signatureCount),
                .optional(petition.thresholdReachedAt), .optional(petition.answer?.decision.rawValue), .optional(petition.answer?.signedBy),
                .optional(petition.answer?.answeredAt), .optional(petition.answer?.text), .optional(petition.rejection?.reason.rawValue),
                .boolean(petition.handedOnAsAppeal),
            ]
        }
    }
}
