import KamajiDiagnostics
import KamajiYAML

/// A transition rule (`oldSelf`) of an object's schema that an update from the old object to the
/// new one breaks: the API server would refuse the update.
public struct TransitionRuleViolation: Equatable, Sendable, CustomStringConvertible {
    /// The field, as `kubectl` prints paths; empty for the object itself.
    public var path: String
    /// The rule's text (`self == oldSelf`).
    public var rule: String
    /// The rule's message, or what went wrong evaluating it.
    public var message: String

    /// `spec.x: message (the API server refuses this update: transition rule `self == oldSelf`)`.
    public var description: String {
        let why = message.contains(rule) ? "" : ": transition rule `\(rule)`"
        return (path.isEmpty ? "" : "\(path): ") + "\(message) (the API server refuses this update\(why))"
    }
}

extension ManifestValidator {
    /// The transition rules an update of one object breaks, evaluated as the API server evaluates
    /// them on an update (`CELTransitionChecker`): after null fields are dropped and defaults filled
    /// in on both sides, and not at all when the new object has a schema error that blocks CEL rules
    /// (`validate` reports that one). Both must have the same `apiVersion` and `kind`: the API server
    /// would convert the stored object first, which is not modelled here. The rules are the ones the
    /// schema compiled for `validate`.
    public static func transitionViolations(
        old: YAMLValue, new: YAMLValue, options: ValidationOptions = ValidationOptions()
    ) -> [TransitionRuleViolation] {
        guard let apiVersion = new["apiVersion"]?.string, let kind = new["kind"]?.string,
            old["apiVersion"]?.string == apiVersion, old["kind"]?.string == kind,
            var oldBody = old.mapping, var newBody = new.mapping
        else { return [] }
        let catalog = options.kubernetesVersion.flatMap(SchemaCatalog.forKubernetes) ?? .shared
        guard let schema = catalog.schema(apiVersion: apiVersion, kind: kind) else { return [] }
        let oldMetadata = oldBody.removeValue(forKey: "metadata")
        let newMetadata = newBody.removeValue(forKey: "metadata")
        var validator = SchemaValidator(definitions: catalog.definitions)
        let oldValue = validator.normalised(.mapping(oldBody), schema)
        let newValue = validator.normalised(.mapping(newBody), schema)
        validator.validate(newValue, schema, path: FieldPath())
        guard !validator.findings.contains(where: { CELRuleChecker.blockingRules.contains($0.rule) }) else { return [] }
        var checker = CELTransitionChecker(definitions: catalog.definitions)
        checker.check(
            old: celView(oldValue, metadata: oldMetadata), new: celView(newValue, metadata: newMetadata), schema,
            path: FieldPath())
        return checker.findings.map { TransitionRuleViolation(path: $0.path, rule: $0.rule, message: $0.message) }
    }
}
