import Foundation
import Testing
@testable import KamajiCAPI
@testable import KamajiDiagnostics
@testable import KamajiYAML
@testable import KamajiValues
@testable import KamajiValidation
@testable import KamajiModel
@testable import KamajiManifests

/// Issue 6's injection immunity, as a property: for every string the values can hold (found by
/// walking the values schema, not listed by hand) and many hostile strings (line breaks, `---`,
/// `: `, `#`, quotes, tabs, control characters, Unicode, very long values), a render either
///
/// - prints a stream that reads back as exactly the objects rendered, with the same number and
///   kinds of objects as the render without the hostile string, every embedded stream and config
///   file keeping its shape, and the string present at its place (as a whole string value, inside
///   a composed string, or Go-quoted inside a config file); or
/// - is refused with a diagnostic about that value's path.
///
/// Never a crash. `KAMAJI_PROPERTY_STRINGS=N` gives each field N strings instead of the CI set.
@Suite("Injection immunity: every string field, hostile strings")
struct InjectionPropertyTests {
    static let seed: UInt64 = 0x6B61_6D61_6A69_0006

    /// Sets of values that together reach every key: `created` has the credential Secrets, the
    /// CSI controller, IPAM, metrics and a CNI; `named` points at existing Secrets and an
    /// identity, and takes the cloud controller's tag from chart 0.1.0's `version`; then every
    /// example (the other infrastructure providers).
    static let bases: [(name: String, values: YAMLValue)] = builtInBases + exampleBases

