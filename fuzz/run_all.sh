#!/usr/bin/env bash
# Runs every fuzz target built by the fuzz preset for a bounded time, two at a time, and fails
# when any of them finds something. Usage: fuzz/run_all.sh [seconds per target] [targets...]
# New inputs go to build/fuzz/corpus/<target>/ (the committed seeds stay as they are); a finding
# is saved as build/fuzz/findings/<target>-crash-*, and each target's log as
# build/fuzz/logs/<target>.log, which ends with its executions per second.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-30}"
shift || true
build=build/fuzz
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
    for source in fuzz/*_fuzz.cpp; do
        name="$(basename "$source" .cpp)"
        targets+=("${name%_fuzz}")
    done
fi
mkdir -p "$build/findings" "$build/logs"

run_one() {
    local target="$1"
    local corpus="$build/corpus/$target"
    mkdir -p "$corpus"
    "$build/fuzz/${target}_fuzz" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/findings/$target-" \
        "$corpus" "fuzz/corpus/$target" >"$build/logs/$target.log" 2>&1
}

failed=()
pending=("${targets[@]}")
while [ "${#pending[@]}" -gt 0 ]; do
    batch=("${pending[@]:0:2}")
    pending=("${pending[@]:2}")
    pids=()
    for target in "${batch[@]}"; do
        run_one "$target" &
        pids+=($!)
    done
    for i in "${!batch[@]}"; do
        target="${batch[$i]}"
        if wait "${pids[$i]}"; then
            status=ok
        else
            status=FINDING
            failed+=("$target")
        fi
        runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$build/logs/$target.log" |
            grep -o '[0-9]*$')"
        time="$(grep -o 'Done [0-9]* runs in [0-9]* second' "$build/logs/$target.log" |
            grep -o 'in [0-9]*' | grep -o '[0-9]*')"
        per_second="$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$build/logs/$target.log" |
            grep -o '[0-9]*$')"
        echo "fuzz $target: $status, ${time:-?} s, ${runs:-?} runs, ${per_second:-?} runs/s"
        if [ "$status" = FINDING ]; then
            grep -m 5 -E 'invariant broken|ERROR|terminate|what\(\)|SUMMARY' \
                "$build/logs/$target.log" || true
        fi
    done
done

if [ "${#failed[@]}" -ne 0 ]; then
    echo "fuzz: findings in ${failed[*]} (inputs under $build/findings)"
    exit 1
fi
echo "fuzz: ${#targets[@]} targets ran ${seconds} s each without a finding"
