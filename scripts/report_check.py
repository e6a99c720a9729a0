"""Render HTML pages in headless Chromium, on a desktop and on a phone, and check that they
show what they should.

    python scripts/report_check.py outputs/report/*.html [--page docs/diff-example.html] [--keep DIR]

Every page, at 1280 px and as a 400 px phone: it lays out at the device's width (viewport meta),
nothing is wider than the window (a wide table scrolls in its own box, the page does not), and
its screenshot is not blank. A report (the positional arguments) also: the objectives chart with
every bar inside the window and at least a pixel wide, the screenshot's chart region holding the
bars' colours, and the themes x action-plans matrix with its marked cells. ``--page`` names
pages checked only for the first part (the diff's HTML).

The page is driven through the DevTools protocol over a pipe (``--remote-debugging-pipe``):
headless Chromium will not open a window narrower than 500 px, so the phone is emulated with
``Emulation.setDeviceMetricsOverride`` (400 px, mobile), and the measurements are read back
with ``Runtime.evaluate``. Chromium comes from Debian's ``chromium`` package, installed with
apt-get when missing. Exit status: 0 when every page passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import fcntl
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

WIDTHS = (1280, 400)  # a desktop window and a phone
PHONE_BELOW = 600  # widths below this are emulated as a mobile device (viewport meta applies)
MAX_HEIGHT = 16000
TIMEOUT = 60.0
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)
# Colours the report draws with (views.ACTOR_STYLES and the matrix's marked cell).
FEDERAL_BLUE = (0x1F, 0x4E, 0x9A)
LOCAL_ORANGE = (0xD9, 0x73, 0x0D)

# Evaluated in the laid-out page: where the chart and the matrix are, and how wide the page is.
PROBE = """
(function () {
  function box(el) {
    if (!el) return null;
    var r = el.getBoundingClientRect();
    return {x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height};
  }
  var bars = document.querySelectorAll("#objectives-chart rect.bar");
  var shown = 0;
  for (var i = 0; i < bars.length; i++) {
    var r = bars[i].getBoundingClientRect();
    if (r.width >= 1 && r.height >= 1 && r.left >= 0 && r.right <= window.innerWidth + 0.5) shown++;
  }
  var matrix = document.querySelector("#plan-matrix");
  var frame = matrix && matrix.parentElement && matrix.parentElement.classList.contains("scroll")
    ? matrix.parentElement : matrix;
  return {
    chart: box(document.querySelector("#objectives-chart")),
    matrix: box(frame),
    bars: bars.length,
    bars_shown: shown,
    hits: document.querySelectorAll("#plan-matrix td.hit").length,
    height: Math.ceil(document.documentElement.scrollHeight),
    page_width: Math.ceil(document.documentElement.scrollWidth),
    window_width: window.innerWidth
  };
})()
"""


@dataclass
class Layout:
    width: int  # the device width asked for
    chart: dict[str, float] | None
    matrix: dict[str, float] | None  # the matrix's own scrolling box
    bars: int
    bars_shown: int  # bars at least a pixel wide and inside the window
    hits: int
    height: int
    page_width: int  # the document's scroll width: above the window's, the page scrolls sideways
    window_width: int  # the layout width the page chose: not the device's without a viewport meta


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def ensure_chromium() -> str:
    """The Chromium executable, installing Debian's package when none is found."""
    found = find_chromium()
    if found:
        return found
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print("installing chromium with apt-get", file=sys.stderr)
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "chromium"], check=True)
    found = find_chromium()
    if not found:
        raise RuntimeError("chromium is still missing after apt-get install")
    return found


