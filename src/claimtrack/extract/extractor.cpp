#include "claimtrack/extract/extractor.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "claimtrack/text/article_reader.h"

namespace claimtrack::extract {

Extractor::Extractor(std::shared_ptr<const rules::RuleSet> rules) : rules_(std::move(rules)) {}

normalize::Lang ArticleLang(const Article& article) {
  normalize::Lang l = normalize::ParseLang(article.lang);
  if (l != normalize::Lang::kUnknown) return l;
  return normalize::ParseLang(text::GuessLanguage(article.text));
}

namespace {

size_t OverlapOf(const Span& a, const Span& b) {
  size_t lo = std::max(a.begin, b.begin);
  size_t hi = std::min(a.end, b.end);
  return hi > lo ? hi - lo : 0;
}

std::string Slice(std::string_view text, const std::optional<Span>& s) {
  if (!s || s->empty()) return {};
  return std::string(text.substr(s->begin, s->size()));
}

}  // namespace

void Extractor::ExtractSentence(std::string_view sentence, size_t offset, normalize::Lang lang,
                                std::optional<size_t> only_rule, std::vector<Claim>& out,
                                std::vector<Span>* out_of_range) const {
  // A claim is a rule match on a figure the normalizer reads, so a sentence without any
  // figure cannot yield one: skip the regex pass there (most sentences of a news text).
  const std::vector<Quantity> quantities = normalize::FindQuantities(sentence, lang);
  if (quantities.empty()) return;
  std::vector<rules::RuleMatch> matches = rules_->Match(sentence, lang);
  if (only_rule) {
    std::erase_if(matches, [&](const rules::RuleMatch& m) { return m.rule != *only_rule; });
  }
  if (matches.empty()) return;
  const auto& rules = rules_->rules();
  // Figure index -> (claim, rule) of the winning rule so far.
  std::map<size_t, std::pair<Claim, size_t>> by_figure;
  std::vector<Claim> all;  // only_rule: every match counts
  for (const auto& m : matches) {
    size_t best = quantities.size();
    size_t best_overlap = 0;
    for (size_t i = 0; i < quantities.size(); ++i) {
      size_t ov = OverlapOf(quantities[i].span, m.value);
      if (ov > best_overlap) {
        best_overlap = ov;
        best = i;
      }
    }
    if (best == quantities.size()) continue;  // the group matched no figure
    const rules::Rule& rule = rules[m.rule];
    if (quantities[best].ambiguity == normalize::kOutOfRange) {
      Span sp{quantities[best].span.begin + offset, quantities[best].span.end + offset};
      if (out_of_range && !rule.exclude &&
          std::find(out_of_range->begin(), out_of_range->end(), sp) == out_of_range->end())
        out_of_range->push_back(sp);
      continue;
    }
    Claim c;
    c.claim_type = rule.claim_type;
    c.rule_id = rule.id;
    c.review = rule.review;
    c.lang = std::string(normalize::ToString(lang));
    c.quantity = quantities[best];
    Quantity& q = c.quantity;
    std::string unit = rule.unit.empty() ? Slice(sentence, m.unit) : rule.unit;
    if (!unit.empty()) {
      if (q.kind == QuantityKind::kNumber) {
        q.kind = QuantityKind::kCount;
        q.unit = unit;
      } else if (q.kind == QuantityKind::kRange && q.unit.empty()) {
        q.unit = unit;
      }
    }
    if (m.period && q.period == Period::kNone) {
      q.period = normalize::ParsePeriodPhrase(Slice(sentence, m.period));
    }
    if (m.base) q.base = Slice(sentence, m.base);
    c.subject = rule.subject.empty() ? Slice(sentence, m.subject) : rule.subject;
    q.span.begin += offset;
    q.span.end += offset;
    if (only_rule) {
      all.push_back(std::move(c));
      continue;
    }
    auto it = by_figure.find(best);
    if (it == by_figure.end()) {
      by_figure.emplace(best, std::make_pair(std::move(c), m.rule));
    } else {
      const rules::Rule& held = rules[it->second.second];
      if (rule.priority > held.priority ||
          (rule.priority == held.priority && m.rule < it->second.second)) {
        it->second = std::make_pair(std::move(c), m.rule);
      }
    }
  }
  if (only_rule) {
    std::sort(all.begin(), all.end(), [](const Claim& a, const Claim& b) {
      return a.quantity.span.begin < b.quantity.span.begin;
    });
    for (auto& c : all) out.push_back(std::move(c));
    return;
  }
  for (auto& [_, pair] : by_figure) {
    if (!rules[pair.second].exclude) out.push_back(std::move(pair.first));
  }
}

std::vector<Claim> Extractor::Extract(const Article& article,
                                      const std::vector<Sentence>& sentences, normalize::Lang lang,
                                      std::vector<Span>* out_of_range) const {
  if (lang == normalize::Lang::kUnknown) lang = ArticleLang(article);
  std::vector<Claim> out;
  std::string_view text = article.text;
  for (const Sentence& s : sentences) {
    size_t before = out.size();
    std::string_view sentence = text.substr(s.span.begin, s.span.size());
    ExtractSentence(sentence, s.span.begin, lang, std::nullopt, out, out_of_range);
    for (size_t i = before; i < out.size(); ++i) {
      Claim& c = out[i];
      c.article_id = article.id;
      c.path = article.path;
      c.sentence_index = s.index;
      c.sentence_span = s.span;
      c.sentence = std::string(sentence);
    }
  }
  return out;
}

std::vector<Claim> Extractor::ExtractText(std::string_view text, normalize::Lang lang,
                                          std::optional<size_t> only_rule) const {
  std::vector<Claim> out;
  ExtractSentence(text, 0, lang, only_rule, out);
  for (Claim& c : out) {
    c.sentence_span = Span{0, text.size()};
    c.sentence = std::string(text);
  }
  return out;
}

namespace {

bool Near(double a, double b) {
  return std::fabs(a - b) <= 1e-6 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

// Compares one claim to an expectation; returns "" when it fits, else the first mismatch.
std::string Mismatch(const Claim& c, const rules::ExampleExpectation& e) {
  const Quantity& q = c.quantity;
  auto num = [](const std::optional<double>& v) {
    return v ? FormatNumber(*v) : std::string("null");
  };
  auto check_num = [&](const char* name, const std::optional<std::optional<double>>& want,
                       const std::optional<double>& got) -> std::string {
    if (!want) return {};
    if (want->has_value() != got.has_value() || (got.has_value() && !Near(**want, *got)))
      return fmt::format("{}: expected {}, got {}", name, num(*want), num(got));
    return {};
  };
  auto check_str = [&](const char* name, const std::optional<std::string>& want,
                       std::string_view got) -> std::string {
    if (!want || *want == got) return {};
    return fmt::format("{}: expected '{}', got '{}'", name, *want, got);
  };
  for (std::string m :
       {check_num("value", e.value, q.value), check_num("low", e.low, q.low),
        check_num("high", e.high, q.high), check_str("kind", e.kind, ToString(q.kind)),
        check_str("unit", e.unit, q.unit),
        check_str("qualifier", e.qualifier, ToString(q.qualifier)),
        check_str("period", e.period, ToString(q.period)), check_str("base", e.base, q.base),
        check_str("subject", e.subject, c.subject)}) {
    if (!m.empty()) return m;
  }
  return {};
}

}  // namespace

std::vector<ExampleResult> RunExamples(const Extractor& extractor) {
  std::vector<ExampleResult> out;
  const auto& rules = extractor.rules().rules();
  for (size_t ri = 0; ri < rules.size(); ++ri) {
    const rules::Rule& r = rules[ri];
    for (const auto& e : r.match_examples) {
      ExampleResult res{ri, true, e.text, e.line, false, {}};
      auto claims = extractor.ExtractText(e.text, r.lang, ri);
      if (claims.empty()) {
        res.detail = "no claim: the pattern did not match, or its value group covers no figure";
      } else {
        std::string first_miss;
        for (const auto& c : claims) {
          std::string m = Mismatch(c, e);
          if (m.empty()) {
            res.passed = true;
            res.detail = fmt::format("{} {}", ToString(c.quantity.kind), Describe(c.quantity));
            break;
          }
          if (first_miss.empty()) first_miss = m;
        }
        if (!res.passed) res.detail = first_miss;
      }
      out.push_back(std::move(res));
    }
    for (const auto& e : r.no_match_examples) {
      ExampleResult res{ri, false, e.text, e.line, false, {}};
      auto claims = extractor.ExtractText(e.text, r.lang, ri);
      res.passed = claims.empty();
      if (!res.passed) {
        res.detail = fmt::format("unexpected claim '{}' ({})", claims[0].quantity.text,
                                 Describe(claims[0].quantity));
      }
      out.push_back(std::move(res));
    }
  }
  return out;
}

}  // namespace claimtrack::extract
