import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// What city staff do with the participatory budget: move phases, review
/// projects, type in paper ballots, publish results and record delivery;
/// and what authors do: propose projects. Each checks the actor's role in
/// this city (another city's staff get a 404) and leaves an audit entry.
public struct BudgetAdmin: Sendable {
    let services: AppServices

    public enum Transition: String, Sendable, CaseIterable {
        case announce, openReview = "open_review", openVoting = "open_voting", closeVoting = "close_voting"
        case publishResults = "publish_results", startDelivery = "start_delivery", finish
    }

    func edition(_ id: BudgetEditionID, in city: MunicipalityID) async throws -> BudgetEdition {
        guard let edition = try await services.store.read({ try await $0.budgets.edition(id, in: city) }) else { throw AppError.notFound }
        return edition
    }

    /// The edition or project changed between the read a decision came from
    /// and its write (a phase opened, another reviewer was quicker): nothing
    /// was written, and the person tries again on what is there now.
    static let editionChanged = AppError.conflict(code: "edition_changed")

    static func appError(_ error: BudgetError) -> AppError {
        switch error {
        case .wrongPhase: .conflict(code: "wrong_phase")
        case .rulesFrozen: .conflict(code: "rules_frozen")
        case .noCategories: .invalid(code: "edition_no_categories", field: "categories")
        case .tooManyCategories: .invalid(code: "edition_too_many_categories", field: "categories")
        case .categoryWithoutFund, .categoryCostRange: .invalid(code: "edition_category_invalid", field: "categories")
        case .pickLimits, .minimumShare, .pointLimits: .invalid(code: "edition_ballot_rule_invalid", field: "ballotRule")
        case .minimumAge: .invalid(code: "edition_minimum_age", field: "minimumAge")
        case .scheduleOrder: .invalid(code: "edition_schedule_order", field: "votingOpen")
        case .incompatibilityNeedsGreedy: .invalid(code: "incompatibility_needs_greedy", field: "winnerRule")
        case .incompatiblePairInvalid: .invalid(code: "incompatible_pair_invalid", field: "other")
        case .paperEntryLimit: .invalid(code: "edition_paper_entry_limit", field: "paperEntriesPerClerk")
        }
    }

    /// Moves the edition to its next phase now. Publishing results also
    /// empties the ballot box, stores each category's outcome and tells every
    /// author how their project fared.
    public func transition(_ transition: Transition, edition id: BudgetEditionID, city: Municipality, by principal: Principal?) async throws {
        try requireStaff(.manageBudget, principal, in: city.id)
        let edition = try await edition(id, in: city.id)
        let now = services.clock.now()
        var changed = edition
        do {
            switch transition {
            case .announce: changed.schedule = try edition.schedule.announcing(at: now)
            case .openReview: changed.schedule = try edition.schedule.openingReview(at: now)
            case .openVoting: changed.schedule = try edition.schedule.openingVoting(at: now)
            case .closeVoting: changed.schedule = try edition.schedule.closingVoting(at: now)
            case .publishResults: changed.schedule = try edition.schedule.publishingResults(at: now)
            case .startDelivery: changed.schedule = try edition.schedule.startingDelivery(at: now)
            case .finish: changed.schedule = try edition.schedule.finishing(at: now)
            }
        } catch {
            throw Self.appError(error)
        }
        guard transition == .publishResults else {
            let audit = services.audit, final = changed
            try await services.store.write { tx in
                guard try await tx.budgets.update(final, ifStill: edition) else { throw Self.editionChanged }
                // The phase this opens, as the calendar's look would find it (the same event, recorded once).
                for event in BudgetFollows.phaseEvents(final) where event.occurredAt == now { try await tx.follows.record(event) }
                try await audit.record(
                    tx, action: AuditAction.budgetEditionChanged, actor: principal?.accountID, municipality: city.id, subject: id.rawValue,
                    details: ["transition": transition.rawValue])
            }
            return
        }
        // Counted from every ballot, those still sealed included; the write
        // then mixes the box's last pools and checks that exactly the counted
        // ballots are stored. A paper ballot typed in between changes the
        // count: it is counted again, a few times at most.
        for attempt in 1...3 {
            do {
                try await publish(changed, from: edition, city: city, by: principal, at: now)
                return
            } catch BallotBox.Problem.changedWhileCounting where attempt < 3 {
                continue
            } catch BallotBox.Problem.raced where attempt < 3 {
                continue
            } catch BallotBox.Problem.unreadable {
                throw AppError.conflict(code: "ballot_box_unreadable")
            } catch BallotBox.Problem.changedWhileCounting, BallotBox.Problem.raced {
                throw AppError.conflict(code: "ballots_still_arriving")
            }
        }
    }

