#pragma once
// The listings of lawlist's commands: each record type's columns and JSON form, declared once and
// written by any writer (writer.hpp). The JSON forms are the stable contracts of README.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lawlist/audit/audit.hpp"
#include "lawlist/classify/classifier.hpp"
#include "lawlist/classify/evaluate.hpp"
#include "lawlist/classify/input.hpp"
#include "lawlist/format/listing.hpp"
#include "lawlist/import/importer.hpp"
#include "lawlist/model/model.hpp"
#include "lawlist/resolve/resolver.hpp"
#include "lawlist/store/database.hpp"
#include "lawlist/store/lists.hpp"
#include "lawlist/store/lookup.hpp"
#include "lawlist/store/queries.hpp"
#include "lawlist/store/summary.hpp"

namespace lawlist::format {

// Joins strings with `separator`.
std::string join(const std::vector<std::string>& parts, std::string_view separator);

// Items (`lawlist items`): one record per item.
const RecordType<store::ItemRow>& item_record();
Json to_json(const store::ItemRow& item);

// Bodies (`lawlist bodies`); people see the sector's department from `sectors`, the
// database's sectors vocabulary.
RecordType<store::BodyRow> body_record(const std::vector<model::Sector>& sectors);
Json to_json(const store::BodyRow& body);
Listing bodies_listing(const std::vector<store::BodyRow>& bodies,
                       const std::vector<model::Sector>& sectors);

// The problem list (`lawlist problems`), the warning list (`lawlist warnings`) and the
// performance list (`lawlist metrics`): one record per entry; people see bodies by name.
const RecordType<store::ProblemRow>& problem_record();
Json to_json(const store::ProblemRow& problem);
const RecordType<store::WarningRow>& warning_record();
Json to_json(const store::WarningRow& warning);
const RecordType<store::MetricRow>& metric_record();
Json to_json(const store::MetricRow& metric);

// Violation types (`lawlist types`); people see the sector's department from `sectors`.
RecordType<store::ViolationTypeRow> violation_type_record(
    const std::vector<model::Sector>& sectors);
Json to_json(const store::ViolationTypeRow& type);

// Revisions (`lawlist revisions`).
const RecordType<store::RevisionInfo>& revision_record();
Json to_json(const store::RevisionInfo& revision);

// Audit findings: the table groups them by severity, markdown is the reform office's report
// (counts by code and department, overlap groups, details), naming bodies and jurisdictions from
// `bundle`, which must outlive the listing.
const RecordType<audit::Finding>& finding_record();
Listing findings_listing(const std::vector<audit::Finding>& findings, const model::Bundle& bundle);

// One resolution (`lawlist resolve`): json is the resolution's object, the table the answer in
// words with its items; `bundle` (for the jurisdiction's name) must outlive the listing.
const RecordType<resolve::Resolution>& resolution_record();
// `classified`, when the text named no violation type and was classified instead: the table
// says so first, with the other candidates; the JSON adds "classified_from".
Listing resolution_listing(const resolve::Resolution& resolution, const model::Bundle& bundle,
                           const std::optional<classify::Classification>& classified = {});

// The jurisdiction a command answered for, as people read it: 石河镇（shihe-town），清单版本：
// 2025年调整（默认辖区，由 lawlist use 设定）; and as JSON: {"id", "name", "revision",
// "chosen_by"}.
std::string jurisdiction_choice_text(const store::JurisdictionChoice& choice);
Json to_json(const store::JurisdictionChoice& choice);

// Classifications (`lawlist classify`) in `jurisdiction`: one record per incident, each naming the
// jurisdiction; the table says it once and shows every match.
const RecordType<classify::Classification>& classification_record();
// Whether a matched incident's second candidate scores at least k_close_candidates of the first's
// score: the table then says to check both, and the JSON has "close_candidates": true. On
// tests/data/incidents-tune.tsv 0.85 flags 35 of 380 incidents, 7 of the 9 whose right type came
// second.
inline constexpr double k_close_candidates = 0.85;
bool close_candidates(const classify::Classification& classification);
Listing classifications_listing(const std::vector<classify::Classification>& results,
                                const store::JurisdictionChoice& jurisdiction);
// The same for a batch whose records carry an id and kept columns (`keys`): `incidents[i]` is the
// record results[i] came from. Its id leads each record, then the kept values: JSON "id" and
// "kept" (an object by input name), CSV columns named as in the input, and a line naming them
// above each incident of the table.
Listing classifications_listing(const std::vector<classify::Classification>& results,
                                const store::JurisdictionChoice& jurisdiction,
                                const classify::BatchKeys& keys,
                                std::span<const classify::Incident> incidents);

// The items `lawlist import` left for review: one record per item with its candidate violation
// types. The table and cards say first what was written into `written_to` and how the items
// were linked.
const RecordType<import_::Review>& review_record();
Listing import_listing(const import_::Result& result, const std::string& written_to);

// Summary (`lawlist summary`): json is the whole summary, jsonl one jurisdiction per line, csv
// one row per department, table and markdown the counts per jurisdiction and the vocabulary.
Json to_json(const store::Summary& summary);
Listing summary_listing(const store::Summary& summary);

// Evaluation (`lawlist eval`): the measures at `thresholds`, with the calibration when one ran.
struct Evaluation {
    classify::Metrics metrics;
    classify::Thresholds thresholds;
    std::optional<classify::Calibration> calibration;
};
Json to_json(const Evaluation& evaluation);
Listing evaluation_listing(const Evaluation& evaluation);

}  // namespace lawlist::format
