#!/usr/bin/env bash
# Browser tests: headless Chromium (playwright-core) against `pledgewatch demo`.
# Builds the release binary unless PLEDGEWATCH_BIN names one, installs
# Chromium (Debian's package) and playwright-core (npm, from package-lock.json)
# when missing. Runs every *.test.mjs (each against its own demo); ends with
# `browser: N passed, M failed` over all of them; exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")"
root="$(cd ../.. && pwd)"

fail() {
    echo "browser: $1"
    echo "browser: 0 passed, 1 failed"
    exit 1
}

export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
    if command -v apt-get > /dev/null && [ "$(id -u)" = 0 ]; then
        echo "browser: installing chromium"
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } > /tmp/pledgewatch-apt.log 2>&1 ||
            fail "could not install chromium (see /tmp/pledgewatch-apt.log)"
    fi
    [ -x "$CHROMIUM" ] || fail "no Chromium at $CHROMIUM (apt-get install chromium, or set CHROMIUM)"
fi
command -v node > /dev/null || fail "node is not installed"
if [ ! -d node_modules/playwright-core ]; then
    npm ci --no-audit --no-fund --loglevel=error || fail "npm ci failed"
fi
if [ -z "${PLEDGEWATCH_BIN:-}" ]; then
    (cd "$root" && cargo build --release --quiet) || fail "cargo build failed"
    export PLEDGEWATCH_BIN="${CARGO_TARGET_DIR:-$root/target}/release/pledgewatch"
fi
# Each *.test.mjs is one session against its own demo; sum their results.
passed=0
failed=0
log="$(mktemp)"
for file in *.test.mjs; do
    echo "browser: $file"
    node "$file" > "$log" 2>&1 || true
    cat "$log"
    line="$(grep '^browser: ' "$log" | tail -1 || true)"
    if [[ "$line" =~ ^browser:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        passed=$((passed + BASH_REMATCH[1]))
        failed=$((failed + BASH_REMATCH[2]))
    else
        echo "browser: $file ended without a result line"
        failed=$((failed + 1))
    fi
done
rm -f "$log"
echo "browser: $passed passed, $failed failed"
[ "$failed" = 0 ]