    /// Publishing results: each category's outcome stored, every author told
    /// how their project fared, and the ballot box emptied, in one transaction.
    private func publish(_ changed: BudgetEdition, from edition: BudgetEdition, city: Municipality, by principal: Principal?, at now: Date) async throws {
        let id = edition.id, box = services.ballotBox
        let (projects, ballots, coauthors) = try await services.store.read { tx in
            (try await tx.budgets.projects(of: id, in: city.id), try await box.everyBallot(of: id, in: tx),
             try await tx.budgets.coauthors(inEdition: id, in: city.id))
        }
        let outcomes = try services.budgetResults.compute(edition: edition, city: city, projects: projects, ballots: ballots)
        let ids = Set(projects.map(\.authorID) + coauthors.values.flatMap { $0 })
        let authors = try await services.store.read { tx in
            var found: [AccountID: Account] = [:]
            for id in ids { if let account = try await tx.accounts.find(id: id) { found[id] = account } }
            return found
        }
        let audit = services.audit, mail = services.mail, counted = ballots.count, logger = services.logger
        try await services.store.write { tx in
            // Said before the last pools leave the box (scripts/e2e-budget-crash.sh kills the server here).
            logger.info("publishing results: opening the ballot box", metadata: ["edition": "\(id.rawValue)", "ballots": "\(counted)"])
            guard try await tx.budgets.isStill(edition, forUpdate: true) else { throw Self.editionChanged }
            try await box.closeForCounting(edition, counted: counted, in: tx, at: now)
            try await tx.budgets.update(changed)
            for outcome in outcomes {
                try await tx.budgets.saveResult(
                    edition: id, category: outcome.category.id, funded: outcome.projects.filter(\.funded).map(\.project.id), at: now)
                for result in outcome.projects {
                    for person in [result.project.authorID] + (coauthors[result.project.id] ?? []) {
                        guard let account = authors[person] else { continue }
                        try await tx.outbox.enqueue(mail.budgetNotice(
                            result.funded ? "mail.project_funded" : "mail.project_not_funded", to: account, project: result.project,
                            link: "\(services.configuration.publicBaseURL)/\(city.slug.rawValue)/budgets/\(id.rawValue)/results", at: now))
                    }
                }
            }
            let onBallot = projects.filter(\.isOnBallot).map(\.id)
            for event in BudgetFollows.phaseEvents(changed, alsoReaching: onBallot) where event.occurredAt == now {
                try await tx.follows.record(event)
            }
            try await audit.record(
                tx, action: AuditAction.budgetResultsPublished, actor: principal?.accountID, municipality: city.id, subject: id.rawValue,
                details: ["transition": BudgetAdmin.Transition.publishResults.rawValue])
        }
    }

    /// New counting rules (ballot rule, winner rule, categories), refused
    /// once voting has opened: CONSUL let people over-vote when rules changed mid-vote.
    public func changeRules(_ rules: EditionRules, edition id: BudgetEditionID, city: Municipality, by principal: Principal?) async throws -> BudgetEdition {
        try requireStaff(.manageBudget, principal, in: city.id)
        return try await changeRules(rules, of: try await edition(id, in: city.id), city: city, by: principal)
    }

