#!/usr/bin/python3
"""The peer of `lawlist classify --input` in bench/scale.sh (issue 21): what a county's IT staff
would write in an afternoon. jieba segments (the list's terms added to its dictionary so that
they stay whole), one BM25 document per violation type (its name, aliases and example reports,
from the same vocabulary lawlist loads), the best-scored type per line, printed as JSONL.

    /usr/bin/python3 bench/jieba_bm25_baseline.py data/vocabulary INCIDENTS.txt > out.jsonl

With --labels TSV (text<TAB>sectors, as tests/data/*.tsv) it prints the top-1 sector accuracy on
the in-scope rows to stderr instead of classifying a file.
"""
import argparse
import collections
import glob
import json
import logging
import math
import os
import sys

import jieba
import yaml

K1, B = 1.5, 0.75


def read_types(folder):
    types = []
    for path in sorted(glob.glob(os.path.join(folder, "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        if isinstance(doc, dict) and doc.get("kind") == "violation-types":
            types += doc.get("types", [])
    return types


class Bm25:
    def __init__(self, types):
        for t in types:
            for term in [t["name"]] + t.get("aliases", []):
                jieba.add_word(term)
        self.types = types
        self.postings = collections.defaultdict(list)  # token -> [(doc, frequency)]
        self.lengths = []
        for d, t in enumerate(types):
            text = " ".join([t["name"]] + t.get("aliases", []) + t.get("examples", []))
            counts = collections.Counter(w for w in jieba.lcut(text) if w.strip())
            for token, n in counts.items():
                self.postings[token].append((d, n))
            self.lengths.append(sum(counts.values()))
        self.average = sum(self.lengths) / max(len(self.lengths), 1)
        self.idf = {
            token: math.log(1 + (len(types) - len(p) + 0.5) / (len(p) + 0.5))
            for token, p in self.postings.items()
        }

    def best(self, text):
        scores = collections.defaultdict(float)
        for token in set(jieba.lcut(text)):
            for d, n in self.postings.get(token, ()):
                norm = K1 * (1 - B + B * self.lengths[d] / self.average)
                scores[d] += self.idf[token] * n * (K1 + 1) / (n + norm)
        if not scores:
            return None, 0.0
        d = max(scores, key=scores.get)
        return self.types[d], scores[d]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("vocabulary")
    parser.add_argument("input", nargs="?")
    parser.add_argument("--labels")
    args = parser.parse_args()
    jieba.setLogLevel(logging.WARNING)
    index = Bm25(read_types(args.vocabulary))
    if args.labels:
        right = total = 0
        for line in open(args.labels, encoding="utf-8"):
            if line.startswith("#") or "\t" not in line:
                continue
            text, sectors = line.rstrip("\n").split("\t")[:2]
            if sectors == "none":
                continue
            best, _ = index.best(text)
            total += 1
            right += bool(best) and best["sector"] in sectors.split(",")
        print(f"top-1 sector {right}/{total} = {right / max(total, 1):.1%}", file=sys.stderr)
        return
    out = sys.stdout
    for line in open(args.input, encoding="utf-8"):
        text = line.rstrip("\n")
        best, score = index.best(text)
        out.write(json.dumps({"text": text,
                              "violation_type": best["id"] if best else None,
                              "sector": best["sector"] if best else None,
                              "score": round(score, 3)}, ensure_ascii=False) + "\n")


main()
