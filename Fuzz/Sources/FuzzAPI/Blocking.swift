import Dispatch
import Synchronization

/// libFuzzer calls its target synchronously, one input at a time, on its own
/// thread; the application is async. This runs one async operation on the
/// cooperative pool and waits for it. libFuzzer's thread is not one of the
/// pool's, so waiting cannot starve the pool.
func waitFor<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) throws -> T {
    let outcome = Outcome<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { outcome.set(.success(try await operation())) } catch { outcome.set(.failure(error)) }
        done.signal()
    }
    done.wait()
    return try outcome.get()
}

private final class Outcome<T: Sendable>: Sendable {
    private let value = Mutex<Result<T, any Error>?>(nil)

    func set(_ result: Result<T, any Error>) { value.withLock { $0 = result } }

    func get() throws -> T {
        guard let result = value.withLock({ $0 }) else { fatalError("the operation finished without a result") }
        return try result.get()
    }
}
