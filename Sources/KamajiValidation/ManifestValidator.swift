import KamajiDiagnostics
import KamajiYAML

/// One reason an object would be refused (or, as a warning, a rule that could not be checked):
/// which object, which field, which rule.
public struct ValidationProblem: Equatable, Sendable, CustomStringConvertible {
    public var severity: Diagnostic.Severity
    /// `Kind/namespace/name`, or `document N` when the document names no kind.
    public var object: String
    /// The document's file and first line.
    public var location: SourceLocation?
    /// The field, as `kubectl` prints paths (`spec.template.spec.users[0].name`); empty for the object.
    public var path: String
    /// The schema keyword or check that failed: `unknown-field`, `type`, `enum`, `required`, `pattern`, ...
    public var rule: String
    public var message: String

    public init(
        _ severity: Diagnostic.Severity = .error, object: String, location: SourceLocation?, path: String, rule: String,
        message: String
    ) {
        self.severity = severity
        self.object = object
        self.location = location
        self.path = path
        self.rule = rule
        self.message = message
    }

    /// `file:line: error: Kind/namespace/name: path: message (rule)`.
    public var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += "\(severity.rawValue): \(object): "
        if !path.isEmpty { text += "\(path): " }
        return text + "\(message) (\(rule))"
    }
}

/// What `validate` found in a stream.
public struct ValidationReport: Equatable, Sendable {
    public var objects = 0
    /// Objects whose kind has a schema compiled in.
    public var checked = 0
    /// Objects not checked because of `--skip` or, having no schema, `--ignore-missing-schemas`.
    public var skipped = 0
    /// The errors: any one means the API server would refuse the stream.
    public var problems: [ValidationProblem] = []
    /// What could not be checked (a CEL rule this evaluator cannot run); not a reason to fail.
    public var warnings: [ValidationProblem] = []
    /// The CEL rules (`x-kubernetes-validations`) on the checked values.
    public var celRules = CELRuleCounts()

    public var isValid: Bool { problems.isEmpty }

    public var summary: String {
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        var text = "validate: \(count(objects, "object")), \(checked) checked against schemas, "
        if skipped > 0 { text += "\(skipped) skipped, " }
        text += count(problems.count, "error")
        if !warnings.isEmpty { text += ", \(count(warnings.count, "warning"))" }
        if celRules.total > 0 {
            var parts = ["\(celRules.checked) checked"]
            if celRules.skipped > 0 { parts.append("\(celRules.skipped) skipped on objects with schema errors") }
            if celRules.notApplicable > 0 { parts.append("\(celRules.notApplicable) not applicable (transition rules, oldSelf)") }
            if celRules.notChecked > 0 { parts.append("\(celRules.notChecked) not checked (see the warnings)") }
            text += "; CEL rules: " + parts.joined(separator: ", ")
        }
        return text
    }

    package mutating func merge(_ other: ValidationReport) {
        objects += other.objects
        checked += other.checked
        skipped += other.skipped
        problems += other.problems
        warnings += other.warnings
        celRules.add(other.celRules)
    }
}

/// Checks Kubernetes objects offline and strictly against the schemas compiled into the binary
/// (`SchemaCatalog`): the CRD schema of every version kamaji-capi renders and the OpenAPI definitions
/// of every built-in kind, with the API server's own field rules. As the API server does, null fields are dropped and defaults
/// applied first; then an unknown field, a wrong type, a value outside an enum, pattern or bound,
/// a missing required field and an invalid name or label are errors; then the CEL rules
/// (`x-kubernetes-validations`) are evaluated unless one of those errors blocks them, as on the
/// API server. Transition rules (`oldSelf`) need the stored object and are counted as not applicable
/// (`transitionViolations` evaluates them when there is one, for `diff`).
public enum ManifestValidator {
    /// The Kubernetes version whose OpenAPI definitions the built-in kinds are checked against.
    public static var kubernetesVersion: String { EmbeddedSchemas.kubernetesVersion }

