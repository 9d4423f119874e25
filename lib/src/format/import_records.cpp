// What `lawlist import` wrote and the items it left for review, as records.

#include <sstream>

#include <fmt/format.h>

#include "lawlist/format/records.hpp"
#include "lawlist/format/writer.hpp"

namespace lawlist::format {
namespace {

// type(0.9) other(0.4): the candidates with their scores, best first.
std::string candidates_text(const import_::Review& review) {
    std::string out;
    for (const auto& c : review.candidates) {
        out += (out.empty() ? "" : " ") + c.violation_type + fmt::format("({:.1f})", c.score);
    }
    return out;
}

// The two lines that say what an import wrote and how it linked the items to violation types.
std::string import_summary(const import_::Result& result, const std::string& written_to) {
    using import_::LinkSource;
    const auto linked = [&](LinkSource s) { return result.linked[static_cast<std::size_t>(s)]; };
    const auto count = [](std::size_t n, const char* one, const char* many) {
        return fmt::format("{} {}", n, n == 1 ? one : many);
    };
    return fmt::format(
        "{}: {} written to {} ({}, {})\n"
        "linked: {} through the county item, {} by name on other lists, {} by the classifier; "
        "{} to review\n",
        result.jurisdiction.id, count(result.items, "item", "items"), written_to,
        count(result.files.size(), "file", "files"),
        count(result.new_bodies.size(), "new body", "new bodies"), linked(LinkSource::county_item),
        linked(LinkSource::known_name), linked(LinkSource::classifier), linked(LinkSource::review));
}

}  // namespace

const RecordType<import_::Review>& review_record() {
    using R = import_::Review;
    static const RecordType<R> type{
        {
            {"cell", "位置", [](const R& r) { return r.where; }},
            {"code", "事项编码", [](const R& r) { return r.code; }},
            {"name", "事项名称", [](const R& r) { return r.name; }},
            {"candidates", "候选违法行为类型", candidates_text},
        },
        [](const R& r) {
            Json candidates = Json::array();
            for (const auto& c : r.candidates) {
                candidates.push_back({{"violation_type", c.violation_type}, {"score", c.score}});
            }
            return Json{
                {"cell", r.where}, {"code", r.code}, {"name", r.name}, {"candidates", candidates}};
        },
        false,
    };
    return type;
}

Listing import_listing(const import_::Result& result, const std::string& written_to) {
    Listing listing = make_listing(review_record(), result.reviews);
    listing.report = [summary = import_summary(result, written_to), reviews = listing](
                         Output output,
                         const WriterOptions& options) -> std::optional<std::string> {
        if (output != Output::table && output != Output::cards) {
            return std::nullopt;
        }
        std::ostringstream out;
        out << summary;
        if (!reviews.rows.empty()) {
            make_writer(output, options)->write(reviews, out);
        }
        return out.str();
    };
    return listing;
}

}  // namespace lawlist::format
