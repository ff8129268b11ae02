#!/usr/bin/env bash
# Fuzzes values parsing and rendering with libFuzzer for a bounded time.
#
#   scripts/fuzz.sh [SECONDS] [libFuzzer flags...]     # default 60 seconds
#
# Builds Fuzz/ (its own package, so the tool's normal build and tests never
# need -sanitize=fuzzer) with the fuzzer and AddressSanitizer, seeds the corpus from examples/ and
# every values.yaml of the test fixtures (and the regression inputs), and runs the target until the
# time is up. Each input goes through FuzzHarness (Sources/KamajiCAPI/Fuzzing): read as a values
# file, rendered, printed and read back; read as YAML and re-emitted; applied as --set flags; read
# as a manifest stream. A crash or a broken invariant stops the run and leaves the input in
# fuzz-artifacts/crashes/; minimise it (add -minimize_crash=1 -runs=10000 and the crash file), then
# add it to Tests/KamajiCAPITests/Fixtures/fuzz-regressions/ with the fix.
#
# Everything it writes is under fuzz-artifacts/ (ignored by git): corpus/ grows across runs, the
# last run's output is in fuzz.log. Run it niced on a shared machine: `nice scripts/fuzz.sh 600`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
shift $(( $# > 0 ? 1 : 0 ))

out="$root/fuzz-artifacts"
corpus="$out/corpus"
seeds="$out/seeds"
crashes="$out/crashes"
rm -rf "$seeds"
mkdir -p "$corpus" "$seeds" "$crashes"

fixtures="$root/Tests/KamajiCAPITests/Fixtures"
n=0
while IFS= read -r file; do
    cp "$file" "$seeds/$(printf '%03d' "$n")-$(basename "$(dirname "$file")")-$(basename "$file")"
    n=$((n + 1))
done < <(
    find "$root/examples" -name '*.yaml'
    find "$fixtures" -name values.yaml
    find "$fixtures/fuzz-regressions" -type f 2>/dev/null
)

# A dictionary of YAML syntax and every values key, so mutations reach the values model quickly.
dict="$out/values.dict"
{
    for token in '---' '...' ': ' '- ' '? ' '&a ' '*a' '<<: ' '!!binary ' '!!str ' '!!int ' '!custom ' '|' '>-' \
        '"' "'" '#' '[' ']' '{' '}' ',' '\\n' '\\u0000' '\\x85' 'null' '~' 'true' 'yes' '0x1F' '1e3' '.inf'; do
        printf '"%s"\n' "$(printf '%s' "$token" | sed 's/\\/\\\\/g; s/"/\\"/g')"
    done
    grep -o '^| `[^`]*`' "$root/docs/values.md" | sed 's/^| `//; s/`$//' | tr '.' '\n' | sed 's/\[\]//; s/^\*$//' \
        | grep -v '^$' | sort -u | sed 's/.*/"&: "/'
} > "$dict"

# SwiftPM gives the executable a `main` and so does libFuzzer: either ends in libFuzzer's driver.
flags=(-c release -Xswiftc -sanitize=fuzzer,address -Xlinker --allow-multiple-definition)
swift build --package-path "$root/Fuzz" --product kamaji-capi-fuzz "${flags[@]}"
bin="$(swift build --package-path "$root/Fuzz" "${flags[@]}" --show-bin-path)/kamaji-capi-fuzz"

echo "fuzzing for ${seconds}s with $n seeds; corpus $corpus" >&2
# Leak reports at exit are the Swift runtime's caches, not findings.
export ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}"
status=0
"$bin" "$corpus" "$seeds" -dict="$dict" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
    -max_len=8192 -use_value_profile=1 -print_final_stats=1 -artifact_prefix="$crashes/" "$@" \
    2>&1 | tee "$out/fuzz.log" || status=$?
echo "corpus: $(find "$corpus" -type f | wc -l) inputs; crashes: $(find "$crashes" -type f | wc -l) files in $crashes" >&2
exit "$status"
