import Foundation

/// The values files the benchmark renders, written by the benchmark itself so that kamaji-capi and
/// `helm template` read exactly the same bytes.
struct BenchInputs {
    let root: String

    var defaultValues: String { "\(root)/default.yaml" }
    func pools(_ count: Int) -> String { "\(root)/pools-\(count).yaml" }
    func fleet(_ clusters: Int) -> String { "\(root)/fleet-\(clusters)" }
    func fleetFiles(_ clusters: Int) -> [String] { (0..<clusters).map { "\(fleet(clusters))/\(tenant($0)).yaml" } }
    func fleetBase(_ clusters: Int) -> String { "\(fleet(clusters))/_base.yaml" }

    func tenant(_ index: Int) -> String { "tenant-" + pad(index, 4) }

    static func create(in root: String, pools: [Int], fleets: [Int], poolsPerCluster: Int) throws -> BenchInputs {
        let inputs = BenchInputs(root: root)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try write("{}\n", to: inputs.defaultValues)
        for count in pools {
            try write(vSphere + addresses + "nodePools:\n" + (0..<count).map { pool($0) }.joined(), to: inputs.pools(count))
        }
        for clusters in fleets {
            try FileManager.default.createDirectory(atPath: inputs.fleet(clusters), withIntermediateDirectories: true)
            try write(vSphere, to: inputs.fleetBase(clusters))
            for (index, file) in inputs.fleetFiles(clusters).enumerated() {
                try write(tenant(index, pools: poolsPerCluster), to: file)
            }
        }
        return inputs
    }

    static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    static let vSphere = """
        vSphere:
          server: vcenter.example.com
          dataCenter: DC1
          tlsThumbprint: "AA:BB:CC:DD:EE:FF"

        """

    /// An IP pool for thousands of pools: the default /24 holds 253 addresses, and check KC413
    /// refuses a cluster whose pools need more (a machine without an address never comes up).
    static let addresses = """
        ipamProvider:
          ranges: ["10.0.0.0/14"]
          prefix: "14"
          gateway: "10.0.0.1"

        """

    /// A pool like the chart's default one (IPAM addresses, a user, commands), with its own name,
    /// size, label and SSH key, so every pool has its own template names.
    static func pool(_ index: Int) -> String {
        let name = "pool-" + pad(index, 5)
        return """
              - name: \(name)
                template: ubuntu-2404-kube-v1.32.0
                network: k8s-workers
                dataStore: vsanDatastore
                folder: tenants/bench
                resourcePool: "*/Resources"
                replicas: \(1 + index % 5)
                diskGiB: 40
                memoryMiB: \(4096 * (1 + index % 4))
                numCPUs: \(2 * (1 + index % 4))
                dhcp4: false
                addressesFromPools:
                  enabled: true
                nameServers: ["10.20.0.2", "10.20.0.3"]
                labels: node.example.com/pool=\(name)
                users:
                  - name: ubuntu
                    shell: /bin/bash
                    lockPassword: true
                    sshAuthorizedKeys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBench\(index) ops@example.com"]
                    sudo: ALL=(ALL) NOPASSWD:ALL
                preKubeadmCommands:
                  - hostnamectl set-hostname "{{ ds.meta_data.hostname }}"
                  - echo "127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4" >>/etc/hosts

            """
    }

    /// One tenant of a fleet: its own control plane size, `poolCount` pools and its own /24 of the
    /// workers' network (fleet rule KF103 refuses tenants whose IP pools overlap on one network).
    static func tenant(_ index: Int, pools poolCount: Int) -> String {
        let subnet = "10.\(64 + index / 256).\(index % 256)"
        return """
        cluster:
          controlPlane:
            replicas: \(index % 2 == 0 ? 2 : 3)
            version: v1.32.\(index % 4)
        ipamProvider:
          ranges: ["\(subnet).0/24"]
          gateway: "\(subnet).1"
        nodePools:

        """ + (0..<poolCount).map { pool($0) }.joined()
    }
}

func pad(_ number: Int, _ width: Int) -> String {
    let text = String(number)
    return String(repeating: "0", count: max(0, width - text.count)) + text
}
