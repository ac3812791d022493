#!/usr/bin/env bash
# Instructions per byte of each text stage, from callgrind (valgrind): steadier than time on a
# shared machine, and comparable across changes.
#
#   examples/instructions.sh [CORPUS] [DOCS]
#
# Takes every 40th of the first DOCS (default 9000) documents of CORPUS (JSON Lines, gzipped;
# default the White House 2021–2023 corpus) as a sample, runs the `throughput` example (release
# build) once per stage under callgrind, and subtracts the instructions of a run that only reads
# the sample and compiles the lexicons (`none`). BIN names another build of the example. Build first:
#   cargo build --release -p pledgewatch-pipeline --example throughput
set -euo pipefail
corpus=${1:-../shared/corpus/whitehouse-2021-2023.jsonl.gz}
docs=${2:-9000}
bin=${BIN:-${CARGO_TARGET_DIR:-target}/release/examples/throughput}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
{ zcat "$corpus" || true; } | head -n "$docs" | awk 'NR % 40 == 1' | gzip > "$dir/sample.jsonl.gz"
irs() { valgrind --tool=callgrind --callgrind-out-file="$dir/cg.$1" "$bin" "$dir/sample.jsonl.gz" "$1" 2>&1 | sed -n 's/.*Collected : //p'; }
bytes=$("$bin" "$dir/sample.jsonl.gz" none | sed -n 's/^corpus: .*(\([0-9]*\) bytes).*/\1/p')
base=$(irs none)
echo "sample: ${bytes} bytes; reading and lexicons: ${base} instructions"
for stage in sentences mentions actors extract; do
  n=$(irs "$stage")
  awk -v s="$stage" -v n="$n" -v b="$base" -v bytes="$bytes" 'BEGIN { printf "%22s: %6.0f instructions/byte\n", s, (n - b) / bytes }'
done
