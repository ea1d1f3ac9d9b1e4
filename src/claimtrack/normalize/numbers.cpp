#include "claimtrack/normalize/numbers.h"

#include <cmath>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "claimtrack/normalize/lexer.h"
#include "claimtrack/normalize/words.h"

namespace claimtrack::normalize {

using internal::Token;
using TT = internal::Token::Type;

Lang ParseLang(std::string_view code) {
  if (code.size() >= 2) {
    std::string_view two = code.substr(0, 2);
    if ((two == "de" || two == "DE") && (code.size() == 2 || code[2] == '-' || code[2] == '_'))
      return Lang::kDe;
    if ((two == "en" || two == "EN") && (code.size() == 2 || code[2] == '-' || code[2] == '_'))
      return Lang::kEn;
  }
  return Lang::kUnknown;
}

std::string_view ToString(Lang lang) {
  switch (lang) {
    case Lang::kDe:
      return "de";
    case Lang::kEn:
      return "en";
    case Lang::kUnknown:
      break;
  }
  return "";
}

namespace {

// The grammar, over tokens (not bytes):
//   expr   := [qualifier] (range | single) [period]
//   range  := ("zwischen"|"between") single ("und"|"and") single
//           | ["von"|"from"] single ("bis"|"to"|"-"|"–") single
//   single := ["-"|"minus"] [currency] core [scale] [percent | currency]
//   core   := digits | number words | fraction ("zwei Drittel", "3/4", "jeder dritte")
// Each parse function takes a token index and returns the index after what it read.
class Parser {
 public:
  Parser(std::string_view text, Lang lang)
      : text_(text), lang_(lang), toks_(internal::Tokenize(text, lang)) {}

  std::vector<Quantity> Run() {
    std::vector<Quantity> out;
    size_t i = 0;
    while (i < toks_.size()) {
      size_t next = i;
      if (auto q = ParseCompoundAdjective(i, &next)) {
        out.push_back(std::move(*q));
        i = next;
        continue;
      }
      if (auto q = ParseVague(i, &next)) {
        out.push_back(std::move(*q));
        i = next;
        continue;
      }
      if (!CanStart(i)) {
        ++i;
        continue;
      }
      if (auto q = ParseExpr(i, &next)) {
        out.push_back(std::move(*q));
        i = next > i ? next : i + 1;
      } else {
        ++i;
      }
    }
    return out;
  }

 private:
  // A number word inside a compound adjective: "a three-year deal", "twelve-storey",
  // "achtteilige Serie", "zehnjähriger Reise". Only the number word is the figure.
  std::optional<Quantity> ParseCompoundAdjective(size_t i, size_t* next) const {
    const Token* t = At(i);
    if (!t || t->type != TT::kWord) return std::nullopt;
    std::string_view w = t->lower;
    std::optional<double> v;
    size_t len = 0;
    if (lang_ != Lang::kDe) {
      size_t dash = w.find('-');
      if (dash != std::string_view::npos && dash + 1 < w.size()) {
        std::string_view head = w.substr(0, dash);
        std::string_view tail = w.substr(dash + 1);
        // "twenty-two" is a number, not a compound adjective.
        if (!internal::EnglishNumberWord(tail) && !internal::FractionWord(tail) &&
            !internal::ScaleWord(tail, lang_) && head != "a" && head != "an") {
          v = internal::EnglishNumberWord(head);
          len = dash;
        }
      }
    }
    if (!v && lang_ != Lang::kEn) {
      static const std::string_view kSuffixes[] = {
          "teilig",  "jährig", "stöckig", "minütig",   "stündig", "tägig", "wöchig",
          "monatig", "köpfig", "seitig",  "prozentig", "fach",    "malig", "stufig"};
      for (auto suffix : kSuffixes) {
        for (size_t cut = 3; cut + suffix.size() <= w.size() && !v; ++cut) {
          if (w.substr(cut, suffix.size()) != suffix) continue;
          std::string_view head = w.substr(0, cut);
          if (head.ends_with("-")) head.remove_suffix(1);
          if (head == "ein" || head == "eine") continue;
          if (auto x = internal::GermanNumberWord(head)) {
            v = x;
            len = head.size();
          }
        }
        if (v) break;
      }
    }
    if (!v || len == 0) return std::nullopt;
    Quantity q;
    q.kind = QuantityKind::kNumber;
    q.value = *v;
    q.span.begin = t->begin;
    q.span.end = t->begin + len;
    q.text = std::string(text_.substr(q.span.begin, q.span.size()));
    *next = i + 1;
    return q;
  }

  // Vague quantities in words: "Dutzende Tote", "Hunderte Menschen", "zu Tausenden",
  // "dozens of", "hundreds of", "tens of thousands of", "several dozen". A lower bound: the
  // value is the unit of the plural (12, 100, 1,000, ...) with qualifier at_least, so a
  // comparison sees "at least a hundred", never "a hundred" (the weakest reading: "hundreds"
  // could be read as at least 200, but a bound that is too high would make false
  // conflicts). A scale and a currency after it make money: "Hunderte Millionen Euro",
  // "hundreds of millions of dollars" (at least 100 million).
  std::optional<Quantity> ParseVague(size_t i, size_t* next) const {
    const Token* t = At(i);
    if (!t || t->type != TT::kWord) return std::nullopt;
    static const std::unordered_map<std::string_view, double> kDe = {
        {"dutzende", 12},          {"dutzenden", 12},      {"hunderte", 100},
        {"hunderten", 100},        {"tausende", 1e3},      {"tausenden", 1e3},
        {"zehntausende", 1e4},     {"zehntausenden", 1e4}, {"hunderttausende", 1e5},
        {"hunderttausenden", 1e5}, {"abertausende", 1e3},  {"abertausenden", 1e3}};
    static const std::unordered_map<std::string_view, double> kEn = {
        {"dozens", 12},     {"scores", 20},    {"hundreds", 100},
        {"thousands", 1e3}, {"millions", 1e6}, {"billions", 1e9}};
    double unit = 0;  // the unit of the plural, the lower bound
    size_t end = i + 1;
    if (lang_ != Lang::kEn) {
      // Austrian and older spelling writes them lower-case too ("tausende Ungarn").
      if (auto it = kDe.find(t->lower); it != kDe.end()) unit = it->second;
      // "mehrere Dutzend", "einige Dutzend"
      if ((t->lower == "mehrere" || t->lower == "einige") && IsWord(i + 1, "dutzend")) {
        unit = 12;
        end = i + 2;
      }
      if (unit > 0) {
        // "Hunderte Millionen (Euro)"
        if (const Token* n = At(end); n && n->type == TT::kWord) {
          if (auto sc = internal::ScaleWord(n->lower, lang_);
              sc && !sc->money_only && !sc->attached_only && sc->factor >= 1e6) {
            unit *= sc->factor;
            end = sc->abbreviation ? SkipDot(end + 1) : end + 1;
          }
        }
      }
    }
    if (unit == 0 && lang_ != Lang::kDe) {
      // "tens of thousands of", "hundreds of thousands of", "hundreds of"
      auto it = kEn.find(t->lower);
      if (t->lower == "tens" && IsWord(i + 1, "of") && kEn.count(WordAt(i + 2)) &&
          IsWord(i + 3, "of")) {
        unit = 10 * kEn.at(WordAt(i + 2));
        end = i + 3;
      } else if (it != kEn.end() && IsWord(i + 1, "of")) {
        unit = it->second;
        end = i + 1;
        if (kEn.count(WordAt(i + 2)) && IsWord(i + 3, "of")) {
          unit *= kEn.at(WordAt(i + 2));
          end = i + 3;
        }
      } else if (it != kEn.end() && i > 0 && it->first != "millions" && it->first != "billions" &&
                 !t->capitalized) {
        // "Police said thousands had gathered": a bare plural after a verb or preposition.
        const Token& prev = toks_[i - 1];
        if (prev.type == TT::kWord && !internal::EnglishNumberWord(prev.lower)) unit = it->second;
      }
      if ((t->lower == "several" || t->lower == "some") && IsWord(i + 1, "dozen")) {
        unit = 12;
        end = i + 2;
      }
    }
    if (unit == 0) return std::nullopt;
    Quantity q;
    q.kind = QuantityKind::kNumber;
    q.value = unit;
    q.qualifier = Qualifier::kAtLeast;
    // "… of dollars", "Millionen Euro": money.
    size_t cur = end;
    if (lang_ != Lang::kDe && IsWord(cur, "of")) ++cur;
    if (const Token* c = At(cur); c && c->type == TT::kWord && (cur > end || unit >= 1e6)) {
      if (auto code = internal::CurrencyWord(c->lower); code && c->lower.size() > 3) {
        q.kind = QuantityKind::kMoney;
        q.unit = std::string(*code);
        end = cur + 1;
      }
    }
    q.span.begin = t->begin;
    q.span.end = toks_[end - 1].end;
    q.text = std::string(text_.substr(q.span.begin, q.span.size()));
    *next = end;
    return q;
  }

