import Synchronization

/// A process reads at most `capacity` multipart uploads at once: each holds
/// up to a photo's or a PDF's limit in memory until its handler ends, so
/// without a cap a few dozen held connections take hundreds of megabytes
/// (issue 13). Over the cap the answer is 429 with `Retry-After`.
public final class UploadSlots: Sendable {
    public let capacity: Int
    private let inUse = Mutex(0)

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Takes a slot if one is free.
    public func take() -> Bool {
        inUse.withLock { count in
            guard count < capacity else { return false }
            count += 1
            return true
        }
    }

    /// Gives back a slot taken by `take()`.
    public func release() {
        inUse.withLock { $0 = max(0, $0 - 1) }
    }

    public var taken: Int { inUse.withLock { $0 } }
}
