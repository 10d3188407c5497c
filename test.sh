#!/usr/bin/env bash
# Souk's whole test suite, on a fresh machine with only the .NET SDK (CI runs exactly this):
#   1. every test project, the integration tests on SQLite, the browser tests in Debian's Chromium (installed with apt
#      when /usr/bin/chromium is missing; SOUK_CHROMIUM points elsewhere);
#   2. the integration tests again on PostgreSQL — a real server: SOUK_TEST_POSTGRES if you give one (a connection
#      string to a role that may create databases), else a throw-away cluster that scripts/postgres.sh installs
#      (Debian's postgresql, if missing) and starts on a free 127.0.0.1 port, and that is stopped afterwards;
#   3. the reliability suite's bounded form on both (./reliability.sh; SOUK_RELIABILITY=long for the long form).
# Ends with one line "tests: N passed, N failed, N skipped" summed from the real TRX results, and exits non-zero
# when a test failed, a build failed, or no test ran. Extra arguments go to every `dotnet test`.
set -uo pipefail
cd "$(dirname "$0")"

results="${SOUK_TEST_RESULTS:-$PWD/TestResults}"
rm -rf "$results"
mkdir -p "$results"
status=0

chromium="${SOUK_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "Installing Debian's chromium for the browser tests" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null) >&2 \
    || echo "could not install chromium; the browser tests will fail" >&2
fi
# Browser tests save their screenshots under $results/screenshots (CI keeps TestResults as artifacts).
export SOUK_TEST_RESULTS="$results"

# Tests marked Provider=Postgres need a server (several processes on one database); they run in step 2.
# The reliability suite runs in step 3, on both providers, through its own script.
# SQLite here, even when SOUK_TEST_POSTGRES names a server for step 2.
env -u SOUK_TEST_POSTGRES dotnet test Souk.slnx --configuration Release --filter "Provider!=Postgres&Suite!=Reliability" --logger "trx" --results-directory "$results" "$@" || status=1

pg_dir=""
cleanup() { [ -n "$pg_dir" ] && scripts/postgres.sh stop "$pg_dir" && rm -rf "$pg_dir"; }
trap cleanup EXIT
postgres="${SOUK_TEST_POSTGRES:-}"
if [ -z "$postgres" ]; then
  pg_dir=$(mktemp -d /tmp/souk-pg.XXXXXX)
  # The tests' data is thrown away, so the cluster skips fsync: the same SQL, a fraction of the disk waits.
  postgres=$(POSTGRES_EXTRA_OPTIONS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off" scripts/postgres.sh start "$pg_dir") || { echo "could not start PostgreSQL" >&2; status=1; postgres=""; }
fi
if [ -n "$postgres" ]; then
  # Tests marked Provider=Sqlite are about SQLite itself (its single writer); everything else runs on both.
  SOUK_TEST_POSTGRES="$postgres" dotnet test tests/Souk.Web.Tests --configuration Release --no-build \
    --filter "Provider!=Sqlite" --logger "trx;LogFileName=web-postgres.trx" --results-directory "$results" "$@" || status=1
  # The typed client's tests drive the same host, so they run on both providers too.
  SOUK_TEST_POSTGRES="$postgres" dotnet test tests/Souk.Client.Tests --configuration Release --no-build \
    --logger "trx;LogFileName=client-postgres.trx" --results-directory "$results" "$@" || status=1
fi

# 3. The reliability suite's bounded form (./reliability.sh; --long there runs the long form), on the same server.
SOUK_TEST_POSTGRES="$postgres" ./reliability.sh "$@" || status=1

passed=0 failed=0 skipped=0 files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done

echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
if [ "$files" -eq 0 ] || [ "$passed" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
exit 0
