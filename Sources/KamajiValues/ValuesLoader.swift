import KamajiDiagnostics
import KamajiYAML

/// Values as Helm hands them to the chart: the compiled-in defaults, then each `-f` file, then the
/// `--set` flags, merged and coalesced by Helm's rules (see docs/helm-values-semantics.md).
public struct MergedValues: Sendable {
    public var values: YAMLValue
    /// Where each value came from, by values path, so errors point at a file and line.
    public var locations: LocationMap
    /// The paths the user set (files and flags), before defaults were added.
    public var userSetPaths: UserWrittenPaths
    public var warnings: [Diagnostic]
    /// The chart whose defaults were merged: `--chart`, else the `chart` key of the files.
    public var chart: ChartName = .vsphere
}

public enum ValuesLoader {
    /// - Parameters:
    ///   - chart: `--chart`, when given; else the files' `chart` key decides.
    ///   - readFile: reads a `--set-file` path.
    public static func load(
        files valueFiles: [ValuesFile], chart chartFlag: ChartName?, setFlags: [HelmSetFlag],
        readFile: (String) throws -> String
    ) throws(DiagnosticError) -> MergedValues {
        var files: [ValuesComposer.File] = []
        var errors: [Diagnostic] = []
        for file in valueFiles {
            do {
                let document = try parse(file.text, file: file.name)
                files.append(ValuesComposer.File(name: file.name, values: document.value, locations: document.locations))
            } catch {
                errors += error.diagnostics
            }
        }
        if !errors.isEmpty { throw DiagnosticError(errors) }
        let chart = try ChartSelection.chart(flag: chartFlag, files: files)
        let defaults = try (chart == .proxmox ? parsedProxmoxDefaults : parsedDefaults).get()
        let composed = try ValuesComposer(defaults: defaults.value, defaultLocations: defaults.locations)
            .compose(files: files, flags: setFlags, readFile: readFile)
        return MergedValues(
            values: composed.values, locations: composed.locations, userSetPaths: composed.userPaths,
            warnings: composed.warnings, chart: chart)
    }

    /// The compiled-in defaults, parsed once per process: `render-fleet` loads them for every cluster.
    package static let parsedDefaults = Result { () throws(DiagnosticError) in
        try parse(DefaultValues.yaml, file: ChartName.vsphere.defaultValuesFile)
    }

    /// Chart capi-kamaji-proxmox's compiled-in defaults, likewise.
    package static let parsedProxmoxDefaults = Result { () throws(DiagnosticError) in
        try parse(ProxmoxDefaultValues.yaml, file: ChartName.proxmox.defaultValuesFile)
    }

    /// One values file: a single YAML document (Helm reads only the first of several, silently;
    /// a second document is refused here because it is ambiguous). Where each value was written is
    /// recorded as it is read; the map by path is built if something asks, which only a problem does.
    package static func parse(_ text: String, file: String) throws(DiagnosticError) -> (value: YAMLValue, locations: LocationMap) {
        let documents = try read(text, file: file)
        if documents.count > 1 {
            let second = documents[1].location(of: .root)
            throw DiagnosticError(
                Diagnostic(
                    code: .yamlSyntax, location: second ?? SourceLocation(file: file),
                    message: "a values file holds one YAML document; this one has \(documents.count)",
                    hint: "split it into several files and pass each with -f"))
        }
        guard let document = documents.first else { return (.null, [:]) }
        return (document.value, LocationMap { document.locations })
    }

    private static func read(_ text: String, file: String) throws(DiagnosticError) -> [YAMLReader.Document] {
        do {
            return try YAMLReader.documents(text, file: file)
        } catch let error as DiagnosticError {
            throw error
        } catch {
            throw DiagnosticError(Diagnostic(code: .yamlSyntax, location: SourceLocation(file: file), message: "\(error)"))
        }
    }
}
