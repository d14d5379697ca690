#!/usr/bin/env bash
# ctest cli.ears: `xiaoan ears` on the fixtures of tests/fixtures/ears. A good file prints the
# expected CSV (compute_ears.py's output) with exit status 0; a file with a bad line, a missing
# header or a bad option prints one error naming the line on stderr, nothing on stdout, status 2.
#   tests/cli/ears.sh path/to/xiaoan
set -uo pipefail
bin=${1:?usage: tests/cli/ears.sh XIAOAN_BINARY}
fixtures=$(cd "$(dirname "$0")/../fixtures/ears" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/xiaoan-cli-ears.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# expect_error <status> <stderr text> <args...>
expect_error() {
  local want_status=$1 want_err=$2
  shift 2
  "$bin" ears "$@" >"$work/out" 2>"$work/err"
  local status=$?
  [ "$status" -eq "$want_status" ] || fail "ears $*: exit status $status, want $want_status"
  [ ! -s "$work/out" ] || fail "ears $*: printed on stdout: $(head -c 200 "$work/out")"
  grep -qF -- "$want_err" "$work/err" || fail "ears $*: stderr '$(cat "$work/err")' lacks '$want_err'"
  [ "$(wc -l <"$work/err")" -eq 1 ] || fail "ears $*: want one line on stderr, got: $(cat "$work/err")"
}

expect_error 2 "bad_line.csv: line 4: count \"x\" is not a non-negative integer" "$fixtures/bad_line.csv"
printf '2026-03-02,1\n' >"$work/no_header.csv"
expect_error 2 "line 1: the header must be day,count" "$work/no_header.csv"
printf 'day,count\n2026-03-02,1\n2026-03-03,-2\n' >"$work/negative.csv"
expect_error 2 "line 3: count \"-2\" is not a non-negative integer" "$work/negative.csv"
expect_error 2 "--baseline \"1\" is not an integer from 2 to 365" "$fixtures/spike.csv" --baseline 1
expect_error 2 "--z \"abc\" is not a number greater than 0" "$fixtures/spike.csv" --z abc
expect_error 2 "cannot be read" "$work/absent.csv"

"$bin" ears "$fixtures/spike.csv" >"$work/out" 2>"$work/err" || fail "ears spike.csv: exit status $?"
diff -u "$fixtures/spike.expected.csv" "$work/out" >&2 || fail "ears spike.csv differs from spike.expected.csv"
"$bin" ears "$fixtures/spike.csv" --baseline 5 --z 2 >"$work/out" 2>"$work/err" || fail "ears --baseline 5 --z 2: exit status $?"
diff -u "$fixtures/spike_b5_z2.expected.csv" "$work/out" >&2 || fail "ears spike.csv --baseline 5 --z 2 differs"

if [ "$failures" -gt 0 ]; then
  echo "tests/cli/ears.sh: $failures failure(s)" >&2
  exit 1
fi
echo "tests/cli/ears.sh: all checks passed"