class DevTools:
    """One headless Chromium and one tab, driven with DevTools-protocol messages over the pipe
    Chromium reads on fd 3 and writes on fd 4 (messages separated by NUL bytes)."""

    def __init__(self, browser: str, profile: Path) -> None:
        to_browser_read, self._out = os.pipe()
        self._in, from_browser_write = os.pipe()

        def plumb() -> None:  # in the child, before exec: the pipe ends at the fds Chromium expects
            # (moved above 4 first, so placing one cannot overwrite the other)
            reading, writing = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser_read, from_browser_write))
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        self._process = subprocess.Popen(
            [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=plumb,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=True)

    def _read_message(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._in, 1 << 20)
            if not chunk:
                raise RuntimeError(f"Chromium closed the DevTools pipe (exit {self._process.poll()})")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, params: dict[str, Any] | None = None, *, session: bool = False) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self._session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read_message()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self._events.append(reply)

    def wait_for(self, event: str) -> None:
        while True:
            for index, seen in enumerate(self._events):
                if seen["method"] == event:
                    del self._events[: index + 1]
                    return
            self._events.append(self._read_message())

    def open(self, url: str, width: int, height: int) -> None:
        """Load ``url`` in a ``width`` x ``height`` device (a phone below PHONE_BELOW px)."""
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < PHONE_BELOW}
        self.call("Emulation.setDeviceMetricsOverride", metrics, session=True)
        self._events.clear()
        self.call("Page.navigate", {"url": url}, session=True)
        self.wait_for("Page.loadEventFired")
        self.settle()

    def evaluate(self, expression: str) -> Any:
        """The value of ``expression`` in the page (awaited when it is a promise)."""
        params = {"expression": expression, "returnByValue": True, "awaitPromise": True}
        return self.call("Runtime.evaluate", params, session=True)["result"].get("value")

    def settle(self) -> None:
        """Wait until the page has painted twice since the last change (a busy machine can
        otherwise capture a frame from before the layout)."""
        self.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")

    def screenshot(self, width: int, height: int) -> Image.Image:
        """The whole page, ``height`` px tall, as the device shows it."""
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < PHONE_BELOW},
            session=True,
        )
        self.settle()
        data = self.call("Page.captureScreenshot", {"format": "png"}, session=True)["data"]
        image = Image.open(io.BytesIO(base64.b64decode(data)))
        image.load()
        return image

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, OSError):  # it may already be gone
            self.call("Browser.close")
        try:
            self._process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._in)
        os.close(self._out)


def measure(devtools: DevTools, page: Path, width: int = WIDTHS[0]) -> Layout:
    """Lay ``page`` out at ``width`` and read back the probe's measurements."""
    devtools.open(page.resolve().as_uri(), width, 1000)
    info = devtools.evaluate(PROBE)
    if not isinstance(info, dict):
        raise RuntimeError(f"{page}: Chromium did not lay the page out ({info!r})")
    return Layout(
        width,
        info["chart"],
        info["matrix"],
        info["bars"],
        info["bars_shown"],
        info["hits"],
        int(info["height"]),
        int(info["page_width"]),
        int(info["window_width"]),
    )


def _near(pixel: tuple[int, ...], colour: tuple[int, int, int], tolerance: int = 24) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


