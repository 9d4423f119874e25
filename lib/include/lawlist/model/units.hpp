#pragma once
// The units a performance metric's target is counted in: as lists spell them (the enum of the
// performance list schema's target/unit) and as published text writes them after a number.

#include <string>
#include <string_view>
#include <vector>

namespace lawlist::model {

// "percent", "minutes", "hours", "days", "count", "points", in the schema's order.
const std::vector<std::string>& metric_units();

// How published text writes `unit` after a number: %, 分钟, 小时, 日, 次, 分 (95%, 3日). Days are
// 日, as statutes and the lists' own texts count periods (3日内反馈结果); a unit not among
// metric_units() comes back as it is.
std::string_view unit_label(std::string_view unit);

}  // namespace lawlist::model
