import Foundation

/// What the crew says of a stop: emptied, or skipped for a reason.
public enum StopOutcome: String, Sendable, Codable, CaseIterable {
    case emptied, skipped
}

/// Why a crew could not empty a container: the reasons crews give, so the
/// dispatcher can count them (and send a tow truck or a fitter), with a
/// note for anything else.
public enum SkipReason: String, Sendable, Codable, CaseIterable {
    /// A parked car or roadworks in the way of the crane.
    case blocked
    /// The container, its lid or its lift is broken.
    case damaged
    /// Burning, or something in it that must not go in the truck.
    case hazard
    /// The truck was full or the shift ran out.
    case noTime = "no-time"
    case other
}

/// A crew's report of one stop, checked: a skip needs a reason, and
/// "other" needs a note saying what.
public struct StopReport: Sendable, Equatable {
    public let outcome: StopOutcome
    public let reason: SkipReason?
    public let note: String

    public static let noteLength = 0...500

    public enum Problem: String, Error, Sendable {
        case reasonMissing = "waste_stop_reason_missing"
        case noteMissing = "waste_stop_note_missing"
        case noteTooLong = "waste_stop_note_too_long"
    }

    public init(outcome: StopOutcome, reason: SkipReason?, note: String) throws(Problem) {
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= Self.noteLength.upperBound else { throw .noteTooLong }
        switch outcome {
        case .emptied:
            self.reason = nil
        case .skipped:
            guard let reason else { throw .reasonMissing }
            if reason == .other, note.isEmpty { throw .noteMissing }
            self.reason = reason
        }
        self.outcome = outcome
        self.note = note
    }
}
