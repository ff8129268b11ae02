import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// The chart defects this project fixes on purpose ("Where this project deliberately differs" in
/// the conformance README). Deviation 6 is in ChartHashTextTests, 7 in ValuesValidatorTests, 8 in
/// the --set tests.
@Suite struct DeviationTests {
    /// 1: chart 0.2.9 ignores `cluster.clusterNetwork.apiServerPort` and always writes 6443.
    @Test func apiServerPortIsHonoured() throws {
        let objects = try Rendering.objects("""
            cluster:
              clusterNetwork:
                apiServerPort: 8443
              metrics:
                enabled: true
            """)
        #expect(Rendering.object("Cluster", in: objects)?["spec", "clusterNetwork", "apiServerPort"] == 8443)
        let ports = Rendering.object("Service", in: objects)?["spec", "ports"]?.sequence
        #expect(ports?.first?["port"] == 8443)
        #expect(ports?.first?["targetPort"] == 8443)
    }

    /// 14: a version without the `v` stays so on the control plane; the MachineDeployment gets the
    /// `v` form Cluster API stores, and diff sees no change between the two spellings.
    @Test func machineDeploymentVersionHasTheV() throws {
        let values = "nodePools:\n- {name: a, template: t, network: vm-net}"
        let bare = try Rendering.objects(values, sets: [.init(.string, "cluster.controlPlane.version=1.27.1")])
        #expect(Rendering.object("KamajiControlPlane", in: bare)?["spec", "version"] == "1.27.1")
        #expect(Rendering.object("MachineDeployment", in: bare)?["spec", "template", "spec", "version"] == "v1.27.1")
        let withV = try Rendering.objects(values, sets: [.init(.string, "cluster.controlPlane.version=v1.27.1")])
        #expect(Rendering.object("KamajiControlPlane", in: withV)?["spec", "version"] == "v1.27.1")
        let report = RollAnalysis.analyze(old: withV, new: bare)
        #expect(report.controlPlane.isEmpty)
        #expect(report.pools.allSatisfy { !$0.rolls }, "\(report.lines)")
    }

    /// 2: the chart indents a non-empty cloud-controller affinity one level too shallow.
    @Test func cloudControllerAffinityLandsUnderAffinity() throws {
        let objects = try Rendering.objects("""
            vSphereCloudControllerManager:
              affinity:
                nodeAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    nodeSelectorTerms:
                    - matchExpressions:
                      - {key: infra, operator: Exists}
            """)
        let podSpec = Rendering.object("Deployment", in: objects)?["spec", "template", "spec"]
        #expect(podSpec?["affinity", "nodeAffinity"] != nil)
        #expect(podSpec?["nodeAffinity"] == nil)
    }

    /// 9: a scalar where Kubernetes needs a string (label, annotation and nodeSelector values) is
    /// rendered as that string; the chart emits a boolean the API server rejects.
    @Test func scalarLabelValuesBecomeStrings() throws {
        let objects = try Rendering.objects("""
            cluster:
              controlPlane:
                labels:
                  enabled: yes
                  replicas: 3
                deployment:
                  nodeSelector:
                    gpu: true
            vSphereCloudControllerManager:
              additionalMetadata:
                annotations:
                  weight: 1.5
            """)
        let controlPlane = Rendering.object("KamajiControlPlane", in: objects)
        #expect(controlPlane?["metadata", "labels", "enabled"] == "true")
        #expect(controlPlane?["metadata", "labels", "replicas"] == "3")
        #expect(controlPlane?["spec", "deployment", "nodeSelector", "gpu"] == "true")
        #expect(Rendering.object("Deployment", in: objects)?["metadata", "annotations", "weight"] == "1.5")
    }
}

