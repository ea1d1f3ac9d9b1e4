// Stable claim identity and change fingerprints (see docs/database.md, "Claim ids").

#include <string>
#include <unordered_map>

#include "claimtrack/base/utf8.h"
#include "claimtrack/store/claim_hash.h"
#include "claimtrack/store/store.h"

namespace claimtrack::store {
namespace {

constexpr char kSep = '\x1f';  // unit separator: cannot be confused with text content

bool IsSpace(char32_t cp) {
  switch (cp) {
    case ' ':
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

// Collapses whitespace like CollapseWhitespace and maps the byte offset `mark` of `text`
// to the corresponding offset in the result.
std::string Collapse(std::string_view text, size_t mark, size_t* mark_out) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  bool mapped = false;
  size_t pos = 0;
  while (pos < text.size()) {
    if (!mapped && pos >= mark) {
      *mark_out = out.size() + (pending_space && !out.empty() ? 1 : 0);
      mapped = true;
    }
    size_t len = 1;
    char32_t cp = DecodeUtf8(text, pos, &len);
    if (IsSpace(cp)) {
      pending_space = true;
    } else {
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      out.append(text.substr(pos, len));
    }
    pos += len;
  }
  if (!mapped) *mark_out = out.size();
  return out;
}

constexpr uint64_t kPrefixMask = 0xFFFFFF0000000000ULL;

uint64_t WithArticlePrefix(std::string_view article_id, uint64_t claim_hash) {
  std::string key = "article/v1";
  key.push_back(kSep);
  key.append(article_id);
  return (Fnv1a64(key) & kPrefixMask) | (claim_hash & ~kPrefixMask);
}

void Add(std::string& key, std::string_view field) {
  key.append(field);
  key.push_back(kSep);
}

void AddNum(std::string& key, const std::optional<double>& v) {
  Add(key, v ? FormatNumber(*v) : std::string("null"));
}

}  // namespace

uint64_t Fnv1a64(std::string_view data, uint64_t seed) {
  uint64_t h = seed;
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string Hex64(uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<size_t>(i)] = kDigits[v & 0xF];
    v >>= 4;
  }
  return out;
}

std::string CollapseWhitespace(std::string_view text) {
  size_t unused = 0;
  return Collapse(text, 0, &unused);
}

std::string StableClaimId(const Claim& claim) {
  // Position of the figure relative to the sentence start, in bytes of the sentence text.
  size_t rel = 0;
  if (claim.quantity.span.begin >= claim.sentence_span.begin) {
    rel = claim.quantity.span.begin - claim.sentence_span.begin;
  }
  size_t rel_collapsed = 0;
  std::string sentence = Collapse(claim.sentence, rel, &rel_collapsed);
  std::string key;
  key.reserve(claim.article_id.size() + sentence.size() + claim.rule_id.size() + 32);
  Add(key, "claim/v1");
  Add(key, claim.article_id);
  Add(key, sentence);
  Add(key, std::to_string(rel_collapsed));
  Add(key, claim.rule_id);
  // The top 24 bits come from the article id alone, so the ids of one article sort next to
  // each other: inserting an article's claims touches one page of the id index, not one per
  // claim. The remaining 40 bits identify the claim within (and, with the prefix, across)
  // articles.
  return Hex64(WithArticlePrefix(claim.article_id, Fnv1a64(key)));
}

std::string FigureId(std::string_view article_id, std::string_view sentence, size_t offset) {
  size_t rel_collapsed = 0;
  std::string collapsed = Collapse(sentence, offset, &rel_collapsed);
  std::string key;
  key.reserve(article_id.size() + collapsed.size() + 32);
  Add(key, "figure/v1");
  Add(key, article_id);
  Add(key, collapsed);
  Add(key, std::to_string(rel_collapsed));
  return Hex64(WithArticlePrefix(article_id, Fnv1a64(key)));
}

std::string FigureId(const Claim& claim) {
  size_t rel = 0;
  if (claim.quantity.span.begin >= claim.sentence_span.begin) {
    rel = claim.quantity.span.begin - claim.sentence_span.begin;
  }
  return FigureId(claim.article_id, claim.sentence, rel);
}

std::vector<std::string> AssignClaimIds(const std::string& article_id,
                                        const std::vector<Claim>& claims) {
  std::vector<std::string> ids;
  ids.reserve(claims.size());
  std::unordered_map<std::string, int> seen;
  for (const Claim& c : claims) {
    Claim copy_for_id;
    copy_for_id.article_id = article_id;
    copy_for_id.sentence = c.sentence;
    copy_for_id.sentence_span = c.sentence_span;
    copy_for_id.quantity.span = c.quantity.span;
    copy_for_id.rule_id = c.rule_id;
    std::string id = StableClaimId(copy_for_id);
    int n = ++seen[id];
    if (n > 1) {
      std::string key = id;
      key.push_back(kSep);
      key.append(std::to_string(n));
      id = Hex64(WithArticlePrefix(article_id, Fnv1a64(key)));
    }
    ids.push_back(std::move(id));
  }
  return ids;
}

std::string ClaimFingerprint(const Claim& c) {
  const Quantity& q = c.quantity;
  const Attribution& a = c.attribution;
  std::string key;
  key.reserve(256 + c.sentence.size());
  Add(key, "fp/v1");
  Add(key, c.claim_type);
  Add(key, c.rule_id);
  Add(key, c.lang);
  Add(key, c.subject);
  Add(key, ToString(q.kind));
  AddNum(key, q.value);
  AddNum(key, q.low);
  AddNum(key, q.high);
  Add(key, ToString(q.qualifier));
  Add(key, q.unit);
  Add(key, ToString(q.period));
  Add(key, q.base);
  Add(key, std::to_string(q.precision));
  Add(key, q.ambiguous ? "1" : "0");
  Add(key, q.ambiguity);
  Add(key, q.text);
  Add(key, std::to_string(q.span.begin) + "-" + std::to_string(q.span.end));
  Add(key, std::to_string(c.sentence_index));
  Add(key, std::to_string(c.sentence_span.begin) + "-" + std::to_string(c.sentence_span.end));
  Add(key, c.sentence);
  Add(key, a.speaker_id);
  Add(key, a.speaker_name);
  Add(key, a.speaker_kind);
  Add(key, ToString(a.method));
  Add(key, FormatNumber(a.confidence));
  Add(key, std::to_string(a.cue.begin) + "-" + std::to_string(a.cue.end));
  Add(key, a.evidence);
  // Only when set, so that the fingerprints of claims stored before `review:` existed stay.
  if (c.review) Add(key, "review");
  return Hex64(Fnv1a64(key));
}

}  // namespace claimtrack::store