    /// Every Kubernetes version whose built-in kinds are compiled in (`--kubernetes-version`).
    public static var kubernetesVersions: [String] { SchemaCatalog.versions }

    /// Whether `version` (`1.37`, `1.37.0` or `v1.37.0`) is one of `kubernetesVersions`.
    public static func supportsKubernetes(_ version: String) -> Bool { SchemaCatalog.forKubernetes(version) != nil }

    /// Every document of a YAML (or JSON) stream, read as `kubectl` reads it (go-yaml rules); a
    /// `v1` `List` counts as its items. Each problem points at the line of the field it is about.
    public static func validate(stream text: String, source: String, options: ValidationOptions = ValidationOptions()) -> ValidationReport {
        var report = ValidationReport()
        let documents: [YAMLReader.Document]
        do {
            documents = try YAMLReader.documents(text, file: source)
        } catch {
            let diagnostics = (error as? DiagnosticError)?.diagnostics
                ?? [Diagnostic(code: .yamlSyntax, location: SourceLocation(file: source), message: "\(error)")]
            report.problems = diagnostics.map {
                ValidationProblem(object: "stream", location: $0.location, path: "", rule: "yaml", message: streamMessage($0))
            }
            return report
        }
        for (index, document) in documents.filter({ !$0.value.isNull }).enumerated() {
            for (prefix, object) in objects(in: document.value) {
                report.merge(validate(object: object, index: index, options: options) { path in
                    document.nearestLocation(to: prefix.appending(path))
                })
            }
        }
        return report
    }

    /// A stream that does not parse has no objects yet, so nothing says whether a value belongs to a
    /// Secret: a scalar that fails its tag (`password: !!int MyS3cretPw`) under `data` or
    /// `stringData` is not quoted, in any document.
    package static func streamMessage(_ diagnostic: Diagnostic) -> String {
        guard diagnostic.code == .typeMismatch else { return diagnostic.message }
        var path = Substring(diagnostic.path)
        if path.hasPrefix("items["), let dot = path.firstIndex(of: ".") { path = path[path.index(after: dot)...] }
        let field = path.prefix { $0 != "." && $0 != "[" }
        guard secretValueFields.contains(String(field)) else { return diagnostic.message }
        return "\(SchemaValidator.redacted) cannot be read as the type its tag names (a value under \(field) is not shown: it may be a Secret's)"
    }

    /// The objects of one document, with their path in it: the document itself, or a List's items.
    package static func objects(in document: YAMLValue) -> [(prefix: ValuePath, object: YAMLValue)] {
        guard document["apiVersion"] == "v1", document["kind"]?.string?.hasSuffix("List") == true,
            let items = document["items"]?.sequence
        else { return [(.root, document)] }
        return items.enumerated().map { (ValuePath.root / "items" / $0.offset, $0.element) }
    }

