#!/usr/bin/env bash
# Builds unit tests with AddressSanitizer + UBSan (warnings are errors) in a build folder of
# its own and runs them. ctest runs this as "ci: unit tests under ASan+UBSan".
#
# usage: tests/sanitize/run.sh [BUILD_DIR]   (default: ${TMPDIR:-/tmp}/claimtrack-asan)
# Exit status: 0 when every unit test passes without a sanitizer report; non-zero otherwise.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${1:-${TMPDIR:-/tmp}/claimtrack-asan}
cmake -S "$REPO" -B "$BUILD" -DCMAKE_BUILD_TYPE=Debug -DCLAIMTRACK_SANITIZE=ON \
  -DCLAIMTRACK_WERROR=ON -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g" >/dev/null
# The unit tests of the modules that read untrusted input (articles, rule files, numbers):
# text, yaml, normalize, rules, extract. The same modules are fuzzed (tests/fuzz). The whole suite
# under ASan takes about 17 CPU minutes to build on this machine, too long for every CI run;
# run it by hand with SANITIZE_ALL=1.
if [ -n "${SANITIZE_ALL:-}" ]; then
  targets=$(cd "$REPO/tests/unit" && for d in */; do ls "$d"*_test.cpp >/dev/null 2>&1 && printf 'test_%s ' "${d%/}"; done)
else
  targets="test_text test_yaml test_normalize test_rules test_extract"
fi
cmake --build "$BUILD" -j "$(nproc)" --target $targets
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
regex=$(for t in $targets; do printf '%s|' "${t#test_}"; done)
ctest --test-dir "$BUILD" -j "$(nproc)" --output-on-failure -R "^(${regex%|}):"
