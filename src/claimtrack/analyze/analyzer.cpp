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

// Identity of a string as a 64-bit hash; 0 stands for "none" (the empty string).
uint64_t Id(std::string_view s) {
  if (s.empty()) return 0;
  uint64_t h = internal::Hash64(s);
  return h == 0 ? 1 : h;
}

// What key building keeps per record: compact, because there may be millions.
struct Built {
  uint32_t group = UINT32_MAX;  // group id (per thread while building); UINT32_MAX: unusable
  uint32_t thread = 0;
  uint32_t soft_begin = 0, soft_end = 0;  // into that thread's soft pool
  bool cumulative = false, earlier = false, concept_known = false, specific = false;
  uint64_t skeleton = 0, verbatim = 0;
  size_t fig_begin = std::string::npos, fig_end = std::string::npos;
  uint32_t fig_ordinal = 0;
  uint64_t coarse = 0;
};

struct ThreadKeys {
  std::unordered_map<std::string, uint32_t> group_ids;
  std::vector<std::string> groups;
  std::vector<uint64_t> soft;
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

// Builds every key (in parallel for large inputs) and assigns group ids in the order of the
// group names, so that ids do not depend on threads or input order.
void BuildAll(const std::vector<ClaimRecord>& records, const KeyConfig& config, int threads,
              std::vector<Built>* out, std::vector<std::string>* group_names,
              std::vector<uint64_t>* soft_out, std::vector<std::string>* scopes) {
  out->resize(records.size());
  if (scopes) scopes->assign(records.size(), std::string());
  unsigned n = threads > 0 ? static_cast<unsigned>(threads)
                           : std::min(4u, std::max(1u, std::thread::hardware_concurrency()));
  if (records.size() < 20000) n = 1;
  std::vector<ThreadKeys> per_thread(n);
  auto work = [&](unsigned t, size_t begin, size_t end) {
    internal::KeyScratch scratch;
    internal::KeyExtras ex;
    ClaimKey key;
    ThreadKeys& tk = per_thread[t];
    for (size_t i = begin; i < end; ++i) {
      internal::BuildKey(records[i], config, scratch, ex, key);
      Built& b = (*out)[i];
      b.thread = t;
      b.verbatim = ex.verbatim;
      if (!key.usable) continue;
      if (scopes) (*scopes)[i] = key.scope;  // each thread writes its own records
      auto [it, fresh] = tk.group_ids.emplace(key.group, static_cast<uint32_t>(tk.groups.size()));
      if (fresh) tk.groups.push_back(key.group);
      b.group = it->second;
      b.cumulative = key.cumulative;
      b.earlier = key.reported_earlier;
      b.concept_known = key.concept_known;
      b.specific = !key.period.empty() || !key.hard_tags.empty();
      b.skeleton = ex.skeleton;
      b.fig_begin = ex.fig_begin;
      b.fig_end = ex.fig_end;
      b.fig_ordinal = ex.fig_ordinal;
      b.coarse = ex.coarse;
      b.soft_begin = static_cast<uint32_t>(tk.soft.size());
      tk.soft.insert(tk.soft.end(), ex.soft.begin(), ex.soft.end());
      b.soft_end = static_cast<uint32_t>(tk.soft.size());
    }
  };
  if (n <= 1) {
    work(0, 0, records.size());
  } else {
    std::vector<std::thread> pool;
    size_t chunk = (records.size() + n - 1) / n;
    for (unsigned t = 0; t < n; ++t) {
      size_t b = t * chunk, e = std::min(records.size(), b + chunk);
      if (b < e) pool.emplace_back(work, t, b, e);
    }
    for (auto& th : pool) th.join();
  }
  // Global group ids in name order.
  group_names->clear();
  for (const ThreadKeys& tk : per_thread) {
    group_names->insert(group_names->end(), tk.groups.begin(), tk.groups.end());
  }
  std::sort(group_names->begin(), group_names->end());
  group_names->erase(std::unique(group_names->begin(), group_names->end()), group_names->end());
  std::vector<std::vector<uint32_t>> to_global(n);
  for (unsigned t = 0; t < n; ++t) {
    for (const std::string& g : per_thread[t].groups) {
      auto pos = std::lower_bound(group_names->begin(), group_names->end(), g);
      to_global[t].push_back(static_cast<uint32_t>(pos - group_names->begin()));
    }
  }
  for (Built& b : *out) {
    if (b.group != UINT32_MAX) b.group = to_global[b.thread][b.group];
  }
  // Soft tags into one pool, in record order.
  std::vector<uint64_t>& merged = *soft_out;
  merged.clear();
  for (Built& b : *out) {
    if (b.group == UINT32_MAX) continue;
    const auto& pool = per_thread[b.thread].soft;
    uint32_t begin = static_cast<uint32_t>(merged.size());
    merged.insert(merged.end(), pool.begin() + b.soft_begin, pool.begin() + b.soft_end);
    b.soft_begin = begin;
    b.soft_end = static_cast<uint32_t>(merged.size());
  }
}

void Prepare(const std::vector<ClaimRecord>& records, const KeyConfig& config,
             const AnalyzeOptions& options, Prepared* p, std::vector<std::string>* scopes,
             const std::vector<SentenceRef>* context) {
  p->records = &records;
  p->config = &config;
  p->options = &options;
  p->timeline_window = config.data().timeline_window_days;

  std::vector<Built> built;
  BuildAll(records, config, options.threads, &built, &p->groups, &p->soft, scopes);

  p->event_dim = internal::kEventDim;
  p->items.reserve(records.size());
  p->article_sentences.reserve(records.size() + (context ? context->size() : 0));
  if (context) {
    for (const SentenceRef& c : *context) p->article_sentences.emplace_back(c.article, c.sentence);
  }
  for (uint32_t r = 0; r < records.size(); ++r) {
    const Built& b = built[r];
    const ClaimRecord& rec = records[r];
    uint64_t article = Id(rec.article_id);
    p->article_sentences.emplace_back(article, b.verbatim);
    if (b.group == UINT32_MAX) continue;
    const Claim& c = rec.claim;
    Item it;
    it.rec = r;
    it.rank = internal::Hash64(rec.claim_id);
    it.group = b.group;
    const std::string& outlet = rec.outlet == "unknown" ? std::string() : rec.outlet;
    it.outlet = Id(outlet);
    it.article = article;
    const std::string& sid = c.attribution.speaker_id;
    bool unknown = sid.empty() || sid == "unknown";
    bool narrator =
        sid.rfind("narrator:", 0) == 0 || c.attribution.method == AttributionMethod::kNarrator;
    it.named = !unknown && !narrator;
    it.identified =
        it.named && (c.attribution.speaker_kind == "person" || sid.rfind("name:", 0) != 0);
    // Without a named speaker, the outlet stands for whoever said it.
    it.speaker = !unknown ? Id(sid) : outlet.empty() ? 0 : Id("unknown@" + outlet);
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
    it.fig_ordinal = b.fig_ordinal;
    it.coarse = b.coarse;
    it.verbatim = b.verbatim;
    it.skeleton = b.skeleton;
    it.figure = FigureSignature(it.iv, c.quantity);
    if (b.fig_begin != std::string::npos) {
      it.fig_begin = static_cast<uint32_t>(b.fig_begin);
      it.fig_end = static_cast<uint32_t>(b.fig_end);
    }
    it.window = config.WindowDaysFor(c.claim_type);
    it.cumulative = b.cumulative;
    it.earlier = b.earlier;
    it.weak = c.attribution.method == AttributionMethod::kCarryover ||
              c.attribution.method == AttributionMethod::kNone ||
              c.attribution.confidence < options.weak_confidence;
    it.concept_known = b.concept_known;
    it.specific = b.specific;
    it.distinctive =
        c.quantity.value && std::fabs(*c.quantity.value) >= 100 * RoundingUnit(*c.quantity.value);
    it.soft_begin = b.soft_begin;
    it.soft_end = b.soft_end;
    it.has_event = std::any_of(
        p->soft.begin() + b.soft_begin, p->soft.begin() + b.soft_end,
        [](uint64_t e) { return static_cast<uint32_t>(e >> 32) == internal::kEventDim; });
    p->items.push_back(it);
  }
  std::sort(p->article_sentences.begin(), p->article_sentences.end());
  p->article_sentences.erase(std::unique(p->article_sentences.begin(), p->article_sentences.end()),
                             p->article_sentences.end());
  for (uint32_t i = 0; i < p->items.size(); ++i) {
    const Item& it = p->items[i];
    if (it.earlier) p->earlier[internal::ArticleScope(it.article, it.coarse)].push_back(i);
  }
  p->words.resize(p->items.size());
  p->has_words.assign(p->items.size(), false);
}

// What a pass walks over: the fields it needs of an item, packed and in walking order, so that
// scanning neighbours reads memory in sequence.
struct Entry {
  uint32_t group;
  uint64_t block;
  int day;
  uint64_t rank;
  uint32_t index;  // into Prepared::items
  uint64_t speaker;
  uint64_t outlet;
  int reach;  // days back a partner may lie (window, or the timeline window if cumulative)
  bool identified, named, has_event;
};

// Items ordered by (group, block value, day, rank): runs of equal (group, block), each in date
// order.
template <typename Block>
const std::vector<Entry>& SortedBy(const Prepared& p, Block block, std::vector<Entry>& entries) {
  entries.resize(p.items.size());
  for (uint32_t i = 0; i < p.items.size(); ++i) {
    const Item& x = p.items[i];
    int reach = x.cumulative ? std::max(x.window, p.timeline_window) : x.window;
    entries[i] = {x.group,  block(x), x.day,        x.rank,  i,          x.speaker,
                  x.outlet, reach,    x.identified, x.named, x.has_event};
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.group != b.group) return a.group < b.group;
    if (a.block != b.block) return a.block < b.block;
    if (a.day != b.day) return a.day < b.day;
    if (a.rank != b.rank) return a.rank < b.rank;
    return a.index < b.index;
  });
  return entries;
}

}  // namespace

