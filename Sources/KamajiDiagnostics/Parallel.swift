import Foundation

/// A parallel `map` over `0..<count`: `jobs` workers each take the next index when done with one, so
/// a slow cluster (thousands of pools) does not hold up a fixed share of the others.
package enum Parallel {
    /// The cores this process may use.
    package static let cores = ProcessInfo.processInfo.activeProcessorCount

    /// `map` on all cores when there are at least `threshold` items, else on this thread: below
    /// that, waking workers costs more than it saves.
    package static func map<T>(_ count: Int, threshold: Int, _ body: @Sendable (Int) -> T) -> [T] {
        map(count, inParallel: count >= threshold, body)
    }

    /// `map` on all cores when the caller knows the work is worth it, else on this thread.
    package static func map<T>(_ count: Int, inParallel: Bool, _ body: @Sendable (Int) -> T) -> [T] {
        inParallel && cores > 1 ? map(count, jobs: cores, body) : (0..<count).map(body)
    }

    package static func map<T>(_ count: Int, jobs: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let results = ResultSlots<T>(count: count)
        let next = IndexDispenser(count: count)
        let workers = max(1, min(jobs, count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = next.take() { results.store(body(index), at: index) }
        }
        return results.values()
    }

    private final class IndexDispenser: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private let count: Int
        package init(count: Int) { self.count = count }

        package func take() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < count else { return nil }
            next += 1
            return next - 1
        }
    }

    /// Each index is written by exactly one worker and read only after all workers are done.
    private final class ResultSlots<T>: @unchecked Sendable {
        private let slots: UnsafeMutablePointer<T?>
        private let count: Int

        package init(count: Int) {
            self.count = count
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil, count: count)
        }

        deinit {
            slots.deinitialize(count: count)
            slots.deallocate()
        }

        package func store(_ value: T, at index: Int) { slots[index] = value }

        package func values() -> [T] { (0..<count).map { slots[$0]! } }
    }
}