    static var exampleBases: [(name: String, values: YAMLValue)] {
        let examples = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? []).sorted()
        return names.compactMap { name in
            // Overlays such as storage.yaml need other files or passwords; only whole examples serve.
            guard let text = try? String(contentsOf: examples.appendingPathComponent(name), encoding: .utf8),
                let values = try? YAMLText.document(text, file: name), (try? render(values)) != nil
            else { return nil }
            return ("examples/\(name)", withListItems(values))
        }
    }

    /// Lists the examples leave empty or out, given one item each so the strings inside reach
    /// them (the pool references name a pool the example defines).
    static let listItems: [(path: [PathStep], item: YAMLValue)] = [
        ([.key("nodePools"), .index(0), .key("metal3"), .key("dataTemplate"), .key("metaData"), .key("strings")],
         [["key": "s", "value": "v"]]),
        ([.key("nodePools"), .index(0), .key("metal3"), .key("dataTemplate"), .key("metaData"), .key("gatewaysFromIPPool")],
         [["key": "gateway", "name": "externalv4-pool"]]),
        ([.key("nodePools"), .index(0), .key("metal3"), .key("dataTemplate"), .key("metaData"), .key("dnsServersFromIPPool")],
         [["key": "dns", "name": "externalv4-pool"]]),
        ([.key("infrastructure"), .key("metal3"), .key("ipPools"), .index(0), .key("dnsServers")], ["8.8.8.8"]),
        ([.key("infrastructure"), .key("metal3"), .key("ipPools"), .index(0), .key("pools"), .index(0), .key("dnsServers")],
         ["8.8.8.8"]),
        ([.key("nodePools"), .index(0), .key("equinix"), .key("tags")], ["tag"]),
    ]

    enum PathStep { case key(String), index(Int) }

    /// `values` with each of `listItems` whose parent it has.
    static func withListItems(_ values: YAMLValue) -> YAMLValue {
        func put(_ node: YAMLValue, _ path: ArraySlice<PathStep>, _ item: YAMLValue) -> YAMLValue? {
            guard let step = path.first else { return item }
            switch step {
            case .key(let key):
                guard var mapping = node.mapping else { return nil }
                let child = mapping[key] ?? (path.count == 1 ? .null : nil)
                guard let child, let updated = put(child, path.dropFirst(), item) else { return nil }
                mapping[key] = updated
                return .mapping(mapping)
            case .index(let index):
                guard var items = node.sequence, items.count > index,
                    let updated = put(items[index], path.dropFirst(), item)
                else { return nil }
                items[index] = updated
                return .sequence(items)
            }
        }
        var result = values
        for (path, item) in listItems {
            if let updated = put(result, path[...], item), (try? render(updated)) != nil { result = updated }
        }
        return result
    }

    static let builtInBases: [(name: String, values: YAMLValue)] = [
        (
            "created",
            [
                "vSphere": [
                    "dataCenter": "DC1", "server": "vcenter.example.com", "tlsThumbprint": "AA:BB",
                    "secret": ["create": true], "username": "capi-user", "password": "capi-pass",
                    "controlPlaneEndpoint": ["host": "10.9.62.25", "port": 6443],
                ],
                "ipamProvider": [
                    "enabled": true, "ranges": ["10.10.0.10-10.10.0.200"], "prefix": "23", "gateway": "10.10.0.1",
                ],
                "cluster": [
                    "clusterNetwork": ["serviceDomain": "cluster.local"],
                    "controlPlane": [
                        "labels": ["team": "platform"],
                        "apiServer": ["extraArgs": ["--v=2"]],
                        "controllerManager": ["extraArgs": ["--v=2"]],
                        "scheduler": ["extraArgs": ["--v=2"]],
                        "dataStoreName": "default",
                        "addons": ["coreDNS": ["a": "b"], "kubeProxy": ["a": "b"], "konnectivity": ["a": "b"]],
                        "deployment": [
                            "additionalMetadata": ["labels": ["a": "b"], "annotations": ["a": "b"]],
                            "podAdditionalMetadata": ["labels": ["a": "b"], "annotations": ["a": "b"]],
                            "affinity": ["a": "b"], "tolerations": [["key": "k"]], "nodeSelector": ["a": "b"],
                            "topologySpreadConstraints": [["maxSkew": 1]],
                        ],
                        "kubelet": ["cgroupfs": "systemd", "preferredAddressTypes": ["InternalIP"]],
                        "network": [
                            "serviceType": "LoadBalancer", "serviceAddress": "10.9.62.25",
                            "serviceAnnotations": ["a": "b"], "serviceLabels": ["a": "b"], "certSANs": ["api.example.com"],
                        ],
                        "version": "v1.32.0",
                    ],
                    "metrics": ["enabled": true, "serviceAccount": ["name": "prometheus", "namespace": "monitoring"]],
                ],
                "nodePools": [
                    [
                        "name": "workers", "template": "ubuntu-2404-kube-v1.32.0", "network": "vm-net",
                        "dataStore": "ds", "folder": "f", "resourcePool": "rp", "storagePolicyName": "gold",
                        "replicas": 2, "dhcp4": false,
                        "autoscaling": ["enabled": true, "minSize": 1, "maxSize": 3, "labels": ["a": "b"]],
                        "staticRoutes": [["to": "10.0.0.0/8", "via": "10.10.0.1", "metric": 100]],
                        "addressesFromPools": ["enabled": true],
                        "nameServers": ["10.10.0.2"],
                        "users": [
                            [
                                "name": "ops", "gecos": "Ops", "groups": "wheel", "homeDir": "/home/ops", "shell": "/bin/sh",
                                "passwd": "hash", "primaryGroup": "ops", "sudo": "ALL=(ALL) NOPASSWD:ALL",
                                "sshAuthorizedKeys": ["ssh-ed25519 AAAA ops"],
                                "passwdFrom": ["secret": ["name": "pw", "key": "k"]],
                            ]
                        ],
                        "preKubeadmCommands": ["echo pre"], "postKubeadmCommands": ["echo post"],
                        "labels": "a=b", "taints": "a=b:NoSchedule", "additionalCloudInitFiles": "#cloud-config\n",
                    ]
                ],
                "vSphereCloudControllerManager": [
                    "image": ["registry": "r.example.com", "repository": "cpi", "tag": "v1.32.0", "pullPolicy": "Always"],
                    "secret": ["create": true], "topology": ["region": "r", "zone": "z"],
                    "additionalMetadata": ["labels": ["a": "b"], "annotations": ["a": "b"]],
                    "podAdditionalMetadata": ["labels": ["a": "b"], "annotations": ["a": "b"]],
                    "affinity": ["a": "b"], "tolerations": [["key": "k"]], "nodeSelector": ["a": "b"],
                    "topologySpreadConstraints": [["maxSkew": 1]],
                    "username": "cpi-user", "password": "cpi-pass",
                ],
                "cni": [
                    "provider": "cilium", "version": "1.16.5", "repoURL": "https://helm.cilium.io",
                    "namespace": "kube-system", "values": ["a": "b"],
                ],
                "vSphereStorageControllerManager": [
                    "enabled": true, "logLevel": "PRODUCTION", "secret": ["create": true], "username": "csi-user",
                    "password": "csi-pass", "namespace": "vmware-system-csi",
                    "storageClass": [
                        "enabled": true, "name": "gold", "reclaimPolicy": "Delete", "volumeBindingMode": "Immediate",
                        "parameters": ["a": "b"], "allowVolumeExpansion": true, "default": true,
                    ],
                ],
            ]
        ),
        (
            "named",
            [
                "vSphere": ["server": "vcenter.example.com", "identityRef": ["type": "Secret", "name": "creds"]],
                "nodePools": [["name": "workers", "template": "ubuntu-2404-kube-v1.32.0", "network": "vm-net"]],
                "vSphereCloudControllerManager": [
                    "image": ["registry": "r.example.com", "repository": "cpi"], "version": "v1.32.0",
                    "secret": ["name": "cpi-config"],
                ],
                "vSphereStorageControllerManager": ["enabled": true, "secret": ["name": "csi-config"]],
            ]
        ),
    ]

    /// One place a string can go: a key of the schema (`[]` becomes item 0, `.*` a map entry), as a
    /// value or, for maps, as a key.
    struct Field: CustomStringConvertible {
        var schemaPath: String
        var asKey: Bool
        var description: String { schemaPath + (asKey ? " (key)" : "") }

        enum Step { case key(String), index(Int), entry }

        var steps: [Step] {
            var steps: [Step] = []
            for part in schemaPath.split(separator: ".") {
                if part == "*" {
                    steps.append(.entry)
                } else if part.hasSuffix("[]") {
                    steps.append(.key(String(part.dropLast(2))))
                    steps.append(.index(0))
                } else {
                    steps.append(.key(String(part)))
                }
            }
            return steps
        }

        static let entryKey = "hostile-entry"

        /// The values path the string lands at, in diagnostics' notation.
        func valuesPath(_ hostile: String) -> String {
            var path = ValuePath.root
            for step in steps {
                switch step {
                case .key(let key): path = path / key
                case .index(let index): path = path / index
                case .entry: path = path / (asKey ? hostile : Self.entryKey)
                }
            }
            return path.description
        }

        /// Whether every list item on the way exists in `values` (a new item would lack the
        /// item's required keys).
        func reaches(_ values: YAMLValue) -> Bool {
            var node: YAMLValue? = values
            for step in steps {
                switch step {
                case .key(let key): node = node?[key]
                case .index(let index):
                    guard let items = node?.sequence, items.count > index else { return false }
                    node = items[index]
                case .entry: return true
                }
            }
            return true
        }

        /// `values` with the string put in place.
        func applying(_ hostile: String, to values: YAMLValue) -> YAMLValue {
            Self.set(values, steps[...], hostile: hostile, asKey: asKey)
        }

        private static func set(_ node: YAMLValue, _ steps: ArraySlice<Step>, hostile: String, asKey: Bool) -> YAMLValue {
            guard let step = steps.first else { return .string(hostile) }
            let rest = steps.dropFirst()
            switch step {
            case .key(let key):
                var mapping = node.mapping ?? [:]
                mapping[key] = set(mapping[key] ?? .null, rest, hostile: hostile, asKey: asKey)
                return .mapping(mapping)
            case .index(let index):
                var items = node.sequence ?? []
                if items.isEmpty { items = [.null] }
                items[index] = set(items[index], rest, hostile: hostile, asKey: asKey)
                return .sequence(items)
            case .entry:
                var mapping: YAMLMapping = [:]
                if asKey {
                    mapping[hostile] = "value"
                } else {
                    mapping[entryKey] = set(.null, rest, hostile: hostile, asKey: asKey)
                }
                return .mapping(mapping)
            }
        }
    }

    /// Every place in the values schema a string can be written: strings, strings that also take
    /// numbers, free-form values, list items of strings, map values and map keys.
    static let fields: [Field] = {
        var fields: [Field] = []
        for key in ValuesReference.keys {
            switch key.type {
            case .string, .scalarString, .integerOrString, .any, .enumeration:
                fields.append(Field(schemaPath: key.path, asKey: false))
            case .list(let element) where element.takesString:
                fields.append(Field(schemaPath: key.path + "[]", asKey: false))
            case .map(let element) where element.takesString:
                fields.append(Field(schemaPath: key.path + ".*", asKey: false))
                fields.append(Field(schemaPath: key.path + ".*", asKey: true))
            default:
                break
            }
        }
        return fields
    }()

    /// Keys chart 0.2.9 documents in its values.yaml that none of its templates renders; accepted
    /// as the chart accepts them, and left out.
    static let unrendered = ["vSphereCloudControllerManager.topology.region", "vSphereCloudControllerManager.topology.zone"]

    struct Baseline {
        var objects: [ManifestObject]
        var kinds: [String]
        var embedded: [String: [String]]
    }

    static func render(_ values: YAMLValue) throws(DiagnosticError) -> [ManifestObject] {
        let text = ManifestStream.emit(values)
        return try RenderPipeline.render(RenderRequest(
            releaseName: "prop", namespace: "default", valueFiles: [ValuesFile(name: "hostile.yaml", text: text)])).objects
    }

    static func kinds(_ objects: [ManifestObject]) -> [String] { objects.map { "\($0.apiVersion) \($0.kind)" } }

    /// The shape of every multi-line string payload (ConfigMap and Secret data): the kinds of the
    /// documents of an embedded stream, the keys of a YAML config, the lines of an INI config.
    static func embeddedShapes(_ objects: [ManifestObject]) -> [String: [String]] {
        var shapes: [String: [String]] = [:]
        for object in objects where object.kind == "ConfigMap" || object.kind == "Secret" {
            let data = object.body["data"]?.mapping ?? object.body["stringData"]?.mapping ?? [:]
            // Config files (`vsphere.conf`) and embedded manifests; single values such as a
            // username are whole strings, checked by the round trip.
            for entry in data.entries where object.kind == "ConfigMap" || entry.key.contains(".") {
                guard case .string(let text) = entry.value else { continue }
                let id = "\(object.kind) \(entry.key)"
                if text.hasPrefix("[Global]") {
                    shapes[id] = text.split(separator: "\n", omittingEmptySubsequences: false).map {
                        $0.hasPrefix("[") ? "section" : $0.isEmpty ? "" : String($0.prefix { $0 != " " && $0 != "=" })
                    }
                } else if let documents = try? YAMLReader.documents(text, file: id).map(\.value) {
                    shapes[id] = documents.map { document in
                        if let kind = document["kind"]?.string { return kind }
                        return keyPaths(document).joined(separator: ",")
                    }
                } else {
                    shapes[id] = ["unreadable"]
                }
            }
        }
        return shapes
    }

    /// The key paths of a config tree, with the keys a host name becomes (`vcenter.<server>`) generalised.
    static func keyPaths(_ value: YAMLValue, prefix: String = "") -> [String] {
        guard let mapping = value.mapping else { return [prefix] }
        return mapping.entries.flatMap { entry in
            let key = prefix == "vcenter" ? "<server>" : entry.key
            return keyPaths(entry.value, prefix: prefix.isEmpty ? key : prefix + "." + key)
        }
    }

    static let baselines: [Baseline] = bases.map { base in
        // The bases are fixed; a failure here is a broken test, reported by `basesRender`.
        let objects = (try? render(base.values)) ?? []
        return Baseline(objects: objects, kinds: kinds(objects), embedded: embeddedShapes(objects))
    }

    @Test("the bases render")
    func basesRender() throws {
        for base in Self.bases {
            #expect(throws: Never.self, "\(base.name)") { _ = try Self.render(base.values) }
        }
        #expect(Self.fields.count > 150, "the schema walk found \(Self.fields.count) fields")
    }

    /// The strings each field gets. In CI two, to stay within seconds in a debug build: every
    /// structural threat in one string, then one structural string in turn (so each is tried on
    /// many fields) or a random one. With `KAMAJI_PROPERTY_STRINGS=N`, the first N of the whole
    /// catalogue (`HostileStrings.make`), random ones after it.
    static func strings(for fieldIndex: Int) -> [String] {
        let random = HostileStrings.make(count: HostileStrings.notorious.count + 1, seed: seed &+ UInt64(fieldIndex))
        if let count = ProcessInfo.processInfo.environment["KAMAJI_PROPERTY_STRINGS"].flatMap(Int.init) {
            return Array(HostileStrings.make(count: count, seed: seed &+ UInt64(fieldIndex)))
        }
        let structural = HostileStrings.structural
        let second = fieldIndex % 2 == 0 ? structural[fieldIndex / 2 % structural.count] : random.last!
        return [structural.dropLast().joined(), second]
    }

    /// Every string field with hostile strings, in the first base that renders the field (the
    /// other when the first accepts the string but does not render it: an identity the created
    /// Secret replaces, a tag `image.tag` overrides).
    @Test("hostile strings in every string field", .timeLimit(.minutes(60)))
    func everyField() throws {
        var silent: [String] = []
        var problems: [String] = []
        var renders = 0
        let start = Date()
        for (fieldIndex, field) in Self.fields.enumerated() where !Self.unrendered.contains(field.description) {
            let strings = Self.strings(for: fieldIndex)
            var shown = false
            // Whether the last base tried took some string without showing it: a base that
            // ignores the field (an identity a created Secret replaces) hands it to the next.
            var accepted = false
            var tried = false
            for (baseIndex, base) in Self.bases.enumerated() where field.reaches(base.values) {
                // Done once a base shows the string or refuses every one (a validated field).
                if shown || (tried && !accepted) { break }
                tried = true
                accepted = false
                // Strings this base took without showing: wrong once the base shows another.
                var hidden: [String] = []
                for (index, hostile) in strings.enumerated() {
                    renders += 1
                    let context = "\(field) in \(base.name), string #\(index) \(String(reflecting: hostile).prefix(80))"
                    let objects: [ManifestObject]
                    do {
                        objects = try Self.render(field.applying(hostile, to: base.values))
                    } catch {
                        let path = field.valuesPath(hostile)
                        if !error.diagnostics.contains(where: { Self.names($0, path) }) {
                            problems.append("\(context): refused without naming \(path): \(error.diagnostics.prefix(3))")
                        }
                        continue
                    }
                    problems += Self.violations(objects, baseline: Self.baselines[baseIndex], context: context)
                    // An empty string is "not set" to the chart's templates as well: taking it shows
                    // nothing, and a validated field (an enumeration, an address) that takes only it
                    // must not hand the search on to bases that ignore the field.
                    if hostile.isEmpty { continue }
                    accepted = true
                    if Self.appears(hostile, in: Self.baselines[baseIndex].objects) {
                        // Already in the render without it (`: ` in a config file): shows nothing,
                        // and must not count as shown, or a base that ignores the field ends the search.
                    } else if Self.appears(hostile, in: objects) {
                        shown = true
                    } else {
                        hidden.append(context)
                    }
                }
                if shown { problems += hidden.map { "\($0): accepted but not rendered, while other strings are" } }
            }
            if accepted && !shown { silent.append(field.description) }
            if problems.count > 20 { break }
        }
        #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.prefix(20).joined(separator: "\n"))")
        // A field that takes strings but never shows one is either unused or silently dropped.
        #expect(silent.isEmpty, "accepted but never rendered: \(silent)")
        // Inside a list no base has an item of, a string would need an item made up around it.
        let unreached = Self.fields.filter { field in !Self.bases.contains { field.reaches($0.values) } }
        #expect(unreached.isEmpty, "no base reaches: \(unreached)")
        print("injection property: \(Self.fields.count) fields, \(renders) renders in \(Int(Date().timeIntervalSince(start))) s")
    }

    /// Whether a diagnostic is about the value at `path`: the path itself, a path inside it, the
    /// map or list item that holds it (a rule that checks a whole pool), or a rule comparing two
    /// values whose message names this one's key (`... is not the serviceAddress`) or its list
    /// (`refers to IP pool "x", which infrastructure.metal3.ipPools does not define`).
    static func names(_ diagnostic: Diagnostic, _ path: String) -> Bool {
        let other = diagnostic.path
        guard !other.isEmpty else { return false }
        if other == path || other.hasPrefix(path + ".") || other.hasPrefix(path + "[")
            || path.hasPrefix(other + ".") || path.hasPrefix(other + "[")
        {
            return true
        }
        let key = path.split(separator: ".").last.map { String($0.prefix { $0 != "[" }) } ?? path
        let list = path.range(of: "[").map { String(path[..<$0.lowerBound]) }
        return diagnostic.message.contains(key) || list.map { diagnostic.message.contains($0) } == true
    }

    static func violations(_ objects: [ManifestObject], baseline: Baseline, context: String) -> [String] {
        var found: [String] = []
        if kinds(objects) != baseline.kinds {
            found.append("\(context): objects \(kinds(objects)) instead of \(baseline.kinds)")
        }
        let stream = ManifestStream.yaml(objects)
        do {
            let documents = try YAMLReader.documents(stream, file: "stream").map(\.value)
            if documents.count != objects.count {
                found.append("\(context): \(documents.count) documents read back for \(objects.count) objects")
            }
            for (object, document) in zip(objects, documents) {
                if let difference = FuzzHarness.firstDifference(object.body, document, path: ValuePath.root / object.identity) {
                    found.append("\(context): the stream changes \(difference)")
                }
            }
        } catch {
            found.append("\(context): the stream does not read back: \(error)")
        }
        let shapes = embeddedShapes(objects)
        if shapes != baseline.embedded {
            for id in Set(shapes.keys).union(baseline.embedded.keys).sorted() where shapes[id] != baseline.embedded[id] {
                found.append("\(context): \(id) has the shape \(shapes[id] ?? []) instead of \(baseline.embedded[id] ?? [])")
            }
        }
        return found
    }

    /// The string as a whole string value, inside one (a composed name or image), or Go-quoted
    /// inside one (a config file), or as a key.
    static func appears(_ hostile: String, in objects: [ManifestObject]) -> Bool {
        let quoted = HelmTemplateFunctions.goQuote(hostile)
        func search(_ value: YAMLValue) -> Bool {
            switch value {
            case .string(let s):
                if s == hostile || (!hostile.isEmpty && s.contains(hostile)) || s.contains(quoted) { return true }
                // A manifest carried as text (a ClusterResourceSet's ConfigMap): look inside it.
                guard s.contains("\n"), let embedded = try? YAMLReader.documents(s, file: "embedded") else { return false }
                return embedded.contains { search($0.value) }
            case .sequence(let items): return items.contains(where: search)
            case .mapping(let m): return m.entries.contains { $0.key == hostile || search($0.value) }
            default: return false
            }
        }
        return objects.contains { search($0.body) }
    }
}

extension SchemaType {
    /// Whether a string can be written here.
    var takesString: Bool {
        switch self {
        case .string, .scalarString, .integerOrString, .any, .enumeration: true
        default: false
        }
    }
}
