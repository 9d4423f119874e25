#pragma once
// The listings of lawlist's commands: each record type's columns and JSON form, declared once and
// written by any writer (writer.hpp). The JSON forms are the stable contracts of README.

#include <string>
#include <string_view>
#include <vector>

#include "lawlist/audit/audit.hpp"
#include "lawlist/classify/classifier.hpp"
#include "lawlist/classify/evaluate.hpp"
#include "lawlist/format/listing.hpp"
#include "lawlist/model/model.hpp"
#include "lawlist/resolve/resolver.hpp"
#include "lawlist/store/database.hpp"
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
Listing resolution_listing(const resolve::Resolution& resolution, const model::Bundle& bundle);

// Classifications (`lawlist classify`): one record per incident; the table shows every match.
const RecordType<classify::Classification>& classification_record();
Listing classifications_listing(const std::vector<classify::Classification>& results);

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