  // A parsed single figure before it becomes a Quantity.
  struct Single {
    size_t begin_tok = 0, end_tok = 0;  // [begin, end) tokens
    double value = 0;
    bool has_scale = false;
    double factor = 1;
    int precision = 0;
    bool ambiguous = false;
    std::string ambiguity;
    bool fraction = false;
    std::string unit;  // "%", "pp", "bp", ISO code
    bool money = false;
    bool from_words = false;
  };

  // Whether an expression can start at token i: a cheap test that spares the grammar most
  // words of a text (every path into ParseExpr begins with one of these).
  bool CanStart(size_t i) const {
    const Token& t = toks_[i];
    switch (t.type) {
      case TT::kNumber:
        return true;
      case TT::kSkip:
        return false;
      case TT::kSymbol:
        return t.lower == "-" || t.lower == "−" || internal::CurrencySymbol(t.lower).has_value();
      case TT::kWord:
        break;
    }
    static const std::unordered_set<std::string_view> kStarters = [] {
      std::unordered_set<std::string_view> set = {
          "zwischen", "between", "von", "from", "jeder",  "jede", "jedes", "jeden",   "jedem",
          "every",    "die",     "der", "zur",  "hälfte", "half", "minus", "a",       "an",
          "us",       "hk",      "nz",  "c",    "rs",     "sfr",  "fr",    "negative"};
      for (const auto& p : internal::QualifierPhrases()) set.insert(p.words.front());
      return set;
    }();
    if (kStarters.count(t.lower)) return true;
    if (t.lower.size() == 3 && internal::CurrencyWord(t.lower)) return true;
    if (lang_ != Lang::kEn && internal::GermanNumberWord(t.lower)) return true;
    if (lang_ != Lang::kDe) {
      if (internal::EnglishNumberWord(t.lower)) return true;
      size_t dash = t.lower.find('-');
      if (dash != std::string::npos &&
          internal::EnglishNumberWord(std::string_view(t.lower).substr(0, dash)))
        return true;
    }
    return false;
  }

  const Token* At(size_t i) const { return i < toks_.size() ? &toks_[i] : nullptr; }
  bool IsWord(size_t i, std::string_view w) const {
    const Token* t = At(i);
    return t && t->type == TT::kWord && t->lower == w;
  }
  bool IsSym(size_t i, std::string_view s) const {
    const Token* t = At(i);
    return t && t->type == TT::kSymbol && t->lower == s;
  }
  bool IsDash(size_t i) const {
    return IsSym(i, "-") || IsSym(i, "–") || IsSym(i, "—") || IsSym(i, "‒");
  }
  std::string_view WordAt(size_t i) const {
    const Token* t = At(i);
    return t && t->type == TT::kWord ? std::string_view(t->lower) : std::string_view();
  }
  // Consumes an abbreviation's '.' directly after token i ("Mio.", "ca.").
  size_t SkipDot(size_t i) const {
    if (IsSym(i, ".") && !toks_[i].space_before) return i + 1;
    return i;
  }

  std::optional<Quantity> ParseExpr(size_t i, size_t* next) {
    size_t start = i;
    Qualifier qual = Qualifier::kNone;
    size_t j = ParseQualifier(i, &qual);
    // A qualifier word alone is not an expression: then nothing starts here.
    return ParseAfterQualifier(start, j, qual, next);
  }

  std::optional<Quantity> ParseAfterQualifier(size_t start, size_t j, Qualifier qual,
                                              size_t* next) {
    // Ranges opened by a word.
    bool between = IsWord(j, "zwischen") || IsWord(j, "between");
    bool from = IsWord(j, "von") || IsWord(j, "from");
    size_t k = (between || from) ? j + 1 : j;
    Single a;
    if (!ParseSingle(k, &a)) return std::nullopt;
    size_t end = a.end_tok;
    std::optional<Single> b;
    size_t c = a.end_tok;
    auto c_of = [](const Single& x) { return x.end_tok; };
    bool connector = false;
    // "rose from 4.1% to 4.5%", "fell by 0.2 million to 2.6 million", "jumped 76% to
    // $1.13bn" are changes, not ranges.
    // "from 70% to 49%" (each end with its own unit, the verb further back) is a change too.
    const bool change =
        (from && IsChangeBefore(j)) ||
        (from && !a.unit.empty() && (IsWord(c_of(a), "to") || IsWord(c_of(a), "auf"))) ||
        (IsWord(c_of(a), "to") && (a.has_scale || !a.unit.empty()) &&
         (IsChangeBefore(k) || (k > 0 && IsWord(k - 1, "by"))));
    // "100-300", "100 – 300", "$2-3bn" (also after "between": "between $10-25m")
    const bool dash_range =
        IsDash(c) && At(c + 1) &&
        (At(c + 1)->type == TT::kNumber || internal::CurrencySymbol(At(c + 1)->lower));
    if (between) {
      connector = IsWord(c, "und") || IsWord(c, "and") || dash_range;
    } else if (change) {
      connector = false;  // "rose from 4.1% to 4.5%" is a change, not a range
    } else {
      bool to_ok = IsWord(c, "to") && (from || a.unit.empty() || IsCurrencyAt(c + 1));
      connector = (IsWord(c, "bis") && !IsWord(c + 1, "zu")) || to_ok;
      connector = connector || dash_range;
    }
    if (connector) {
      Single s;
      money_context_ = a.money;
      if (ParseSingle(c + 1, &s) && !s.fraction && !a.fraction) b = s;
      money_context_ = false;
      // "2016 – 78,3 Milliarden Euro": a dash between figures of different magnitude
      // and dimension is punctuation, not a range.
      if (b && IsDash(c) && b->has_scale && !a.has_scale && a.value > b->value / b->factor)
        b.reset();
      if (b && !a.unit.empty() && !b->unit.empty() && a.unit != b->unit) b.reset();
      if (b && IsDash(c) && !b->unit.empty() && a.unit.empty() && !b->has_scale && b->unit != "%")
        b.reset();
    }
    if (!b && !a.fraction && (qual == Qualifier::kMoreThan || qual == Qualifier::kAtLeast)) {
      // "greater than 20 and less than or equal to 50", "mehr als 20 und höchstens 50",
      // "more than 5 but fewer than 10": two bounds make a range.
      const size_t c2 = a.end_tok;
      if (IsWord(c2, "and") || IsWord(c2, "but") || IsWord(c2, "und") || IsWord(c2, "aber")) {
        Qualifier upper = Qualifier::kNone;
        const size_t k2 = ParseQualifier(c2 + 1, &upper);
        Single s2;
        if (k2 > c2 + 1 &&
            (upper == Qualifier::kLessThan || upper == Qualifier::kAtMost ||
             upper == Qualifier::kUpTo) &&
            ParseSingle(k2, &s2) && !s2.fraction && s2.value > a.value &&
            (s2.unit.empty() || a.unit.empty() || s2.unit == a.unit)) {
          b = s2;
          qual = Qualifier::kNone;
        }
      }
    }
    if ((between || from) && !b) {
      // "zwischen" without a second end: the word is not part of the figure.
      start = j = k;
    }
    Quantity q;
    q.qualifier = qual;
    if (b) {
      end = b->end_tok;
      // Shared scale and unit: "100 bis 300 Milliarden", "10 to 20 percent".
      if (!a.has_scale && b->has_scale && a.value <= b->value / b->factor) {
        a.value *= b->factor;
      }
      // Shared thousands in a dash range: "$50-100,000", "10-15.000 Menschen" (not "1-5"
      // nor "2-3,500" of unlike size).
      if (IsDash(a.end_tok) && !a.has_scale && !b->has_scale && a.precision == 0 && a.value >= 1 &&
          a.value < 1000 && b->value >= 1000 && std::fmod(b->value, 1000) == 0 &&
          a.value * 1000 <= b->value && a.value * 1000 * 20 >= b->value) {
        a.value *= 1000;
      }
      if (a.unit.empty()) {
        a.unit = b->unit;
        a.money = b->money;
      }
      if (b->unit.empty()) b->unit = a.unit;
      q.kind = QuantityKind::kRange;
      q.low = a.value;
      q.high = b->value;
      if (*q.low > *q.high) std::swap(*q.low, *q.high);
      q.unit = b->unit;
      q.precision = std::max(a.precision, b->precision);
      q.ambiguous = a.ambiguous || b->ambiguous;
      q.ambiguity = a.ambiguous ? a.ambiguity : b->ambiguity;
    } else {
      q.kind = a.fraction                                          ? QuantityKind::kFraction
               : a.unit == "%" || a.unit == "pp" || a.unit == "bp" ? QuantityKind::kPercent
               : a.money                                           ? QuantityKind::kMoney
                                                                   : QuantityKind::kNumber;
      q.value = a.value;
      q.unit = a.unit;
      q.precision = a.precision;
      q.ambiguous = a.ambiguous;
      q.ambiguity = a.ambiguity;
      if (a.fraction) q.base = BaseAfter(end);
      if (q.kind == QuantityKind::kPercent && q.base.empty()) q.base = BaseAfter(end);
    }
    // Period: right after, or after one or two nouns ("20.000 Soldaten pro Monat").
    size_t period_end = end;
    q.period = ParsePeriod(end, &period_end);
    if (q.period != Period::kNone && period_end > end && PeriodAdjacent(end)) end = period_end;
    q.span.begin = toks_[start].begin;
    q.span.end = toks_[end - 1].end;
    q.text = std::string(text_.substr(q.span.begin, q.span.size()));
    *next = end;
    return q;
  }

