#!/usr/bin/env bash
# Installs kolroi from a build folder into a fresh prefix, then builds and runs the example
# consumer project (examples/consumer) against that installed package, not the source tree.
# Usage: cmake/check-consumer.sh [build folder, default build/release]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build/release}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" >/dev/null
cmake -S "$top/examples/consumer" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/build" >/dev/null
"$work/build/kolroi_consumer"
"$work/prefix/bin/kolroi" --version
echo "consumer project: built against the installed package and ran"