    /// The change decided from `edition` as it was read, and written only if
    /// the stored edition is still that one: voting may have opened in
    /// between, and the rules froze then.
    func changeRules(_ rules: EditionRules, of edition: BudgetEdition, city: Municipality, by principal: Principal?) async throws -> BudgetEdition {
        let id = edition.id
        let (ballot, winner, categories) = try rules.resolved(keeping: edition.categories)
        let changed: BudgetEdition
        do {
            changed = try edition.changingRules(ballot: ballot, winner: winner, categories: categories, at: services.clock.now())
        } catch {
            throw Self.appError(error)
        }
        let audit = services.audit
        try await services.store.write { tx in
            // Voting may have opened since the edition was read: the rules froze then.
            guard try await tx.budgets.update(changed, ifStill: edition) else { throw Self.editionChanged }
            try await audit.record(
                tx, action: AuditAction.budgetEditionChanged, actor: principal?.accountID, municipality: city.id, subject: id.rawValue,
                details: ["change": "rules", "ballotRule": rules.ballotRule, "winnerRule": winner.rawValue])
        }
        return changed
    }

    /// A new edition, checked whole before it is stored.
    public func create(_ edition: BudgetEdition, city: Municipality, by principal: Principal?) async throws -> BudgetEdition {
        try requireStaff(.manageBudget, principal, in: city.id)
        guard edition.municipalityID == city.id else { throw AppError.notFound }
        do {
            try edition.validate()
        } catch {
            throw Self.appError(error)
        }
        let audit = services.audit, now = services.clock.now()
        try await services.store.write { tx in
            try await tx.budgets.insert(edition, at: now)
            try await audit.record(
                tx, action: AuditAction.budgetEditionCreated, actor: principal?.accountID, municipality: city.id, subject: edition.id.rawValue)
        }
        return edition
    }

    /// A reviewer's feasibility decision; the author hears of it by email and it is public on the project.
    public func review(
        project projectID: BudgetProjectID, edition id: BudgetEditionID, city: Municipality, by principal: Principal?, feasible: Bool,
        reason: String, revisedCost: Money?
    ) async throws {
        try requireStaff(.reviewBudgetProject, principal, in: city.id)
        guard let principal else { throw AppError.notSignedIn }
        let edition = try await edition(id, in: city.id)
        let phase = edition.phase(at: services.clock.now())
        guard phase == .review || phase == .proposals else { throw AppError.conflict(code: "wrong_phase") }
        let (found, authors) = try await services.store.read { tx -> (BudgetProject?, [Account]) in
            guard let project = try await tx.budgets.project(projectID, in: city.id), project.editionID == id else { return (nil, []) }
            var authors: [Account] = []
            for person in [project.authorID] + (try await tx.budgets.coauthors(of: projectID, in: city.id)) {
                if let account = try await tx.accounts.find(id: person) { authors.append(account) }
            }
            return (project, authors)
        }
        guard let project = found, let category = edition.category(project.categoryID) else { throw AppError.notFound }
        let reviewed: BudgetProject
        do {
            reviewed = try project.reviewed(
                by: principal.accountID, feasible: feasible, reason: reason, revisedCost: revisedCost, in: category, at: services.clock.now())
        } catch {
            switch error {
            case .reasonRequired: throw AppError.invalid(code: "review_reason_required", field: "reason")
            case .costOutsideCategory: throw AppError.invalid(code: "cost_outside_category", field: "revisedCost")
            case .notReviewable: throw AppError.conflict(code: "wrong_phase")
            case .mergeInvalid: throw AppError.invalid(code: "merge_invalid", field: "into")
            }
        }
        let audit = services.audit, now = services.clock.now()
        let messages = authors.map {
            services.mail.budgetNotice(
                feasible ? "mail.project_feasible" : "mail.project_infeasible", to: $0, project: reviewed,
                link: "\(services.configuration.publicBaseURL)/\(city.slug.rawValue)/budgets/\(id.rawValue)", at: now)
        }
        try await services.store.write { tx in
            guard try await tx.budgets.isStill(edition), try await tx.budgets.update(reviewed, in: city.id, ifStill: project) else {
                throw Self.editionChanged
            }
            for message in messages { try await tx.outbox.enqueue(message) }
            try await tx.follows.record(BudgetFollows.reviewed(reviewed, in: city.id, at: now))
            try await audit.record(
                tx, action: AuditAction.budgetProjectReviewed, actor: principal.accountID, municipality: city.id, subject: projectID.rawValue,
                details: ["feasible": feasible ? "true" : "false", "revisedCost": revisedCost.map { String($0.kopiyky) } ?? ""])
        }
    }

