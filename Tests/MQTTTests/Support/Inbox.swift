import Synchronization

/// Collects what a subscriber reports, so that a test waits for a condition instead of sleeping.
final class Inbox<Element: Sendable>: Sendable {
    private struct Waiter {
        let id: Int
        let condition: @Sendable ([Element]) -> Bool
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var items: [Element] = []
        var waiters: [Waiter] = []
        var nextWaiterID = 0
    }

    private let state = Mutex(State())

    var items: [Element] {
        self.state.withLock { $0.items }
    }

    func append(_ element: Element) {
        let satisfied = self.state.withLock { state in
            state.items.append(element)
            let items = state.items
            var satisfied: [CheckedContinuation<Bool, Never>] = []
            state.waiters.removeAll { waiter in
                guard waiter.condition(items) else { return false }
                satisfied.append(waiter.continuation)
                return true
            }
            return satisfied
        }
        for continuation in satisfied {
            continuation.resume(returning: true)
        }
    }

    /// Waits until `condition` holds for everything received so far; false if `timeout` passes first.
    func wait(upTo timeout: Duration = .seconds(10), until condition: @escaping @Sendable ([Element]) -> Bool) async -> Bool {
        await withCheckedContinuation { continuation in
            let waiterID: Int? = self.state.withLock { state in
                guard !condition(state.items) else { return nil }
                let id = state.nextWaiterID
                state.nextWaiterID += 1
                state.waiters.append(Waiter(id: id, condition: condition, continuation: continuation))
                return id
            }
            guard let waiterID else {
                continuation.resume(returning: true)
                return
            }
            Task {
                try? await Task.sleep(for: timeout)
                self.expire(waiterID)
            }
        }
    }

    private func expire(_ waiterID: Int) {
        let continuation = self.state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard let index = state.waiters.firstIndex(where: { $0.id == waiterID }) else { return nil }
            return state.waiters.remove(at: index).continuation
        }
        continuation?.resume(returning: false)
    }
}

/// Holds a message handler until the test lets it go.
final class Gate: Sendable {
    private struct State {
        var isOpen = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    func wait() async {
        await withCheckedContinuation { continuation in
            let isOpen = self.state.withLock { state in
                if !state.isOpen {
                    state.waiters.append(continuation)
                }
                return state.isOpen
            }
            if isOpen {
                continuation.resume()
            }
        }
    }

    func open() {
        let waiters = self.state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters {
            waiter.resume()
        }
    }
}

