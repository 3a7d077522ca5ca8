import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// A decided call's published list, as its public page and its open data
/// show it: each scored application's place, total and verdict, each
/// criterion's mean, each member's points and comment (members by number,
/// not by name), what the recipients were agreed and paid and the jobs
/// they reported; the rejected and withdrawn only as counts. Names follow
/// `ApplicantPublication`; codes and contacts are never read.
struct CallDecision {
    struct Mark {
        let criterion: String
        /// The member's number on this call's committee, from 1.
        let member: Int
        let points: Int
        let comment: String
    }

    struct Line {
        let application: SupportApplicationID
        let rank: Int
        /// Nil: an applicant the city does not name (a sole proprietor not funded).
        let name: String?
        let kind: ApplicantKind?
        let projectTitle: String?
        let totalHundredths: Int64
        let verdict: AwardList.Verdict
        /// Each criterion's mean points, in the call's order (nil: nobody scored it).
        let means: [Double?]
        let marks: [Mark]
        let agreed: Money?
        let paid: Money?
        let jobsReported: Int64?
    }

    let call: SupportCall
    let lines: [Line]
    let rejected: Int
    let withdrawn: Int

    /// The list of a call that is decided; nil before (nothing of the scores is public until then).
    static func read(_ services: AppServices, _ call: SupportCall) async throws -> CallDecision? {
        guard call.decidedAt != nil else { return nil }
        let id = call.id
        let (scored, sheets, agreements, reports, counts) = try await services.store.read { tx in
            (
                try await tx.supportApplications.applications(to: id, states: [.awarded, .notAwarded]), try await tx.supportApplications.sheets(of: id),
                try await tx.supportCalls.agreements(of: id), try await tx.supportCalls.reports(ofCall: id), try await tx.supportApplications.counts(of: id)
            )
        }
        let members = Dictionary(
            uniqueKeysWithValues: Set(sheets.values.flatMap { $0.map(\.member.rawValue) }).sorted().enumerated().map { ($0.element, $0.offset + 1) })
        let agreed = Dictionary(agreements.map { ($0.applicationID, $0) }, uniquingKeysWith: { first, _ in first })
        let lines = scored.compactMap { stored -> Line? in
            guard let rank = stored.rank, let verdict = stored.verdict, let total = stored.totalHundredths else { return nil }
            let kind = ApplicantKind(rawValue: stored.form.kind)
            let name = ApplicantPublication.name(stored.form.name, kind: kind, state: stored.application.state)
            let given = sheets[stored.application.id] ?? []
            let agreement = agreed[stored.application.id]
            let jobs = agreement.map { agreement in
                (reports[agreement.id] ?? []).compactMap(\.report).reduce(Int64(0)) { sum, report in sum.addingReportingOverflow(Int64(report.jobsCreated)).partialValue }
            }
            return Line(
                application: stored.application.id, rank: rank, name: name, kind: kind, projectTitle: name == nil ? nil : stored.form.projectTitle,
                totalHundredths: total, verdict: verdict,
                means: call.criteria.map { criterion in
                    let points = given.compactMap { $0.points[criterion.id] }
                    return points.isEmpty ? nil : Double(points.reduce(0, +)) / Double(points.count)
                },
                marks: given.sorted { (members[$0.member.rawValue] ?? 0) < (members[$1.member.rawValue] ?? 0) }.flatMap { sheet in
                    call.criteria.compactMap { criterion in
                        sheet.points[criterion.id].map {
                            Mark(criterion: criterion.id, member: members[sheet.member.rawValue] ?? 0, points: $0, comment: sheet.comments[criterion.id] ?? "")
                        }
                    }
                },
                agreed: agreement?.amount, paid: agreement?.paid, jobsReported: jobs)
        }.sorted { $0.rank < $1.rank }
        return CallDecision(call: call, lines: lines, rejected: counts[.rejected] ?? 0, withdrawn: counts[.withdrawn] ?? 0)
    }

    /// A total in hundredths as people read it: `72.5`, `80`.
    static func total(_ hundredths: Int64) -> String {
        let whole = hundredths / 100, part = hundredths % 100
        return part == 0 ? String(whole) : part % 10 == 0 ? "\(whole).\(part / 10)" : "\(whole).\(part < 10 ? "0" : "")\(part)"
    }
}
