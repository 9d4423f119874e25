#include "lawlist/export/html.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "lawlist/text/utf8.hpp"

namespace lawlist::exporting {
namespace {

// Screen: a sticky search bar and table header. Print: A4 landscape, the header row repeated on
// every page (thead as a table-header-group), each list from a new page, no controls.
constexpr const char* k_style = R"css(
@page { size: A4 landscape; margin: 12mm 10mm; }
* { box-sizing: border-box; }
body { margin: 0 1.5em 2em; color: #111; font: 14px/1.5 "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimSun", sans-serif; }
h1 { font-size: 1.6em; text-align: center; margin: 0.8em 0 0.4em; }
h2 { font-size: 1.3em; text-align: center; margin: 1.2em 0 0.3em; }
.note { text-align: center; margin: 0.2em 0; color: #333; }
nav.toc { margin: 0.5em auto; max-width: 40em; }
nav.toc ol { margin: 0.2em 0; }
.controls { position: sticky; top: 0; z-index: 2; background: #fff; padding: 0.5em 0; border-bottom: 1px solid #ccc; display: flex; gap: 1em; align-items: center; flex-wrap: wrap; }
.controls input { font: inherit; padding: 0.2em 0.4em; width: 20em; }
.filters { margin: 0.4em 0; display: flex; gap: 1em; flex-wrap: wrap; }
.filters select { font: inherit; max-width: 24em; }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 1em; }
th, td { border: 1px solid #999; padding: 0.25em 0.4em; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
td { white-space: pre-line; }
thead th { background: #d9e1f2; text-align: center; position: sticky; top: 3.2em; z-index: 1; }
tr.heading th { background: #f2f2f2; text-align: left; }
td.n { text-align: center; white-space: nowrap; }
td.k, thead th { white-space: nowrap; }
.shown { color: #555; }
@media print {
  body { margin: 0; font-size: 9pt; }
  .controls, .filters, nav.toc, .shown { display: none; }
  thead { display: table-header-group; }
  thead th { position: static; }
  tr { break-inside: avoid; }
  section.sheet + section.sheet { break-before: page; }
  a { color: inherit; text-decoration: none; }
}
)css";

// Filters rows on every input: a row stays when it holds every word of the search box and
// matches each drop-down of its section. Texts are read from the table once; nothing is written
// into the page but the hidden flags and the counts.
constexpr const char* k_script = R"js(
(function () {
  'use strict';
  var search = document.getElementById('search');
  var sections = Array.prototype.map.call(document.querySelectorAll('section.sheet'), function (section) {
    var groups = Array.prototype.map.call(section.querySelectorAll('tbody'), function (body) {
      return {
        heading: body.querySelector('tr.heading'),
        rows: Array.prototype.map.call(body.querySelectorAll('tr.row'), function (row) {
          return { row: row, text: row.textContent.toLowerCase(),
                   cells: Array.prototype.map.call(row.cells, function (c) { return c.textContent; }) };
        })
      };
    });
    return { selects: section.querySelectorAll('select[data-column]'), groups: groups,
             shown: section.querySelector('.shown'), total: section.querySelectorAll('tr.row').length };
  });
  function apply() {
    var words = search.value.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
    sections.forEach(function (s) {
      var wanted = Array.prototype.map.call(s.selects, function (sel) {
        return { column: Number(sel.getAttribute('data-column')), value: sel.value };
      }).filter(function (f) { return f.value !== ''; });
      var shown = 0;
      s.groups.forEach(function (g) {
        var any = false;
        g.rows.forEach(function (r) {
          var keep = words.every(function (w) { return r.text.indexOf(w) >= 0; }) &&
                     wanted.every(function (f) { return r.cells[f.column] === f.value; });
          r.row.hidden = !keep;
          if (keep) { any = true; shown += 1; }
        });
        if (g.heading) { g.heading.hidden = !any; }
      });
      if (s.shown) {
        s.shown.textContent = shown === s.total ? '共' + s.total + '项' : '显示' + shown + '项（共' + s.total + '项）';
      }
    });
  }
  search.addEventListener('input', apply);
  Array.prototype.forEach.call(document.querySelectorAll('select[data-column]'), function (sel) {
    sel.addEventListener('change', apply);
  });
  apply();
})();
)js";

// Columns at most this wide (display columns) are kept on one line.
constexpr std::size_t k_short = 16;

}  // namespace

std::string escape_html(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string render_html(const Document& document) {
    check(document);
    std::string out;
    std::size_t cells = 0;
    for (const auto& sheet : document.sheets) {
        cells += sheet.row_count() * sheet.columns.size();
    }
    out.reserve(4096 + cells * 48);
    out += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<meta name=\"author\" content=\"" + escape_html(document.author) + "\">\n";
    if (!document.date.empty()) {
        out += "<meta name=\"date\" content=\"" + escape_html(document.date) + "\">\n";
    }
    out += "<meta name=\"generator\" content=\"lawlist\">\n";
    out += "<title>" + escape_html(document.title) + "</title>\n<style>" + k_style +
           "</style>\n</head>\n<body>\n";
    out += "<h1>" + escape_html(document.title) + "</h1>\n";
    out += "<nav class=\"toc\" aria-label=\"目录\"><ol>\n";
    for (const auto& sheet : document.sheets) {
        out += fmt::format("<li><a href=\"#{}\">{}</a>（{}项）</li>\n", escape_html(sheet.key),
                           escape_html(sheet.name), sheet.row_count());
    }
    out += "</ol></nav>\n";
    out +=
        "<div class=\"controls\"><label>搜索：<input type=\"search\" id=\"search\" "
        "placeholder=\"输入关键词，如：渣土\" autocomplete=\"off\"></label></div>\n<main>\n";
    for (const auto& sheet : document.sheets) {
        const auto columns = sheet.columns.size();
        out += "<section class=\"sheet\" id=\"" + escape_html(sheet.key) + "\">\n";
        out += "<h2>" + escape_html(sheet.title) + "</h2>\n";
        for (const auto& note : sheet.notes) {
            out += "<p class=\"note\">" + escape_html(note) + "</p>\n";
        }
        out += "<div class=\"filters\">";
        for (std::size_t c = 0; c < columns; ++c) {
            if (!sheet.columns[c].filter) {
                continue;
            }
            std::set<std::string> values;
            for (const auto& group : sheet.groups) {
                for (const auto& row : group.rows) {
                    if (!row[c].empty()) {
                        values.insert(row[c]);
                    }
                }
            }
            const auto header = escape_html(sheet.columns[c].header);
            out += fmt::format(
                "<label>{}：<select data-column=\"{}\"><option value=\"\">全部</option>", header,
                c);
            for (const auto& value : values) {
                const auto v = escape_html(value);
                out += "<option value=\"" + v + "\">" + v + "</option>";
            }
            out += "</select></label>";
        }
        out += "<span class=\"shown\" aria-live=\"polite\"></span></div>\n";
        out += "<table>\n<thead><tr>";
        for (const auto& column : sheet.columns) {
            out += "<th scope=\"col\">" + escape_html(column.header) + "</th>";
        }
        out += "</tr></thead>\n";
        for (const auto& group : sheet.groups) {
            out += "<tbody>\n";
            if (!group.heading.empty()) {
                out += fmt::format("<tr class=\"heading\"><th colspan=\"{}\" scope=\"rowgroup\">",
                                   columns) +
                       escape_html(group.heading) + "</th></tr>\n";
            }
            for (const auto& row : group.rows) {
                out += "<tr class=\"row\">";
                for (std::size_t c = 0; c < columns; ++c) {
                    // 序号 centred; short columns (codes, categories) kept on one line.
                    out += c == 0                                  ? "<td class=\"n\">"
                           : sheet.columns[c].max_width <= k_short ? "<td class=\"k\">"
                                                                   : "<td>";
                    out += escape_html(row[c]);
                    out += "</td>";
                }
                out += "</tr>\n";
            }
            out += "</tbody>\n";
        }
        out += "</table>\n</section>\n";
    }
    out += "</main>\n<script>" + std::string(k_script) + "</script>\n</body>\n</html>\n";
    return out;
}

}  // namespace lawlist::exporting