    /// One object, given as the tree a YAML document parses to; `locate` finds the source line of a
    /// path in the object.
    public static func validate(
        object: YAMLValue, index: Int = 0, options: ValidationOptions = ValidationOptions(),
        locate: (ValuePath) -> SourceLocation? = { _ in nil }
    ) -> ValidationReport {
        var report = ValidationReport()
        report.objects = 1
        let apiVersion = object["apiVersion"]?.string ?? ""
        let kind = object["kind"]?.string ?? ""
        let name = object["metadata", "name"]?.string
        let namespace = object["metadata", "namespace"]?.string
        let identity = kind.isEmpty
            ? "document \(index + 1)" : "\(kind)/\(namespace.map { "\($0)/" } ?? "")\(name ?? "(no name)")"
        func problems(_ findings: [SchemaValidator.Finding], _ severity: Diagnostic.Severity) -> [ValidationProblem] {
            findings.map {
                ValidationProblem(
                    severity, object: identity, location: locate($0.lookup), path: $0.path, rule: $0.rule, message: $0.message)
            }
        }
        func add(_ findings: [SchemaValidator.Finding]) { report.problems += problems(findings, .error) }
        guard var body = object.mapping else {
            add([.init(path: FieldPath(), rule: "type", message: "a document must be an object, found \(SchemaValidator.describe(object))")])
            return report
        }
        for field in ["apiVersion", "kind"] where (body[field]?.string ?? "").isEmpty {
            add([.init(path: FieldPath(field), rule: "required", message: "missing required field")])
        }
        guard !apiVersion.isEmpty, !kind.isEmpty else { return report }
        if options.skips(apiVersion: apiVersion, kind: kind) {
            report.skipped = 1
            return report
        }
        let catalog = options.kubernetesVersion.flatMap(SchemaCatalog.forKubernetes) ?? .shared
        guard let schema = catalog.schema(apiVersion: apiVersion, kind: kind) else {
            if options.ignoreMissingSchemas {
                report.skipped = 1
                return report
            }
            add([.init(path: FieldPath(), rule: "schema", message: unknownKindMessage(apiVersion: apiVersion, kind: kind, catalog: catalog))])
            return report
        }
        report.checked = 1
        var validator = SchemaValidator(definitions: catalog.definitions)
        if kind == "Secret" { validator.redactedFields = ManifestValidator.secretValueFields }
        // A CRD schema says only `metadata: {type: object}`; the API server checks ObjectMeta.
        let metadata = body.removeValue(forKey: "metadata")
        if let metadata {
            let objectMeta = catalog.objectMeta
            validator.validate(validator.normalised(metadata, objectMeta), objectMeta, path: FieldPath("metadata"))
        }
        let normalised = validator.normalised(.mapping(body), schema)
        validator.validate(normalised, schema, path: FieldPath())
        add(validator.findings)
        if let definition = catalog.builtinDefinition(apiVersion: apiVersion, kind: kind) {
            add(BuiltinFieldRules.check(definition: definition, normalised, path: FieldPath()))
        }
        add(ObjectMetaRules.check(metadata?.droppingNulls(), kind: kind))

        let blocked = validator.findings.contains { CELRuleChecker.blockingRules.contains($0.rule) }
        var rules = CELRuleChecker(definitions: catalog.definitions, evaluates: !blocked)
        rules.check(celView(normalised, metadata: metadata), schema, path: FieldPath())
        add(rules.findings)
        report.warnings = problems(rules.warnings, .warning)
        report.celRules = rules.counts
        return report
    }

    /// The object as a rule on its root sees it: of the metadata, only the name and generateName
    /// (as the API server exposes them to CEL).
    package static func celView(_ body: YAMLValue, metadata: YAMLValue?) -> YAMLValue {
        guard var mapping = body.mapping, let metadata = metadata?.mapping else { return body }
        var visible = YAMLMapping()
        for key in ["name", "generateName"] { visible[key] = metadata[key] }
        mapping["metadata"] = .mapping(visible)
        return .mapping(mapping)
    }

    /// A Secret's fields that hold its values: no message shows what they hold.
    package static let secretValueFields: Set<String> = ["data", "stringData"]

    package static func unknownKindMessage(apiVersion: String, kind: String, catalog: SchemaCatalog) -> String {
        let versions = catalog.kinds.filter { $0.hasSuffix(" \(kind)") }.map { String($0.split(separator: " ")[0]) }
        if versions.isEmpty {
            return "no schema for kind \(kind) (apiVersion \(apiVersion)): neither a Kubernetes \(catalog.kubernetes.version) kind "
                + "nor a custom resource kamaji-capi renders (--skip \(kind) or --ignore-missing-schemas leave it out)"
        }
        return "no schema for \(kind) in apiVersion \(apiVersion); known versions: \(versions.joined(separator: ", "))"
    }
}
