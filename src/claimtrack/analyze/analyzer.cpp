#include "claimtrack/analyze/analyzer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "claimtrack/analyze/claim_key.h"
#include "claimtrack/analyze/key_internal.h"
#include "claimtrack/analyze/prepared.h"

namespace claimtrack::analyze {

namespace {

using internal::Item;
using internal::kNoDay;
using internal::Prepared;

// String -> dense id (0 is reserved for "none" when `zero_is_empty`).
class Interner {
 public:
  explicit Interner(bool zero_is_empty) {
    if (zero_is_empty) names_.push_back("");
  }
  uint32_t Id(const std::string& s) {
    if (s.empty() && !names_.empty() && names_[0].empty()) return 0;
    auto [it, fresh] = ids_.emplace(s, static_cast<uint32_t>(names_.size()));
    if (fresh) names_.push_back(s);
    return it->second;
  }
  std::vector<std::string>& names() { return names_; }

 private:
  std::unordered_map<std::string, uint32_t> ids_;
  std::vector<std::string> names_;
};

// What key building yields per record (built in parallel, interned afterwards).
struct Built {
  ClaimKey key;
  internal::KeyExtras extras;
};

uint64_t FigureSignature(const Interval& iv, const Quantity& q) {
  auto round6 = [](double v) {
    if (v == 0 || !std::isfinite(v)) return v;
    double mag = std::pow(10.0, std::floor(std::log10(std::fabs(v))) - 5);
    return std::round(v / mag) * mag;
  };
  double scale = q.kind == QuantityKind::kFraction ? 100 : 1;
  double parts[2] = {0, 0};
  if (q.value) {
    parts[0] = round6(*q.value * scale);
    parts[1] = -1;
  } else {
    parts[0] = q.low ? round6(*q.low * scale) : -iv.low;
    parts[1] = q.high ? round6(*q.high * scale) : -iv.high;
  }
  return internal::Hash64(std::string_view(reinterpret_cast<const char*>(parts), sizeof(parts)));
}

void BuildAll(const std::vector<ClaimRecord>& records, const KeyConfig& config, int threads,
              std::vector<Built>* out) {
  out->resize(records.size());
  unsigned n = threads > 0 ? static_cast<unsigned>(threads)
                           : std::min(4u, std::max(1u, std::thread::hardware_concurrency()));
  if (records.size() < 20000) n = 1;
  auto work = [&](size_t begin, size_t end) {
    internal::KeyScratch scratch;
    for (size_t i = begin; i < end; ++i) {
      (*out)[i].key = internal::BuildKey(records[i], config, scratch, &(*out)[i].extras);
    }
  };
  if (n <= 1) {
    work(0, records.size());
    return;
  }
  std::vector<std::thread> pool;
  size_t chunk = (records.size() + n - 1) / n;
  for (unsigned t = 0; t < n; ++t) {
    size_t b = t * chunk, e = std::min(records.size(), b + chunk);
    if (b < e) pool.emplace_back(work, b, e);
  }
  for (auto& th : pool) th.join();
}

void Prepare(const std::vector<ClaimRecord>& records, const KeyConfig& config,
             const AnalyzeOptions& options, Prepared* p) {
  p->records = &records;
  p->config = &config;
  p->options = &options;
  p->timeline_window = config.data().timeline_window_days;

  // Claim id order: the deterministic tie-break everywhere.
  std::vector<uint32_t> order(records.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    int c = records[a].claim_id.compare(records[b].claim_id);
    return c != 0 ? c < 0 : a < b;
  });
  std::vector<uint32_t> rank(records.size());
  for (uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;

  std::vector<Built> built;
  BuildAll(records, config, options.threads, &built);

  Interner groups(false), speakers(true), outlets(true), articles(false);
  p->event_dim = internal::kEventDim;
  for (uint32_t r = 0; r < records.size(); ++r) {
    const ClaimKey& k = built[r].key;
    if (!k.usable) continue;
    const ClaimRecord& rec = records[r];
    const Claim& c = rec.claim;
    Item it;
    it.rec = r;
    it.rank = rank[r];
    it.group = groups.Id(k.group);
    const std::string& outlet = rec.outlet == "unknown" ? std::string() : rec.outlet;
    it.outlet = outlets.Id(outlet);
    it.article = articles.Id(rec.article_id);
    const std::string& sid = c.attribution.speaker_id;
    bool unknown = sid.empty() || sid == "unknown";
    bool narrator = sid.rfind("narrator:", 0) == 0 || c.attribution.method == AttributionMethod::kNarrator;
    it.named = !unknown && !narrator;
    it.identified = it.named && (c.attribution.speaker_kind == "person" || sid.rfind("name:", 0) != 0);
    // Without a named speaker, the outlet stands for whoever said it.
    it.speaker = !unknown ? speakers.Id(sid) : outlet.empty() ? 0 : speakers.Id("unknown@" + outlet);
    it.day = internal::DayNumber(rec.date);
    double tolerance = config.ToleranceFor(c.claim_type);
    it.iv = AssertedInterval(c.quantity, tolerance);
    if (c.quantity.kind == QuantityKind::kFraction) it.iv = Scaled(it.iv, 100);
    switch (c.quantity.qualifier) {
      case Qualifier::kMoreThan:
      case Qualifier::kAtLeast:
        it.hedge_dir = 1;
        break;
      case Qualifier::kLessThan:
      case Qualifier::kAtMost:
      case Qualifier::kUpTo:
        it.hedge_dir = -1;
        break;
      default:
        break;
    }
    if (it.hedge_dir != 0 && c.quantity.value) {
      Quantity figure = c.quantity;
      figure.qualifier = Qualifier::kApprox;
      it.bound = AssertedInterval(figure, tolerance);
      if (c.quantity.kind == QuantityKind::kFraction) it.bound = Scaled(it.bound, 100);
    } else {
      it.hedge_dir = 0;
    }
    it.fig_ordinal = built[r].extras.fig_ordinal;
    if (!c.quantity.value && c.quantity.low && c.quantity.high) {
      Quantity end = c.quantity;
      end.qualifier = Qualifier::kApprox;
      end.kind = c.quantity.kind == QuantityKind::kRange ? QuantityKind::kNumber : c.quantity.kind;
      end.low.reset();
      end.high.reset();
      end.value = *c.quantity.low;
      it.range_low = AssertedInterval(end, tolerance);
      end.value = *c.quantity.high;
      it.range_high = AssertedInterval(end, tolerance);
      it.range = true;
    }
    it.verbatim = built[r].extras.verbatim;
    it.skeleton = built[r].extras.skeleton;
    it.figure = FigureSignature(it.iv, c.quantity);
    if (built[r].extras.fig_begin != std::string::npos) {
      it.fig_begin = static_cast<uint32_t>(built[r].extras.fig_begin);
      it.fig_end = static_cast<uint32_t>(built[r].extras.fig_end);
    }
    it.window = config.WindowDaysFor(c.claim_type);
    it.cumulative = k.cumulative;
    it.earlier = k.reported_earlier;
    it.weak = c.attribution.method == AttributionMethod::kCarryover ||
              c.attribution.method == AttributionMethod::kNone ||
              c.attribution.confidence < options.weak_confidence;
    it.concept_known = k.concept_known;
    it.distinctive = c.quantity.value && std::fabs(*c.quantity.value) >= 100 * RoundingUnit(*c.quantity.value);
    const std::vector<uint64_t>& soft = built[r].extras.soft;
    it.has_event = std::any_of(soft.begin(), soft.end(), [](uint64_t e) {
      return static_cast<uint32_t>(e >> 32) == internal::kEventDim;
    });
    it.soft_begin = static_cast<uint32_t>(p->soft.size());
    p->soft.insert(p->soft.end(), soft.begin(), soft.end());
    it.soft_end = static_cast<uint32_t>(p->soft.size());
    p->items.push_back(it);
  }
  p->groups = std::move(groups.names());
  // Every claim's sentence counts for "these two articles are copies", usable or not.
  for (uint32_t r = 0; r < records.size(); ++r) {
    uint32_t a = articles.Id(records[r].article_id);
    if (a >= p->article_sentences.size()) p->article_sentences.resize(a + 1);
    p->article_sentences[a].push_back(built[r].extras.verbatim);
  }
  for (auto& v : p->article_sentences) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  }
  for (uint32_t i = 0; i < p->items.size(); ++i) {
    const Item& it = p->items[i];
    if (it.earlier) p->earlier[internal::ArticleGroup(it.article, it.group)].push_back(i);
  }
  p->words.resize(p->items.size());
  p->has_words.assign(p->items.size(), false);
}

// Runs of items with equal `block` value, each run sorted by (day, rank).
template <typename BlockKey>
std::vector<uint32_t> SortedBy(const Prepared& p, BlockKey block) {
  std::vector<uint32_t> idx(p.items.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(), [&](uint32_t a, uint32_t b) {
    const Item& x = p.items[a];
    const Item& y = p.items[b];
    auto kx = block(x), ky = block(y);
    if (kx != ky) return kx < ky;
    if (x.day != y.day) return x.day < y.day;
    return x.rank < y.rank;
  });
  return idx;
}

}  // namespace

