#!/usr/bin/python3
"""Loads exported html pages in headless Chromium, driven over the DevTools protocol on a pipe
(--remote-debugging-pipe: no network port, no extra package), and checks what a user sees:
typing into the search box leaves the rows that mention the text, the drop-downs filter by
category and department, an item whose text holds markup shows it as text and runs nothing, and
printing gives A4 landscape pages with the header row repeated.

usage: check_html.py LAWLIST CHROMIUM WORKDIR FIXTURE_DB BUNDLED_DB
"""
import base64
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

LAWLIST, CHROMIUM, WORK, FIXTURE_DB, BUNDLED_DB = sys.argv[1:6]
failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message)


class Browser:
    """One headless Chromium and one page, spoken to in CDP messages ending in NUL."""

    def __init__(self):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        self.profile = tempfile.TemporaryDirectory(ignore_cleanup_errors=True)

        def child_fds():  # the pipe ends Chromium expects: it reads fd 3, writes fd 4
            r = os.dup(to_chrome_r)
            w = os.dup(from_chrome_w)
            os.dup2(r, 3)
            os.dup2(w, 4)

        self.process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--no-first-run", "--no-default-browser-check", "--allow-file-access-from-files",
             f"--user-data-dir={self.profile.name}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=child_fds, close_fds=False, start_new_session=True)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime"):
            self.call(f"{domain}.enable", session=True)

    def send(self, method, params, session):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        return self.next_id

    def receive(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_chrome, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=False):
        wanted = self.send(method, params, session)
        while True:
            message = self.receive()
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event):
        for i, message in enumerate(self.events):
            if message.get("method") == event:
                del self.events[: i + 1]
                return message
        while True:
            message = self.receive()
            if message.get("method") == event:
                return message
            self.events.append(message)

    def open(self, path):
        self.events.clear()
        self.call("Page.navigate", {"url": "file://" + os.path.abspath(path)}, session=True)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate",
                           {"expression": expression, "returnByValue": True}, session=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def type_text(self, text):
        """Types `text` one character at a time into the focused element, as an input method
        commits Chinese characters."""
        for character in text:
            self.call("Input.insertText", {"text": character}, session=True)

    def problems(self):
        """Script errors and dialogs (alert...) seen so far."""
        return [m for m in self.events
                if m.get("method") in ("Runtime.exceptionThrown", "Page.javascriptDialogOpening")]

    def close(self):
        # Chromium's helper processes may still write to the profile after the browser exits:
        # ask it to close, then end its whole process group before removing the profile.
        try:
            self.send("Browser.close", None, session=False)
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        shutil.rmtree(self.profile.name, ignore_errors=True)


# The codes of the rows a user sees in one section, and the headings left visible.
VISIBLE = """(function (id) {
  var section = document.getElementById(id);
  function shown(el) { return el.offsetParent !== null && getComputedStyle(el).display !== 'none'; }
  return {
    codes: Array.prototype.filter.call(section.querySelectorAll('tbody tr'), function (tr) {
      return !tr.classList.contains('heading') && shown(tr);
    }).map(function (tr) { return tr.cells[1].textContent; }),
    headings: Array.prototype.filter.call(section.querySelectorAll('tr.heading'), shown)
      .map(function (tr) { return tr.textContent; }),
    count: section.querySelector('.shown').textContent
  };
})"""


def lawlist(db, *args):
    result = subprocess.run([LAWLIST, *args, "--db", db], capture_output=True, check=True)
    return result.stdout.decode()


def row_texts(item):
    """What a user reads in an item's row, from `lawlist items` (not from the export)."""
    delegation = item["delegation"] or {}
    subject = item.get("subject") or item.get("body")  # items json before legal-model: body
    unit = item.get("unit") or subject  # no unit: the subject does the work
    return [item["code"], item["name"], item["category"], subject["name"], unit["name"],
            delegation.get("mode", ""), (delegation.get("from") or {}).get("name", ""),
            *item["basis"], item["remarks"] or ""]


def check_search(browser, db, jurisdiction, words):
    path = os.path.join(WORK, f"{jurisdiction}.html")
    lawlist(db, "export", "-j", jurisdiction, "--format", "html", "-o", path)
    items = json.loads(lawlist(db, "items", "-j", jurisdiction, "--format", "json"))
    browser.open(path)
    everything = browser.evaluate(VISIBLE + "('power')")
    if sorted(everything["codes"]) != sorted(i["code"] for i in items):
        fail(f"{jurisdiction}: before typing, {len(everything['codes'])} rows of {len(items)} shown")
    browser.evaluate("document.getElementById('search').focus()")
    typed = ""
    for word in words:
        browser.type_text(word)
        typed += word
        expected = sorted(i["code"] for i in items
                          if any(typed in text for text in row_texts(i)))
        seen = browser.evaluate(VISIBLE + "('power')")
        if sorted(seen["codes"]) != expected:
            fail(f"{jurisdiction}: after typing {typed!r}: rows {sorted(seen['codes'])}, "
                 f"expected {expected}")
        if f"显示{len(expected)}项" not in seen["count"]:
            fail(f"{jurisdiction}: count says {seen['count']!r} for {len(expected)} rows")
        for section in ("problem", "warning", "performance"):
            texts = browser.evaluate(
                f"Array.prototype.map.call(document.querySelectorAll('#{section} tr.row'),"
                " function (tr) { return [tr.textContent, !tr.hidden]; })")
            for text, visible in texts:
                if visible != (typed in text):
                    fail(f"{jurisdiction}/{section}: row {text[:20]!r} visible={visible}")
    print(f"{jurisdiction}: typing {typed!r} leaves {len(expected)} of {len(items)} items, "
          f"headings {seen['headings']}")
    if not expected:
        fail(f"{jurisdiction}: {typed!r} matches no item; the test proves nothing")
    # Emptying the box shows every row again.
    browser.evaluate("var s = document.getElementById('search'); s.value = '';"
                     " s.dispatchEvent(new Event('input'))")
    if len(browser.evaluate(VISIBLE + "('power')")["codes"]) != len(items):
        fail(f"{jurisdiction}: clearing the search does not show every row")
    return items


