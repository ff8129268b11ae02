#!/usr/bin/env python3
"""Copies the schemas `kamaji-capi validate` checks against into schemas/, from their upstream sources.

usage: scripts/import-schemas.py [--crd-schemas DIR] [--kubernetes 1.32.0,1.37.0]

- Custom resources: the openAPIV3Schema of every served version of every kind listed in KINDS,
  copied unchanged from DIR (default ../shared/crd-schemas, the providers' own CRDs as JSON).
- Built-in kinds: the OpenAPI definitions of every kind the Kubernetes API serves (see
  builtin_kinds(); and of ObjectMeta, which every object's metadata is checked against), for one
  Kubernetes version (the first of --kubernetes is the default, indexed in index.json; the others
  are picked with `validate --kubernetes-version`), from the data of the PyPI
  package kubernetes-validate (`pip install kubernetes-validate`; its strict JSON schemas are
  generated from the Kubernetes OpenAPI spec). Only the definitions these kinds reach are kept, in
  the CRD dialect the validator reads (see normalise()).

Run it when a provider release changes a schema or a kind is added, then run
scripts/embed-schemas.py, which compiles schemas/ into the binary. Needs ../shared and the pip
package; the embed step and the tests need neither.
"""
import json
import os
import shutil
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "schemas")

# Every custom-resource kind kamaji-capi renders, all served versions. The Metal3 and Packet kinds are
# those of the Metal³ and Equinix Metal providers, the Proxmox kinds CAPMOX's (chart capi-kamaji-proxmox); HelmChartProxy (Cluster API add-on provider Helm)
# delivers the CNI.
KINDS = [
    "cluster.x-k8s.io Cluster",
    "cluster.x-k8s.io MachineDeployment",
    "bootstrap.cluster.x-k8s.io KubeadmConfigTemplate",
    "addons.cluster.x-k8s.io ClusterResourceSet",
    "controlplane.cluster.x-k8s.io KamajiControlPlane",
    "infrastructure.cluster.x-k8s.io VSphereCluster",
    "infrastructure.cluster.x-k8s.io VSphereMachineTemplate",
    "ipam.cluster.x-k8s.io InClusterIPPool",
    "monitoring.coreos.com ServiceMonitor",
    "addons.cluster.x-k8s.io HelmChartProxy",
    "infrastructure.cluster.x-k8s.io Metal3Cluster",
    "infrastructure.cluster.x-k8s.io Metal3MachineTemplate",
    "infrastructure.cluster.x-k8s.io Metal3DataTemplate",
    "ipam.metal3.io IPPool",
    "infrastructure.cluster.x-k8s.io PacketCluster",
    "infrastructure.cluster.x-k8s.io PacketMachineTemplate",
    "infrastructure.cluster.x-k8s.io ProxmoxCluster",
    "infrastructure.cluster.x-k8s.io ProxmoxMachineTemplate",
]

# Definitions of the API machinery (Status, DeleteOptions, WatchEvent, API discovery) carry the
# group-version-kind of every group but are no objects a user applies.
MACHINERY = "io.k8s.apimachinery.pkg.apis.meta."
OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"

# Keys that carry no validation rule.
DROPPED = {
    "description", "x-kubernetes-patch-strategy", "x-kubernetes-patch-merge-key",
    "x-kubernetes-group-version-kind", "x-kubernetes-unions", "$schema", "$id",
}


def normalise(node):
    """kubernetes-validate's JSON Schema (draft 2020-12) in the dialect of CRD schemas:
    `type: [T, "null"]` becomes `type: T, nullable: true` (the API server decodes a null in a built-in
    object as the field's zero value), `$ref: "#/$defs/X"` becomes `$ref: "#/definitions/X"`, IntOrString becomes
    `x-kubernetes-int-or-string`, Quantity `anyOf` string or number; descriptions go."""
    if isinstance(node, list):
        return [normalise(v) for v in node]
    if not isinstance(node, dict):
        return node
    one_of = node.get("oneOf")
    if one_of is not None:
        types = sorted(t for branch in one_of for t in branch.get("type", []) if t != "null")
        if types == ["integer", "string"]:
            return {"x-kubernetes-int-or-string": True}
        if types == ["number", "string"]:
            return {"anyOf": [{"type": "string"}, {"type": "number"}]}
        raise SystemExit(f"unexpected oneOf: {one_of}")
    out = {}
    for key, value in node.items():
        if key in DROPPED:
            continue
        if key == "type" and isinstance(value, list):
            kept = [t for t in value if t != "null"]
            if len(kept) != 1:
                raise SystemExit(f"unexpected type list: {value}")
            out["type"] = kept[0]
            if "null" in value:
                out["nullable"] = True
        elif key == "$ref":
            out["$ref"] = "#/definitions/" + value.split("/")[-1]
        elif key in ("properties", "patternProperties"):
            out[key] = {k: normalise(v) for k, v in value.items()}
        elif key in ("enum", "required", "default", "x-kubernetes-list-map-keys"):
            out[key] = value
        else:
            out[key] = normalise(value)
    return out


