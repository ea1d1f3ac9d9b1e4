#include "claimtrack/analyze/dates.h"

namespace claimtrack::analyze::internal {

int DayNumber(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return kNoDay;
  auto num = [&](size_t b, size_t n, int* out) {
    int v = 0;
    for (size_t i = b; i < b + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (!num(0, 4, &y) || !num(5, 2, &m) || !num(8, 2, &d)) return kNoDay;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return kNoDay;
  // Days from civil (H. Hinnant's algorithm).
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace claimtrack::analyze::internal