std::vector<Finding> Analyze(const std::vector<ClaimRecord>& records, const KeyConfig& config,
                             const AnalyzeOptions& options, AnalyzeStats* stats_out) {
  AnalyzeStats stats;
  stats.claims = records.size();
  Prepared p;
  auto start = std::chrono::steady_clock::now();
  Prepare(records, config, options, &p);
  auto keyed = std::chrono::steady_clock::now();
  stats.key_seconds = std::chrono::duration<double>(keyed - start).count();
  stats.compared = p.items.size();
  stats.groups = p.groups.size();

  std::vector<Finding> findings;
  // Pairs that made a finding (a pair met again in a later pass is not reported twice).
  // Pairs without a finding are not remembered: re-examining one is cheaper than a set of
  // tens of millions of pairs.
  std::unordered_set<uint64_t> found_pairs;
  std::unordered_set<uint64_t> seen_sentences;  // one finding per type and sentence pair
  std::vector<size_t> per_group(p.groups.size(), 0);
  auto consider = [&](uint32_t x, uint32_t y) {
    uint64_t pair = x < y ? (uint64_t{x} << 32 | y) : (uint64_t{y} << 32 | x);
    if (found_pairs.count(pair)) return;
    auto f = internal::ComparePair(p, x, y, stats);
    if (!f) return;
    found_pairs.insert(pair);
    if (!options.types.empty() &&
        std::find(options.types.begin(), options.types.end(), f->type) == options.types.end()) {
      return;
    }
    const Item& a = p.items[x];
    const Item& b = p.items[y];
    uint64_t sa = a.verbatim ^ (uint64_t{a.article} * 0x9E3779B97F4A7C15ULL);
    uint64_t sb = b.verbatim ^ (uint64_t{b.article} * 0x9E3779B97F4A7C15ULL);
    uint64_t sentences = internal::Hash64(
        std::to_string(std::min(sa, sb)) + ":" + std::to_string(std::max(sa, sb)) + ":" +
        std::to_string(static_cast<int>(f->type)));
    if (!seen_sentences.insert(sentences).second) return;
    size_t& n = per_group[p.items[x].group];
    if (n >= options.max_findings_per_group) {
      if (n == options.max_findings_per_group) ++stats.capped_groups;
      ++stats.dropped;
      ++n;
      return;
    }
    ++n;
    findings.push_back(std::move(*f));
  };
  const size_t k = std::max<size_t>(1, options.neighbours);
  int max_window = std::max(p.timeline_window, config.data().window_days);
  for (const ClaimTypeSpec& t : config.data().claim_types) {
    if (t.window_days) max_window = std::max(max_window, *t.window_days);
  }

  // Walks runs of equal block keys; compares each item with up to `back` earlier ones of its
  // run. With max_days >= 0, only dated items, at most max_days apart.
  auto walk = [&](const std::vector<uint32_t>& idx, auto same_block, size_t back, int max_days,
                  auto wanted) {
    const bool dated_only = max_days >= 0;
    size_t start = 0;
    for (size_t i = 0; i < idx.size(); ++i) {
      if (i > 0 && !same_block(p.items[idx[i - 1]], p.items[idx[i]])) start = i;
      const Item& it = p.items[idx[i]];
      if (dated_only && it.day == kNoDay) continue;
      size_t taken = 0;
      for (size_t j = i; j > start && taken < back; --j) {
        const Item& other = p.items[idx[j - 1]];
        if (dated_only) {
          if (other.day == kNoDay) break;
          if (it.day - other.day > max_days) break;
        }
        if (!wanted(it, other)) continue;
        ++taken;
        consider(idx[i], idx[j - 1]);
      }
    }
  };

  // A: the same speaker on the same key, in date order.
  {
    auto idx = SortedBy(p, [](const Item& x) { return std::make_pair(x.group, x.speaker); });
    walk(
        idx,
        [](const Item& x, const Item& y) { return x.group == y.group && x.speaker == y.speaker; },
        k, max_window, [](const Item& x, const Item&) { return x.speaker != 0; });
  }
  // B: copies of one sentence with another figure (or another speaker), dated or not.
  {
    auto idx = SortedBy(p, [](const Item& x) { return std::make_pair(x.group, x.skeleton); });
    walk(
        idx,
        [](const Item& x, const Item& y) { return x.group == y.group && x.skeleton == y.skeleton; },
        2 * k, -1, [](const Item&, const Item&) { return true; });
  }
  // C: the same figure on the same key from different named speakers.
  {
    auto idx = SortedBy(p, [](const Item& x) { return std::make_pair(x.group, x.figure); });
    walk(
        idx, [](const Item& x, const Item& y) { return x.group == y.group && x.figure == y.figure; },
        2 * k, -1,
        [](const Item& x, const Item& y) { return x.named && y.named && x.speaker != y.speaker; });
  }
  // D: reports of one event by other outlets in the same news cycle (reworded; copies were
  // met in B). Only claims whose sentences name an event take part.
  {
    auto idx = SortedBy(p, [](const Item& x) { return std::make_pair(x.group, !x.has_event); });
    walk(
        idx,
        [](const Item& x, const Item& y) {
          return x.group == y.group && x.has_event && y.has_event;
        },
        k, internal::kNewsCycleDays,
        [](const Item& x, const Item& y) {
          return x.outlet != 0 && y.outlet != 0 && x.outlet != y.outlet;
        });
  }

  std::sort(findings.begin(), findings.end(), FindingLess);
  stats.findings = findings.size();
  stats.compare_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - keyed).count();
  if (stats_out) *stats_out = stats;
  return findings;
}

}  // namespace claimtrack::analyze