def references(node):
    if isinstance(node, dict):
        for key, value in node.items():
            # A string: CustomResourceDefinition's schema has a property named `$ref`.
            if key == "$ref" and isinstance(value, str):
                yield value.split("/")[-1]
            else:
                yield from references(value)
    elif isinstance(node, list):
        for value in node:
            yield from references(value)


def builtin_kinds(definitions):
    """`apiVersion Kind` -> definition name, for every kind the API serves. A `...List` kind is left
    out: `validate` reads a list as its items."""
    kinds = {}
    for name, definition in definitions.items():
        if name.startswith(MACHINERY):
            continue
        for gvk in definition.get("x-kubernetes-group-version-kind", []):
            if gvk["kind"].endswith("List"):
                continue
            api_version = f"{gvk['group']}/{gvk['version']}" if gvk["group"] else gvk["version"]
            kinds[f"{api_version} {gvk['kind']}"] = name
    return dict(sorted(kinds.items()))


def import_builtin(version):
    import kubernetes_validate  # noqa: F401  (pip install kubernetes-validate)
    from importlib.metadata import version as package_version

    base = os.path.join(os.path.dirname(kubernetes_validate.__file__), "kubernetes-json-schema",
                        f"v{version}-local-strict")
    definitions = json.load(open(os.path.join(base, "_definitions.json")))["$defs"]
    kinds = builtin_kinds(definitions)
    kept, stack = {}, list(kinds.values()) + [OBJECT_META]
    while stack:
        name = stack.pop()
        if name in kept:
            continue
        kept[name] = definitions[name]
        stack.extend(references(definitions[name]))
    document = {
        "source": f"kubernetes-validate {package_version('kubernetes-validate')} (PyPI, Apache-2.0), "
                  f"kubernetes-json-schema/v{version}-local-strict/_definitions.json",
        "kubernetesVersion": version,
        "objectMeta": OBJECT_META,
        "kinds": kinds,
        "definitions": {name: normalise(kept[name]) for name in sorted(kept)},
    }
    os.makedirs(os.path.join(OUT, "kubernetes"), exist_ok=True)
    with open(os.path.join(OUT, "kubernetes", f"v{version}.json"), "w") as f:
        json.dump(document, f, indent=1, sort_keys=True)
        f.write("\n")
    return f"kubernetes/v{version}.json", kinds


def import_crds(source):
    index = json.load(open(os.path.join(source, "index.json")))
    wanted = {tuple(k.split(" ")) for k in KINDS}
    out_index = {}
    crd_dir = os.path.join(OUT, "crd")
    shutil.rmtree(crd_dir, ignore_errors=True)
    for key, path in sorted(index.items()):
        group_version, kind = key.split(" ")
        group = group_version.split("/")[0]
        if (group, kind) not in wanted:
            continue
        target = os.path.join(crd_dir, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(os.path.join(source, path), target)
        out_index[key] = "crd/" + path
    missing = wanted - {(k.split(" ")[0].split("/")[0], k.split(" ")[1]) for k in out_index}
    if missing:
        raise SystemExit(f"no schema in {source} for {sorted(missing)}")
    return out_index


def main(argv):
    source = os.path.join(ROOT, "..", "shared", "crd-schemas")
    versions = ["1.32.0", "1.37.0"]
    args = iter(argv)
    for arg in args:
        if arg == "--crd-schemas":
            source = next(args)
        elif arg == "--kubernetes":
            versions = next(args).split(",")
        else:
            print(__doc__, file=sys.stderr)
            return 2
    index = import_crds(source)
    shutil.rmtree(os.path.join(OUT, "kubernetes"), ignore_errors=True)
    builtin, kinds = import_builtin(versions[0])
    for version in versions[1:]:
        import_builtin(version)
    for key, definition in kinds.items():
        index[key] = f"{builtin}#{definition}"
    with open(os.path.join(OUT, "index.json"), "w") as f:
        json.dump(dict(sorted(index.items())), f, indent=1)
        f.write("\n")
    print(f"wrote {len(index)} kinds into {os.path.relpath(OUT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