    /// Marks two projects as never both funded, or merges a duplicate into
    /// another; both are moderation decisions, audited, and public.
    public func relate(
        _ project: BudgetProjectID, to other: BudgetProjectID, merge: Bool, edition id: BudgetEditionID, city: Municipality, by principal: Principal?
    ) async throws {
        try requireStaff(.reviewBudgetProject, principal, in: city.id)
        let edition = try await edition(id, in: city.id)
        let (first, second) = try await services.store.read { tx in
            (try await tx.budgets.project(project, in: city.id), try await tx.budgets.project(other, in: city.id))
        }
        guard let first, first.editionID == id else { throw AppError.notFound }
        guard let second else { throw AppError.invalid(code: merge ? "merge_invalid" : "incompatible_pair_invalid", field: "other") }
        let now = services.clock.now()
        let audit = services.audit
        if merge {
            let merged: BudgetProject
            do {
                merged = try first.merged(into: second, phase: edition.phase(at: now))
            } catch {
                throw error == .notReviewable ? AppError.conflict(code: "wrong_phase") : AppError.invalid(code: "merge_invalid", field: "other")
            }
            try await services.store.write { tx in
                guard try await tx.budgets.isStill(edition), try await tx.budgets.update(merged, in: city.id, ifStill: first) else {
                    throw Self.editionChanged
                }
                try await audit.record(
                    tx, action: AuditAction.budgetProjectReviewed, actor: principal?.accountID, municipality: city.id, subject: project.rawValue,
                    details: ["mergedInto": other.rawValue])
            }
            return
        }
        let changed: BudgetEdition
        do {
            changed = try edition.markingIncompatible(first, second, at: now)
        } catch {
            throw Self.appError(error)
        }
        try await services.store.write { tx in
            guard try await tx.budgets.update(changed, ifStill: edition) else { throw Self.editionChanged }
            try await audit.record(
                tx, action: AuditAction.budgetProjectReviewed, actor: principal?.accountID, municipality: city.id, subject: project.rawValue,
                details: ["incompatibleWith": other.rawValue])
        }
    }

    /// What became of a typed-in paper ballot.
    public enum PaperOutcome: Sendable, Equatable {
        /// Counted; the receipt can be handed to the voter.
        case recorded(receipt: String)
        /// Double entry: waiting for a second clerk to type the same ballot.
        case awaitingSecondEntry
    }

