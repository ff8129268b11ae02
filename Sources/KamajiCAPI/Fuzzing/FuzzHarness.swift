import KamajiDiagnostics
import KamajiYAML
import KamajiValues
import KamajiValidation
import KamajiModel
import KamajiManifests

/// What the libFuzzer target (`Fuzz/`, run by `scripts/fuzz.sh`) checks for every input, kept in
/// the library so a crash it finds replays as a plain test (`FuzzRegressionTests` runs every file of
/// `Tests/KamajiCAPITests/Fixtures/fuzz-regressions/` through `violations(_:)`).
///
/// One input is read in every way the tool reads hostile text, and each must end in a value or a
/// `DiagnosticError`, never a crash, a hang or another error:
/// - as a values file (bytes as the command line reads them), rendered and checked: whatever
///   renders prints as a YAML stream that reads back as exactly the objects rendered (no string
///   changes its value or type, no document appears or disappears);
/// - as YAML documents of any shape, printed by the emitter in each of its modes and read back:
///   the same tree;
/// - as `--set` (or `--set-string`) flags, one a line, over a small values file;
/// - as a manifest stream, as `diff` reads one.
public enum FuzzHarness {
    /// The file name diagnostics of the input carry.
    public static let fileName = "fuzz.yaml"

    /// The broken invariants, one sentence each; empty when the input was handled as it should be.
    public static func violations(_ bytes: [UInt8]) -> [String] {
        var found: [String] = []
        let text: String
        do {
            text = try YAMLReader.text(bytes, file: fileName)
        } catch {
            found += checkLocations(error.diagnostics, stage: "decoding")
            return found
        }
        found += valuesFile(text)
        found += emitterRoundTrip(text)
        found += setFlags(text)
        found += manifestStream(text)
        return found
    }

    // MARK: Stages

    static func valuesFile(_ text: String) -> [String] {
        let request = RenderRequest(releaseName: "fuzz", valueFiles: [ValuesFile(name: fileName, text: text)])
        do {
            let checked = try RenderPipeline.check(request)
            var found = checkLocations(checked.diagnostics, stage: "check", thrown: false)
            guard checked.errors.isEmpty else { return found }
            // What render does after its (error-level) checks, without running them again.
            found += readBack(ClusterManifest.build(checked.model))
            return found
        } catch {
            return checkLocations(error.diagnostics, stage: "values")
        }
    }

    /// Prints the objects as a stream and reads it back.
    static func readBack(_ objects: [ManifestObject]) -> [String] {
        let stream = ManifestStream.yaml(objects)
        let documents: [YAMLValue]
        do {
            documents = try YAMLReader.documents(stream, file: "stream").map(\.value)
        } catch {
            return ["the rendered stream does not read back: \(error)"]
        }
        guard documents.count == objects.count else {
            return ["\(objects.count) objects rendered, \(documents.count) documents read back"]
        }
        var found: [String] = []
        for (object, document) in zip(objects, documents) {
            if let difference = firstDifference(object.body, document, path: ValuePath.root / object.identity) {
                found.append("the stream changes \(difference)")
            }
        }
        return found
    }

    static func emitterRoundTrip(_ text: String) -> [String] {
        guard let documents = try? YAMLReader.documents(text, file: fileName) else { return [] }
        let emitters = [
            ("portable", YAMLEmitter()),
            ("go-yaml v2, folded at 80", YAMLEmitter(lineWidth: 80, compatibility: .goYAMLv2)),
            ("portable, folded at 20", YAMLEmitter(lineWidth: 20)),
        ]
        var found: [String] = []
        for document in documents {
            for (name, emitter) in emitters {
                // Helm's toYaml writes the key `<<` plain (recorded from Helm 3.17), which reads
                // back as a merge key; toYaml text is only hashed, never read back, and the
                // portable mode the manifests use quotes it.
                if emitter.compatibility == .goYAMLv2 && Self.hasMergeKeyString(document.value) { continue }
                let printed = emitter.emit(document.value)
                do {
                    let back = try YAMLReader.documents(printed, file: "emitted")
                    guard back.count == 1 else {
                        found.append("the \(name) emitter printed \(back.count) documents for one")
                        continue
                    }
                    if let difference = firstDifference(document.value, back[0].value, path: "") {
                        found.append("the \(name) emitter changes \(difference)")
                    }
                } catch {
                    found.append("the \(name) emitter printed YAML that does not read back: \(error)")
                }
            }
        }
        return found
    }

