#!/usr/bin/env python3
"""Writes routes.tsv: the routes of the bundled data's base revision, decided by the table of
README ("How resolve routes a case") read independently of the C++ resolver, for a sample of
(jurisdiction, violation type) pairs covering every route. tests/unit/resolver_test.cpp checks
`resolve` against it. Run from the repository root after the bundled data changes:

    python3 tests/data/routes/make_fixture.py > tests/data/routes/routes.tsv
"""
import glob
import os
import sys

import yaml

DECIDING = {"行政处罚", "行政强制"}
TEAMS = {"sector-team", "township-team", "stationed-squad"}
PER_ROUTE = 8  # pairs per route and jurisdiction, the first by type id


def load(root):
    sets, types = {}, []
    for path in sorted(glob.glob(os.path.join(root, "data", "base", "*", "*.yaml"))):
        doc = yaml.safe_load(open(path, encoding="utf-8"))
        if doc["kind"] == "jurisdiction":
            sets.setdefault(doc["id"], {"items": [], "problems": []}).update(doc)
        else:
            s = sets.setdefault(doc["jurisdiction"], {"items": [], "problems": []})
            s["items"] += doc.get("items", [])
            s["problems"] += doc.get("problems", [])
    for path in sorted(glob.glob(os.path.join(root, "data", "vocabulary", "*.yaml"))):
        doc = yaml.safe_load(open(path, encoding="utf-8"))
        if doc["kind"] == "violation-types":
            types += [t["id"] for t in doc["types"]]
    return sets, sorted(set(types))


def main():
    sets, types = load(".")
    bodies = {b["id"]: b for s in sets.values() for b in s["bodies"]}

    def holder(body_id):
        b = bodies.get(body_id)
        return b["parent"] if b and b["kind"] in TEAMS and b.get("parent") else body_id

    def subject(item):
        return item.get("subject", item.get("body"))

    def holds(body_id, items):
        h = holder(body_id)
        return any(holder(subject(i)) == h or ("unit" in i and holder(i["unit"]) == h)
                   for i in items)

    def of_type(s, t):
        return [i for i in s["items"] if t in i.get("violation_types", [])] if s else []

    def rank(i):
        order = ["行政处罚", "行政强制", "行政检查"]
        return order.index(i["category"]) if i["category"] in order else 3

    rows = []
    for jid in sorted(sets):
        own = sets[jid]
        is_county = own["level"] == "county"
        county = None if is_county else sets.get(own.get("parent"))
        by_route = {}
        for t in types:
            township = [] if is_county else sorted(of_type(own, t), key=rank)
            taken = {i["delegation"]["item"] for i in own["items"] if "delegation" in i}
            upper = of_type(own, t) if is_county else [
                i for i in of_type(county, t) if i["code"] not in taken]
            upper = sorted(upper, key=rank)
            problem = None
            for s in (own, county):
                for p in (s["problems"] if s else []):
                    if t in p.get("violation_types", []) and problem is None:
                        problem = p
            named = set()
            if problem:
                for b in [problem["lead"]] + problem.get("cooperating", []):
                    if holds(b, township + upper):
                        named.add(holder(b))
            t_decides = any(i["category"] in DECIDING for i in township)
            c_decides = any(i["category"] in DECIDING for i in upper)
            finder = "-"
            # A joint matter is decided in the name of its lead's department or government.
            lead = holder(problem["lead"]) if problem else subject(township[0]) if township else "-"
            if len(named) >= 2 or (t_decides and c_decides):
                route, handler = "joint", lead
            elif t_decides:
                route, handler = "township", subject(township[0])
            elif township and c_decides:
                route, handler = "transfer", subject(upper[0])
                finder = township[0].get("unit", subject(township[0]))
            elif township:
                route, handler = "township", subject(township[0])
            elif upper:
                route, handler = "department", subject(upper[0])
            else:
                route, handler = "unassigned", "-"
            picked = by_route.setdefault(route, [])
            if len(picked) < PER_ROUTE:
                picked.append((jid, t, route, handler, finder))
        for route in sorted(by_route):
            rows += by_route[route]
    sys.stdout.write("# jurisdiction\tviolation type\troute\thandler\tfinder\n")
    for row in rows:
        sys.stdout.write("\t".join(row) + "\n")


main()