def region_stats(image: Image.Image, box: dict[str, float] | None) -> tuple[float, set[str]]:
    """Share of non-white pixels in ``box`` and which of the report's colours appear there."""
    if box is None:
        return 0.0, set()
    left, top = max(int(box["x"]), 0), max(int(box["y"]), 0)
    right = min(int(box["x"] + box["width"]), image.width)
    bottom = min(int(box["y"] + box["height"]), image.height)
    if right <= left or bottom <= top:
        return 0.0, set()
    region = image.crop((left, top, right, bottom)).convert("RGB")
    # Every second pixel each way: enough to see bars and cells, cheap on a tall page.
    sample = region.resize((max(region.width // 2, 1), max(region.height // 2, 1)), Image.Resampling.NEAREST)
    total = inked = 0
    colours: set[str] = set()
    for count, pixel in sample.getcolors(maxcolors=sample.width * sample.height) or []:
        total += count
        if min(pixel) < 235:
            inked += count
        if _near(pixel, FEDERAL_BLUE):
            colours.add("federal")
        elif _near(pixel, LOCAL_ORANGE):
            colours.add("local")
    return inked / max(total, 1), colours


def _layout_problems(where: str, layout: Layout, figures: bool) -> list[str]:
    problems = []
    if layout.window_width != layout.width:
        problems.append(
            f"{where}: the page lays out {layout.window_width} px wide on a {layout.width} px device "
            "(no viewport meta, or content wider than the screen)"
        )
    if layout.page_width > layout.window_width:
        problems.append(
            f"{where}: the page is {layout.page_width} px wide, wider than the window "
            f"({layout.window_width} px): it scrolls sideways"
        )
    if not figures:
        return problems
    if layout.chart is None or layout.chart["width"] < 50 or layout.chart["height"] < 30:
        problems.append(f"{where}: the objectives chart is missing or collapsed ({layout.chart})")
    if layout.bars == 0:
        problems.append(f"{where}: the objectives chart has no bar")
    elif layout.bars_shown < layout.bars:
        problems.append(
            f"{where}: {layout.bars - layout.bars_shown} of {layout.bars} chart bars are outside the window "
            "or narrower than a pixel"
        )
    if layout.matrix is None or layout.matrix["height"] < 10:
        problems.append(f"{where}: the action-plan matrix is missing or collapsed ({layout.matrix})")
    if layout.hits == 0:
        problems.append(f"{where}: the action-plan matrix has no marked cell")
    return problems


def _pixel_problems(where: str, image: Image.Image, layout: Layout, figures: bool) -> list[str]:
    problems = []
    extrema = image.convert("L").getextrema()
    if extrema[0] == extrema[1]:
        problems.append(f"{where}: the screenshot is blank")
    if not figures:
        return problems
    inked, colours = region_stats(image, layout.chart)
    if inked < 0.01 or "federal" not in colours:
        problems.append(f"{where}: the chart region shows no bars (ink {inked:.3f}, colours {sorted(colours)})")
    inked, colours = region_stats(image, layout.matrix)
    if inked < 0.01 or "federal" not in colours:
        problems.append(f"{where}: the matrix region shows no marks (ink {inked:.3f})")
    return problems


def check_page(page: Path, browser: str, keep: Path | None = None, *, figures: bool = True) -> list[str]:
    """Problems found rendering ``page`` at each width of ``WIDTHS``; empty when it passes.
    ``figures``: the page is a report, whose chart and matrix must show."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="report-check-") as tmp:
        devtools = DevTools(browser, Path(tmp) / "profile")
        try:
            for width in WIDTHS:
                where = f"{page} at {width} px"
                layout = measure(devtools, page, width)
                problems += _layout_problems(where, layout, figures)
                image = devtools.screenshot(width, min(max(layout.height, 600), MAX_HEIGHT))
                problems += _pixel_problems(where, image, layout, figures)
                if keep is not None:
                    keep.mkdir(parents=True, exist_ok=True)
                    image.save(keep / f"{page.stem}-{width}.png")
        finally:
            devtools.close()
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="*", type=Path, help="HTML reports to render")
    parser.add_argument(
        "--page", action="append", type=Path, default=[], help="another HTML page (no chart or matrix expected)"
    )
    parser.add_argument("--keep", type=Path, help="folder to keep the screenshots in")
    args = parser.parse_args(argv)
    browser = ensure_chromium()
    failed = False
    for page, figures in [*((p, True) for p in args.pages), *((p, False) for p in args.page)]:
        if not page.is_file():
            print(f"{page}: no such file", file=sys.stderr)
            failed = True
            continue
        problems = check_page(page, browser, args.keep, figures=figures)
        for problem in problems:
            print(problem, file=sys.stderr)
        failed = failed or bool(problems)
        if not problems:
            shown = "chart and matrix shown" if figures else "shown"
            print(f"{page}: {shown} at {' and '.join(f'{w} px' for w in WIDTHS)}, no sideways scrolling")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
