#!/usr/bin/env bash
# Souk's whole test suite: every test project, on a fresh machine with only the .NET SDK.
# Ends with one line "tests: N passed, N failed, N skipped" summed from the real TRX results, and exits
# non-zero when a test failed, the build failed, or no test ran.
set -uo pipefail
cd "$(dirname "$0")"

results="${SOUK_TEST_RESULTS:-$PWD/TestResults}"
rm -rf "$results"
mkdir -p "$results"

dotnet test Souk.slnx --configuration Release --logger "trx" --results-directory "$results" "$@"
status=$?

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
