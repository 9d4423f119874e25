#!/usr/bin/python3
"""The baseline of bench_export: the script a county's IT staff would write with XlsxWriter,
producing the same workbook as lawlist's xlsx writer (sheets, merged title and notes, header
format, frozen header and autofilter, department headings, column widths by display width,
wrapped bordered cells, A4 landscape with the header repeated). Reads the rows from a JSON file
(not timed) and prints the seconds spent building and writing the workbook, elapsed and on the
processor.

usage: xlsxwriter_baseline.py ROWS.json OUT.xlsx [constant_memory]
(constant_memory: XlsxWriter's streaming mode, the one lawlist's writer uses; the usual script
does without it.)
"""
import json
import sys
import time
import unicodedata

import xlsxwriter

with open(sys.argv[1], encoding="utf-8") as f:
    document = json.load(f)


def display_width(text):
    line_widths = [sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
                   for line in text.split("\n")]
    return max(line_widths)


start = time.perf_counter()
start_cpu = time.process_time()
book = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": sys.argv[3:] == ["constant_memory"]})
book.set_properties({"title": document["title"], "author": document["author"]})
base = {"font_name": "宋体", "valign": "vcenter"}
title = book.add_format({**base, "bold": True, "font_size": 16, "align": "center"})
note = book.add_format(base)
header_format = book.add_format({**base, "bold": True, "align": "center", "border": 1,
                                 "text_wrap": True, "bg_color": "#D9E1F2"})
heading = book.add_format({**base, "bold": True, "border": 1, "bg_color": "#F2F2F2"})
cell = book.add_format({**base, "border": 1, "text_wrap": True})
number = book.add_format({**base, "border": 1, "align": "center"})
for sheet in document["sheets"]:
    ws = book.add_worksheet(sheet["name"])
    columns = sheet["columns"]
    last = len(columns) - 1
    for c, column in enumerate(columns):
        width = display_width(column["header"])
        for group in sheet["groups"]:
            for row in group["rows"]:
                width = max(width, display_width(row[c]))
        ws.set_column(c, c, min(width, max(column["max_width"], 4)) + 2)
    ws.set_row(0, 30)
    ws.merge_range(0, 0, 0, last, sheet["title"], title)
    r = 1
    for line in sheet["notes"]:
        ws.merge_range(r, 0, r, last, line, note)
        r += 1
    header = r
    for c, column in enumerate(columns):
        ws.write_string(header, c, column["header"], header_format)
    r += 1
    for group in sheet["groups"]:
        if group["heading"]:
            ws.merge_range(r, 0, r, last, group["heading"], heading)
            r += 1
        for row in group["rows"]:
            for c, text in enumerate(row):
                if text.isdigit() and not text.startswith("0"):
                    ws.write_number(r, c, int(text), number)
                else:
                    ws.write_string(r, c, text, cell)
            r += 1
    ws.freeze_panes(header + 1, 0)
    ws.autofilter(header, 0, max(r - 1, header), last)
    ws.set_landscape()
    ws.set_paper(9)
    ws.repeat_rows(header)
    ws.fit_to_pages(1, 0)
book.close()
print(f"{time.perf_counter() - start:.3f} {time.process_time() - start_cpu:.3f}")
