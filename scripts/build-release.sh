#!/usr/bin/env bash
# Builds the tuned release binary, .build/release/kamaji-capi (extra arguments go to `swift build`,
# e.g. `--product kamaji-capi-bench` for the benchmark). The whole build, the dependencies
# included, gets direct metadata accessors: each first use of a generic type such as
# `KeyedDecodingContainer<CodingKeys>` then skips a scan of every conformance record of the static
# binary. Package.swift cannot ask for this without `unsafeFlags`, which would keep other packages
# from depending on the library by version; docs/performance.md ("Process tuning") has the gain.
set -euo pipefail
cd "$(dirname "$0")/.."
exec swift build -c release \
  -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors "$@"
