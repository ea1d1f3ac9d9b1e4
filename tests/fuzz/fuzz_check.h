#pragma once
// Shared by the libFuzzer targets in this folder: a check for the contracts the project's
// headers state. A broken contract aborts, so libFuzzer saves the input like any crash.

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond, what)                                                                 \
  do {                                                                                         \
    if (!(cond)) {                                                                             \
      std::fprintf(stderr, "==FUZZ== contract violated at %s:%d: %s\n  check: %s\n", __FILE__, \
                   __LINE__, what, #cond);                                                     \
      std::abort();                                                                            \
    }                                                                                          \
  } while (0)
