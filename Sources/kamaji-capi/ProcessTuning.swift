import CProcessHeap
import KamajiCAPI

/// What `render` and `render-fleet` do to the process beyond rendering, because a process that lives
/// tens of milliseconds is not what glibc's defaults are made for; the other subcommands run
/// untuned. Measured with release builds of commit b484bc5's tree (docs/performance.md, "Process
/// tuning"), on 500 pools: without `prepareHeap` it faulted in 4,900 pages instead of 2,700 and took
/// 14-17% longer; without `prefaultHeap` 5-9% longer (when the second core is idle); without
/// `leaveAllocated` it ran 4.5% more instructions, freeing its objects, and took 10-24% longer.
enum ProcessTuning {
    /// glibc's heap grown once, kept and backed by huge pages (Sources/CProcessHeap).
    static func prepareHeap() { kamaji_prepare_heap() }

    /// A large render's heap faulted in on another thread while the render parses, so the render
    /// does not stop for the kernel to clear each new page: 20 bytes per byte of values is about
    /// what a 500-pool render's main thread uses (its peak memory stays the same). A small render is
    /// not worth a thread.
    static func prefaultHeap(for request: RenderRequest) {
        let size = request.valueFiles.reduce(0) { $0 + $1.text.utf8.count }
        if size >= 64 << 10 { kamaji_prefault_heap(UInt(size * 20)) }
    }

    /// The render's objects are left allocated when `render` returns: the process ends right after,
    /// and the kernel takes its memory back at once, where freeing the objects one by one would not.
    static func leaveAllocated(_ result: RenderResult) {
        _ = Unmanaged.passRetained(Allocated(result))
    }

    private final class Allocated {
        let result: RenderResult
        init(_ result: RenderResult) { self.result = result }
    }
}