  size_t ParseQualifier(size_t i, Qualifier* q) const {
    const Token* t = At(i);
    if (!t || t->type != TT::kWord) return i;
    // Phrases by first word, longest first.
    static const auto kByFirst = [] {
      std::unordered_map<std::string_view, std::vector<const internal::QualifierPhrase*>> m;
      for (const auto& p : internal::QualifierPhrases()) m[p.words.front()].push_back(&p);
      return m;
    }();
    auto it = kByFirst.find(t->lower);
    if (it == kByFirst.end()) return i;
    for (const internal::QualifierPhrase* pp : it->second) {
      const auto& p = *pp;
      size_t k = i;
      bool ok = true;
      for (const auto& w : p.words) {
        if (!IsWord(k, w)) {
          ok = false;
          break;
        }
        k = SkipDot(k + 1);
      }
      if (ok) {
        *q = p.qualifier;
        return k;
      }
    }
    return i;
  }

  // single := [sign] [currency] core [scale] [percent | currency]
  bool ParseSingle(size_t i, Single* s) {
    const size_t begin = i;
    double sign = 1;
    if ((IsSym(i, "-") || IsSym(i, "−")) && At(i + 1) && At(i + 1)->type == TT::kNumber &&
        !At(i + 1)->space_before) {
      const Token* prev = i > 0 ? At(i - 1) : nullptr;
      if (!prev || prev->type != TT::kNumber || toks_[i].space_before) {
        sign = -1;
        ++i;
      }
    } else if ((IsWord(i, "minus") || (lang_ != Lang::kDe && IsWord(i, "negative"))) && At(i + 1) &&
               (At(i + 1)->type == TT::kNumber || IsNumberWordAt(i + 1) ||
                (IsCurrencyAt(i + 1) && At(i + 2) && At(i + 2)->type == TT::kNumber)) &&
               !(i > 0 && (IsSym(i - 1, ",") || IsArticleAt(i - 1) || IsWord(i - 1, "the")))) {
      // "minus 12", "minus zwei Millionen", "negative four", "minus $40m"; not "The squad,
      // minus two injured defenders" (without) or "a negative one".
      sign = -1;
      ++i;
    }
    std::string currency;
    size_t k = ParseCurrencyPrefix(i, &currency);
    if (!ParseCore(k, s)) return false;
    // Numbers glued to letters or hyphens before them are names: "G7", "F-16", "MH17".
    const Token& first = toks_[k];
    if (first.type == TT::kNumber && !first.space_before && k > 0 && currency.empty()) {
      const Token& prev = toks_[k - 1];
      if (prev.type == TT::kWord) return false;
      if ((prev.lower == "-" || prev.lower == "/") && k > 1 && toks_[k - 2].type == TT::kWord &&
          !toks_[k - 1].space_before)
        return false;
    }
    if (first.type == TT::kNumber && IsSym(s->end_tok, "/") && !toks_[s->end_tok].space_before)
      return false;  // "24/7" style; fractions were handled in ParseCore
    if (first.type == TT::kNumber && !first.space_before && k > 1 && IsSym(k - 1, "/") &&
        toks_[k - 2].type == TT::kNumber)
      return false;  // the second half of "9/11", "2023/24", "123/2024"
    size_t e = s->end_tok;
    if ((IsWord(e, "over") || IsWord(e, "under")) && IsWord(e + 1, "par")) return false;
    // A clock time: "a quarter to eight", "half past ten", "Viertel nach acht" (the hour,
    // a whole number up to 12 with no noun after it; not "from a quarter to a third").
    if (k > 1 && !s->fraction && s->value >= 1 && s->value <= 12 && s->precision == 0 &&
        IsClockEnd(e) &&
        (((IsWord(k - 1, "to") || IsWord(k - 1, "past")) &&
          (IsWord(k - 2, "quarter") || IsWord(k - 2, "half"))) ||
         ((IsWord(k - 1, "vor") || IsWord(k - 1, "nach")) &&
          (IsWord(k - 2, "viertel") || IsWord(k - 2, "halb")))))
      return false;
    // Scale.
    double factor = 1;
    if (const Token* t = At(e); t && t->type == TT::kWord) {
      if (auto sc = internal::ScaleWord(t->lower, lang_)) {
        bool money_ctx = !currency.empty() || money_context_ || NextIsCurrency(SkipDot(e + 1)) ||
                         (sc->factor == 1e6 && lang_ == Lang::kEn && !t->space_before &&
                          !IsSportDistance(*s, e + 1) && !LooksLikeMetres(*s, e));
        // "20k", "£30K" glued; spaced only as a lowercase "k" before a word ("4.5 k
        // signatures"), not "Plan K" or "4 K".
        const bool glued_or_k = !t->space_before || (t->lower == "k" && !t->capitalized &&
                                                     At(e + 1) && At(e + 1)->type == TT::kWord);
        bool ok = (!sc->money_only || money_ctx) && (!sc->attached_only || glued_or_k);
        // "in 4K", "8K": a screen resolution, not 4,000 (a figure is "£4K", "4.5K", "40K").
        if (ok && t->lower == "k" && t->capitalized && !t->space_before && currency.empty() &&
            !money_context_ && s->precision == 0 && s->value < 10)
          return false;
        if (ok && !s->fraction) {
          factor = sc->factor;
          e = sc->abbreviation ? SkipDot(e + 1) : e + 1;
        }
      }
    }
    if (factor >= 1e3 && !s->fraction && IsWord(e, "and") && IsArticleAt(e + 1) &&
        IsWord(e + 2, "half")) {
      s->value += 0.5;  // "a million and a half pounds"
      e += 3;
    }
    if (factor >= 1e3 && !s->fraction) {
      // "forty-two million three hundred eleven thousand", "zwei Millionen
      // dreihunderttausend", "eine Milliarde zweihundert Millionen": number words after a
      // scale word that are smaller than it add to it.
      double added = 0, last = factor;
      size_t k2 = e;
      while (const Token* w = At(k2)) {
        double v2 = 0;
        size_t e2 = k2;
        if (w->type != TT::kWord || internal::IsArticleOne(w->lower) ||
            !ParseNumberWords(k2, &v2, &e2)) {
          break;
        }
        double f2 = 1;
        size_t e3 = e2;
        if (const Token* n = At(e2); n && n->type == TT::kWord) {
          if (auto sc = internal::ScaleWord(n->lower, lang_);
              sc && !sc->money_only && !sc->attached_only) {
            f2 = sc->factor;
            e3 = sc->abbreviation ? SkipDot(e2 + 1) : e2 + 1;
          }
        }
        // "zwei Millionen zwei Jahre": a small number after the scale is another figure.
        if (v2 * f2 >= last || (f2 == 1 && v2 < 100)) break;
        added += v2 * f2;
        k2 = e3;
        if (f2 == 1) break;
        last = f2;
      }
      if (added > 0) {
        s->value += added / factor;
        s->precision = 0;
        e = k2;
      }
    }
    if (factor == 1 && s->end_tok == e && toks_[e - 1].type == TT::kNumber) {
      // "6 × 10^9", "1.2 x 10⁹": a power of ten written out; "10^15" alone.
      double p = 0;
      if (size_t pe = ParsePowerOfTen(e, &p)) {
        s->value *= p;
        s->precision = 0;
        e = pe;
      } else if (toks_[e - 1].lower == "10" && s->end_tok == k + 1) {
        if (size_t xe = ParseExponent(e, &p)) {
          s->value = p;
          e = xe;
        }
      }
    }
    if (lang_ != Lang::kDe && currency.empty() && factor == 1 && toks_[e - 1].type == TT::kNumber &&
        IsWord(e, "p") && !At(e)->space_before) {
      // Pence: "300p a share", "10.75p" (a British price in GBP).
      s->value /= 100;
      s->precision += 2;
      currency = "GBP";
      ++e;
    }
    if (toks_[e - 1].type == TT::kNumber && At(e) && At(e)->type == TT::kWord &&
        !At(e)->space_before) {
      // Digits glued to unknown letters ("5G", "3D", "21st", "M25"): not a quantity; glued
      // to a unit of measure ("20GB", "5kg", "100MW") a number like "20 GB".
      if (!internal::CurrencyWord(At(e)->lower) && At(e)->lower != "prozent" &&
          !internal::GluedUnit(At(e)->lower) && !(At(e)->lower == "m" && LooksLikeMetres(*s, e)))
        return false;
    }
    // Suffix: percent or currency.
    std::string_view unit;
    size_t after = ParseSuffix(e, &unit);
    if (!unit.empty() && currency.empty()) {
      if (unit == "%" || unit == "pp" || unit == "bp") {
        s->unit = std::string(unit);
      } else {
        currency = std::string(unit);
      }
      e = after;
    } else if (!unit.empty() && unit == currency) {
      e = after;  // "US$ 5 Dollar" style repetition
    }
    if (factor == 1 && currency.empty() && unit.empty()) {
      // "forty MUSD", "500 TEUR": a scale letter glued to an ISO code.
      if (const Token* w = At(e); w && w->type == TT::kWord && w->lower.size() == 4) {
        const char head = w->lower[0];
        const double f = head == 'm' ? 1e6 : head == 't' || head == 'k' ? 1e3 : 0;
        auto code = internal::CurrencyWord(std::string_view(w->lower).substr(1));
        if (f > 0 && code && code->size() == 3) {
          factor = f;
          currency = std::string(*code);
          ++e;
        }
      }
    }
    if (factor == 1 && !currency.empty() && s->end_tok < e) {
      // "60 USD million", "3 euros billion" (a code or currency word, then the scale).
      if (const Token* w = At(e); w && w->type == TT::kWord) {
        if (auto sc = internal::ScaleWord(w->lower, lang_); sc && sc->factor >= 1e6) {
          factor = sc->factor;
          e = sc->abbreviation ? SkipDot(e + 1) : e + 1;
        }
      }
    }
    if (!currency.empty()) {
      s->unit = currency;
      s->money = true;
    }
    if (s->fraction && (s->money || (!s->unit.empty()))) return false;
    s->value = sign * s->value * factor;
    s->has_scale = factor != 1;
    s->factor = factor;
    s->begin_tok = begin;
    s->end_tok = e;
    return true;
  }

