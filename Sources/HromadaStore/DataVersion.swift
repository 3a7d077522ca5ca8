import Synchronization

/// A number that grows with every committed write readers may see, in this
/// process. A page rendered while it read `n` shows data no older than the
/// writes up to `n`; once it reads more, the page may be out of date.
///
/// Writes by another process on the same database (a second instance, a CLI
/// command) do not move it: a cache that relies on it also bounds an entry's
/// age (`PageCache.maximumAge`).
public final class DataVersion: Sendable {
    private let value = Atomic<UInt64>(0)

    public init() {}

    public var current: UInt64 { value.load(ordering: .acquiring) }

    package func bump() {
        value.wrappingAdd(1, ordering: .releasing)
    }
}