    static func setFlags(_ text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).prefix(16).map(String.init)
        guard !lines.isEmpty else { return [] }
        // --set or --set-string, decided by the input so both are explored.
        let kind: SetKind = text.utf8.count % 2 == 0 ? .typed : .string
        let request = RenderRequest(
            releaseName: "fuzz",
            valueFiles: [ValuesFile(name: "base.yaml", text: "nodePools:\n- {name: a, template: t, network: vm-net}\n")],
            setFlags: lines.map { SetFlag(kind, $0) })
        do {
            let checked = try RenderPipeline.check(request)
            return checked.errors.isEmpty ? readBack(ClusterManifest.build(checked.model)) : []
        } catch {
            return checkLocations(error.diagnostics, stage: "--set")
        }
    }

    static func manifestStream(_ text: String) -> [String] {
        do {
            _ = try ManifestFiles.objects(stream: text, file: fileName)
            return []
        } catch {
            return checkLocations(error.diagnostics, stage: "manifest")
        }
    }

    static func hasMergeKeyString(_ value: YAMLValue) -> Bool {
        switch value {
        case .mapping(let m): return m.entries.contains { $0.key == "<<" || hasMergeKeyString($0.value) }
        case .sequence(let items): return items.contains(where: hasMergeKeyString)
        default: return false
        }
    }

    // MARK: Invariants

    /// Every diagnostic says something and points at a real position when it has one.
    static func checkLocations(_ diagnostics: [Diagnostic], stage: String, thrown: Bool = true) -> [String] {
        var found: [String] = []
        if thrown && diagnostics.isEmpty { found.append("\(stage): an error without a diagnostic") }
        for diagnostic in diagnostics {
            if diagnostic.message.isEmpty { found.append("\(stage): a diagnostic without a message") }
            if let line = diagnostic.location?.line, line < 1 { found.append("\(stage): line \(line) in \(diagnostic)") }
            if let column = diagnostic.location?.column, column < 1 {
                found.append("\(stage): column \(column) in \(diagnostic)")
            }
        }
        return found
    }

    /// Where two trees differ, or `nil`. Numbers compare by value (a whole float may print as an
    /// integer, as go-yaml prints it) and NaN equals NaN; strings, booleans, nulls and the shape
    /// must match exactly.
    static func firstDifference(_ a: YAMLValue, _ b: YAMLValue, path: ValuePath) -> String? {
        switch (a, b) {
        case let (.mapping(x), .mapping(y)):
            guard x.entries.map(\.key) == y.entries.map(\.key) else {
                return "\(path): keys \(x.entries.map(\.key)) became \(y.entries.map(\.key))"
            }
            for (e, f) in zip(x.entries, y.entries) {
                if let d = firstDifference(e.value, f.value, path: path / e.key) { return d }
            }
            return nil
        case let (.sequence(x), .sequence(y)):
            guard x.count == y.count else { return "\(path): \(x.count) items became \(y.count)" }
            for (i, pair) in zip(x, y).enumerated() {
                if let d = firstDifference(pair.0, pair.1, path: path / i) { return d }
            }
            return nil
        default:
            if let x = number(a), let y = number(b) {
                return x == y || (x.isNaN && y.isNaN) ? nil : "\(path): \(a) became \(b)"
            }
            return a == b ? nil : "\(path): \(a) became \(b)"
        }
    }

    private static func number(_ value: YAMLValue) -> Double? {
        switch value {
        case .int(let i): return Double(i)
        case .float(let f): return f
        default: return nil
        }
    }
}
