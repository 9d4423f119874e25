#!/usr/bin/python3
"""Exports jurisdictions in every file format and reads the files back as a user's tools would:
xlsx with openpyxl, csv with Python's csv module, json with the json module, html with Python's
html parser, markdown as text.
Items are checked against `lawlist items --format json` (a separate query of the database), the
other lists against the json export; layout (merged title, frozen header, autofilter, print
setup, document properties, 序号 running within each department) is checked in the xlsx.

usage: check_exports.py LAWLIST DB WORKDIR [JURISDICTION...]   (none: every loaded jurisdiction)
"""
import csv
import datetime
import filecmp
import html.parser
import json
import os
import re
import subprocess
import sys
import unicodedata

import openpyxl

LAWLIST, DB, WORK = sys.argv[1:4]
failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message)


def lawlist(*args, stdout=True):
    result = subprocess.run([LAWLIST, *args, "--db", DB], capture_output=True, check=False)
    if result.returncode != 0 or result.stderr:
        sys.exit(f"lawlist {' '.join(args)} failed ({result.returncode}): "
                 f"{result.stderr.decode()}")
    return result.stdout.decode("utf-8") if stdout else None


def export(jurisdiction, fmt, output, *extra):
    return lawlist("export", "-j", jurisdiction, "--format", fmt, "-o", output, *extra)


def expected_power_cells(item, county):
    """The cells an item's row should hold, from `lawlist items` (not from the export)."""
    delegation = item["delegation"] or {}
    subject = item.get("subject") or item.get("body")  # items json before legal-model: body
    unit = item.get("unit") or subject  # no unit: the subject does the work
    cells = [item["code"], item["name"], item["category"], subject["name"], unit["name"]]
    if not county:
        cells += [delegation.get("mode", ""), (delegation.get("from") or {}).get("name", "")]
    cells += ["；".join(item["basis"])]
    return cells


def column_letter(n):
    return openpyxl.utils.get_column_letter(n)


def display_width(text):
    """Columns a text takes on its widest line: East Asian wide characters count two."""
    return max(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
               for line in str(text).split("\n"))


def check_widths(where, sheet, rows):
    """Columns as wide as their widest text plus a margin of two, where that is short enough not
    to wrap (codes, categories, 序号); every data cell wraps its text."""
    for c in range(sheet.max_column):
        letter = column_letter(c + 1)
        # Department headings span the row (merged): they do not widen column A.
        widest = max(display_width(row[c]) for row in rows
                     if row[c] is not None and row[1] is not None)
        width = sheet.column_dimensions[letter].width
        if widest <= 14 and abs(width - (widest + 2)) > 1:
            fail(f"{where}: column {letter} is {width:.1f} wide, its widest text {widest}")
        if widest > 14 and width < 16:
            fail(f"{where}: column {letter} is {width:.1f} wide for texts of {widest}")
    cell = sheet.cell(row=sheet.max_row, column=3)
    if not cell.alignment.wrap_text or not cell.border.left.style:
        fail(f"{where}: data cells do not wrap or have no border")


