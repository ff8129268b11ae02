import Testing
@testable import KamajiCAPI

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