  // After a clock hour: the end, punctuation, "o'clock", "am"/"pm", "Uhr", or a word that
  // starts a new phrase ("at a quarter to eight on Sunday").
  bool IsClockEnd(size_t i) const {
    const Token* t = At(i);
    if (!t) return true;
    if (t->type == TT::kSymbol) {
      return t->lower == "." || t->lower == "," || t->lower == ";" || t->lower == ":" ||
             t->lower == "!" || t->lower == "?" || t->lower == ")";
    }
    if (t->type != TT::kWord) return false;
    static const std::string_view kAfter[] = {
        "o",     "am",    "pm",      "uhr",      "on",      "in",     "at", "this",
        "that",  "last",  "tonight", "tomorrow", "when",    "and",    "as", "before",
        "after", "until", "the",     "am",       "morgens", "abends", "und"};
    for (auto w : kAfter) {
      if (t->lower == w) return true;
    }
    return false;
  }

  bool NextIsCurrency(size_t i) const {
    const Token* t = At(i);
    if (!t) return false;
    if (t->type == TT::kWord) return internal::CurrencyWord(t->lower).has_value();
    return internal::CurrencySymbol(t->lower).has_value();
  }

  size_t ParseCurrencyPrefix(size_t i, std::string* code) const {
    const Token* t = At(i);
    if (!t) return i;
    if (t->type == TT::kSymbol) {
      if (auto c = internal::CurrencySymbol(t->lower)) {
        *code = std::string(*c);
        return i + 1;
      }
      return i;
    }
    if (t->type != TT::kWord) return i;
    // "US$", "A$", "C$", "HK$"
    if (IsSym(i + 1, "$") && !toks_[i + 1].space_before) {
      static const std::pair<std::string_view, std::string_view> kDollars[] = {
          {"us", "USD"}, {"a", "AUD"}, {"c", "CAD"}, {"hk", "HKD"}, {"nz", "NZD"}};
      for (const auto& [p, c] : kDollars) {
        if (t->lower == p) {
          *code = std::string(c);
          return i + 2;
        }
      }
    }
    // ISO codes written before the amount: "CHF 12", "EUR 12,5 Mio.", "USD 5bn".
    if (t->lower.size() == 3 && At(i + 1) && At(i + 1)->type == TT::kNumber) {
      if (auto c = internal::CurrencyWord(t->lower)) {
        *code = std::string(*c);
        return i + 1;
      }
    }
    if (t->lower == "rs") {
      size_t k = SkipDot(i + 1);
      if (At(k) && At(k)->type == TT::kNumber) {
        *code = "INR";
        return k;
      }
    }
    if ((t->lower == "sfr" || t->lower == "fr") && IsSym(i + 1, ".") && At(i + 2) &&
        At(i + 2)->type == TT::kNumber) {
      *code = "CHF";
      return i + 2;
    }
    return i;
  }

