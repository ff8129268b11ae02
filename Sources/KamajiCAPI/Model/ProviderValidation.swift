/// Rules for the infrastructure providers and the control-plane endpoint: what each provider cannot
/// render without, and the "these two fields must match" rules of the Kamaji guides.
extension ValuesValidator {
    /// The infrastructure cluster's endpoint is derived from the control plane's address and port;
    /// `infrastructure.controlPlaneEndpoint`, when set, must say the same, or the workers would join
    /// an address Kamaji does not serve. Metal³ reads the endpoint from the Metal3Cluster only, so
    /// the address must be known in advance.
    static func controlPlaneEndpoint(_ model: ClusterModel, _ findings: inout Findings) {
        let address = model.values.cluster.controlPlane.network.serviceAddress ?? ""
        let port = model.values.cluster.clusterNetwork.apiServerPort ?? 6443
        if let endpoint = model.values.infrastructure.controlPlaneEndpoint {
            let path = "infrastructure.controlPlaneEndpoint"
            if let host = endpoint.host, !host.isEmpty, host != address {
                findings.error(
                    "\(path).host",
                    address.isEmpty
                        ? "\"\(host)\" is set but cluster.controlPlane.network.serviceAddress is not"
                        : "\"\(host)\" differs from cluster.controlPlane.network.serviceAddress \"\(address)\"",
                    hint: "the endpoint is where Kamaji serves the API: set serviceAddress to it, or remove the host")
            }
            if let given = endpoint.port, given != port {
                findings.error(
                    "\(path).port", "\(given) differs from cluster.clusterNetwork.apiServerPort \(port)",
                    hint: "the endpoint port is the API server port: set apiServerPort to it, or remove the port")
            }
            if endpoint.port != nil, (endpoint.host ?? "").isEmpty, address.isEmpty {
                findings.error(
                    "\(path).port", "is set but no address is known",
                    hint: "set cluster.controlPlane.network.serviceAddress")
            }
        }
        let network = model.values.cluster.controlPlane.network
        if model.values.infrastructure.provider == .vsphere, network.serviceType == "NodePort", !address.isEmpty,
            !ControlPlaneEndpoint.requested(model)
        {
            findings.warning(
                "infrastructure.controlPlaneEndpoint", "is not rendered: the VSphereCluster gets no controlPlaneEndpoint",
                hint: "with a NodePort service the vSphere guide needs it: set infrastructure.controlPlaneEndpoint.host to \"\(address)\"")
        }
        if model.values.infrastructure.provider == .metal3, address.isEmpty {
            findings.error(
                "cluster.controlPlane.network.serviceAddress", "is required with infrastructure.provider metal3",
                hint: "Metal³ takes the control-plane endpoint from the Metal3Cluster only: give Kamaji a fixed address")
        }
    }

    static func infrastructure(_ model: ClusterModel, _ findings: inout Findings) {
        let infrastructure = model.values.infrastructure
        switch infrastructure.provider {
        case .vsphere:
            break
        case .metal3:
            var names: Set<String> = []
            for (index, pool) in (infrastructure.metal3?.ipPools ?? []).enumerated() {
                let path = "infrastructure.metal3.ipPools[\(index)]"
                if let problem = KubernetesNames.labelValueProblem(pool.name, requireDNSLabel: true) {
                    findings.error("\(path).name", "IP pool name \"\(pool.name)\" \(problem)", hint: "use lowercase letters, digits and '-'")
                }
                if !names.insert(pool.name).inserted {
                    findings.error("\(path).name", "IP pool \"\(pool.name)\" is defined twice", hint: "IP pool names must be unique")
                }
            }
            for (index, pool) in model.values.nodePools.enumerated() {
                let path = "nodePools[\(index)].metal3"
                if (pool.metal3?.image?.url ?? "").isEmpty {
                    findings.error("\(path).image.url", "is required with infrastructure.provider metal3", hint: "give the URL of the image written to the hosts")
                }
                for reference in poolReferences(pool.metal3?.dataTemplate?.metaData) where !names.contains(reference.name) {
                    findings.error(
                        "\(path).dataTemplate.metaData", "refers to IP pool \"\(reference.name)\", which infrastructure.metal3.ipPools does not define",
                        hint: "define it under infrastructure.metal3.ipPools, or correct the name")
                }
            }
        case .equinix:
            if (infrastructure.equinix?.projectID ?? "").isEmpty {
                findings.error("infrastructure.equinix.projectID", "is required with infrastructure.provider equinix", hint: "give the Equinix Metal project ID")
            }
            if let manager = infrastructure.equinix?.vipManager, !manager.isEmpty, !["CPEM", "KUBE_VIP", "EMLB"].contains(manager) {
                findings.error("infrastructure.equinix.vipManager", "\"\(manager)\" is not a VIP manager of CAPP", hint: "use CPEM, KUBE_VIP or EMLB")
            }
            for (index, pool) in model.values.nodePools.enumerated() {
                for (key, value) in [("machineType", pool.equinix?.machineType), ("os", pool.equinix?.os)] where (value ?? "").isEmpty {
                    findings.error("nodePools[\(index)].equinix.\(key)", "is required with infrastructure.provider equinix", hint: "see docs/providers/equinix.md")
                }
            }
        }
    }

    static func poolReferences(_ metaData: Metal3PoolValues.MetaData?) -> [Metal3PoolValues.PoolReference] {
        guard let metaData else { return [] }
        return [metaData.ipAddressesFromIPPool, metaData.prefixesFromIPPool, metaData.gatewaysFromIPPool, metaData.dnsServersFromIPPool]
            .flatMap { $0 ?? [] }
            .filter { ($0.kind ?? Metal3IPPoolBuilder.kind) == Metal3IPPoolBuilder.kind }
    }
}
