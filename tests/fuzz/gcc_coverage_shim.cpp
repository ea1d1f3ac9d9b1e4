// Coverage for project sources that clang++-14 cannot compile (run.sh then builds them with
// g++, still with ASan + UBSan; see docs/reliability.md, "Fuzzing"). g++ can instrument with
// -fsanitize-coverage=trace-pc,trace-cmp, but libFuzzer 14 refuses the trace-pc hook, so
// run.sh renames that hook in those objects to claimtrack_fuzz_trace_pc, and this file maps
// each calling site into libFuzzer's extra-counters section, which libFuzzer reads as
// coverage after every input. The trace-cmp hooks of integers are libFuzzer's own; g++
// also emits hooks for float and double compares, which libFuzzer lacks: no-ops here.
// Built without instrumentation.

#include <cstddef>
#include <cstdint>

namespace {
constexpr size_t kCounters = size_t{1} << 16;
}  // namespace

extern "C" {

__attribute__((section("__libfuzzer_extra_counters"), used))
uint8_t claimtrack_fuzz_counters[kCounters];

__attribute__((no_sanitize("address", "undefined"))) void claimtrack_fuzz_trace_pc() {
  auto pc = reinterpret_cast<uintptr_t>(__builtin_return_address(0));
  uint8_t& counter = claimtrack_fuzz_counters[(pc ^ (pc >> 16)) & (kCounters - 1)];
  if (counter != 0xFF) ++counter;
}

void __sanitizer_cov_trace_cmpf(float, float) {}
void __sanitizer_cov_trace_cmpd(double, double) {}

}  // extern "C"