  size_t ParseSuffix(size_t i, std::string_view* unit) const {
    const Token* t = At(i);
    if (!t) return i;
    if (t->type == TT::kSymbol) {
      if (t->lower == "%") {
        // "%-Punkte"
        if (IsSym(i + 1, "-") && (IsWord(i + 2, "punkte") || IsWord(i + 2, "punkten"))) {
          *unit = "pp";
          return i + 3;
        }
        *unit = "%";
        return i + 1;
      }
      if (auto c = internal::CurrencySymbol(t->lower)) {
        *unit = *c;
        return i + 1;
      }
      return i;
    }
    if (t->type != TT::kWord) return i;
    const std::string& w = t->lower;
    if (w == "prozent" || w == "percent" || w == "pct" || w == "prozentige") {
      *unit = "%";
      return i + 1;
    }
    if (w == "per" && IsWord(i + 1, "cent")) {
      *unit = "%";
      return i + 2;
    }
    if (w == "prozentpunkte" || w == "prozentpunkten" || w == "prozentpunkt") {
      *unit = "pp";
      return i + 1;
    }
    if ((w == "percentage" && (IsWord(i + 1, "points") || IsWord(i + 1, "point")))) {
      *unit = "pp";
      return i + 2;
    }
    if (w == "basispunkte" || w == "basispunkten") {
      *unit = "bp";
      return i + 1;
    }
    if (w == "basis" && (IsWord(i + 1, "points") || IsWord(i + 1, "point"))) {
      *unit = "bp";
      return i + 2;
    }
    if (auto c = internal::CurrencyWord(w)) {
      // Lower-case three-letter codes are words ("eur" in running text is fine, "rub" too).
      *unit = *c;
      if ((w == "pfund" || w == "pound" || w == "pounds") && IsWord(i + 1, "sterling"))
        return i + 2;
      return i + 1;
    }
    // "Schweizer Franken", "kanadische Dollar", "Canadian dollars", "US dollars".
    static const std::pair<std::string_view, std::string_view> kAdjectives[] = {
        {"schweizer", "CHF"},     {"swiss", "CHF"},      {"kanadische", "CAD"},
        {"kanadischen", "CAD"},   {"canadian", "CAD"},   {"australische", "AUD"},
        {"australischen", "AUD"}, {"australian", "AUD"}, {"us", "USD"},
        {"amerikanische", "USD"}, {"türkische", "TRY"},  {"türkischen", "TRY"},
        {"turkish", "TRY"},       {"hongkong", "HKD"},   {"hong", "HKD"}};
    for (const auto& [adj, code] : kAdjectives) {
      if (w != adj) continue;
      size_t k = i + 1;
      if (adj == "hong" && IsWord(k, "kong")) ++k;
      if (const Token* n = At(k); n && n->type == TT::kWord) {
        if (internal::CurrencyWord(n->lower)) {
          *unit = code;
          return k + 1;
        }
      }
    }
    return i;
  }

  // core := digits | words | fraction. Fills value, precision, fraction, end_tok.
  bool ParseCore(size_t i, Single* s) {
    const Token* t = At(i);
    if (!t) return false;
    s->begin_tok = i;
    if (t->type == TT::kNumber) {
      // Digit fraction "3/4" (not dates, not "24/7").
      // A denominator above 10 only before "of"/"der"/"aller" ("4/16 of the hospitals"):
      // "9/11" and "7/12" alone are dates.
      const bool share_follows = IsWord(i + 3, "of") || IsWord(i + 3, "der") ||
                                 IsWord(i + 3, "aller") || IsWord(i + 3, "des");
      if (IsSym(i + 1, "/") && !toks_[i + 1].space_before && At(i + 2) &&
          At(i + 2)->type == TT::kNumber && !At(i + 2)->space_before && !IsSym(i + 3, "/") &&
          t->precision == 0 && At(i + 2)->precision == 0 && t->value < At(i + 2)->value &&
          (At(i + 2)->value <= 10 || (share_follows && At(i + 2)->value <= 1000)) &&
          t->value >= 1) {
        s->value = t->value / At(i + 2)->value;
        s->fraction = true;
        s->end_tok = i + 3;
        return true;
      }
      s->value = t->value;
      s->precision = t->precision;
      s->ambiguous = t->ambiguous;
      s->ambiguity = t->ambiguity;
      s->end_tok = i + 1;
      // "2 von 3", "one in five", "three out of four".
      ParseOutOf(s);
      // "2 Drittel"
      if (const Token* n = At(i + 1); n && n->type == TT::kWord && t->precision == 0) {
        if (auto d = internal::FractionWord(n->lower); d && *d != 2) {
          if (t->value < *d || lang_ != Lang::kEn) {
            s->value = t->value / *d;
            s->fraction = true;
            s->end_tok = i + 2;
          }
        }
      }
      return true;
    }
    if (t->type != TT::kWord) return false;
    // "jeder dritte", "every third"
    if ((t->lower == "jeder" || t->lower == "jede" || t->lower == "jedes" || t->lower == "jeden" ||
         t->lower == "jedem" || t->lower == "every") &&
        At(i + 1) && At(i + 1)->type == TT::kWord) {
      if (auto o = internal::OrdinalWord(At(i + 1)->lower)) {
        if (t->lower != "every" || *o >= 3) {
          s->value = 1.0 / *o;
          s->fraction = true;
          s->end_tok = i + 2;
          return true;
        }
      }
    }
    // "die Hälfte", "half of"
    if (t->lower == "hälfte" || ((t->lower == "die" || t->lower == "der" || t->lower == "zur") &&
                                 IsWord(i + 1, "hälfte"))) {
      size_t h = t->lower == "hälfte" ? i : i + 1;
      static const std::string_view kOrdinals[] = {"erste",  "ersten",  "zweite", "zweiten",
                                                   "letzte", "letzten", "andere", "anderen"};
      for (auto o : kOrdinals) {
        if (h > 0 && IsWord(h - 1, o)) return false;
      }
      s->value = 0.5;
      s->fraction = true;
      s->end_tok = h + 1;
      return true;
    }
    if (t->lower == "half" && lang_ != Lang::kDe) {
      if (IsArticleAt(i + 1) && IsWord(i + 2, "dozen")) {
        s->value = 6;
        s->end_tok = i + 3;
        s->from_words = true;
        return true;
      }
      if (IsArticleAt(i + 1) && (IsWord(i + 2, "percentage") || IsWord(i + 2, "per"))) {
        s->value = 0.5;
        s->end_tok = i + 2;
        s->from_words = true;
        return true;
      }
      // "half a million" is a number; "half of", "half the" a share.
      if (IsArticleAt(i + 1) && At(i + 2) && At(i + 2)->type == TT::kWord &&
          internal::ScaleWord(At(i + 2)->lower, lang_)) {
        s->value = 0.5;
        s->end_tok = i + 2;
        s->from_words = true;
        return true;
      }
      static const std::string_view kBefore[] = {"first",  "second", "other",
                                                 "latter", "final",  "last"};
      for (auto o : kBefore) {
        if (i > 0 && IsWord(i - 1, o)) return false;
      }
      if (i > 0 && (IsWord(i - 1, "the") || IsWord(i - 1, "a") || IsWord(i - 1, "and")))
        return false;
      static const std::string_view kAfter[] = {"of",  "the", "its",   "their", "his", "her",
                                                "all", "our", "those", "these", "that"};
      bool ok = false;
      for (auto a : kAfter) ok = ok || IsWord(i + 1, a);
      if (!ok) return false;
      s->value = 0.5;
      s->fraction = true;
      s->end_tok = i + 1;
      return true;
    }
    // "two-thirds", "one-fifth": one hyphenated token.
    if (size_t dash = t->lower.find('-'); dash != std::string::npos && lang_ != Lang::kDe) {
      auto num = internal::EnglishNumberWord(std::string_view(t->lower).substr(0, dash));
      auto den = internal::FractionWord(std::string_view(t->lower).substr(dash + 1));
      if (num && den && *num < *den && *num >= 1) {
        s->value = *num / *den;
        s->fraction = true;
        s->end_tok = i + 1;
        return true;
      }
    }
    // "an hour and a half", "a year and a half": one and a half of a unit of time.
    if (lang_ != Lang::kDe && IsArticleAt(i) && At(i + 1) && At(i + 1)->type == TT::kWord &&
        (internal::PeriodNoun(At(i + 1)->lower) || IsWord(i + 1, "minute")) &&
        IsWord(i + 2, "and") && IsArticleAt(i + 3) && IsWord(i + 4, "half")) {
      s->value = 1.5;
      s->from_words = true;
      s->end_tok = i + 5;
      return true;
    }
    // Number words.
    double v = 0;
    size_t e = i;
    if (!ParseNumberWords(i, &v, &e)) return false;
    s->value = v;
    s->from_words = true;
    s->end_tok = e;
    // "zwei Drittel", "two thirds", "a quarter", "two-thirds"
    if (const Token* n = At(e); n && n->type == TT::kWord) {
      if (IsArticleAt(i) && internal::FractionWord(n->lower) && !ArticleFractionFits(e + 1)) {
        return false;  // "a third round", "a quarter to eight": an ordinal or a clock time
      }
      if (IsArticleAt(i) && n->lower == "half" && IsWord(e + 1, "of")) {
        s->value = 0.5;  // "more than a half of all beds"
        s->fraction = true;
        s->end_tok = e + 1;
        return true;
      }
      if (auto d = internal::FractionWord(n->lower); d && *d != 2 && v < *d) {
        // "a quarter of a million": a fraction of a scale is a number.
        if (IsWord(e + 1, "of") && IsArticleAt(e + 2) && At(e + 3) &&
            At(e + 3)->type == TT::kWord) {
          if (auto sc = internal::ScaleWord(At(e + 3)->lower, lang_); sc && !sc->money_only) {
            s->value = v / *d;
            s->end_tok = e + 3;
            return true;
          }
        }
        s->value = v / *d;
        s->fraction = true;
        s->end_tok = e + 1;
        return true;
      }
      if (n->lower == "halbe" || n->lower == "halben" || n->lower == "halbes") {
        // "eine halbe Million", "ein halbes Dutzend", "einen halben Prozentpunkt"
        const Token* x = At(e + 1);
        if (v == 1 && x && x->type == TT::kWord) {
          if (x->lower == "dutzend") {
            s->value = 6;
            s->end_tok = e + 2;
            return true;
          }
          if (internal::ScaleWord(x->lower, lang_) || x->lower.starts_with("prozent")) {
            s->value = 0.5;
            s->end_tok = e + 1;
            return true;
          }
        }
        // "ein halbes Jahr", "eine halbe Stunde" (0.5 of the noun), "vier halbe Tage" (2).
        if (lang_ != Lang::kEn && x && x->type == TT::kWord && x->capitalized) {
          s->value = v * 0.5;
          s->end_tok = e + 1;
          return true;
        }
      }
      if (lang_ != Lang::kEn && v == 1 && internal::IsArticleOne(t->lower) && n->lower == "paar" &&
          n->capitalized) {
        s->value = 2;  // "ein Paar Schuhe"; lower-case "ein paar" is "a few", no figure
        s->end_tok = e + 1;
        return true;
      }
      // "a quarter of a million": a fraction of a scale is a number.
      if (auto d = internal::FractionWord(n->lower); d && v < *d && IsWord(e + 1, "of") &&
                                                     IsArticleAt(e + 2) && At(e + 3) &&
                                                     At(e + 3)->type == TT::kWord) {
        if (auto sc = internal::ScaleWord(At(e + 3)->lower, lang_); sc && !sc->money_only) {
          s->value = v / *d;
          s->end_tok = e + 3;
          return true;
        }
      }
    }
    ParseOutOf(s);
    // A lone article or "one" is not a figure: "einen einzelnen Meter", "one of them".
    if (internal::IsArticleOne(t->lower) && e == i + 1 && !s->fraction) {
      const Token* n = At(e);
      bool scale_follows =
          n && n->type == TT::kWord &&
          (internal::ScaleWord(n->lower, lang_) || n->lower == "dutzend" || n->lower == "dozen" ||
           n->lower == "hundred" || n->lower == "thousand" || n->lower.starts_with("prozent") ||
           n->lower == "percent" || n->lower == "percentage" ||
           (n->lower == "per" && IsWord(e + 1, "cent")));
      // English "one" is a numeral ("One person was killed"), unless it is a pronoun.
      bool numeral_one =
          t->lower == "one" && !IsWord(e, "another") && !IsWord(e, "or") &&
          !(i > 0 && (IsWord(i - 1, "no") || IsWord(i - 1, "any") || IsWord(i - 1, "every") ||
                      IsWord(i - 1, "each") || IsWord(i - 1, "the") || IsWord(i - 1, "this") ||
                      IsWord(i - 1, "that") || IsWord(i - 1, "which"))) &&
          // "a negative one", "the big one": an adjective between article and "one".
          !(i > 1 && At(i - 1)->type == TT::kWord && !IsNumberWordAt(i - 1) &&
            (IsArticleAt(i - 2) || IsWord(i - 2, "the")) &&
            !(IsWord(e, "to") || IsWord(e, "or") || IsWord(e, "and") || IsDash(e)));
      if (!scale_follows && !numeral_one) return false;
      if (!scale_follows) return true;
      if (internal::ScaleWord(n->lower, lang_) && internal::ScaleWord(n->lower, lang_)->money_only)
        return false;
    }
    return true;
  }

