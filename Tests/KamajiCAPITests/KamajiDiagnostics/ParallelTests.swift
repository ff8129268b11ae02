import Foundation
import Testing
@testable import KamajiDiagnostics

/// The one parallelism policy: long maps on all cores, short ones and nested ones on the calling
/// thread, results in order.
@Suite struct ParallelTests {
    /// The calling thread's identity, comparable across threads.
    static func thread() -> ObjectIdentifier { ObjectIdentifier(Thread.current) }

    @Test func resultsKeepTheOrderOfTheIndexes() {
        let count = Parallel.minimumCount * 10
        #expect(Parallel.map(count) { $0 * 2 } == (0..<count).map { $0 * 2 })
        #expect(Parallel.map(count, jobs: 4) { $0 * 3 } == (0..<count).map { $0 * 3 })
        #expect(Parallel.map(0) { $0 }.isEmpty)
    }

    @Test func aShortMapRunsOnTheCallingThread() {
        let caller = Self.thread()
        #expect(Parallel.map(Parallel.minimumCount - 1) { _ in Self.thread() }.allSatisfy { $0 == caller })
        // Few items, but each grows with a large number of others (check rules over many pools).
        #expect(Parallel.map(3, scale: 1) { _ in Self.thread() }.allSatisfy { $0 == caller })
    }

    @Test func aMapInsideAWorkerRunsOnThatWorkersThread() {
        guard Parallel.cores > 1 else { return }
        // Each outer item runs a long inner map; every inner item must run on its outer item's thread.
        let outer = Parallel.map(8, jobs: 2) { index -> (thread: ObjectIdentifier, inner: [ObjectIdentifier], values: [Int]) in
            let worker = Self.thread()
            let inner = Parallel.map(Parallel.minimumCount * 4) { _ in Self.thread() }
            let values = Parallel.map(Parallel.minimumCount * 4, jobs: 4) { $0 + index }
            return (worker, inner, values)
        }
        for (index, item) in outer.enumerated() {
            #expect(item.inner.allSatisfy { $0 == item.thread })
            #expect(item.values == (0..<Parallel.minimumCount * 4).map { $0 + index })
        }
    }

    /// Which threads run a map is libdispatch's to say (on a loaded machine it may run every
    /// worker on the caller's thread), so the policy is checked where it decides: the workers asked for.
    @Test func aLongMapIsGivenEveryCoreAndANestedOneOnlyItsWorker() {
        let long = Parallel.minimumCount * 2
        #expect(Parallel.workers(long, jobs: Parallel.jobs(long)) == min(Parallel.cores, long))
        #expect(Parallel.workers(Parallel.minimumCount - 1, jobs: Parallel.jobs(Parallel.minimumCount - 1)) == 1)
        #expect(Parallel.workers(3, jobs: Parallel.jobs(3, scale: long)) == min(Parallel.cores, 3))
        let nested = Parallel.map(2, jobs: 2) { _ in Parallel.workers(long, jobs: Parallel.jobs(long)) }
        #expect(nested == [1, 1])
    }
}
