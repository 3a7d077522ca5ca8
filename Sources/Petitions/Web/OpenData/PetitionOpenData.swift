import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// A city's e-petitions as open data (CMU Resolution 835 names "e-petitions
/// with signers and outcomes"): one row per public petition with its count
/// and outcome, and one row per valid signature with the signer's name and
/// date only, never an email or an address, as art. 23-1 publishes them.
/// Drafts and petitions in moderation are nobody's business yet.
struct PetitionOpenData {
    let city: Municipality
    let petitions: [PetitionRepository.Stored]
    let signatures: [PetitionRepository.PublicSignature]

    struct PetitionRow: Encodable {
        let petitionId: String
        let number: Int
        let municipality: String
        let title: String
        let text: String
        let category: String
        let author: String
        let state: String
        let createdAt: String
        let openedAt: String
        let deadline: String
        let threshold: Int?
        let signatureCount: Int
        let thresholdReachedAt: String
        let answerDecision: String
        let answerSignedBy: String
        let answeredAt: String
        let answerText: String
        let rejectionReason: String
        let handedOnAsAppeal: Bool
    }

    struct SignatureRow: Encodable {
        let petitionId: String
        let petitionNumber: Int
        let signerName: String
        let signedAt: String
    }

    var petitionRows: [PetitionRow] {
        petitions.filter { PetitionState.publicStates.contains($0.petition.state) }.map { stored in
            let petition = stored.petition
            return PetitionRow(
                petitionId: petition.id.rawValue, number: stored.number, municipality: city.name.uk, title: petition.title, text: petition.text,
                category: petition.category, author: petition.authorName, state: petition.state.rawValue,
                createdAt: OpenDataFile.time(petition.createdAt), openedAt: OpenDataFile.time(petition.openedAt),
                deadline: OpenDataFile.time(petition.deadline), threshold: petition.threshold, signatureCount: stored.signatureCount,
                thresholdReachedAt: OpenDataFile.time(petition.thresholdReachedAt), answerDecision: petition.answer?.decision.rawValue ?? "",
                answerSignedBy: petition.answer?.signedBy ?? "", answeredAt: OpenDataFile.time(petition.answer?.answeredAt),
                answerText: petition.answer?.text ?? "", rejectionReason: petition.rejection?.reason.rawValue ?? "",
                handedOnAsAppeal: petition.handedOnAsAppeal)
        }
    }

    var signatureRows: [SignatureRow] {
        signatures.map {
            SignatureRow(petitionId: $0.petitionID.rawValue, petitionNumber: $0.petitionNumber, signerName: $0.name, signedAt: OpenDataFile.time($0.signedAt))
        }
    }

    func petitionsCSV() -> String {
        OpenDataFile.csv(
            header: ["petitionId", "number", "municipality", "title", "text", "category", "author", "state", "createdAt", "openedAt", "deadline",
                     "threshold", "signatureCount", "thresholdReachedAt", "answerDecision", "answerSignedBy", "answeredAt", "answerText",
                     "rejectionReason", "handedOnAsAppeal"],
            rows: petitionRows.map { row in
                [
                    row.petitionId, String(row.number), row.municipality, row.title, row.text, row.category, row.author, row.state, row.createdAt,
                    row.openedAt, row.deadline, row.threshold.map(String.init) ?? "", String(row.signatureCount), row.thresholdReachedAt,
                    row.answerDecision, row.answerSignedBy, row.answeredAt, row.answerText, row.rejectionReason, row.handedOnAsAppeal ? "true" : "false",
                ]
            })
    }

    func signaturesCSV() -> String {
        OpenDataFile.csv(
            header: ["petitionId", "petitionNumber", "signerName", "signedAt"],
            rows: signatureRows.map { [$0.petitionId, String($0.petitionNumber), $0.signerName, $0.signedAt] })
    }

    func petitionsJSON() throws -> String { try OpenDataFile.json(petitionRows) }
    func signaturesJSON() throws -> String { try OpenDataFile.json(signatureRows) }
}
