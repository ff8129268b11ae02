#!/usr/bin/env bash
# Re-renders the expected.yaml of every case under Tests/KamajiCAPITests/Fixtures/cases with the
# reconstructed chart capi-kamaji-vsphere 0.2.9 (scripts/reference-chart), and first checks that the
# reconstruction still prints, byte for byte, what the real chart printed for the conformance cases.
#
# usage: HELM=/path/to/helm-3.17.2 scripts/regenerate-reference-fixtures.sh [--check]
#   --check   change nothing: fail when a case's expected.yaml differs from a fresh render
#
# Needs Helm 3.17.2 (other versions may fold or quote differently). Helm is never needed by the
# project's tests or CI: the fixtures are data.
set -euo pipefail

HELM="${HELM:-helm}"
root="$(cd "$(dirname "$0")/.." && pwd)"
chart="$root/scripts/reference-chart"
cases="$root/Tests/KamajiCAPITests/Fixtures/cases"
conformance="${CONFORMANCE_DIR:-$root/Tests/KamajiCAPITests/Fixtures/conformance/chart-0.2.9}"
check=false
[[ "${1:-}" == "--check" ]] && check=true

version="$("$HELM" version --template '{{.Version}}')"
if [[ "$version" != "v3.17.2" ]]; then
  echo "warning: $HELM is Helm $version, the fixtures were made with v3.17.2" >&2
fi

field() { sed -n "s/^$1:[[:space:]]*//p" "$2" | head -n 1; }

render() { # case-dir output-file
  local dir="$1" release namespace files=(-f "$1/values.yaml")
  release="$(field release "$dir/case.yaml")"
  namespace="$(field namespace "$dir/case.yaml")"
  # A second values file, merged over the first as `-f values.yaml -f override.yaml`.
  [[ -f "$dir/override.yaml" ]] && files+=(-f "$dir/override.yaml")
  "$HELM" template "$release" "$chart" -n "$namespace" "${files[@]}" > "$2"
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failed=0

echo "== conformance: the reconstruction against the real chart's output ($conformance)"
for dir in "$conformance"/*/; do
  name="$(basename "$dir")"
  render "$dir" "$tmp/out.yaml"
  if cmp -s "$tmp/out.yaml" "$dir/expected.yaml"; then
    echo "identical  $name"
  else
    echo "DIFFERENT  $name"
    diff -u "$dir/expected.yaml" "$tmp/out.yaml" | head -n 40 || true
    failed=1
  fi
done
if [[ $failed -ne 0 ]]; then
  echo "the reconstructed chart no longer matches chart 0.2.9: fix it before regenerating" >&2
  exit 1
fi

echo "== cases ($cases)"
for dir in "$cases"/*/; do
  name="$(basename "$dir")"
  render "$dir" "$tmp/out.yaml"
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
exit $failed