    /// A paper ballot staff type in from the voter's documents. The РНОКПП
    /// gives the identity (so a person who voted online is refused here, and
    /// the reverse) and the birth date; neither is stored, only the HMAC.
    /// With double entry, the ballot counts when a second clerk types the
    /// same one; a different one is flagged for staff and counts nothing.
    /// Each clerk's typing is limited per ten minutes (the edition's
    /// `paperEntryRule`) and counted for the results page, by clerk only.
    public func enterPaper(
        _ content: BallotContent, edition id: BudgetEditionID, city: Municipality, nationalID: String, basis: PaperVoterBasis,
        by principal: Principal?
    ) async throws -> PaperOutcome {
        try requireStaff(.enterPaperBallot, principal, in: city.id)
        guard let principal else { throw AppError.notSignedIn }
        let (found, projects) = try await services.store.read { tx in
            (try await tx.budgets.edition(id, in: city.id), try await tx.budgets.projects(of: id, in: city.id))
        }
        guard let edition = found else { throw AppError.notFound }
        let clerk = principal.accountID
        // Every attempt counts, refused or not, in a write of its own: a
        // clerk over the limit changes nothing else.
        try await services.rateLimiter.check(edition.paperEntryRule, subject: "\(id.rawValue)/\(clerk.rawValue)")
        let person = try ResidencyService.nationalID(nationalID)
        let now = services.clock.now()
        let ageGroup: AgeGroup
        do {
            ageGroup = try BallotRules.checkPaperVoter(born: person.birthDate, basis: basis, edition: edition, at: now)
        } catch {
            throw BudgetVoting.appError(error)
        }
        try BudgetVoting.check(content, edition: edition, projects: projects)
        let identity = services.keys.identityHash(of: person.digits)
        let ballot = AnonymousBallot(
            editionID: id, receipt: BallotReceipt.generate(), content: content, channel: .paper, ageGroup: ageGroup)
        let prepared = try services.budgetVoting.prepare(
            ballot, paddedTo: BallotLength(edition: edition, onBallot: projects), actor: clerk, city: city.id)
        guard edition.paperDoubleEntry == true else {
            let written = try await services.store.write { tx in
                try await BudgetVoting.write(prepared, identity: identity, limits: [], clerk: clerk, in: tx)
            }
            guard case .stored = written else { throw AppError.conflict(code: "person_already_voted") }
            return .recorded(receipt: ballot.receipt)
        }
        let check = services.keys.paperEntryCheck(nationalID: person.digits, content: ballot.canonicalContent)
        enum Step: Sendable { case waiting, recorded, sameClerk, mismatch, voted }
        // One transaction from the second entry's match to the ballot in the
        // box: a crash leaves the first entry waiting, or the ballot counted.
        let step = try await services.store.write { tx -> Step in
            if try await tx.budgets.participation(in: id, identity: identity) != nil { return .voted }
            if try await tx.budgets.insertPendingPaperEntry(in: id, identity: identity, check: check, by: clerk, at: now) {
                try await tx.budgets.countPaperEntry(by: clerk, in: id)
                return .waiting
            }
            guard let pending = try await tx.budgets.pendingPaperEntry(in: id, identity: identity) else { return .waiting }
            if pending.enteredBy == clerk { return .sameClerk }
            guard pending.check == check, !pending.mismatch else {
                try await tx.budgets.markPaperMismatch(pending.id)
                return .mismatch
            }
            try await tx.budgets.deletePaperEntry(pending.id, in: id)
            guard case .stored = try await BudgetVoting.write(prepared, identity: identity, limits: [], clerk: clerk, in: tx) else { return .voted }
            return .recorded
        }
        switch step {
        case .waiting: return .awaitingSecondEntry
        // Said to staff about the person in front of them, not about the clerk.
        case .voted: throw AppError.conflict(code: "person_already_voted")
        case .sameClerk: throw AppError.conflict(code: "second_clerk_needed")
        case .mismatch: throw AppError.conflict(code: "paper_mismatch")
        case .recorded: return .recorded(receipt: ballot.receipt)
        }
    }

    /// Drops a pending paper entry that a second clerk contradicted, so the ballot can be entered afresh.
    public func discardPaperEntry(_ entry: String, edition id: BudgetEditionID, city: Municipality, by principal: Principal?) async throws {
        try requireStaff(.enterPaperBallot, principal, in: city.id)
        _ = try await edition(id, in: city.id)
        let audit = services.audit
        try await services.store.write { tx in
            try await tx.budgets.deletePaperEntry(entry, in: id)
            try await audit.record(
                tx, action: AuditAction.budgetProjectReviewed, actor: principal?.accountID, municipality: city.id, subject: id.rawValue,
                details: ["paperEntryDiscarded": entry])
        }
    }

    /// A resident's proposal, numbered in the order received.
    public func propose(_ proposal: ProjectProposal, edition id: BudgetEditionID, city: Municipality, by account: AccountID) async throws -> BudgetProject {
        let edition = try await edition(id, in: city.id)
        let verified = try await services.store.read { try await $0.residency.find(account: account, in: city.id) } != nil
        let audit = services.audit, now = services.clock.now()
        return try await services.store.write { tx in
            let number = try await tx.budgets.nextProjectNumber(in: id)
            let project: BudgetProject
            do {
                project = try proposal.validate(
                    edition: edition, author: account, verified: verified, number: number, territory: city.settings.placeBounds, at: now)
            } catch let error as ProposalError {
                throw Self.appError(error)
            }
            try await tx.budgets.insert(project, in: city.id)
            try await audit.record(
                tx, action: AuditAction.budgetProjectSubmitted, actor: account, municipality: city.id, subject: project.id.rawValue)
            return project
        }
    }

