#include "claimtrack/normalize/words.h"

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace claimtrack::normalize::internal {

namespace {

using Vocab = std::vector<std::pair<std::string_view, int>>;

const Vocab& GermanUnits() {  // may stand before "und", "hundert", "tausend"
  static const Vocab v = {{"ein", 1},  {"zwei", 2}, {"zwo", 2},   {"drei", 3},
                          {"vier", 4}, {"fünf", 5}, {"sechs", 6}, {"sieben", 7},
                          {"acht", 8}, {"neun", 9}, {"sieb", 7}};
  return v;
}
const Vocab& GermanTeens() {
  static const Vocab v = {{"zehn", 10},     {"elf", 11},      {"zwölf", 12},    {"dreizehn", 13},
                          {"vierzehn", 14}, {"fünfzehn", 15}, {"sechzehn", 16}, {"siebzehn", 17},
                          {"achtzehn", 18}, {"neunzehn", 19}};
  return v;
}
const Vocab& GermanTens() {
  static const Vocab v = {{"zwanzig", 20}, {"dreißig", 30}, {"dreissig", 30},
                          {"vierzig", 40}, {"fünfzig", 50}, {"sechzig", 60},
                          {"siebzig", 70}, {"achtzig", 80}, {"neunzig", 90}};
  return v;
}

// All ways to read a prefix of `s` as a number below 100: (value, rest).
void Below100(std::string_view s, std::vector<std::pair<int, std::string_view>>& out) {
  for (const auto& [w, v] : GermanTeens()) {
    if (s.starts_with(w)) out.emplace_back(v, s.substr(w.size()));
  }
  for (const auto& [w, v] : GermanTens()) {
    if (s.starts_with(w)) out.emplace_back(v, s.substr(w.size()));
  }
  for (const auto& [uw, uv] : GermanUnits()) {
    if (!s.starts_with(uw)) continue;
    std::string_view rest = s.substr(uw.size());
    out.emplace_back(uv, rest);
    if (rest.starts_with("und")) {
      for (const auto& [tw, tv] : GermanTens()) {
        if (rest.substr(3).starts_with(tw)) out.emplace_back(uv + tv, rest.substr(3 + tw.size()));
      }
    }
  }
  if (s.starts_with("eins")) out.emplace_back(1, s.substr(4));
}

void Below1000(std::string_view s, std::vector<std::pair<int, std::string_view>>& out) {
  std::vector<std::pair<int, std::string_view>> heads;
  Below100(s, heads);
  if (s.starts_with("hundert")) heads.emplace_back(0, s);  // bare "hundert" = 100
  for (const auto& [hv, rest] : heads) {
    if (rest.starts_with("hundert") && hv < 10) {
      int base = (hv == 0 ? 1 : hv) * 100;
      std::string_view r2 = rest.substr(7);
      out.emplace_back(base, r2);
      std::vector<std::pair<int, std::string_view>> tails;
      Below100(r2, tails);
      for (const auto& [tv, r3] : tails) out.emplace_back(base + tv, r3);
    } else if (hv > 0) {
      out.emplace_back(hv, rest);
    }
  }
}

}  // namespace

std::optional<double> GermanNumberWord(std::string_view w) {
  if (w == "anderthalb" || w == "eineinhalb" || w == "einundeinhalb") return 1.5;
  if (w == "eins" || w == "ein" || w == "eine" || w == "einen" || w == "einem" || w == "einer")
    return 1;
  if (w == "zweier") return 2;  // genitive: "die Mutter zweier Kinder"
  if (w == "dreier") return 3;
  if (w == "null") return 0;
  if (w == "dutzend") return 12;
  double half = 0;
  if (w.ends_with("einhalb") && w.size() > 7) {
    half = 0.5;
    w.remove_suffix(7);
  }
  // Every reading below starts with one of these stems ("sech" for sechzehn/sechzig, "sieb"
  // for siebzehn/siebzig): most words of a text are rejected here without building readings.
  static constexpr std::string_view kStems[] = {
      "ein",  "zwei", "zwo",  "drei", "vier",  "fünf",    "sech",    "sieb",
      "acht", "neun", "zehn", "elf",  "zwölf", "zwanzig", "hundert", "tausend"};
  if (std::none_of(std::begin(kStems), std::end(kStems),
                   [&](std::string_view stem) { return w.starts_with(stem); }))
    return std::nullopt;
  // [below1000] tausend [below1000] | below1000
  std::vector<std::pair<int, std::string_view>> heads;
  Below1000(w, heads);
  if (w.starts_with("tausend")) heads.emplace_back(0, w);
  for (const auto& [hv, rest] : heads) {
    if (rest.empty() && hv > 0) return hv + half;
    if (rest.starts_with("tausend")) {
      int base = (hv == 0 ? 1 : hv) * 1000;
      std::string_view r2 = rest.substr(7);
      if (r2.empty()) return base + half;
      std::vector<std::pair<int, std::string_view>> tails;
      Below1000(r2, tails);
      for (const auto& [tv, r3] : tails) {
        if (r3.empty()) return base + tv + half;
      }
    }
  }
  return std::nullopt;
}

std::optional<double> EnglishNumberWord(std::string_view w) {
  static const std::unordered_map<std::string_view, int> kWords = {
      {"zero", 0},     {"one", 1},      {"two", 2},        {"three", 3},     {"four", 4},
      {"five", 5},     {"six", 6},      {"seven", 7},      {"eight", 8},     {"nine", 9},
      {"ten", 10},     {"eleven", 11},  {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14},
      {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
      {"twenty", 20},  {"thirty", 30},  {"forty", 40},     {"fifty", 50},    {"sixty", 60},
      {"seventy", 70}, {"eighty", 80},  {"ninety", 90},    {"hundred", 100}, {"dozen", 12}};
  auto it = kWords.find(w);
  if (it != kWords.end()) return it->second;
  size_t dash = w.find('-');
  if (dash != std::string_view::npos) {
    auto a = kWords.find(w.substr(0, dash));
    auto b = kWords.find(w.substr(dash + 1));
    if (a != kWords.end() && b != kWords.end() && a->second >= 20 && a->second % 10 == 0 &&
        b->second >= 1 && b->second <= 9)
      return a->second + b->second;
  }
  return std::nullopt;
}

bool IsArticleOne(std::string_view w) {
  return w == "ein" || w == "eine" || w == "einen" || w == "einem" || w == "einer" ||
         w == "eines" || w == "a" || w == "an" || w == "one";
}

std::optional<Scale> ScaleWord(std::string_view w, Lang lang) {
  static const std::unordered_map<std::string_view, Scale> kScales = {
      {"tausend", {1e3}},
      {"tsd", {1e3, false, false, true}},
      {"million", {1e6}},
      {"millionen", {1e6}},
      {"mio", {1e6, false, false, true}},
      {"milliarde", {1e9}},
      {"milliarden", {1e9}},
      {"mrd", {1e9, false, false, true}},
      {"billiarde", {1e15}},
      {"billiarden", {1e15}},
      {"bio", {1e12, false, false, true}},
      {"thousand", {1e3}},
      {"k", {1e3, false, true}},
      {"mn", {1e6}},
      {"mln", {1e6}},
      {"m", {1e6, true}},
      {"bn", {1e9}},
      {"bln", {1e9}},
      {"b", {1e9, true, true}},
      {"trillion", {1e12}},
      {"tn", {1e12}},
      {"trn", {1e12}},
      {"quadrillion", {1e15}},
      {"viertelmillion", {2.5e5}},
      {"viertelmilliarde", {2.5e8}},
      {"dreiviertelmillion", {7.5e5}}};
  auto it = kScales.find(w);
  if (it != kScales.end()) return it->second;
  if (w == "billion" || w == "billionen") {
    // German "Billion" is 10^12, English "billion" 10^9.
    if (w == "billionen" || lang == Lang::kDe) return Scale{1e12};
    return Scale{1e9};
  }
  return std::nullopt;
}

bool GluedUnit(std::string_view w) {
  static const std::unordered_set<std::string_view> kUnits = {
      "kb",  "mb", "gb", "tb",  "pb",  "km",  "kg",  "mg",  "mm",  "cm",  "ha",
      "kw",  "mw", "gw", "kwh", "mwh", "gwh", "twh", "mph", "kmh", "ft",  "lb",
      "lbs", "oz", "ml", "cl",  "hl",  "kt",  "mt",  "bpd", "qm",  "km²", "m²"};
  return kUnits.contains(w);
}

std::optional<std::string_view> CurrencyWord(std::string_view w) {
  static const std::unordered_map<std::string_view, std::string_view> kWords = {
      {"dollar", "USD"},
      {"dollars", "USD"},
      {"us-dollar", "USD"},
      {"usd", "USD"},
      {"euro", "EUR"},
      {"euros", "EUR"},
      {"eur", "EUR"},
      {"pfund", "GBP"},
      {"pound", "GBP"},
      {"pounds", "GBP"},
      {"gbp", "GBP"},
      {"sterling", "GBP"},
      {"franken", "CHF"},
      {"chf", "CHF"},
      {"francs", "CHF"},
      {"rubel", "RUB"},
      {"rubles", "RUB"},
      {"roubles", "RUB"},
      {"rub", "RUB"},
      {"yen", "JPY"},
      {"jpy", "JPY"},
      {"yuan", "CNY"},
      {"renminbi", "CNY"},
      {"cny", "CNY"},
      {"hrywnja", "UAH"},
      {"hrywnjas", "UAH"},
      {"hrywnia", "UAH"},
      {"griwna", "UAH"},
      {"hryvnia", "UAH"},
      {"hryvnias", "UAH"},
      {"uah", "UAH"},
      {"rupien", "INR"},
      {"rupie", "INR"},
      {"rupees", "INR"},
      {"inr", "INR"},
      {"zloty", "PLN"},
      {"złoty", "PLN"},
      {"zlotys", "PLN"},
      {"pln", "PLN"},
      {"cad", "CAD"},
      {"aud", "AUD"},
      {"sek", "SEK"},
      {"nok", "NOK"},
      {"dkk", "DKK"},
      {"kanada-dollar", "CAD"},
      {"austral-dollar", "AUD"},
      {"hongkong-dollar", "HKD"},
      {"lira", "TRY"},
      {"forint", "HUF"},
      {"huf", "HUF"},
      {"us-dollars", "USD"},
      {"naira", "NGN"},
      {"schilling", "ATS"},
      {"rand", "ZAR"},
      {"liras", "TRY"},
      {"rupee", "INR"}};
  auto it = kWords.find(w);
  if (it != kWords.end()) return it->second;
  return std::nullopt;
}

std::optional<std::string_view> CurrencySymbol(std::string_view sym) {
  if (sym == "$") return "USD";
  if (sym == "€") return "EUR";
  if (sym == "£") return "GBP";
  if (sym == "¥") return "JPY";
  if (sym == "₽") return "RUB";
  if (sym == "₴") return "UAH";
  if (sym == "₹") return "INR";
  return std::nullopt;
}

std::optional<int> FractionWord(std::string_view w) {
  static const std::unordered_map<std::string_view, int> kWords = {
      {"hälfte", 2},         {"drittel", 3},       {"dritteln", 3},      {"viertel", 4},
      {"vierteln", 4},       {"fünftel", 5},       {"fünfteln", 5},      {"sechstel", 6},
      {"siebtel", 7},        {"achtel", 8},        {"neuntel", 9},       {"zehntel", 10},
      {"zehnteln", 10},      {"zwanzigstel", 20},  {"hundertstel", 100}, {"half", 2},
      {"halves", 2},         {"third", 3},         {"thirds", 3},        {"quarter", 4},
      {"quarters", 4},       {"fifth", 5},         {"fifths", 5},        {"sixth", 6},
      {"sixths", 6},         {"seventh", 7},       {"sevenths", 7},      {"eighth", 8},
      {"eighths", 8},        {"ninth", 9},         {"ninths", 9},        {"tenth", 10},
      {"tenths", 10},        {"hundredth", 100},   {"hundredths", 100},  {"thousandth", 1000},
      {"thousandths", 1000}, {"tausendstel", 1000}};
  auto it = kWords.find(w);
  if (it != kWords.end()) return it->second;
  return std::nullopt;
}

std::optional<int> OrdinalWord(std::string_view w) {
  static const std::unordered_map<std::string_view, int> kStems = {
      {"zweite", 2},  {"dritte", 3},      {"vierte", 4},      {"fünfte", 5},
      {"sechste", 6}, {"siebte", 7},      {"achte", 8},       {"neunte", 9},
      {"zehnte", 10}, {"zwanzigste", 20}, {"hundertste", 100}};
  for (std::string_view suffix : {"", "r", "n", "s", "m"}) {
    if (!w.ends_with(suffix)) continue;
    auto it = kStems.find(w.substr(0, w.size() - suffix.size()));
    if (it != kStems.end()) return it->second;
  }
  static const std::unordered_map<std::string_view, int> kEnglish = {
      {"third", 3},   {"fourth", 4}, {"fifth", 5}, {"sixth", 6},
      {"seventh", 7}, {"eighth", 8}, {"ninth", 9}, {"tenth", 10}};
  auto it = kEnglish.find(w);
  if (it != kEnglish.end()) return it->second;
  return std::nullopt;
}

const std::vector<QualifierPhrase>& QualifierPhrases() {
  static const std::vector<QualifierPhrase> kPhrases = [] {
    std::vector<QualifierPhrase> p = {
        {{"rund"}, Qualifier::kApprox},
        {{"etwa"}, Qualifier::kApprox},
        {{"ca"}, Qualifier::kApprox},
        {{"circa"}, Qualifier::kApprox},
        {{"zirka"}, Qualifier::kApprox},
        {{"gut"}, Qualifier::kApprox},
        {{"gute"}, Qualifier::kApprox},
        {{"ungefähr"}, Qualifier::kApprox},
        {{"schätzungsweise"}, Qualifier::kApprox},
        {{"geschätzte"}, Qualifier::kApprox},
        {{"geschätzt"}, Qualifier::kApprox},
        {{"um", "die"}, Qualifier::kApprox},
        {{"an", "die"}, Qualifier::kApprox},
        {{"around"}, Qualifier::kApprox},
        {{"about"}, Qualifier::kApprox},
        {{"roughly"}, Qualifier::kApprox},
        {{"approximately"}, Qualifier::kApprox},
        {{"approx"}, Qualifier::kApprox},
        {{"some"}, Qualifier::kApprox},
        {{"an", "estimated"}, Qualifier::kApprox},
        {{"estimated"}, Qualifier::kApprox},
        {{"mehr", "als"}, Qualifier::kMoreThan},
        {{"über"}, Qualifier::kMoreThan},
        {{"weit", "über"}, Qualifier::kMoreThan},
        {{"knapp", "über"}, Qualifier::kMoreThan},
        {{"gut", "über"}, Qualifier::kMoreThan},
        {{"more", "than"}, Qualifier::kMoreThan},
        {{"over"}, Qualifier::kMoreThan},
        {{"upwards", "of"}, Qualifier::kMoreThan},
        {{"in", "excess", "of"}, Qualifier::kMoreThan},
        {{"just", "over"}, Qualifier::kMoreThan},
        {{"well", "over"}, Qualifier::kMoreThan},
        {{"mindestens"}, Qualifier::kAtLeast},
        {{"wenigstens"}, Qualifier::kAtLeast},
        {{"zumindest"}, Qualifier::kAtLeast},
        {{"at", "least"}, Qualifier::kAtLeast},
        {{"no", "fewer", "than"}, Qualifier::kAtLeast},
        {{"no", "less", "than"}, Qualifier::kAtLeast},
        {{"not", "fewer", "than"}, Qualifier::kAtLeast},
        {{"not", "less", "than"}, Qualifier::kAtLeast},
        {{"nicht", "weniger", "als"}, Qualifier::kAtLeast},
        {{"greater", "than", "or", "equal", "to"}, Qualifier::kAtLeast},
        {{"more", "than", "or", "equal", "to"}, Qualifier::kAtLeast},
        {{"greater", "than"}, Qualifier::kMoreThan},
        {{"less", "than", "or", "equal", "to"}, Qualifier::kAtMost},
        {{"fewer", "than", "or", "equal", "to"}, Qualifier::kAtMost},
        {{"weniger", "als"}, Qualifier::kLessThan},
        {{"unter"}, Qualifier::kLessThan},
        {{"less", "than"}, Qualifier::kLessThan},
        {{"fewer", "than"}, Qualifier::kLessThan},
        {{"under"}, Qualifier::kLessThan},
        {{"below"}, Qualifier::kLessThan},
        {{"höchstens"}, Qualifier::kAtMost},
        {{"maximal"}, Qualifier::kAtMost},
        {{"nicht", "mehr", "als"}, Qualifier::kAtMost},
        {{"at", "most"}, Qualifier::kAtMost},
        {{"no", "more", "than"}, Qualifier::kAtMost},
        {{"not", "more", "than"}, Qualifier::kAtMost},
        {{"bis", "zu"}, Qualifier::kUpTo},
        {{"up", "to"}, Qualifier::kUpTo},
        {{"as", "many", "as"}, Qualifier::kUpTo},
        {{"as", "much", "as"}, Qualifier::kUpTo},
        {{"knapp"}, Qualifier::kNearly},
        {{"fast"}, Qualifier::kNearly},
        {{"nahezu"}, Qualifier::kNearly},
        {{"beinahe"}, Qualifier::kNearly},
        {{"annähernd"}, Qualifier::kNearly},
        {{"knapp", "unter"}, Qualifier::kNearly},
        {{"almost"}, Qualifier::kNearly},
        {{"nearly"}, Qualifier::kNearly},
        {{"close", "to"}, Qualifier::kNearly},
        {{"just", "under"}, Qualifier::kNearly},
        {{"just", "below"}, Qualifier::kNearly},
        {{"just", "shy", "of"}, Qualifier::kNearly},
    };
    std::stable_sort(p.begin(), p.end(), [](const QualifierPhrase& a, const QualifierPhrase& b) {
      return a.words.size() > b.words.size();
    });
    return p;
  }();
  return kPhrases;
}

std::optional<Period> PeriodNoun(std::string_view w) {
  static const std::unordered_map<std::string_view, Period> kNouns = {
      {"stunde", Period::kHour}, {"tag", Period::kDay},         {"woche", Period::kWeek},
      {"monat", Period::kMonth}, {"quartal", Period::kQuarter}, {"jahr", Period::kYear},
      {"hour", Period::kHour},   {"day", Period::kDay},         {"week", Period::kWeek},
      {"month", Period::kMonth}, {"quarter", Period::kQuarter}, {"year", Period::kYear},
      {"annum", Period::kYear},  {"anno", Period::kYear}};
  auto it = kNouns.find(w);
  if (it != kNouns.end()) return it->second;
  return std::nullopt;
}

std::optional<Period> PeriodAdverb(std::string_view w) {
  static const std::unordered_map<std::string_view, Period> kAdverbs = {
      {"stündlich", Period::kHour},
      {"täglich", Period::kDay},
      {"wöchentlich", Period::kWeek},
      {"monatlich", Period::kMonth},
      {"vierteljährlich", Period::kQuarter},
      {"jährlich", Period::kYear},
      {"hourly", Period::kHour},
      {"daily", Period::kDay},
      {"weekly", Period::kWeek},
      {"monthly", Period::kMonth},
      {"quarterly", Period::kQuarter},
      {"annually", Period::kYear},
      {"yearly", Period::kYear}};
  auto it = kAdverbs.find(w);
  if (it != kAdverbs.end()) return it->second;
  return std::nullopt;
}

}  // namespace claimtrack::normalize::internal
