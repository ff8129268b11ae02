import CProcessHeap
import KamajiCAPI

/// What `render` and `render-fleet` do to the process beyond rendering, because a process that lives
/// tens of milliseconds is not what glibc's defaults are made for; the other subcommands run
/// untuned. Measured with release builds of commit b484bc5's tree (docs/performance.md, "Process
/// tuning"): without `prepareHeap` a 500-pool render faulted in 4,900 pages instead of 2,700 and took
/// 4-13% longer; without `leaveAllocated` it ran 4.5% more instructions freeing its objects and took
/// 2-16% longer (11% for 2,000 pools).
enum ProcessTuning {
    /// glibc's heap grown once, kept and backed by huge pages (Sources/CProcessHeap).
    static func prepareHeap() { kamaji_prepare_heap() }

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
