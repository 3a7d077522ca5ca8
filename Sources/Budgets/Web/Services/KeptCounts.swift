import BudgetRules
import HromadaDomain
import Synchronization

/// The counts of editions, kept while nothing they were made from has
/// changed (issue 25). The results page, a project's page and the results
/// API count every ballot of the edition; once the results are out the
/// ballots no longer change, yet the page cache renders each page again
/// every second, and reading, decoding and counting 13 000 ballots took
/// most of a render.
///
/// A kept count is used only when the ballots' stamp (`BallotSetStamp`, read
/// in the same transaction as the ballots it stands for), the edition, its
/// projects and the city are equal to those it was made from, under the same
/// rule: a paper batch, a pool leaving the box or an edited title makes the
/// next read count again, on this instance or any other sharing the
/// database. While any ballot is sealed (staff previewing the count) nothing
/// is kept. Kept per application (`Module.makeState`), so two servers in
/// one process (the tests) never share counts.
final class KeptCounts: Sendable {
    struct Key: Hashable {
        let edition: BudgetEditionID
        let rule: WinnerRule
    }

    /// What a count was made from.
    struct Source: Equatable {
        let stamp: BallotSetStamp
        let edition: BudgetEdition
        let projects: [BudgetProject]
        let city: Municipality
    }

    private struct Entry {
        let source: Source
        let count: BudgetResults.EditionCount
    }

    /// Each entry holds every ballot as the rule saw it (a few MB for a large
    /// city); when full, the memo starts over.
    static let capacity = 16
    private let entries = Mutex<[Key: Entry]>([:])

    /// The count kept for `key` if it was made from `source`.
    func count(for key: Key, from source: Source) -> BudgetResults.EditionCount? {
        guard let entry = entries.withLock({ $0[key] }), entry.source == source else { return nil }
        return entry.count
    }

    func keep(_ count: BudgetResults.EditionCount, for key: Key, from source: Source) {
        guard !source.stamp.anySealed else { return }
        entries.withLock { entries in
            // A count without details never replaces one with them made from the same.
            if let old = entries[key], old.source == source, old.count.details != nil, count.details == nil { return }
            if entries.count >= Self.capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(source: source, count: count)
        }
    }
}
