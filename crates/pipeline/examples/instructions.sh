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
# Then it splits the whole extraction by stage: each stage's entry function, its inclusive
# instructions in the `extract` run less those in the `none` run (callgrind_annotate), per byte.
# Inlined code is counted in its caller; an indented row is part of the row above it.
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
# The whole extraction by stage, from the two runs' inclusive costs per function.
incl() { callgrind_annotate --inclusive=yes --threshold=100 "$dir/cg.$1" 2>/dev/null |
  sed -nE 's/^ *([0-9,]+) \([^)]*\)  [^:]*\.rs:(.*) \[\/.*/\2\t\1/p' | tr -d , > "$dir/incl.$1"; }
incl none
incl extract
stage() {
  awk -F'\t' -v label="$1" -v f="$2" -v bytes="$bytes" '
    FNR == 1 { run++ }
    substr($1, length($1) - length(f) + 1) == f && !((run, "seen") in n) { n[run] = $2; n[run, "seen"] = 1 }
    END { printf "%-30s %6.1f instructions/byte\n", label, (n[2] - n[1]) / bytes }' "$dir/incl.none" "$dir/incl.extract"
}
echo "extract by stage:"
stage "whole extraction" pledgewatch_pipeline::commitments::assemble
stage "  actors" pledgewatch_pipeline::actors::find_actors
stage "  sentence splitting" pledgewatch_pipeline::text::sentences
stage "  mentions" pledgewatch_pipeline::mentions::Scanner::scan_at
stage "  words of each sentence" pledgewatch_pipeline::commitments::cues::Words::new
stage "  candidates and rules" pledgewatch_pipeline::commitments::view::View::candidates
stage "    running totals" "View>::is_total"
stage "    parse" pledgewatch_syntax::Syntax::parse
stage "  announcer and day" "View>::meta"
stage "  merge" pledgewatch_pipeline::commitments::merge::merge
stage "  finalise and normalise" pledgewatch_pipeline::commitments::finalise::finalise
stage "  receiving side" pledgewatch_pipeline::commitments::finalise::receiving_side
stage "  annotate (stage, terms)" pledgewatch_pipeline::commitments::annotate::annotate
stage "  code-point offsets" pledgewatch_pipeline::text::CharMap::new
