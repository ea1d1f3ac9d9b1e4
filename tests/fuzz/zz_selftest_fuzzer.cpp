#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <unistd.h>
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* d, size_t n) {
  const char* mode = getenv("SELFTEST");
  if (!mode || n < 1 || d[0] != 'X') return 0;
  if (!strcmp(mode, "crash")) { int* p = (int*)malloc(4); free(p); return p[0]; }
  if (!strcmp(mode, "leak")) { static void* volatile sink; sink = malloc(100); sink = nullptr; return 0; }
  if (!strcmp(mode, "timeout")) { for (volatile unsigned long i = 0; i < (1ul << 40); i = i + 1) {} }
  if (!strcmp(mode, "oom")) { void* p = malloc(3000u << 20); memset(p, 1, 3000u << 20); }
  return 0;
}
