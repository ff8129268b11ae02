import CFuzzerDriver
import KamajiCAPI

#if canImport(Glibc)
import Glibc
#endif

// libFuzzer calls this once per input. Every invariant `FuzzHarness` checks is a crash here, so
// libFuzzer keeps the input that broke it (`crash-<sha1>` in the artifact directory).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let violations = FuzzHarness.violations(bytes)
    if !violations.isEmpty {
        fatalError("invariant broken:\n" + violations.joined(separator: "\n"))
    }
    return 0
}

// SwiftPM points an executable's `main` at this file's code on Linux while libFuzzer brings a
// `main` of its own; scripts/fuzz.sh links with --allow-multiple-definition, and whichever `main`
// the linker keeps ends in libFuzzer's driver calling the function above.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