    /// The author's edit of their own project, until review.
    public func edit(_ projectID: BudgetProjectID, with proposal: ProjectProposal, edition id: BudgetEditionID, city: Municipality, by account: AccountID) async throws {
        let edition = try await edition(id, in: city.id)
        let (found, coauthors) = try await services.store.read { tx in
            (try await tx.budgets.project(projectID, in: city.id), try await tx.budgets.coauthors(of: projectID, in: city.id))
        }
        guard let project = found, project.editionID == id else { throw AppError.notFound }
        let edited: BudgetProject
        do {
            edited = try project.edited(
                with: proposal, by: account, coauthors: coauthors, edition: edition, territory: city.settings.placeBounds, at: services.clock.now())
        } catch {
            throw error == .notTheAuthor ? AppError.notFound : Self.appError(error)
        }
        try await services.store.write { tx in
            guard try await tx.budgets.isStill(edition), try await tx.budgets.update(edited, in: city.id, ifStill: project) else {
                throw Self.editionChanged
            }
        }
    }

    /// Names a co-author by the email of their account; they must be a verified resident here.
    public func addCoauthor(
        email: String, project projectID: BudgetProjectID, edition id: BudgetEditionID, city: Municipality, by account: AccountID
    ) async throws {
        let edition = try await edition(id, in: city.id)
        guard let address = try? EmailAddress.validated(email) else { throw AppError.invalid(code: "coauthor_unknown", field: "email") }
        let (found, candidate, isResident) = try await services.store.read { tx -> (BudgetProject?, Account?, Bool) in
            let candidate = try await tx.accounts.find(email: address)
            var resident = false
            if let candidate { resident = try await tx.residency.find(account: candidate.id, in: city.id) != nil }
            return (try await tx.budgets.project(projectID, in: city.id), candidate, resident)
        }
        guard let project = found, project.editionID == id else { throw AppError.notFound }
        // An unknown address and an account that is not a resident read alike:
        // the form must not tell a stranger who has an account here.
        guard let candidate else { throw AppError.invalid(code: "coauthor_unknown", field: "email") }
        let audit = services.audit, now = services.clock.now()
        let notice = services.mail.budgetNotice(
            "mail.coauthor_added", to: candidate, project: project,
            link: "\(services.configuration.publicBaseURL)/\(city.slug.rawValue)/budgets/\(id.rawValue)/projects/\(projectID.rawValue)/edit", at: now)
        let refusal = try await services.store.write { tx -> CoauthorRules.Problem? in
            // Checked against the stored list inside the write, so two additions at once cannot pass the limit.
            let existing = try await tx.budgets.coauthors(of: projectID, in: city.id)
            do throws(CoauthorRules.Problem) {
                try CoauthorRules.checkAdding(
                    candidate.id, isResident: isResident, to: project, existing: existing, by: account, edition: edition, at: now)
            } catch {
                return error
            }
            _ = try await tx.budgets.addCoauthor(candidate.id, to: projectID, in: city.id, at: now)
            try await tx.outbox.enqueue(notice)
            try await audit.record(
                tx, action: AuditAction.budgetCoauthorAdded, actor: account, municipality: city.id, subject: projectID.rawValue,
                details: ["coauthor": services.keys.pseudonym(of: candidate.id, about: projectID.rawValue)])
            return nil
        }
        if let refusal { throw Self.appError(refusal) }
    }

