import KamajiDiagnostics
import KamajiYAML
import KamajiModel

/// Kamaji's `KamajiControlPlane`: the tenant control plane that runs as pods on the management cluster.
package enum KamajiControlPlaneBuilder {
    package static func build(_ model: ClusterModel) -> ManifestObject {
        let controlPlane = model.values.cluster.controlPlane
        var spec: YAMLMapping = [:]
        // The chart always writes these three keys, with `extraArgs` null when the list is empty; an
        // empty one means Kamaji's defaults, as an absent one, which the other providers write.
        for (key, args) in [("apiServer", controlPlane.apiServer), ("controllerManager", controlPlane.controllerManager),
            ("scheduler", controlPlane.scheduler)]
        {
            let tree = componentArgs(args)
            if model.rendersAsTheChart || tree != .mapping([:]) { spec[key] = tree }
        }
        if let dataStoreName = controlPlane.dataStoreName { spec["dataStoreName"] = .string(dataStoreName) }
        if let addons = controlPlane.addons {
            var tree: YAMLMapping = [:]
            // An addon set to `{}` is enabled with Kamaji's defaults; a deleted (null) one is off.
            // Cilium in kube-proxy replacement mode takes kube-proxy's place (docs/cni.md).
            let kubeProxy = model.values.cni.replacesKubeProxy ? nil : addons.kubeProxy
            for (key, value) in [("coreDNS", addons.coreDNS), ("kubeProxy", kubeProxy),
                ("konnectivity", addons.konnectivity)]
            {
                if let value, value.value != .null { tree[key] = value.value }
            }
            spec["addons"] = .mapping(tree)
        }
        if let deployment = controlPlane.deployment { spec["deployment"] = self.deployment(deployment) }
        if let kubelet = controlPlane.kubelet {
            var tree: YAMLMapping = [:]
            if let cgroupfs = kubelet.cgroupfs { tree["cgroupfs"] = .string(cgroupfs) }
            tree["preferredAddressTypes"] = YAMLValue(nonEmptyStrings: kubelet.preferredAddressTypes)
            spec["kubelet"] = .mapping(tree)
        }
        spec["network"] = network(controlPlane.network, asTheChart: model.rendersAsTheChart)
        if let ingress = model.proxmox?.cluster.controlPlane.network.ingress, case .mapping(var tree) = spec["network"] {
            tree["ingress"] = self.ingress(ingress)
            spec["network"] = .mapping(tree)
        }
        spec["version"] = .string(controlPlane.version)
        if let replicas = controlPlane.replicas { spec["replicas"] = .int(replicas) }

        let labels = YAMLMapping([.init(key: model.clusterNameLabel.key, value: model.clusterNameLabel.value)])
            .adding(YAMLMapping(stringMap: controlPlane.labels))
        return ManifestObject(
            apiVersion: "controlplane.cluster.x-k8s.io/\(model.values.apiVersions.kamaji.rawValue)",
            kind: "KamajiControlPlane", name: model.controlPlaneName, namespace: model.namespace, labels: labels,
            fields: ["spec": .mapping(spec)])
    }

    package static func componentArgs(_ args: ControlPlaneValues.ComponentArgs?) -> YAMLValue {
        var tree: YAMLMapping = [:]
        tree["extraArgs"] = YAMLValue(nonEmptyStrings: args?.extraArgs)
        return .mapping(tree)
    }

    package static func deployment(_ deployment: ControlPlaneValues.Deployment) -> YAMLValue {
        var tree: YAMLMapping = [:]
        tree["additionalMetadata"] = metadata(deployment.additionalMetadata)
        tree["podAdditionalMetadata"] = metadata(deployment.podAdditionalMetadata)
        tree["affinity"] = YAMLValue(ifNotEmpty: deployment.affinity)
        tree["tolerations"] = YAMLValue(ifNotEmpty: deployment.tolerations)
        let nodeSelector = YAMLMapping(stringMap: deployment.nodeSelector)
        if !nodeSelector.isEmpty { tree["nodeSelector"] = .mapping(nodeSelector) }
        tree["topologySpreadConstraints"] = YAMLValue(ifNotEmpty: deployment.topologySpreadConstraints)
        return .mapping(tree)
    }

    /// `{labels, annotations}`, each only when not empty; the chart always writes the enclosing key.
    package static func metadata(_ metadata: Metadata?) -> YAMLValue {
        var tree: YAMLMapping = [:]
        let labels = YAMLMapping(stringMap: metadata?.labels)
        let annotations = YAMLMapping(stringMap: metadata?.annotations)
        if !labels.isEmpty { tree["labels"] = .mapping(labels) }
        if !annotations.isEmpty { tree["annotations"] = .mapping(annotations) }
        return .mapping(tree)
    }

    /// Kamaji's Ingress in front of the tenant API server (chart capi-kamaji-proxmox's
    /// `network.ingress`, which the chart documents but never renders: deviation P3).
    package static func ingress(_ ingress: ProxmoxControlPlaneValues.Ingress) -> YAMLValue {
        var tree: YAMLMapping = [:]
        tree["className"] = ingress.className.map(YAMLValue.string)
        let annotations = YAMLMapping(stringMap: ingress.extraAnnotations)
        if !annotations.isEmpty { tree["extraAnnotations"] = .mapping(annotations) }
        let labels = YAMLMapping(stringMap: ingress.extraLabels)
        if !labels.isEmpty { tree["extraLabels"] = .mapping(labels) }
        tree["hostname"] = ingress.hostname.map(YAMLValue.string)
        return .mapping(tree)
    }

    package static func network(_ network: ControlPlaneValues.Network, asTheChart: Bool) -> YAMLValue {
        var tree: YAMLMapping = [:]
        // The chart quotes the address, so an unset one is the empty string, not null; Kamaji reads
        // both as "take the Service's address", and the other providers leave it out.
        let address = network.serviceAddress ?? ""
        if asTheChart || !address.isEmpty { tree["serviceAddress"] = .string(address) }
        if let serviceType = network.serviceType { tree["serviceType"] = .string(serviceType) }
        let annotations = YAMLMapping(stringMap: network.serviceAnnotations)
        if !annotations.isEmpty { tree["serviceAnnotations"] = .mapping(annotations) }
        let labels = YAMLMapping(stringMap: network.serviceLabels)
        if !labels.isEmpty { tree["serviceLabels"] = .mapping(labels) }
        tree["certSANs"] = YAMLValue(nonEmptyStrings: network.certSANs)
        return .mapping(tree)
    }
}
