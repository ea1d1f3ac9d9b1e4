#pragma once
// Private to store/: hashing used for claim identity and change detection. FNV-1a is not a
// cryptographic hash; it only has to be stable across builds and platforms and spread ids.

#include <cstdint>
#include <string>
#include <string_view>

#include "claimtrack/model/claim.h"

namespace claimtrack::store {

uint64_t Fnv1a64(std::string_view data, uint64_t seed = 0xcbf29ce484222325ULL);
// 16 lower-case hex digits.
std::string Hex64(uint64_t v);
// A hash of everything a reader could see change in a claim (value model, speaker,
// attribution, type, spans, sentence), excluding ids and bookkeeping.
std::string ClaimFingerprint(const Claim& claim);

}  // namespace claimtrack::store