/// Beyond the README's list: a multi-line command whose first line starts with a space makes Helm's
/// `toYaml` write a `|2-` block, which the chart indents without adjusting the indicator, so the
/// applied command gains leading spaces. The template name must still be the chart's (the hash
/// covers the chart's text), but the command in the object is the one the user wrote.
@Suite struct LiteralBlockIndentationTests {
    @Test func sameNameAsTheChartButTheCommandAsWritten() throws {
        let chartCase = try ChartCase(folder: "deviations/literal-block-indentation-indicator")
        let result = try RenderPipeline.render(chartCase.request)
        let expected = try ManifestComparison.objects(chartCase.expectedText)
        let chartNames = Set(expected.keys.map(\.name))
        for pool in result.model.pools.map({ ChartTemplateNames.naming($0, in: result.model) }) {
            #expect(chartNames.contains(pool.kubeadmConfigTemplateName ?? ""))
            #expect(chartNames.contains(pool.machineTemplateName ?? ""))
        }
        let given = result.model.values.nodePools[0].preKubeadmCommands ?? []
        #expect(given.contains { $0.hasPrefix(" ") || $0.hasPrefix("\n") })
        let template = result.objects.first { $0.kind == "KubeadmConfigTemplate" }
        let printed = try YAMLReader.document(ManifestStream.yaml([template!]), file: "out").value
        #expect(printed["spec", "template", "spec", "preKubeadmCommands"] == .sequence(given.map(YAMLValue.string)))
    }
}

/// 8: `--set list[i].field=value` edits that field of that element of the list as it stands after
/// the `-f` files (Helm replaces the list with a sparse one and the chart then fails).
@Suite struct SetListIndexTests {
    @Test func setEditsOnePoolAndKeepsTheRest() throws {
        let values = try Fixtures.text("conformance/chart-0.2.9/four-pools/values.yaml")
        let objects = try Rendering.objects(values, sets: [SetFlag(.typed, "nodePools[1].replicas=5")])
        let deployments = objects.filter { $0.kind == "MachineDeployment" }
        #expect(deployments.map { $0.body["spec", "replicas"] } == [3, 5, 3, 0])
        let unchanged = try Rendering.objects(values)
        #expect(objects.filter { $0.kind != "MachineDeployment" } == unchanged.filter { $0.kind != "MachineDeployment" })
    }

    @Test func setIndexesTheDefaultPoolWhenNoFileGivesPools() throws {
        let objects = try Rendering.objects("{}", sets: [SetFlag(.typed, "nodePools[0].replicas=7")])
        let deployment = try #require(objects.first { $0.kind == "MachineDeployment" })
        #expect(deployment.body["spec", "replicas"] == 7)
        #expect(deployment.name == "test-default-md")
    }
}

@Suite struct DrainTimeoutTests {
    static let pool = "nodePools:\n- {name: a, template: t, network: vm-net, nodeDrainTimeout: 1m30s}"

    @Test func v1beta1KeepsTheDuration() throws {
        let deployment = try #require(try Rendering.objects(Self.pool).first { $0.kind == "MachineDeployment" })
        #expect(deployment.body["spec", "template", "spec", "nodeDrainTimeout"] == "1m30s")
    }

    @Test func v1beta2WritesSecondsUnderDeletion() throws {
        let objects = try Rendering.objects(Self.pool + "\napiVersions:\n  clusterAPI: v1beta2")
        let deployment = try #require(objects.first { $0.kind == "MachineDeployment" })
        #expect(deployment.body["spec", "template", "spec", "deletion", "nodeDrainTimeoutSeconds"] == 90)
        #expect(deployment.body["spec", "template", "spec", "nodeDrainTimeout"] == nil)
    }

    @Test func goDurations() {
        #expect(GoDuration.seconds("1h30m") == 5400)
        #expect(GoDuration.seconds("1.5s") == 1.5)
        #expect(GoDuration.seconds("0") == 0)
        #expect(GoDuration.seconds("-2m") == -120)
        #expect(GoDuration.seconds("10") == nil)
        #expect(GoDuration.seconds("1d") == nil)
    }
}
