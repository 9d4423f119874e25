#!/usr/bin/env python3
"""Runs the ```console examples of README.md and compares what they print with the block.

Usage: check_examples.py LAWLIST README.md [--update]

The convention (README.md's "Examples in this README" says the same for writers):
- A block fenced ```console is a transcript: a line starting with "$ " is a command, and the lines
  up to the next command or the end of the block are what it prints (standard output, then
  standard error). ```console no-test marks a block that cannot run here (say why in the prose).
- `lawlist` is the built binary. Commands run with bash, standard input empty, each block in a
  fresh scratch folder holding links to the checkout's top-level entries: relative paths (data/,
  examples/, tests/) read the checkout, files a command writes land in the scratch folder. A `cd`
  carries over to the next commands of its block; what a command keeps in HOME (the per-user
  database, its default jurisdiction) carries over to the next blocks, in README order.
- Environment: one fresh HOME for all blocks (the per-user database is built from the bundled
  data once), XDG_DATA_HOME, LAWLIST_DB, LAWLIST_JURISDICTION and COLUMNS unset, LC_ALL=C.UTF-8,
  SOURCE_DATE_EPOCH=1796112000 (load times read 2026-12-01T08:00:00Z, after every bundled
  effective date), LAWLIST_DATA_DIR=data: the bundled files are recorded as data/..., so that
  tables show the same paths, and column widths, in every checkout.
- In the output, paths under the checkout or the scratch folder are written relative, HOME as ~.
- A line holding only "…" stands for any number of lines (none included); trailing spaces and
  blank lines at the end of an output are ignored; the exit status is not compared (the golden CLI tests check it).
- Every subcommand `lawlist --help` lists has at least one tested example.
- The quick start is two commands, `bash scripts/...` (the main job on the bundled data, then the
  whole test suite), and both scripts exist.

With --update, the outputs that differ are rewritten from this run, keeping as many lines before
and after the first "…" as they had (review the result with git diff).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ELISION = "…"
FENCE = re.compile(r"^( *)```console(?:\s+(.*))?$")


class Command:
    def __init__(self, line_number, text):
        self.line_number = line_number  # 1-based line of the "$ " line in README.md
        self.text = text
        self.expected = []
        self.actual = None


class Block:
    def __init__(self, line_number, tested, indent):
        self.line_number = line_number
        self.tested = tested
        self.indent = indent  # a block inside a list item is indented as a whole
        self.commands = []
        self.end = None  # index of the closing fence line


def parse(lines):
    blocks = []
    block = None
    for index, line in enumerate(lines):
        if block is None:
            match = FENCE.match(line)
            if match:
                info = (match.group(2) or "").split()
                block = Block(index + 1, "no-test" not in info, match.group(1))
            continue
        if line.startswith(block.indent):
            line = line[len(block.indent):]
        if line.startswith("```"):
            block.end = index
            blocks.append(block)
            block = None
        elif line.startswith("$ "):
            block.commands.append(Command(index + 1, line[2:]))
        elif block.commands:
            block.commands[-1].expected.append(line)
        elif line.strip():
            sys.exit(f"README.md:{index + 1}: output before the first command of a console block")
    if block is not None:
        sys.exit(f"README.md:{block.line_number}: console block not closed")
    return blocks


def matches(expected, actual):
    """Line-wise match where a line "…" stands for any run of lines (a glob over lines)."""
    memo = {}

    def match(i, j):
        if (i, j) not in memo:
            if i == len(expected):
                result = j == len(actual)
            elif expected[i] == ELISION:
                result = any(match(i + 1, k) for k in range(j, len(actual) + 1))
            else:
                result = j < len(actual) and expected[i] == actual[j] and match(i + 1, j + 1)
            memo[(i, j)] = result
        return memo[(i, j)]

    return match(0, 0)


def trim(lines):
    """Without trailing spaces, nor blank lines at the end (a transcript does not show them)."""
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    return lines


class Runner:
    def __init__(self, binary, root, scratch):
        self.root = root
        self.scratch = scratch
        self.home = os.path.join(scratch, "home")
        bin_dir = os.path.join(scratch, "bin")
        os.makedirs(self.home)
        os.makedirs(bin_dir)
        os.symlink(binary, os.path.join(bin_dir, "lawlist"))
        env = {k: v for k, v in os.environ.items()
               if k not in ("XDG_DATA_HOME", "LAWLIST_DB", "LAWLIST_JURISDICTION", "COLUMNS",
                             "LINES")}
        env.update(HOME=self.home, SOURCE_DATE_EPOCH="1796112000", LC_ALL="C.UTF-8",
                   LAWLIST_DATA_DIR="data",
                   PATH=bin_dir + os.pathsep + env.get("PATH", "/usr/bin:/bin"))
        self.env = env
        self.count = 0

    def block_folder(self):
        self.count += 1
        folder = os.path.join(self.scratch, f"block-{self.count}")
        os.makedirs(folder)
        for name in os.listdir(self.root):
            if not name.startswith(".") and not name.startswith("build"):
                os.symlink(os.path.join(self.root, name), os.path.join(folder, name))
        return folder

    def run(self, command, cwd):
        """Runs one command line; returns its output lines and the folder it ends in."""
        where = os.path.join(self.scratch, "cwd")
        script = 'cd "$1" || exit 127; eval "$2"; status=$?; pwd > "$3"; exit $status'
        try:
            done = subprocess.run(["bash", "-c", script, "bash", cwd, command, where],
                                  stdin=subprocess.DEVNULL, capture_output=True, env=self.env,
                                  timeout=300)
            output = done.stdout + done.stderr
        except subprocess.TimeoutExpired as expired:
            output = (expired.stdout or b"") + b"\n(timed out after 300 s)\n"
        try:
            with open(where, encoding="utf-8") as f:
                cwd = f.read().strip() or cwd
        except FileNotFoundError:
            pass
        text = output.decode("utf-8", errors="replace")
        # Longest prefixes first: the scratch folder lies inside neither, HOME inside scratch.
        text = text.replace(self.home, "~")
        for prefix in sorted({cwd, self.scratch, self.root}, key=len, reverse=True):
            text = text.replace(prefix + "/", "")
        return trim(text.split("\n")), cwd


def updated(expected, actual):
    if ELISION not in expected:
        return actual
    head = expected.index(ELISION)
    tail = len(expected) - head - 1
    if head + tail >= len(actual):
        return actual
    return actual[:head] + [ELISION] + (actual[len(actual) - tail:] if tail else [])


def subcommands(binary):
    help_text = subprocess.run([binary, "--help"], capture_output=True, text=True).stdout
    names = []
    in_list = False
    for line in help_text.splitlines():
        if line.strip() == "Subcommands:":
            in_list = True
        elif in_list and line.startswith("  ") and line.split():
            names.append(line.split()[0])
    return names


def quick_start_problems(lines, root):
    """The founders' quick start: one ```sh block of exactly two `bash scripts/X.sh` commands."""
    try:
        start = lines.index("## Quick start")
    except ValueError:
        return ["README.md has no '## Quick start' section"]
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    blocks, inside = [], None
    for line in lines[start:end]:
        if inside is None and line.startswith("```"):
            inside = []
        elif inside is not None and line.startswith("```"):
            blocks.append(inside)
            inside = None
        elif inside is not None and line.split("#")[0].strip():
            inside.append(line.split("#")[0].strip())
    commands = [c for block in blocks for c in block]
    if len(commands) != 2:
        return [f"the quick start has {len(commands)} commands, not 2: {commands}"]
    problems = []
    for command in commands:
        words = command.split()
        if words[:1] != ["bash"] or len(words) < 2 or not os.path.isfile(os.path.join(root, words[1])):
            problems.append(f"quick start command is not a script of the checkout: {command}")
    return problems


