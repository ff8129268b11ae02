import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Issue 13: `validate` never prints a Secret's values. The exact report is pinned by
/// Fixtures/validate/secret-values; these tests cover every message that shows a value.
@Suite struct SecretRedactionTests {
    /// A schema with every rule whose message quotes the value, under a Secret's `stringData`.
    static let schema = Schema(try! JSONReader.parse("""
        {"type": "object", "properties": {"stringData": {"type": "object", "properties": {
          "enum": {"type": "string", "enum": ["a"]},
          "short": {"type": "string", "minLength": 20},
          "pattern": {"type": "string", "pattern": "^x$"},
          "small": {"type": "integer", "maximum": 1},
          "large": {"type": "integer", "minimum": 99999999999},
          "int32": {"type": "integer", "format": "int32"},
          "set": {"type": "array", "x-kubernetes-list-type": "set", "items": {"type": "string"}},
          "map": {"type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["k"],
                  "items": {"type": "object", "properties": {"k": {"type": "string"}}}},
          "type": {"type": "string"},
          "either": {"x-kubernetes-int-or-string": true}}}}}
        """))

    static let secret = "S3cretPw98765"

    static func messages(redacting: Bool) throws -> [String] {
        let value = try JSONReader.parse("""
            {"stringData": {"enum": "\(secret)", "short": "\(secret)", "pattern": "\(secret)",
              "small": 98765432123, "large": 98765432, "int32": 98765432123,
              "set": ["\(secret)", "\(secret)"], "map": [{"k": "\(secret)"}, {"k": "\(secret)"}],
              "type": 98765432123, "either": true}}
            """)
        var validator = SchemaValidator(definitions: [:])
        if redacting { validator.redactedFields = ["stringData"] }
        validator.validate(value, schema, path: FieldPath())
        return validator.findings.map { "\($0.path): \($0.message) (\($0.rule))" }
    }

    @Test func everyRuleThatQuotesAValueShowsRedactedInstead() throws {
        let plain = try Self.messages(redacting: false)
        let redacted = try Self.messages(redacting: true)
        // Without redaction each message shows the value; the test is only as good as that.
        #expect(plain.count == 10)
        #expect(plain.allSatisfy { $0.contains(Self.secret) || $0.contains("98765432") || $0.contains("true") })
        #expect(redacted.count == 10)
        for message in redacted {
            #expect(!message.contains(Self.secret) && !message.contains("98765432") && !message.contains("true"), "\(message)")
            #expect(message.contains("<redacted>"), "\(message)")
        }
    }

    /// A document that does not parse cannot be known to be a Secret: a value under data or
    /// stringData that fails its tag is not quoted, elsewhere it is.
    @Test func aValueThatFailsItsTagIsNotQuotedUnderDataOrStringData() {
        let stream = """
            apiVersion: v1
            kind: Secret
            metadata: {name: s}
            stringData:
              password: !!int MyS3cretPw
            data: {token: !!float MyS3cretPw}
            spec: {replicas: !!int three}
            ---
            apiVersion: v1
            kind: List
            items:
            - {kind: Secret, stringData: {password: !!bool MyS3cretPw}}

            """
        let messages = ManifestValidator.validate(stream: stream, source: "m.yaml").problems.map(\.message)
        #expect(messages == [
            "<redacted> cannot be read as the type its tag names (a value under stringData is not shown: it may be a Secret's)",
            "<redacted> cannot be read as the type its tag names (a value under data is not shown: it may be a Secret's)",
            "`three` cannot be read as !!int",
            "<redacted> cannot be read as the type its tag names (a value under stringData is not shown: it may be a Secret's)",
        ])
    }

    @Test func theCommandPrintsNoSecretValue() throws {
        let folder = Fixtures.url("validate/secret-values")
        let result = try CommandLineTool.run(["validate", "manifest.yaml"], in: folder)
        #expect(result.status == 1)
        let secretLines = result.stdout.split(separator: "\n").filter { $0.contains("Secret/") }
        #expect(secretLines.count == 8)
        for line in secretLines {
            #expect(!line.contains("98765432123") && !line.contains("MyS3cretPw"), "\(line)")
        }
        // A ConfigMap holds no secret: its value is shown.
        #expect(result.stdout.contains("ConfigMap/not-secret: data.replicas: expected a string, found the integer 98765432123"))
    }
}