SentenceRef SentenceRefOf(std::string_view article_id, std::string_view sentence) {
  return {Id(article_id), internal::VerbatimHash(sentence)};
}

std::vector<Finding> Analyze(const std::vector<ClaimRecord>& records, const KeyConfig& config,
                             const AnalyzeOptions& options, AnalyzeStats* stats_out,
                             std::vector<std::string>* scopes,
                             const std::vector<SentenceRef>* context) {
  AnalyzeStats stats;
  stats.claims = records.size() + (context ? context->size() : 0);
  Prepared p;
  auto start = std::chrono::steady_clock::now();
  Prepare(records, config, options, &p, scopes, context);
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
    // A group that reached its cap is flooded (many copies of one sentence with ever other
    // figures): the rest of it is not examined.
    if (per_group[p.items[x].group] >= options.max_findings_per_group) return;
    uint64_t pair = x < y ? (uint64_t{x} << 32 | y) : (uint64_t{y} << 32 | x);
    if (found_pairs.count(pair)) return;
    auto d = internal::Decide(p, x, y, stats);
    if (!d) return;
    if (!options.types.empty() &&
        std::find(options.types.begin(), options.types.end(), d->type) == options.types.end()) {
      return;
    }
    const Item& a = p.items[x];
    const Item& b = p.items[y];
    // One finding per type, scope and pair of sentences (a sentence with several figures
    // that all differ is one finding, not several). Per scope, not across scopes: the
    // findings of a scope must not depend on which other scopes were analysed with it, or an
    // incremental `check` (which recomputes some scopes) would differ from a full one.
    uint64_t sa = a.verbatim ^ (a.article * 0x9E3779B97F4A7C15ULL);
    uint64_t sb = b.verbatim ^ (b.article * 0x9E3779B97F4A7C15ULL);
    uint64_t sentences =
        ((std::min(sa, sb) * 31 + std::max(sa, sb)) * 7 + static_cast<uint64_t>(d->type)) ^
        (a.coarse * 0xC2B2AE3D27D4EB4FULL);
    if (seen_sentences.count(sentences)) return;
    size_t& n = per_group[a.group];
    if (++n == options.max_findings_per_group) ++stats.capped_groups;
    seen_sentences.insert(sentences);
    found_pairs.insert(pair);
    findings.push_back(internal::BuildFinding(p, x, y, *d));
  };
  const size_t k = std::max<size_t>(1, options.neighbours);

  // Walks runs of equal (group, block), each in date order; compares each entry that
  // `item_ok` accepts with up to `back` earlier entries of its run that `pair_ok` accepts,
  // scanning at most 4 * back, and never further back than the entry's reach (`reach_of`).
  // Undated entries come first in each run and are met by every later entry, unless
  // `dated_only` leaves them out.
  auto walk = [&](const std::vector<Entry>& e, size_t back, bool dated_only, auto reach_of,
                  auto item_ok, auto pair_ok) {
    size_t start = 0;
    for (size_t i = 0; i < e.size(); ++i) {
      if (i > 0 && (e[i].group != e[i - 1].group || e[i].block != e[i - 1].block)) start = i;
      const Entry& it = e[i];
      if (!item_ok(it) || (dated_only && it.day == kNoDay)) continue;
      const int limit = it.day == kNoDay ? 0 : reach_of(it);
      size_t taken = 0, scanned = 0;
      for (size_t j = i; j > start && taken < back && scanned < 4 * back; --j, ++scanned) {
        const Entry& other = e[j - 1];
        if (other.day != kNoDay && it.day - other.day > limit) {
          // Everything further back is dated and further away, except undated run heads.
          if (dated_only || e[start].day != kNoDay) break;
          while (j - 1 > start && e[j - 2].day != kNoDay) --j;
          continue;
        }
        if (other.day == kNoDay && dated_only) break;
        if (!item_ok(other) || !pair_ok(it, other)) continue;
        ++taken;
        consider(it.index, other.index);
      }
    }
  };
  std::vector<Entry> entries;  // one buffer for the four passes
  auto reach = [](const Entry& x) { return x.reach; };
  auto news_cycle = [](const Entry&) { return internal::kNewsCycleDays; };
  auto any = [](const Entry&) { return true; };
  auto any_pair = [](const Entry&, const Entry&) { return true; };

  // A: one identified speaker on one key, in date order (the German and the English
  // interview of the same week). Other speakers' figures are compared in B and C only.
  walk(
      SortedBy(
          p, [](const Item& x) { return x.speaker; }, entries),
      k, true, reach, [](const Entry& x) { return x.identified; }, any_pair);
  // B: copies of one sentence with another figure (or another speaker), dated or not.
  walk(SortedBy(
           p, [](const Item& x) { return x.skeleton; }, entries),
       2 * k, false, reach, any, any_pair);
  // C: the same figure on the same key from different named speakers.
  walk(
      SortedBy(
          p, [](const Item& x) { return x.figure; }, entries),
      2 * k, false, reach, [](const Entry& x) { return x.named; },
      [](const Entry& x, const Entry& y) { return x.speaker != y.speaker; });
  // D: reports of one event by other outlets in the same news cycle (reworded; copies were
  // met in B). Only claims whose sentences name an event take part.
  walk(
      SortedBy(
          p, [](const Item& x) { return uint64_t{!x.has_event}; }, entries),
      k, true, news_cycle, [](const Entry& x) { return x.has_event && x.outlet != 0; },
      [](const Entry& x, const Entry& y) { return x.outlet != y.outlet; });

  std::sort(findings.begin(), findings.end(), FindingLess);
  stats.findings = findings.size();
  stats.compare_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - keyed).count();
  if (stats_out) *stats_out = stats;
  return findings;
}

}  // namespace claimtrack::analyze