def main():
    args = [a for a in sys.argv[1:] if a != "--update"]
    update = "--update" in sys.argv[1:]
    if len(args) != 2:
        sys.exit(__doc__.splitlines()[2])
    binary, readme = os.path.abspath(args[0]), os.path.abspath(args[1])
    root = os.path.dirname(readme)
    with open(readme, encoding="utf-8") as f:
        lines = f.read().split("\n")
    blocks = parse(lines)

    failures = []
    covered = set()
    scratch = tempfile.mkdtemp(prefix="lawlist-readme-")
    try:
        runner = Runner(binary, root, scratch)
        for block in blocks:
            if not block.tested:
                continue
            cwd = runner.block_folder()
            for command in block.commands:
                words = command.text.split()
                if words[:1] == ["lawlist"] and len(words) > 1:
                    covered.add(words[1])
                command.actual, cwd = runner.run(command.text, cwd)
                expected = trim(command.expected)
                if not matches(expected, command.actual):
                    failures.append(command)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    if update:
        for block in reversed(blocks):
            if not block.tested:
                continue
            for command in reversed(block.commands):
                if command not in failures:
                    continue
                start = command.line_number  # index of the first output line
                end = start + len(command.expected)
                lines[start:end] = [block.indent + line if line else line
                                    for line in updated(trim(command.expected), command.actual)]
        with open(readme, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        print(f"rewrote the outputs of {readme}; review them with git diff")
        return 0

    for command in failures:
        print(f"README.md:{command.line_number}: the output of this example differs")
        print(f"$ {command.text}")
        print("--- README.md (… stands for any lines)")
        print("+++ actual output")
        import difflib
        for line in difflib.unified_diff(trim(command.expected), command.actual, lineterm="", n=2):
            if not line.startswith(("---", "+++")):
                print(line)
        print()
    missing = [name for name in subcommands(binary) if name not in covered]
    if missing:
        print("commands without a tested example in README.md: " + ", ".join(missing))
    quick_start = quick_start_problems(lines, root)
    for problem in quick_start:
        print(problem)
    if failures:
        print(f"{len(failures)} example(s) differ; to rewrite them from the real output: "
              f"python3 tests/readme/check_examples.py {args[0]} README.md --update")
    if failures or missing or quick_start:
        return 1
    print(f"{sum(len(b.commands) for b in blocks if b.tested)} README examples match")
    return 0


if __name__ == "__main__":
    sys.exit(main())
