#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the store tests (trust auth, on
# 127.0.0.1 only) and prints the URL to use:
#
#   export PLEDGEWATCH_TEST_POSTGRES="$(bash .ci/postgres.sh)"
#   bash .ci/postgres.sh stop        # stops it and removes its data
#
# Installs Debian's postgresql package when it is missing. As root, the server
# runs as the `postgres` user (initdb refuses root). Port and data folder:
# PLEDGEWATCH_PG_PORT (5433), PLEDGEWATCH_PG_DATA (/tmp/pledgewatch-pgdata).
set -euo pipefail
PORT="${PLEDGEWATCH_PG_PORT:-5433}"
DATA="${PLEDGEWATCH_PG_DATA:-/tmp/pledgewatch-pgdata}"

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
BIN="$(bindir)"
if [ -z "$BIN" ]; then
  echo "postgres.sh: installing postgresql" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  BIN="$(bindir)"
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [ "${1:-}" = stop ]; then
  as_owner "$BIN/pg_ctl" -D "$DATA" stop -m fast >&2 || true
  rm -rf "$DATA"
  exit 0
fi

if [ ! -f "$DATA/PG_VERSION" ]; then
  mkdir -p "$DATA"
  [ "$(id -u)" = 0 ] && { id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres; chown postgres "$DATA"; }
  as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --no-locale >&2
fi
if ! as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
    -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >&2
fi
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