    /// The author removes a co-author, or a co-author steps down.
    public func removeCoauthor(
        _ coauthor: AccountID, project projectID: BudgetProjectID, edition id: BudgetEditionID, city: Municipality, by account: AccountID
    ) async throws {
        let edition = try await edition(id, in: city.id)
        guard let project = try await services.store.read({ try await $0.budgets.project(projectID, in: city.id) }), project.editionID == id else {
            throw AppError.notFound
        }
        let audit = services.audit, now = services.clock.now()
        let refusal = try await services.store.write { tx -> CoauthorRules.Problem? in
            let existing = try await tx.budgets.coauthors(of: projectID, in: city.id)
            do throws(CoauthorRules.Problem) {
                try CoauthorRules.checkRemoving(coauthor, from: project, existing: existing, by: account, edition: edition, at: now)
            } catch {
                return error
            }
            _ = try await tx.budgets.removeCoauthor(coauthor, from: projectID, in: city.id)
            try await audit.record(
                tx, action: AuditAction.budgetCoauthorRemoved, actor: account, municipality: city.id, subject: projectID.rawValue,
                details: ["coauthor": services.keys.pseudonym(of: coauthor, about: projectID.rawValue)])
            return nil
        }
        if let refusal { throw Self.appError(refusal) }
    }

    static func appError(_ problem: CoauthorRules.Problem) -> AppError {
        switch problem {
        case .notTheAuthor, .notACoauthor: .notFound
        case .alreadyReviewed: .conflict(code: "already_reviewed")
        case .notAcceptingProposals: .conflict(code: "proposals_closed")
        case .notAResident: .invalid(code: "coauthor_unknown", field: "email")
        case .isTheAuthor: .invalid(code: "coauthor_is_author", field: "email")
        case .alreadyCoauthor: .conflict(code: "coauthor_already")
        case .tooMany: .conflict(code: "coauthor_limit")
        }
    }

    static func appError(_ error: ProposalError) -> AppError {
        switch error {
        case .notTheAuthor: .notFound
        case .alreadyReviewed: .conflict(code: "already_reviewed")
        case .notAcceptingProposals: .conflict(code: "proposals_closed")
        case .notVerifiedResident: .forbidden(reason: "not_verified_resident")
        case .unknownCategory: .invalid(code: "unknown_category", field: "category")
        case .titleLength: .invalid(code: "title_length", field: "title")
        case .summaryLength: .invalid(code: "summary_length", field: "summary")
        case .noCostItems: .invalid(code: "no_cost_items", field: "costItems")
        case .badCostItem(let index): .invalid(code: "bad_cost_item", field: "costItems.\(index)")
        case .tooManyCostItems: .invalid(code: "too_many_cost_items", field: "costItems")
        case .costOutsideCategory: .invalid(code: "cost_outside_category", field: "costItems")
        case .placeTooLong: .invalid(code: "place_too_long", field: "address")
        case .placeIncomplete: .invalid(code: "place_incomplete", field: "latitude")
        case .placeOutsideCity: .invalid(code: "place_outside_city", field: "latitude")
        }
    }

    /// A dated delivery update on a funded project.
    public func recordDelivery(
        project projectID: BudgetProjectID, edition id: BudgetEditionID, city: Municipality, by principal: Principal?,
        status: DeliveryUpdate.Status, spent: Money, note: String
    ) async throws {
        try requireStaff(.manageBudget, principal, in: city.id)
        guard let principal else { throw AppError.notSignedIn }
        let edition = try await edition(id, in: city.id)
        guard edition.phase(at: services.clock.now()) >= .results else { throw AppError.conflict(code: "wrong_phase") }
        let (project, results) = try await services.store.read { tx in
            (try await tx.budgets.project(projectID, in: city.id), try await tx.budgets.publishedResults(of: id))
        }
        guard let project, project.editionID == id else { throw AppError.notFound }
        let funded = results.values.contains { $0.contains(projectID) }
        let update: DeliveryUpdate
        do {
            update = try DeliveryUpdate.make(
                project: project, funded: funded, status: status, spent: spent, note: note, by: principal.accountID, at: services.clock.now())
        } catch {
            switch error {
            case .notFunded: throw AppError.conflict(code: "project_not_funded")
            case .negativeSpending: throw AppError.invalid(code: "spent_invalid", field: "spent")
            case .reasonRequired: throw AppError.invalid(code: "cancel_reason_required", field: "note")
            case .noteTooLong: throw AppError.invalid(code: "note_too_long", field: "note")
            }
        }
        try await services.store.write { tx in
            try await tx.budgets.insert(update)
            try await tx.follows.record(BudgetFollows.delivered(update, in: city.id))
        }
    }
}