def check_xlsx(jurisdiction, published, items):
    path = os.path.join(WORK, f"{jurisdiction}.xlsx")
    again = os.path.join(WORK, f"{jurisdiction}-again.xlsx")
    export(jurisdiction, "xlsx", path)
    export(jurisdiction, "xlsx", again)
    if not filecmp.cmp(path, again, shallow=False):
        fail(f"{jurisdiction}: two xlsx exports of the same data differ")
    book = openpyxl.load_workbook(path)
    lists = published["lists"]
    labels = {"power": "权责清单", "problem": "问题清单", "warning": "警示清单",
              "performance": "绩效清单"}
    if book.sheetnames != [labels[key] for key in lists]:
        fail(f"{jurisdiction}: sheets {book.sheetnames} for lists {list(lists)}")
    props = book.properties
    if props.title != published["title"] or props.creator != published["issuer"]:
        fail(f"{jurisdiction}: properties title={props.title!r} creator={props.creator!r}")
    if published["effective"] and props.created != datetime.datetime.fromisoformat(
            published["effective"]):
        fail(f"{jurisdiction}: created {props.created}, effective {published['effective']}")

    county = published["jurisdiction"]["level"] == "county"
    by_code = {item["code"]: item for item in items}
    titles = {labels[key]: value["title"] for key, value in lists.items()}
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        width = sheet.max_column
        last = column_letter(width)
        merged = {str(r) for r in sheet.merged_cells.ranges}
        if f"A1:{last}1" not in merged or rows[0][0] != titles[sheet.title]:
            fail(f"{jurisdiction}/{sheet.title}: title not merged across A1:{last}1 ({rows[0][0]})")
        header = next(i for i, row in enumerate(rows) if row[0] == "序号")  # 0-based
        if sheet.freeze_panes != f"A{header + 2}":
            fail(f"{jurisdiction}/{sheet.title}: frozen at {sheet.freeze_panes}, header {header + 1}")
        if sheet.auto_filter.ref != f"A{header + 1}:{last}{len(rows)}":
            fail(f"{jurisdiction}/{sheet.title}: autofilter {sheet.auto_filter.ref}")
        if sheet.print_title_rows != f"${header + 1}:${header + 1}":
            fail(f"{jurisdiction}/{sheet.title}: repeated rows {sheet.print_title_rows}")
        if sheet.page_setup.orientation != "landscape" or str(sheet.page_setup.paperSize) != "9":
            fail(f"{jurisdiction}/{sheet.title}: page {sheet.page_setup.orientation} "
                 f"{sheet.page_setup.paperSize}")
        body = rows[header + 1:]
        check_widths(f"{jurisdiction}/{sheet.title}", sheet, rows[header:])
        if sheet.title == "权责清单":
            if rows[2][0] != published["summary"]["text"]:
                fail(f"{jurisdiction}: summary line {rows[2][0]!r}")
            seen = set()
            number = 0
            headings = 0
            for index, row in enumerate(body, start=header + 2):
                if row[1] is None:  # a department heading: merged across the row
                    headings += 1
                    number = 0
                    if f"A{index}:{last}{index}" not in merged:
                        fail(f"{jurisdiction}: heading row {index} not merged")
                    continue
                number += 1
                if row[0] != number:
                    fail(f"{jurisdiction}: row {index} numbered {row[0]}, expected {number}")
                code = row[1]
                seen.add(code)
                item = by_code.get(code)
                if item is None:
                    fail(f"{jurisdiction}: row {index} holds {code}, not an item of the list")
                    continue
                cells = [c if c is not None else "" for c in row[1:-1]]
                if cells != expected_power_cells(item, county):
                    fail(f"{jurisdiction}: row {index}: {cells} != {expected_power_cells(item, county)}")
            if seen != set(by_code):
                fail(f"{jurisdiction}: items missing from the xlsx: {sorted(set(by_code) - seen)}")
            if headings != len(lists["power"]["groups"]):
                fail(f"{jurisdiction}: {headings} department headings")
        else:
            key = {"问题清单": ("problem", "problems"), "警示清单": ("warning", "warnings"),
                   "绩效清单": ("performance", "metrics")}[sheet.title]
            records = lists[key[0]][key[1]]
            codes = [row[1] for row in body]
            if codes != [r["code"] for r in records]:
                fail(f"{jurisdiction}/{sheet.title}: codes {codes[:5]}...")
            for row, record in zip(body, records):
                if row[2] != record.get("name", record.get("situation")):
                    fail(f"{jurisdiction}/{sheet.title}: {row[1]} shows {row[2]!r}")


def check_csv(jurisdiction, published):
    folder = os.path.join(WORK, f"{jurisdiction}-csv")
    export(jurisdiction, "csv", folder)
    lists = published["lists"]
    written = sorted(os.listdir(folder))
    if written != sorted(f"{jurisdiction}-{key}.csv" for key in lists):
        fail(f"{folder}: files {written} for lists {list(lists)}")
    for key, records in [("power", [dict(r, department=g["department"]["name"])
                                    for g in lists["power"]["groups"] for r in g["items"]]),
                         ("problem", lists.get("problem", {}).get("problems")),
                         ("warning", lists.get("warning", {}).get("warnings")),
                         ("performance", lists.get("performance", {}).get("metrics"))]:
        if records is None:
            continue
        path = os.path.join(folder, f"{jurisdiction}-{key}.csv")
        with open(path, "rb") as f:
            if f.read(3) != b"\xef\xbb\xbf":
                fail(f"{path}: no UTF-8 byte-order mark")
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f, strict=True))
        if len(rows) != len(records) + 1:
            fail(f"{path}: {len(rows) - 1} records, {len(records)} expected")
        for row, record in zip(rows[1:], records):
            if key == "power":
                # group, 序号, code, name, category, subject, [mode, origin,] basis, remarks
                fields = [row[1], row[2], row[3], row[4], row[-2], row[-1]]
                expected = [str(record["number"]), record["code"], record["name"],
                            record["category"], "；".join(record["basis"]),
                            record["remarks"] or ""]
                if not row[0].endswith(f"{record['department']}（{row[0].split('（')[-1]}"):
                    fail(f"{path}: group {row[0]!r} for {record['department']}")
            elif key == "problem":
                fields = row[1:]
                expected = [record["code"], record["name"], record["description"] or "",
                            record["lead"], "、".join(record["cooperating"]),
                            "、".join(record["items"])]
            elif key == "warning":
                fields = row[1:]
                expected = [record["code"], record["situation"], "、".join(record["applies_to"]),
                            record["consequence"], "；".join(record["basis"])]
            else:
                fields = [row[1], row[2], row[4], row[6], row[7]]
                expected = [record["code"], record["name"], record["target"]["text"],
                            record["assessor"], "、".join(record["assessed"])]
            if fields != expected:
                fail(f"{path}: {fields} != {expected}")


