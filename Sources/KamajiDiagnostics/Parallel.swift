import Foundation

/// The one parallelism policy of the program: a `map` over `0..<count` runs on all cores when it has
/// at least `minimumCount` items, or when the caller asks for a number of workers; and a map started
/// inside a worker of another map runs on that worker's thread. So a fleet, which renders its clusters
/// on all cores, renders each cluster's pools serially, and one large cluster renders its pools on all
/// cores: the outermost level that has enough items takes the cores, and no level waits for a nested one.
///
/// Workers each take the next index when done with one, so a slow item (a cluster of thousands of pools)
/// does not hold up a fixed share of the others.
package enum Parallel {
    /// The cores this process may use.
    package static let cores = ProcessInfo.processInfo.activeProcessorCount

    /// Below this many items a map runs on the calling thread: waking workers would cost more than
    /// it saves. Items are of about one node pool's work (a pool decoded, its objects built, a check
    /// rule over the pools, a document emitted).
    package static let minimumCount = 32

    /// True on the threads of a map running on more than one worker, for the maps they start.
    @TaskLocal private static var isInsideWorker = false

    /// `body` for every index, in order, on all cores when there are at least `minimumCount` items.
    /// `scale` is the number of items the work grows with when that is not `count` (check rules,
    /// each of which runs over every pool).
    package static func map<T>(_ count: Int, scale: Int? = nil, _ body: @Sendable (Int) -> T) -> [T] {
        map(count, jobs: jobs(count, scale: scale), body)
    }

    /// `body` for every index, in order, on `jobs` workers (one: on this thread); on this thread
    /// inside another map's worker.
    package static func map<T>(_ count: Int, jobs: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let workers = workers(count, jobs: jobs)
        guard workers > 1 else { return (0..<count).map(body) }
        let results = ResultSlots<T>(count: count)
        let next = IndexDispenser(count: count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            $isInsideWorker.withValue(true) {
                while let index = next.take() { results.store(body(index), at: index) }
            }
        }
        return results.values()
    }

    /// The workers the policy gives a map of `count` items (`scale` as for `map`).
    package static func jobs(_ count: Int, scale: Int? = nil) -> Int { (scale ?? count) >= minimumCount ? cores : 1 }

    /// The workers a map of `count` items asked to run on `jobs` gets: one inside another map's worker.
    package static func workers(_ count: Int, jobs: Int) -> Int { isInsideWorker ? 1 : max(1, min(jobs, count)) }

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
