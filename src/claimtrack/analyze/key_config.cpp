#include "claimtrack/analyze/key_config.h"

#include <unordered_map>
#include <unordered_set>

#include "claimtrack/analyze/key_internal.h"
#include "claimtrack/analyze/lexicon.h"

namespace claimtrack::analyze {

struct KeyConfig::Impl {
  KeyConfigData data;
  internal::Lexicon lexicon;
  std::unordered_map<std::string, size_t> claim_types;
  std::unordered_set<uint64_t> stopwords;  // Hash64 of lower-cased words
};

KeyConfig::KeyConfig(KeyConfigData data) {
  auto impl = std::make_shared<Impl>();
  impl->data = std::move(data);
  const KeyConfigData& d = impl->data;
  auto add = [&](const Cue& cue, internal::CueRef ref) {
    if (internal::Lexicon::Check(cue.text).empty()) impl->lexicon.Add(cue.text, ref);
  };
  for (size_t i = 0; i < d.claim_types.size(); ++i)
    impl->claim_types.emplace(d.claim_types[i].id, i);
  for (size_t i = 0; i < d.concepts.size(); ++i) {
    for (const Cue& w : d.concepts[i].words)
      add(w, {internal::kCueConcept, static_cast<uint32_t>(i), 0});
  }
  for (size_t i = 0; i < d.context.size(); ++i) {
    for (size_t v = 0; v < d.context[i].values.size(); ++v) {
      for (const Cue& c : d.context[i].values[v].cues)
        add(c, {internal::kCueTag, static_cast<uint32_t>(i), static_cast<uint32_t>(v)});
    }
  }
  for (const Cue& c : d.reported_earlier) add(c, {internal::kCueEarlier, 0, 0});
  for (size_t i = 0; i < d.events.size(); ++i) {
    for (const Cue& w : d.events[i].words)
      add(w, {internal::kCueEvent, static_cast<uint32_t>(i), 0});
  }
  for (const std::string& w : d.stopwords) {
    internal::TokenizedText t;
    t.Reset(w);
    for (size_t i = 0; i < t.tokens().size(); ++i)
      impl->stopwords.insert(internal::Hash64(t.Word(i)));
  }
  impl_ = std::move(impl);
}

const KeyConfigData& KeyConfig::data() const { return impl_->data; }

const ClaimTypeSpec* KeyConfig::FindClaimType(std::string_view claim_type) const {
  auto it = impl_->claim_types.find(std::string(claim_type));
  return it == impl_->claim_types.end() ? nullptr : &impl_->data.claim_types[it->second];
}

double KeyConfig::ToleranceFor(std::string_view claim_type) const {
  const ClaimTypeSpec* s = FindClaimType(claim_type);
  return s && s->tolerance ? *s->tolerance : impl_->data.tolerance;
}

int KeyConfig::WindowDaysFor(std::string_view claim_type) const {
  const ClaimTypeSpec* s = FindClaimType(claim_type);
  return s && s->window_days ? *s->window_days : impl_->data.window_days;
}

const internal::Lexicon& KeyConfig::lexicon() const { return impl_->lexicon; }

bool KeyConfig::IsStopword(std::string_view lower_word) const {
  return impl_->stopwords.count(internal::Hash64(lower_word)) > 0;
}

std::string CheckCue(std::string_view cue) { return internal::Lexicon::Check(cue); }

}  // namespace claimtrack::analyze