  bool IsArticleAt(size_t i) const { return IsWord(i, "a") || IsWord(i, "an"); }

  // After "a third", "a quarter" (token i is the word after the fraction): a share is
  // followed by "of", a verb, a preposition or the end of the clause; a noun makes the word
  // an ordinal ("a third round", "a fifth term") and "to"/"past" a number a clock time.
  bool ArticleFractionFits(size_t i) const {
    const Token* n = At(i);
    if (!n || n->type != TT::kWord) return true;
    if ((n->lower == "to" || n->lower == "past") && At(i + 1) &&
        (At(i + 1)->type == TT::kNumber || IsNumberWordAt(i + 1))) {
      return false;
    }
    static const std::unordered_set<std::string_view> kFits = {
        "of",   "and",   "or",     "were",    "was",   "are",   "is",    "said",  "say",   "says",
        "have", "has",   "had",    "will",    "would", "could", "may",   "might", "in",    "at",
        "per",  "from",  "to",     "percent", "more",  "less",  "fewer", "also",  "still", "now",
        "than", "for",   "on",     "by",      "since", "over",  "under", "this",  "that",  "last",
        "each", "every", "before", "after",   "a",     "an",    "the",   "while"};
    return kFits.count(n->lower) > 0;
  }

  // A number word (not an article) at token i: "two", "zwei", "dreihunderttausend".
  bool IsNumberWordAt(size_t i) const {
    const Token* t = At(i);
    if (!t || t->type != TT::kWord || internal::IsArticleOne(t->lower)) return false;
    if (lang_ != Lang::kEn && internal::GermanNumberWord(t->lower)) return true;
    return lang_ != Lang::kDe && internal::EnglishNumberWord(t->lower).has_value();
  }

  // "× 10^9", "x 10⁹", "* 10^-3" from token i: the power of ten in *p and the end token, or 0.
  size_t ParsePowerOfTen(size_t i, double* p) const {
    if (!(IsSym(i, "×") || IsSym(i, "*") || IsSym(i, "·") || IsWord(i, "x"))) return 0;
    const Token* ten = At(i + 1);
    if (!ten || ten->type != TT::kNumber || ten->lower != "10") return 0;
    return ParseExponent(i + 2, p);
  }

