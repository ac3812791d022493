#!/usr/bin/env bash
# Load test of `pledgewatch serve` on a large ledger (not part of `cargo test`).
#
#   crates/server/bench/serve.sh [ENTRIES] [DB]      # defaults: 1000000 /tmp/pledgewatch-bench.db
#                                                    # DB may be a postgres:// URL (filled beforehand)
#
# Builds the release binary and the `bench_ledger` example, generates the
# ledger once (about ten minutes for a million entries on two cores; kept for
# later runs), serves it on a free loopback port, and runs wrk (Debian's `wrk`)
# against a filtered list page of 50, the same as HTML, a page deep in the
# list, a commitment as JSON and as HTML, and word searches (`q=`) from a word
# in every entry to a word in none. Prints p50/p99 per URL, with one
# connection (latency alone) and with eight (under load).
#
#   ONLY=q= crates/server/bench/serve.sh        # only the URLs containing "q="
#   CONNS=1 BIN=/tmp/old/pledgewatch …          # one connection; a binary built before (no build)
#
# Measured figures: README.md beside this script.
set -euo pipefail
cd "$(dirname "$0")/../../.."
ENTRIES="${1:-1000000}"
DB="${2:-/tmp/pledgewatch-bench.db}"
DURATION="${DURATION:-15s}"
TARGET="${CARGO_TARGET_DIR:-target}"
ONLY="${ONLY:-}"
CONNS="${CONNS:-1 8}"

command -v wrk > /dev/null || { echo "bench: needs wrk (apt-get install wrk)"; exit 1; }
if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet
    cargo build --release --quiet -p pledgewatch-server --example bench_ledger
fi
if [[ "$DB" == postgres* ]]; then
    : # A PostgreSQL ledger is filled beforehand: bench_ledger --db URL --entries N
elif [ ! -f "$DB" ]; then
    "$TARGET/release/examples/bench_ledger" --db "$DB" --entries "$ENTRIES"
fi

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"${BIN:-$TARGET/release/pledgewatch}" serve --db "$DB" --addr "127.0.0.1:$PORT" > /tmp/pledgewatch-bench-serve.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2> /dev/null || true' EXIT
BASE="http://127.0.0.1:$PORT"
# Opening a ledger written by an older version migrates it first (filling the
# search index of a million entries takes minutes).
for _ in $(seq 3000); do curl -sf "$BASE/api/v1/session" > /dev/null && break; sleep 0.2; done

# Warm the facet and summary caches and find an entry and a deep cursor.
curl -sf "$BASE/" > /dev/null
curl -sf "$BASE/commitments" > /dev/null
ID="$(curl -sf "$BASE/api/v1/commitments?donor=GB&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["entries"][0]["id"])')"
DEEP="$(curl -sf "$BASE/api/v1/commitments?limit=200&from=2020-01-01" | python3 -c 'import json,sys,urllib.parse; print(urllib.parse.quote(json.load(sys.stdin)["next_cursor"]))')"

URLS=(
    "/api/v1/commitments?donor=GB&limit=50"
    "/api/v1/commitments?donor=GB&category=military&sort=-value_eur&limit=50"
    "/api/v1/commitments?from=2020-01-01&limit=50&cursor=$DEEP"
    "/commitments?donor=GB"
    "/api/v1/commitments/$ID"
    "/commitments/$ID"
    # Words of the generated text: "support" is in every entry, a donor's name
    # in one in 40, two names in one in 1600, a release number in one.
    "/api/v1/commitments?q=support&limit=50"
    "/api/v1/commitments?q=germany&limit=50"
    "/api/v1/commitments?q=germany%20sudan&limit=50"
    "/api/v1/commitments?q=ger&limit=50"
    "/api/v1/commitments?q=release%20number%20777777&limit=50"
    "/api/v1/commitments?q=zzzz&limit=50"
    "/api/v1/commitments?q=ukr&donor=GB&sort=-value_eur&limit=50"
    # France's entries never name Germany: the longest bounded scan.
    "/api/v1/commitments?q=germany&donor=FR&limit=50"
    "/commitments?q=germany"
)
printf '%-78s %6s %9s %9s %9s\n' "URL ($(curl -sf "$BASE/api/v1/summary" | python3 -c 'import json,sys; print(json.load(sys.stdin)["counts"]["entries"])') entries)" conns p50 p99 req/s
for url in "${URLS[@]}"; do
    [[ "$url" == *"$ONLY"* ]] || continue
    for conns in $CONNS; do
        threads=$(( conns < 2 ? 1 : 2 ))
        out="$(wrk -t"$threads" -c"$conns" -d"$DURATION" --timeout 120s --latency "$BASE$url")"
        p50="$(echo "$out" | awk '$1 == "50%" { print $2 }')"
        p99="$(echo "$out" | awk '$1 == "99%" { print $2 }')"
        rps="$(echo "$out" | awk '/Requests\/sec/ { print $2 }')"
        non2xx="$(echo "$out" | awk '/Non-2xx/ { print $5 }')"
        [ -z "$non2xx" ] || { echo "bench: $url answered $non2xx non-2xx responses"; exit 1; }
        printf '%-78s %6s %9s %9s %9s\n' "${url:0:78}" "$conns" "$p50" "$p99" "$rps"
    done
done
