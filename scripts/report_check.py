"""Render HTML reports in headless Chromium and check that they show what they should.

    python scripts/report_check.py outputs/report/*.html [--keep DIR]

For each page: the rendered DOM must contain the objectives chart (SVG bars) and the
themes x action-plans matrix (marked cells); a full-page screenshot must not be blank, and
the screenshot regions where the chart and the matrix are laid out must hold their colours.
Chromium comes from Debian's ``chromium`` package, installed with apt-get when missing.
Exit status: 0 when every page passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

WIDTH = 1280
MAX_HEIGHT = 16000
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
    "--force-device-scale-factor=1",
)
# Colours the report draws with (report.ACTORS and the matrix's marked cell).
FEDERAL_BLUE = (0x1F, 0x4E, 0x9A)
LOCAL_ORANGE = (0xD9, 0x73, 0x0D)

# Appended to a copy of the page: measures the chart and the matrix after layout.
PROBE = """
<pre id="report-check-layout"></pre>
<script>
(function () {
  function box(selector) {
    var el = document.querySelector(selector);
    if (!el) return null;
    var r = el.getBoundingClientRect();
    return {x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height};
  }
  var info = {
    chart: box("#objectives-chart"),
    matrix: box("#plan-matrix"),
    bars: document.querySelectorAll("#objectives-chart rect.bar").length,
    hits: document.querySelectorAll("#plan-matrix td.hit").length,
    height: Math.ceil(document.documentElement.scrollHeight)
  };
  document.getElementById("report-check-layout").textContent = JSON.stringify(info);
})();
</script>
"""


@dataclass
class Layout:
    chart: dict[str, float] | None
    matrix: dict[str, float] | None
    bars: int
    hits: int
    height: int


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


def _chromium(
    browser: str, profile: Path, *args: str, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    command = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)


def measure(browser: str, page: Path, work: Path) -> Layout:
    """Lay the page out in Chromium and read back the probe's measurements."""
    probe = work / "probe.html"
    text = page.read_text(encoding="utf-8")
    probe.write_text(text.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    done = _chromium(browser, work / "profile", f"--window-size={WIDTH},1000", "--dump-dom", probe.as_uri())
    found = re.search(r'<pre id="report-check-layout">(.*?)</pre>', done.stdout, re.S)
    if not found or not found.group(1).strip():
        raise RuntimeError(
            f"{page}: Chromium did not lay the page out (exit {done.returncode}): {done.stderr[-500:]}"
        )
    info = json.loads(html.unescape(found.group(1)))
    return Layout(info["chart"], info["matrix"], info["bars"], info["hits"], int(info["height"]))


def screenshot(browser: str, page: Path, work: Path, height: int) -> Path:
    target = work / "screenshot.png"
    target.unlink(missing_ok=True)
    done = _chromium(
        browser,
        work / "profile",
        f"--window-size={WIDTH},{height}",
        f"--screenshot={target}",
        page.resolve().as_uri(),
    )
    if not target.is_file():
        raise RuntimeError(f"{page}: no screenshot (exit {done.returncode}): {done.stderr[-500:]}")
    return target


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
    # Sample on a grid: enough to see bars and cells, cheap on a tall page.
    step = 2
    total = inked = 0
    colours: set[str] = set()
    for y in range(0, region.height, step):
        for x in range(0, region.width, step):
            pixel = region.getpixel((x, y))
            total += 1
            if min(pixel) < 235:
                inked += 1
            if _near(pixel, FEDERAL_BLUE):
                colours.add("federal")
            elif _near(pixel, LOCAL_ORANGE):
                colours.add("local")
    return inked / max(total, 1), colours


def check_page(page: Path, browser: str, keep: Path | None = None) -> list[str]:
    """Problems found rendering ``page``; empty when the chart and the matrix are visible."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="report-check-") as tmp:
        work = Path(tmp)
        layout = measure(browser, page, work)
        if layout.chart is None or layout.chart["width"] < 50 or layout.chart["height"] < 30:
            problems.append(f"{page}: the objectives chart is missing or collapsed ({layout.chart})")
        if layout.bars == 0:
            problems.append(f"{page}: the objectives chart has no bar")
        if layout.matrix is None or layout.matrix["height"] < 10:
            problems.append(f"{page}: the action-plan matrix is missing or collapsed ({layout.matrix})")
        if layout.hits == 0:
            problems.append(f"{page}: the action-plan matrix has no marked cell")
        height = min(max(layout.height, 600), MAX_HEIGHT)
        shot = screenshot(browser, page, work, height)
        with Image.open(shot) as image:
            image.load()
            extrema = image.convert("L").getextrema()
            if extrema[0] == extrema[1]:
                problems.append(f"{page}: the screenshot is blank")
            inked, colours = region_stats(image, layout.chart)
            if inked < 0.01 or "federal" not in colours:
                problems.append(
                    f"{page}: the chart region shows no bars (ink {inked:.3f}, colours {sorted(colours)})"
                )
            inked, colours = region_stats(image, layout.matrix)
            if inked < 0.01 or "federal" not in colours:
                problems.append(f"{page}: the matrix region shows no marks (ink {inked:.3f})")
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(shot, keep / f"{page.stem}.png")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("pages", nargs="+", type=Path, help="HTML reports to render")
    parser.add_argument("--keep", type=Path, help="folder to keep the screenshots in")
    args = parser.parse_args(argv)
    browser = ensure_chromium()
    failed = False
    for page in args.pages:
        if not page.is_file():
            print(f"{page}: no such file", file=sys.stderr)
            failed = True
            continue
        problems = check_page(page, browser, args.keep)
        for problem in problems:
            print(problem, file=sys.stderr)
        failed = failed or bool(problems)
        if not problems:
            print(f"{page}: chart and matrix rendered")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
