#pragma once
// Figure timelines: what one speaker said about one key, in date order. The report draws one
// chart per timeline (points for figures, bars for ranges and hedges).

#include <optional>
#include <string>
#include <vector>

#include "claimtrack/analyze/claim_record.h"
#include "claimtrack/analyze/key_config.h"

namespace claimtrack::analyze {

struct TimelinePoint {
  std::string date;  // YYYY-MM-DD
  std::string claim_id;
  std::string article_id;
  std::string outlet;
  std::string url;
  std::string title;
  std::string figure;           // as written ("rund 20.000")
  std::string figure_text;      // normalized for people ("~20,000"; FigureText)
  std::optional<double> value;  // the point value in the timeline's unit (null for a range)
  std::optional<double> low;    // the asserted interval (null = unbounded on that side)
  std::optional<double> high;
  bool weak = false;  // weak attribution
};

struct Timeline {
  std::string speaker_id;
  std::string speaker_name;
  std::string group;                  // ClaimKey::group
  std::string key_label;              // ClaimKey::Label()
  std::string unit;                   // "%", "pp", a currency, or "" (a count)
  std::vector<TimelinePoint> points;  // by date, then claim id
};

struct TimelineOptions {
  std::vector<std::string> speaker_ids;  // only these speakers; empty = every named speaker
  std::vector<std::string> groups;       // only these key groups; empty = all
  size_t min_points = 2;                 // a timeline needs at least this many dated figures
  size_t max_points = 60;                // the latest ones are kept
  size_t max_timelines = 200;            // the ones with most points are kept
  bool include_outlet_text = false;      // also "narrator:" speakers (an outlet's own text)
};

// Timelines of dated, usable claims by (speaker, key group), sorted by speaker name, then key.
// Pure and deterministic (independent of the input order).
std::vector<Timeline> BuildTimelines(const std::vector<ClaimRecord>& records,
                                     const KeyConfig& config, const TimelineOptions& options = {});

}  // namespace claimtrack::analyze