  // "^9", "^-3", "⁹", "⁻³" glued at token k (after a "10"): 10 to that power in *p and the
  // end token, or 0.
  size_t ParseExponent(size_t k, double* p) const {
    int sign = 1, exponent = 0, digits = 0;
    if (IsSym(k, "^") && !toks_[k].space_before) {
      ++k;
      if ((IsSym(k, "-") || IsSym(k, "−")) && !toks_[k].space_before) {
        sign = -1;
        ++k;
      }
      const Token* x = At(k);
      if (!x || x->type != TT::kNumber || x->space_before || x->precision != 0 ||
          x->lower.size() > 3) {
        return 0;
      }
      exponent = static_cast<int>(x->value);
      digits = 1;
      ++k;
    } else {
      static const std::string_view kSuper[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
      if (IsSym(k, "⁻") && !toks_[k].space_before) {
        sign = -1;
        ++k;
      }
      while (const Token* x = At(k)) {
        if (x->type != TT::kSymbol || x->space_before || digits >= 3) break;
        int d = -1;
        for (int n = 0; n < 10; ++n) {
          if (x->lower == kSuper[n]) d = n;
        }
        if (d < 0) break;
        exponent = exponent * 10 + d;
        ++digits;
        ++k;
      }
    }
    if (digits == 0) return 0;
    *p = std::pow(10.0, sign * exponent);
    return k;
  }

  bool IsCurrencyAt(size_t i) const {
    const Token* t = At(i);
    return t && t->type == TT::kSymbol && internal::CurrencySymbol(t->lower).has_value();
  }

  // A verb of change right before "from": "rose from 4.1% to 4.5%".
  bool IsChangeBefore(size_t from_tok) const {
    static const std::string_view kVerbs[] = {
        "rose",      "rise",     "rises",    "rising",    "risen",    "fell",       "fall",
        "falls",     "falling",  "fallen",   "increased", "increase", "increases",  "increasing",
        "decreased", "decrease", "grew",     "grow",      "grown",    "growing",    "climbed",
        "climb",     "jumped",   "jump",     "dropped",   "drop",     "declined",   "decline",
        "cut",       "raised",   "raise",    "lowered",   "slipped",  "soared",     "surged",
        "up",        "down",     "boosted",  "reduced",   "reduce",   "went",       "moved",
        "doubled",   "tripled",  "slumped",  "plunged",   "edged",    "changed",    "shrank",
        "expanded",  "widened",  "narrowed", "revised",   "upgraded", "downgraded", "gestiegen",
        "gesunken",  "stieg",    "sank"};
    for (size_t back = 1; back <= 3 && back <= from_tok; ++back) {
      const Token& t = toks_[from_tok - back];
      if (t.type != TT::kWord) break;
      for (auto v : kVerbs) {
        if (t.lower == v) return true;
      }
    }
    return false;
  }

  // Reads number words from token i: German compounds are one token; English numbers span
  // tokens ("one hundred and five", "twenty-two thousand", "a dozen", "two and a half").
  bool ParseNumberWords(size_t i, double* value, size_t* end) {
    const Token& t = toks_[i];
    if (lang_ != Lang::kEn) {
      if (auto v = internal::GermanNumberWord(t.lower)) {
        size_t e = i + 1;
        double val = *v;
        if (t.lower == "dutzend") return false;  // needs a numeral before it
        if (IsWord(e, "dutzend")) {
          val *= 12;
          ++e;
        }
        *value = val;
        *end = e;
        return true;
      }
      if (lang_ == Lang::kDe) return false;
    }
    // English.
    double total = 0, current = 0;
    size_t k = i;
    bool any = false;
    bool article = false;
    if (IsArticleAt(k) && (IsWord(k + 1, "couple") || IsWord(k + 1, "pair")) &&
        IsWord(k + 2, "of")) {
      // "a couple of ministers", "a pair of systems" (2); "a couple of hundred" (200),
      // "a couple of million pounds" (the scale is read by ParseSingle).
      current = 2;
      any = true;
      k += 3;
      if (!(IsWord(k, "hundred") || IsWord(k, "thousand") || IsWord(k, "dozen"))) {
        *value = current;
        *end = k;
        return true;
      }
    } else if (IsArticleAt(k) && At(k + 1) && At(k + 1)->type == TT::kWord) {
      const std::string& n = At(k + 1)->lower;
      if (n == "hundred" || n == "thousand" || n == "dozen" || internal::ScaleWord(n, lang_) ||
          internal::FractionWord(n)) {
        current = 1;
        any = true;
        article = true;
        ++k;
      }
    }
    while (const Token* w = At(k)) {
      if (w->type != TT::kWord) break;
      if (w->lower == "hundred") {
        current = (current == 0 ? 1 : current) * 100;
        any = true;
        ++k;
        continue;
      }
      if (w->lower == "thousand" && any) {
        // Only inside a longer number ("three thousand five hundred"); a final
        // "thousand" is a scale, read by ParseSingle.
        if (At(k + 1) && At(k + 1)->type == TT::kWord &&
            (internal::EnglishNumberWord(At(k + 1)->lower) || IsWord(k + 1, "and"))) {
          total += current * 1000;
          current = 0;
          ++k;
          if (IsWord(k, "and")) ++k;
          continue;
        }
        break;
      }
      if (w->lower == "dozen" || w->lower == "dozens") {
        if (!any) break;
        current *= 12;
        ++k;
        continue;
      }
      if (w->lower == "and" && any && At(k + 1) && At(k + 1)->type == TT::kWord) {
        if (IsArticleAt(k + 1) && IsWord(k + 2, "half")) {
          current += 0.5;
          k += 3;
          continue;
        }
        // "seven and a quarter", "two and three quarters", "four and a third"
        if (IsArticleAt(k + 1) && (IsWord(k + 2, "quarter") || IsWord(k + 2, "third"))) {
          current += IsWord(k + 2, "quarter") ? 0.25 : 1.0 / 3;
          k += 3;
          continue;
        }
        if (IsWord(k + 1, "three-quarter") || IsWord(k + 1, "three-quarters")) {
          current += 0.75;
          k += 2;
          continue;
        }
        if (IsWord(k + 1, "three") && IsWord(k + 2, "quarters")) {
          current += 0.75;
          k += 3;
          continue;
        }
        if (internal::EnglishNumberWord(At(k + 1)->lower) && current >= 100) {
          ++k;
          continue;
        }
        break;
      }
      auto v = internal::EnglishNumberWord(w->lower);
      if (!v) break;
      if (article && !(w->lower == "hundred" || w->lower == "dozen")) break;
      if (any && *v < 100 && std::fmod(current, 1) == 0) {
        // After "hundred" anything below 100 may follow; after a ten ("fifty") only a
        // unit ("fifty nine"); "five six" is two numbers.
        const long long rest = static_cast<long long>(current) % 100;
        const bool after_ten = rest >= 20 && rest % 10 == 0 && *v < 10;
        if (rest != 0 && !after_ten) break;
      }
      current += *v;
      any = true;
      ++k;
    }
    if (!any) return false;
    *value = total + current;
    *end = k;
    return true;
  }

  // "2 von 3", "one in five", "three out of four" turn the numerator into a fraction.
  void ParseOutOf(Single* s) {
    size_t e = s->end_tok;
    size_t k = 0;
    const bool over = lang_ != Lang::kDe && IsWord(e, "over");
    if (IsWord(e, "von") || IsWord(e, "in") || over) {
      k = e + 1;
    } else if (IsWord(e, "out") && IsWord(e + 1, "of")) {
      k = e + 2;
    } else {
      return;
    }
    if (over) {
      // "one over five", "one over a thousand": a ratio. Not "three over par", nor "one
      // over five years" (a time span), nor a plain "over" with a number noun after it.
      double denom = 0;
      size_t dend = k;
      const Token* t = At(k);
      if (!t) return;
      if (t->type == TT::kNumber && t->precision == 0) {
        denom = t->value;
        dend = k + 1;
      } else if (t->type != TT::kWord || !ParseNumberWords(k, &denom, &dend)) {
        return;
      }
      if (denom <= s->value || s->value < 1 || s->precision > 0 || denom > 1e6) return;
      if (const Token* n = At(dend); n && n->type == TT::kWord) {
        if (internal::ScaleWord(n->lower, lang_)) return;
        std::string_view w = n->lower;
        if (w.ends_with("s") && w.size() > 3) return;  // "over five years", "over 20 games"
        if (internal::PeriodNoun(w) || w == "par") return;
      }
      s->value = s->value / denom;
      s->fraction = true;
      s->end_tok = dend;
      return;
    }
    const Token* t = At(k);
    if (!t) return;
    double denom = 0;
    size_t dend = k;
    if (t->type == TT::kNumber && t->precision == 0) {
      denom = t->value;
      dend = k + 1;
    } else if (t->type == TT::kWord) {
      if (!ParseNumberWords(k, &denom, &dend)) return;
      if (internal::IsArticleOne(t->lower)) return;
    } else {
      return;
    }
    // Limit: "in" only for small denominators ("one in five"), never a year.
    if (denom <= s->value || denom > 100 || s->value < 1 || s->precision > 0) return;
    // The denominator must not itself carry a unit ("3 von 10 Prozent").
    std::string_view unit;
    if (ParseSuffix(dend, &unit) != dend) return;
    if (const Token* n = At(dend);
        n && n->type == TT::kWord && internal::ScaleWord(n->lower, lang_))
      return;
    s->value = s->value / denom;
    s->fraction = true;
    s->end_tok = dend;
  }

  // The noun phrase after a share: "aller Mitglieder" -> "Mitglieder", "of member states".
  std::string BaseAfter(size_t i) const {
    size_t k = i;
    if (IsWord(k, "aller") || IsWord(k, "der") || IsWord(k, "des") || IsWord(k, "von") ||
        IsWord(k, "unter")) {
      ++k;
      if (IsWord(k, "den") || IsWord(k, "allen") || IsWord(k, "der") || IsWord(k, "alle")) ++k;
      // German: lower-case adjectives, then the capitalised noun.
      size_t b = k;
      size_t count = 0;
      while (const Token* t = At(k)) {
        if (t->type != TT::kWord || count >= 4) break;
        ++k;
        ++count;
        if (t->capitalized) break;
      }
      if (k == b || !toks_[k - 1].capitalized) return {};
      return std::string(text_.substr(toks_[b].begin, toks_[k - 1].end - toks_[b].begin));
    }
    if (IsWord(k, "of")) {
      ++k;
      while (IsWord(k, "all") || IsWord(k, "the") || IsWord(k, "its") || IsWord(k, "their")) ++k;
      static const std::string_view kStop[] = {
          "who",  "that",  "which", "have",  "has",     "had",   "are", "is",
          "were", "was",   "said",  "in",    "on",      "for",   "to",  "and",
          "will", "would", "say",   "voted", "of",      "at",    "by",  "with",
          "do",   "did",   "could", "may",   "believe", "think", "want"};
      size_t b = k;
      size_t count = 0;
      while (const Token* t = At(k)) {
        if (t->type != TT::kWord || count >= 3) break;
        bool stop = false;
        for (auto w : kStop) stop = stop || t->lower == w;
        if (stop) break;
        ++k;
        ++count;
      }
      if (k == b) return {};
      return std::string(text_.substr(toks_[b].begin, toks_[k - 1].end - toks_[b].begin));
    }
    return {};
  }

  // Period right after token i, or after one/two intervening words.
  Period ParsePeriod(size_t i, size_t* end) const {
    for (size_t skip = 0; skip <= 2; ++skip) {
      size_t k = i + skip;
      // Intervening tokens must be plain words, not numbers or punctuation.
      bool ok = true;
      for (size_t s = i; s < k; ++s) {
        const Token* t = At(s);
        static const std::string_view kBarrier[] = {"und",   "oder", "and",  "or",   "bis",
                                                    "to",    "von",  "from", "in",   "seit",
                                                    "since", "vor",  "ago",  "than", "als"};
        if (!t || t->type != TT::kWord) {
          ok = false;
          break;
        }
        for (auto b : kBarrier) ok = ok && t->lower != b;
      }
      if (!ok) break;
      if (Period p = PeriodAt(k, end); p != Period::kNone) return p;
    }
    return Period::kNone;
  }

  Period PeriodAt(size_t k, size_t* end) const {
    const Token* t = At(k);
    if (!t || t->type != TT::kWord) return Period::kNone;
    if (auto p = internal::PeriodAdverb(t->lower)) {
      *end = k + 1;
      return *p;
    }
    static const std::string_view kIntro[] = {"pro",  "je", "im", "am",  "jeden", "jedes",
                                              "jede", "a",  "an", "per", "each",  "every"};
    bool intro = false;
    for (auto w : kIntro) intro = intro || t->lower == w;
    if (t->lower == "p" && IsSym(k + 1, ".") && IsWord(k + 2, "a")) {
      *end = SkipDot(k + 3);
      return Period::kYear;
    }
    if (!intro) return Period::kNone;
    const Token* n = At(k + 1);
    if (!n || n->type != TT::kWord) return Period::kNone;
    auto p = internal::PeriodNoun(n->lower);
    if (!p) return Period::kNone;
    // "im Jahr 2024", "a year ago", "in the year" are dates, not rates.
    if (const Token* after = At(k + 2)) {
      if (after->type == TT::kNumber) return Period::kNone;
      if (after->type == TT::kWord &&
          (after->lower == "ago" || after->lower == "earlier" || after->lower == "later" ||
           after->lower == "before" || after->lower == "zuvor" || after->lower == "davor" ||
           after->lower == "danach"))
        return Period::kNone;
    }
    if (t->lower == "am" && *p != Period::kDay) return Period::kNone;
    *end = k + 2;
    return *p;
  }

  bool PeriodAdjacent(size_t i) const {
    const Token* t = At(i);
    return t && t->type == TT::kWord &&
           (internal::PeriodAdverb(t->lower) || t->lower == "pro" || t->lower == "je" ||
            t->lower == "im" || t->lower == "am" || t->lower == "jeden" || t->lower == "jedes" ||
            t->lower == "jede" || t->lower == "a" || t->lower == "an" || t->lower == "per" ||
            t->lower == "each" || t->lower == "every" || t->lower == "p");
  }

  // "a jump of 1.80m", "a throw of 16.76m", "500m away": a glued "m" (at `m`) without a
  // currency is metres, not millions, with two decimals (a height or distance in sport; a
  // sum in millions has one: "11.9m viewers") or before a word of distance.
  bool LooksLikeMetres(const Single& s, size_t m) const {
    const Token* t = At(m + 1);
    if (s.precision == 2 && s.value < 100) {
      // "a throw of 16.76m in second", "reached 6.66m to better …", "1.87m while …"; not
      // "1.25m people" (a noun after it: millions).
      if (!t || t->type != TT::kWord) return true;
      static const std::string_view kFunction[] = {
          "in",    "to",     "and",  "on",    "at", "with", "for",    "but", "while",
          "after", "before", "from", "which", "as", "by",   "during", "or",  "when"};
      for (auto w : kFunction) {
        if (t->lower == w) return true;
      }
      return false;
    }
    if (!t || t->type != TT::kWord) return false;
    static const std::string_view kAfter[] = {
        "away",  "long",  "high",     "deep",        "wide",       "tall",     "above",
        "below", "under", "offshore", "underground", "downstream", "upstream", "inland"};
    for (auto w : kAfter) {
      if (t->lower == w) return true;
    }
    return false;
  }

  // "the 100m race": an attached "m" after a typical race distance is metres.
  bool IsSportDistance(const Single& s, size_t next) const {
    if (s.precision > 0) return false;
    static const double kDistances[] = {50, 60, 100, 110, 200, 400, 800, 1500, 3000, 5000, 10000};
    bool distance = false;
    for (double d : kDistances) distance = distance || s.value == d;
    if (!distance) return false;
    static const std::string_view kSport[] = {
        "race",       "hurdles",  "freestyle", "sprint", "final",  "butterfly", "breaststroke",
        "backstroke", "relay",    "medley",    "title",  "record", "event",     "heat",
        "semi-final", "champion", "gold",      "silver", "bronze", "run",       "dash"};
    const Token* t = At(next);
    if (!t || t->type != TT::kWord) return false;
    for (auto w : kSport) {
      if (t->lower == w) return true;
    }
    return false;
  }

  bool money_context_ = false;
  std::string_view text_;
  Lang lang_;
  std::vector<Token> toks_;
};

}  // namespace

Period ParsePeriodPhrase(std::string_view phrase) {
  for (const Token& t : internal::Tokenize(phrase, Lang::kUnknown)) {
    if (t.type != TT::kWord) continue;
    if (auto p = internal::PeriodAdverb(t.lower)) return *p;
    if (auto p = internal::PeriodNoun(t.lower)) return *p;
  }
  return Period::kNone;
}

std::vector<Quantity> FindQuantities(std::string_view text, Lang lang) {
  std::vector<Quantity> out = Parser(text, lang).Run();
  // A figure beyond any real quantity ("999…9" with 400 digits reads as infinity) keeps its
  // span but loses its value: it is flagged, and the extractor stores no claim for it.
  for (Quantity& q : out) {
    bool bad = false;
    for (const auto& v : {q.value, q.low, q.high}) {
      if (v && (!std::isfinite(*v) || std::fabs(*v) > kMaxFigure)) bad = true;
    }
    if (bad) {
      q.kind = QuantityKind::kNumber;
      q.value.reset();
      q.low.reset();
      q.high.reset();
      q.ambiguous = true;
      q.ambiguity = std::string(kOutOfRange);
    }
  }
  return out;
}

}  // namespace claimtrack::normalize
