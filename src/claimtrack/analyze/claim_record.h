#pragma once
// The analysis input: one stored claim with the article facts the comparison needs. The store
// (or a test) fills these from its rows; the analysis never touches a database.

#include <string>

#include "claimtrack/model/claim.h"

namespace claimtrack::analyze {

struct ClaimRecord {
  std::string claim_id;    // stable id from the store; findings name claims by it
  std::string article_id;  // two claims of one article are never compared with each other
  std::string outlet;      // "" or "unknown" = no outlet (no outlet_disagreement then)
  std::string url;         // for links in reports; may be empty
  std::string title;       // article title; may be empty
  std::string date;        // ISO 8601 article date ("2025-12-03" or a timestamp); "" = unknown
  Claim claim;             // the model claim: quantity, type, subject, sentence, attribution.
                           // claim.sentence_span and claim.quantity.span are byte offsets
                           // into the same article text, so the figure is located in the
                           // sentence by their difference (else by searching quantity.text).
};

}  // namespace claimtrack::analyze
