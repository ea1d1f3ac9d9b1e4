#!/usr/bin/env bash
# Builds the unit tests with AddressSanitizer + UBSan (warnings are errors) in a build folder
# of its own and runs them. ctest runs this as "ci: unit tests under ASan+UBSan".
#
# usage: tests/sanitize/run.sh [BUILD_DIR]   (default: ${TMPDIR:-/tmp}/claimtrack-asan)
# Exit status: 0 when every unit test passes without a sanitizer report; non-zero otherwise.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${1:-${TMPDIR:-/tmp}/claimtrack-asan}
cmake -S "$REPO" -B "$BUILD" -DCMAKE_BUILD_TYPE=Debug -DCLAIMTRACK_SANITIZE=ON \
  -DCLAIMTRACK_WERROR=ON -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" >/dev/null
# Only the unit test binaries: the CLI and its end-to-end tests run in the main build.
targets=$(cd "$REPO/tests/unit" && for d in */; do printf 'test_%s ' "${d%/}"; done)
cmake --build "$BUILD" -j "$(nproc)" --target $targets
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# The store's benchmark-sized tests are slow under ASan and test no memory safety of their
# own beyond what the small store tests cover.
ctest --test-dir "$BUILD" -j "$(nproc)" --output-on-failure -E "^(cli|eval|ci):|bench|1M|million"
