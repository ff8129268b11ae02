#!/usr/bin/env bash
# Re-renders the expected.yaml of every case of our own with Helm, for both charts:
#   - Tests/KamajiCAPITests/Fixtures/cases/*          with the reconstructed chart capi-kamaji-vsphere
#     0.2.9 (scripts/reference-chart);
#   - Tests/KamajiCAPITests/Fixtures/proxmox-cases/*  with chart capi-kamaji-proxmox 0.0.4, copied
#     unchanged from upstream (scripts/reference-chart-proxmox).
# Before touching a chart's cases it checks that the chart still prints, byte for byte, what the
# real chart printed for that chart's conformance cases.
#
# usage: HELM=/path/to/helm-3.17.2 scripts/regenerate-reference-fixtures.sh [--check]
#   --check   change nothing: fail when a case's expected.yaml differs from a fresh render
#
# Needs Helm 3.17.2 (other versions may fold or quote differently). Helm is never needed by the
# project's tests or CI: the fixtures are data.
set -euo pipefail

HELM="${HELM:-helm}"
root="$(cd "$(dirname "$0")/.." && pwd)"
fixtures="$root/Tests/KamajiCAPITests/Fixtures"
check=false
[[ "${1:-}" == "--check" ]] && check=true

version="$("$HELM" version --template '{{.Version}}')"
if [[ "$version" != "v3.17.2" ]]; then
  echo "warning: $HELM is Helm $version, the fixtures were made with v3.17.2" >&2
fi

field() { sed -n "s/^$1:[[:space:]]*//p" "$2" | head -n 1; }

render() { # chart case-dir output-file
  local chart="$1" dir="$2" release namespace files=(-f "$2/values.yaml")
  release="$(field release "$dir/case.yaml")"
  namespace="$(field namespace "$dir/case.yaml")"
  # A second values file, merged over the first as `-f values.yaml -f override.yaml`.
  [[ -f "$dir/override.yaml" ]] && files+=(-f "$dir/override.yaml")
  "$HELM" template "$release" "$chart" -n "$namespace" "${files[@]}" > "$3"
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failed=0

regenerate() { # chart conformance-dir cases-dir
  local chart="$1" conformance="$2" cases="$3" name dir differs=0
  echo "== conformance: $(basename "$chart") against the real chart's output ($conformance)"
  for dir in "$conformance"/*/; do
    name="$(basename "$dir")"
    render "$chart" "$dir" "$tmp/out.yaml"
    if cmp -s "$tmp/out.yaml" "$dir/expected.yaml"; then
      echo "identical  $name"
    else
      echo "DIFFERENT  $name"
      diff -u "$dir/expected.yaml" "$tmp/out.yaml" | head -n 40 || true
      differs=1
    fi
  done
  if [[ $differs -ne 0 ]]; then
    echo "$chart no longer matches the real chart: fix it before regenerating" >&2
    exit 1
  fi

  echo "== cases ($cases)"
  for dir in "$cases"/*/; do
    name="$(basename "$dir")"
    render "$chart" "$dir" "$tmp/out.yaml"
    if [[ ! -s "$tmp/out.yaml" ]]; then
      echo "EMPTY      $name: helm printed nothing" >&2
      failed=1
      continue
    fi
    if cmp -s "$tmp/out.yaml" "$dir/expected.yaml" 2>/dev/null; then
      echo "unchanged  $name"
    elif $check; then
      echo "STALE      $name"
      failed=1
    else
      cp "$tmp/out.yaml" "$dir/expected.yaml"
      echo "written    $name"
    fi
  done
}

regenerate "$root/scripts/reference-chart" \
  "${CONFORMANCE_DIR:-$fixtures/conformance/chart-0.2.9}" "$fixtures/cases"
regenerate "$root/scripts/reference-chart-proxmox" \
  "${PROXMOX_CONFORMANCE_DIR:-$fixtures/conformance/proxmox-0.0.4}" "$fixtures/proxmox-cases"
exit $failed