def check_markdown(jurisdiction, published):
    text = export(jurisdiction, "markdown", "-")
    if not text.startswith(f"# {published['title']}\n"):
        fail(f"{jurisdiction}.md: title line")
    table_rows = [line for line in text.splitlines()
                  if line.startswith("| ") and not line.startswith("| 序号") and "---" not in line]
    lists = published["lists"]
    expected = (sum(len(g["items"]) for g in lists["power"]["groups"]) +
                len(lists.get("problem", {}).get("problems", [])) +
                len(lists.get("warning", {}).get("warnings", [])) +
                len(lists.get("performance", {}).get("metrics", [])))
    if len(table_rows) != expected:
        fail(f"{jurisdiction}.md: {len(table_rows)} table rows, {expected} expected")
    if re.search(r"<(?!br>)", text):
        fail(f"{jurisdiction}.md: a '<' that is not a line break")


class PageReader(html.parser.HTMLParser):
    """The power list's rows of an exported page as cell texts, and the page's script count."""

    def __init__(self):
        super().__init__()
        self.section = None
        self.rows = []
        self.cell = None
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.section = attrs.get("id")
        elif tag == "script":
            self.scripts += 1
        elif tag == "tr" and attrs.get("class") == "row" and self.section == "power":
            self.rows.append([])
        elif tag == "td" and self.section == "power" and self.rows:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.rows[-1].append(self.cell)
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def check_html_file(jurisdiction, items):
    """The page parsed by Python's html.parser: every item's row, its texts unescaped back."""
    path = os.path.join(WORK, f"{jurisdiction}.html")
    export(jurisdiction, "html", path)
    reader = PageReader()
    with open(path, encoding="utf-8") as f:
        reader.feed(f.read())
    by_code = {row[1]: row for row in reader.rows}
    if sorted(by_code) != sorted(i["code"] for i in items) or len(reader.rows) != len(items):
        fail(f"{jurisdiction}.html: {len(reader.rows)} rows for {len(items)} items")
    for item in items:
        row = by_code.get(item["code"])
        if row and (row[2] != item["name"] or row[3] != item["category"]):
            fail(f"{jurisdiction}.html: {item['code']} shows {row[2:4]}")
    if reader.scripts != 1:
        fail(f"{jurisdiction}.html: {reader.scripts} script elements")


def main():
    jurisdictions = sys.argv[4:]
    if not jurisdictions:
        revisions = lawlist("revisions", "--format", "json")
        jurisdictions = sorted({r["jurisdiction"] for r in json.loads(revisions)})
    for jurisdiction in jurisdictions:
        published = json.loads(export(jurisdiction, "json", "-"))
        items = json.loads(lawlist("items", "-j", jurisdiction, "--format", "json"))
        if published["summary"]["total"] != len(items):
            fail(f"{jurisdiction}: summary counts {published['summary']['total']} items, "
                 f"the list holds {len(items)}")
        check_xlsx(jurisdiction, published, items)
        check_csv(jurisdiction, published)
        check_markdown(jurisdiction, published)
        check_html_file(jurisdiction, items)
        print(f"{jurisdiction}: {len(items)} items checked in xlsx, csv, json, markdown, html")
    if failures:
        sys.exit(f"{len(failures)} failures")


main()
