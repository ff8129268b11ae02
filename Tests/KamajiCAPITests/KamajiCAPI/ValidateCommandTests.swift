import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// `kamaji-capi validate` and `render --validate` as a shell sees them: exit codes, stdout, stderr.
@Suite struct ValidateCommandTests {
    @Test func validateReportsEveryProblemAndExits1() throws {
        let folder = Fixtures.url("validate/hand-edited")
        let result = try CommandLineTool.run(["validate", "manifest.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout == (try Fixtures.text("validate/hand-edited/expected.txt")))
        #expect(result.stderr.isEmpty)
    }

    @Test func jsonOutputSkipAndIgnoreMissingSchemasFlags() throws {
        let directory = try TemporaryDirectory()
        try directory.write("m.yaml", ValidationOutputTests.otherKinds)
        let plain = try CommandLineTool.run(["validate", "m.yaml"], in: directory.url)
        #expect(plain.status == 1)
        #expect(plain.stdout.contains("Widget/tenants: no schema for kind Widget"))
        let ignored = try CommandLineTool.run(["validate", "m.yaml", "--ignore-missing-schemas"], in: directory.url)
        #expect(ignored.status == 0)
        #expect(ignored.stdout == "validate: 3 objects, 1 checked against schemas, 2 skipped, 0 errors\n")
        let skipped = try CommandLineTool.run(["validate", "m.yaml", "--skip", "Widget,acme.io/v1/Gadget", "-o", "json"], in: directory.url)
        #expect(skipped.status == 0)
        let json = try JSONReader.parse(skipped.stdout)
        #expect(json["skipped"] == .int(2))
        #expect(json["findings"] == .sequence([]))
        let json1 = try CommandLineTool.run(["validate", "m.yaml", "--output", "json"], in: directory.url)
        #expect(json1.status == 1)
        #expect(try JSONReader.parse(json1.stdout)["errors"] == .int(2))
    }

    @Test func textOutputIsCappedAndMaxErrorsChangesTheCap() throws {
        let directory = try TemporaryDirectory()
        try directory.write("m.yaml", ValidationOutputTests.invalidConfigMaps(120))
        let capped = try CommandLineTool.run(["validate", "m.yaml"], in: directory.url)
        #expect(capped.status == 1)
        #expect(capped.stdout.split(separator: "\n").count == 102)
        #expect(capped.stdout.hasSuffix("... 20 more errors not shown (the first 100 of 120; --max-errors 0 prints all)\nvalidate: 120 objects, 120 checked against schemas, 120 errors\n"))
        let all = try CommandLineTool.run(["validate", "m.yaml", "--max-errors", "0"], in: directory.url)
        #expect(all.stdout.split(separator: "\n").count == 121)
        let bad = try CommandLineTool.run(["validate", "m.yaml", "--max-errors", "-1"], in: directory.url)
        #expect(bad.status == 2)
    }

    /// Issue 16: a Namespace, a StatefulSet, a PersistentVolumeClaim or an Ingress beside the
    /// cluster was "no schema for kind"; every kind of the Kubernetes API is compiled in now, with
    /// the API server's own field rules.
    @Test func everyBuiltInKindIsChecked() throws {
        let directory = try TemporaryDirectory()
        try directory.write("m.yaml", """
            apiVersion: v1
            kind: Namespace
            metadata: {name: tenants}
            ---
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: data, namespace: tenants}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 10Gi}}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web, namespace: tenants}
            spec: {rules: [{host: example.com}]}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: tenants}
            spec:
              selector: {matchLabels: {app: db}}
              serviceName: db
              template:
                metadata: {labels: {app: db}}
                spec: {containers: [{name: db, image: postgres, ports: [{containerPort: 99999}], resources: {requests: {cpu: lots}}}]}
              replica: 3

            """)
        let result = try CommandLineTool.run(["validate", "m.yaml"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n").map { $0.split(separator: ": ").dropFirst(2).first ?? "" } == [
            "StatefulSet/tenants/db", "StatefulSet/tenants/db", "StatefulSet/tenants/db", "",
        ])
        #expect(result.stdout.contains("spec.replica: unknown field \"replica\" (unknown-field)"))
        #expect(result.stdout.contains("containerPort: 99999: must be between 1 and 65535, inclusive (port)"))
        #expect(result.stdout.contains("requests.cpu: \"lots\" is not a quantity"))
        #expect(result.stdout.hasSuffix("validate: 4 objects, 4 checked against schemas, 3 errors\n"))
    }

    @Test func kubernetesVersionFlag() throws {
        let directory = try TemporaryDirectory()
        try directory.write("m.yaml", "apiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata: {name: gpu}\nspec: {}\n")
        #expect(try CommandLineTool.run(["validate", "m.yaml"], in: directory.url).status == 1)
        let new = try CommandLineTool.run(["validate", "m.yaml", "--kubernetes-version", "1.37"], in: directory.url)
        #expect(new.status == 0)
        #expect(new.stdout == "validate: 1 object, 1 checked against schemas, 0 errors\n")
        let unknown = try CommandLineTool.run(["validate", "m.yaml", "--kubernetes-version", "1.30"], in: directory.url)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--kubernetes-version 1.30 is not compiled in; use 1.32.0 or 1.37.0"))
    }

    @Test func anUnreadableFileIsExit2() throws {
        let result = try CommandLineTool.run(["validate", "no-such-file.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no-such-file.yaml"))
    }

    @Test func validateAcceptsARenderedStream() throws {
        let directory = try TemporaryDirectory()
        let render = try CommandLineTool.run(["render", "prod", "--set", "apiVersions.clusterAPI=v1beta2"])
        try directory.write("prod.yaml", render.stdout)
        let result = try CommandLineTool.run(["validate", "prod.yaml"], in: directory.url)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.hasPrefix("validate: 10 objects, 10 checked against schemas, 0 errors"))
    }

    @Test func renderValidatePrintsNothingWhenTheOutputIsInvalid() throws {
        // No check rule knows kubelet's cgroup drivers; the KamajiControlPlane schema does.
        let result = try CommandLineTool.run(["render", "prod", "--validate", "--set", "cluster.controlPlane.kubelet.cgroupfs=cgroupv3"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("KamajiControlPlane/default/prod: spec.kubelet.cgroupfs: unsupported value \"cgroupv3\""))
        #expect(result.stderr.contains("(enum)"))
    }

    /// Issue 16: the CEL rule of KamajiControlPlane refuses agent replicas while the mode defaults
    /// to DaemonSet; no check rule knew it and the schema alone accepts it.
    @Test func renderValidateEvaluatesTheCELRules() throws {
        let result = try CommandLineTool.run(
            ["render", "prod", "--validate", "--set", "cluster.controlPlane.addons.konnectivity.agent.replicas=2"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(
            "KamajiControlPlane/default/prod: spec.addons.konnectivity.agent: replicas must be 0 (or unset) when mode is DaemonSet"))
        #expect(result.stderr.contains("(cel)"))
    }

    @Test func renderValidatePrintsTheSameOutputWhenValid() throws {
        let plain = try CommandLineTool.run(["render", "prod"])
        let validated = try CommandLineTool.run(["render", "prod", "--validate"])
        #expect(validated.status == 0)
        #expect(validated.stdout == plain.stdout)
    }
}