def check_filters(browser, jurisdiction, items):
    """The category and department drop-downs of the power list."""
    for column, key in ((3, lambda i: i["category"]),
                        (7, lambda i: ((i["delegation"] or {}).get("from") or {}).get("name"))):
        values = sorted({key(i) for i in items if key(i)})
        for value in values[:3]:
            browser.evaluate(
                f"var s = document.querySelector('#power select[data-column=\"{column}\"]');"
                f" s.value = {json.dumps(value)}; s.dispatchEvent(new Event('change'))")
            seen = sorted(browser.evaluate(VISIBLE + "('power')")["codes"])
            expected = sorted(i["code"] for i in items if key(i) == value)
            if seen != expected:
                fail(f"{jurisdiction}: filter {value!r}: {seen} != {expected}")
        browser.evaluate(
            f"var s = document.querySelector('#power select[data-column=\"{column}\"]');"
            " s.value = ''; s.dispatchEvent(new Event('change'))")


def check_markup_is_text(browser, db):
    path = os.path.join(WORK, "qingshi-town.html")
    items = {i["code"]: i for i in json.loads(lawlist(db, "items", "-j", "qingshi-town",
                                                      "--format", "json"))}
    name = items["QS-URB-JC-001"]["name"]
    remark = items["QS-URB-JC-001"]["remarks"]
    if "<script>" not in name or '"&<>' not in name or "<img" not in remark:
        fail("fixture: the item meant to carry markup does not")
    browser.open(path)
    state = browser.evaluate("""(function () {
      var row = Array.prototype.find.call(document.querySelectorAll('#power tr.row'),
        function (tr) { return tr.cells[1].textContent === 'QS-URB-JC-001'; });
      return { name: row.cells[2].textContent, remark: row.cells[row.cells.length - 1].textContent,
               pwned: typeof window.__pwned, scripts: document.scripts.length,
               images: document.images.length };
    })()""")
    if state["name"] != name or state["remark"] != remark:
        fail(f"markup: the row shows {state['name']!r} / {state['remark']!r}")
    if state["pwned"] != "undefined" or state["scripts"] != 1 or state["images"] != 0:
        fail(f"markup ran or became elements: {state}")
    if browser.problems():
        fail(f"script errors or dialogs: {browser.problems()}")
    print("qingshi-town: <script>, \"&<> and <img onerror> shown as text, nothing ran")


def check_print(browser):
    """Printed: controls hidden, header rows repeated (table-header-group), A4 landscape pages."""
    browser.call("Emulation.setEmulatedMedia", {"media": "print"}, session=True)
    state = browser.evaluate("""({
      thead: getComputedStyle(document.querySelector('thead')).display,
      controls: getComputedStyle(document.querySelector('.controls')).display
    })""")
    browser.call("Emulation.setEmulatedMedia", {"media": ""}, session=True)
    if state != {"thead": "table-header-group", "controls": "none"}:
        fail(f"print styles: {state}")
    pdf = browser.call("Page.printToPDF", {"preferCSSPageSize": True}, session=True)["data"]
    data = base64.b64decode(pdf)
    boxes = {tuple(round(float(x)) for x in m.groups())
             for m in re.finditer(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)}
    if boxes != {(842, 595)}:
        fail(f"printed page sizes {boxes}, expected A4 landscape (842 x 595 pt)")
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    print(f"print: {pages} A4 landscape pages")


def check_pdf_command():
    """README's command for the paper version gives A4 landscape pages."""
    page = os.path.join(WORK, "shihe-town.html")
    pdf = os.path.join(WORK, "shihe-town.pdf")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", f"--user-data-dir={profile}", page],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                       timeout=60)
    with open(pdf, "rb") as f:
        data = f.read()
    boxes = {tuple(round(float(x)) for x in m.groups())
             for m in re.finditer(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)}
    if boxes != {(842, 595)}:
        fail(f"README's PDF command: page sizes {boxes}, expected A4 landscape")


def main():
    browser = Browser()
    try:
        check_search(browser, FIXTURE_DB, "qingshi-town", ["渣", "土"])
        check_markup_is_text(browser, FIXTURE_DB)
        items = check_search(browser, BUNDLED_DB, "shihe-town", ["渣", "土"])
        check_filters(browser, "shihe-town", items)
        check_print(browser)
        if browser.problems():
            fail(f"script errors or dialogs: {browser.problems()}")
    finally:
        browser.close()
    check_pdf_command()
    if failures:
        sys.exit(f"{len(failures)} failures")


main()
