#!/usr/bin/env bash
# The reliability suite (tests/Souk.Reliability.Tests, issue 7): races, crashes, hostile input — measured, on SQLite
# and on PostgreSQL. Its bounded form is part of ./test.sh (and so of CI); run it alone, or its long form, with:
#   ./reliability.sh            # bounded form (what CI runs)
#   ./reliability.sh --long     # long form (SOUK_RELIABILITY=long): bigger counts, minutes to an hour
# PostgreSQL: SOUK_TEST_POSTGRES if set, else a throw-away cluster from scripts/postgres.sh, stopped afterwards.
# Each figure appends its result line to $SOUK_TEST_RESULTS/reliability/<figure>-<provider>.txt (printed at the end).
# Extra arguments go to `dotnet test`.
set -uo pipefail
cd "$(dirname "$0")"

if [ "${1:-}" = "--long" ]; then export SOUK_RELIABILITY=long; shift; fi
results="${SOUK_TEST_RESULTS:-$PWD/TestResults}"
export SOUK_TEST_RESULTS="$results"
mkdir -p "$results"
status=0

# SQLite: without SOUK_TEST_POSTGRES, whatever the caller's environment holds (it names the server for the next step).
env -u SOUK_TEST_POSTGRES dotnet test tests/Souk.Reliability.Tests --configuration Release --filter "Provider!=Postgres" \
  --logger "trx;LogFileName=reliability-sqlite.trx" --results-directory "$results" "$@" || status=1

pg_dir=""
cleanup() { [ -n "$pg_dir" ] && scripts/postgres.sh stop "$pg_dir" && rm -rf "$pg_dir"; }
trap cleanup EXIT
postgres="${SOUK_TEST_POSTGRES:-}"
if [ -z "$postgres" ]; then
  pg_dir=$(mktemp -d /tmp/souk-pg.XXXXXX)
  postgres=$(scripts/postgres.sh start "$pg_dir") || { echo "could not start PostgreSQL" >&2; status=1; postgres=""; }
fi
if [ -n "$postgres" ]; then
  SOUK_TEST_POSTGRES="$postgres" dotnet test tests/Souk.Reliability.Tests --configuration Release --no-build --filter "Provider!=Sqlite" \
    --logger "trx;LogFileName=reliability-postgres.trx" --results-directory "$results" "$@" || status=1
fi

echo "reliability figures (${SOUK_RELIABILITY:-bounded} form):"
cat "$results"/reliability/*.txt 2>/dev/null | tail -n 40
exit $status
