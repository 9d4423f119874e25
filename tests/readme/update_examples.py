#!/usr/bin/env python3
"""Rewrites the outputs of README's checked examples (see check_examples.sh) with what the binary
prints now: `python3 tests/readme/update_examples.py build/cli/lawlist README.md`. Review the change
with git diff before committing it."""
import os
import subprocess
import sys
import tempfile

binary, readme = os.path.abspath(sys.argv[1]), sys.argv[2]
lines = open(readme, encoding="utf-8").read().split("\n")
with tempfile.TemporaryDirectory() as scratch:
    env = {k: v for k, v in os.environ.items()
           if k not in ("LAWLIST_DB", "LAWLIST_JURISDICTION", "COLUMNS")}
    env.update(XDG_DATA_HOME=scratch + "/xdg", HOME=scratch + "/home", SOURCE_DATE_EPOCH="1709280000",
               bin=binary)
    out, i = [], 0
    while i < len(lines):
        out.append(lines[i])
        if lines[i] == "<!-- example: checked -->" and i + 1 < len(lines) and lines[i + 1] == "```console":
            out.append(lines[i + 1])
            i += 2
            while lines[i] != "```":
                if lines[i].startswith("$ "):
                    out.append(lines[i])
                    run = subprocess.run(["bash", "-c", 'lawlist() { "$bin" "$@"; }; ' + lines[i][2:]],
                                         cwd=os.path.dirname(os.path.abspath(readme)), env=env,
                                         capture_output=True, text=True)
                    sys.stderr.write(run.stderr)
                    out.extend(run.stdout.split("\n")[:-1] if run.stdout else [])
                i += 1
            out.append(lines[i])
        i += 1
open(readme, "w", encoding="utf-8").write("\n".join(out))
