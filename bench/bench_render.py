"""Rendering: story body HTML → the document model → lines (``--dump``), by hand.

    python bench/bench_render.py [--rounds N] [--quick]

Prints, medians over rounds (issue 9's figures and goals):
- ordinary prose of 2,000, 30,000 and 100,000 words: ms in all and ms per 1,000 words;
- each pathological shape at 30,000 elements, beside ordinary prose of the same size
  (goal: at most 10× its time);
- ``belga --dump`` of the real story, the whole process (goal: at most 60 ms), and
  ``w3m -dump`` of its body when w3m is installed (for comparison only).

Each line says PASS or MISS; the exit status is non-zero when anything missed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.shapes import SHAPES, prose  # noqa: E402
from tui.core.model.story import Story  # noqa: E402
from tui.core.render.plaintext import to_plain_text  # noqa: E402
from tui.core.render.render import render_story  # noqa: E402

FIXTURE = ROOT / "tests" / "data" / "belgian-defence-industry-turkey.json"
SHAPE_SIZE = 30_000
SHAPE_FACTOR = 10.0
DUMP_MS = 60.0


def median_ms(action: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def render(html: str) -> Callable[[], object]:
    story = Story(title="A story", body_html=html, url="https://www.belganewsagency.eu/s")
    return lambda: to_plain_text(render_story(story), 80)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, 3 rounds")
    args = parser.parse_args()
    rounds = 3 if args.quick else args.rounds
    size = 10_000 if args.quick else SHAPE_SIZE
    missed = 0

    print("ordinary prose")
    baseline: dict[int, float] = {}
    for words in (2_000, size, 100_000 if not args.quick else 20_000):
        ms = median_ms(render(prose(words)), rounds)
        baseline[words] = ms
        print(f"  {words:>7,} words  {ms:8.1f} ms  {ms / words * 1000:6.2f} ms per 1,000 words")

    print(f"pathological shapes at {size:,} elements (goal: ≤ {SHAPE_FACTOR:g}× prose)")
    worst = ("", 0.0)
    for name, shape in SHAPES.items():
        ms = median_ms(render(shape(size)), rounds)
        factor = ms / baseline[size]
        worst = max(worst, (name, factor), key=lambda pair: pair[1])
        ok = factor <= SHAPE_FACTOR
        missed += not ok
        print(
            f"  {name:<26} {ms:8.1f} ms  {ms / size * 1000:6.2f} ms per 1,000  "
            f"{factor:5.1f}×  {verdict(ok)}"
        )
    print(f"  worst: {worst[0]} at {worst[1]:.1f}× prose")

    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # byte-code cached, as for a user
    command = shutil.which("belga")
    if command is None:
        print("belga --dump: not installed (pip install -e .)  MISS")
        return 1
    dump = [command, "--dump", str(FIXTURE), "--width", "80"]
    subprocess.run(dump, check=True, capture_output=True)  # byte-code compiled, cached
    ms = median_ms(lambda: subprocess.run(dump, check=True, capture_output=True), rounds * 2)
    ok = ms <= DUMP_MS
    missed += not ok
    print(f"belga --dump of the real story, whole process  {ms:6.1f} ms  "
          f"(goal ≤ {DUMP_MS:g} ms)  {verdict(ok)}")  # fmt: skip
    floor = [sys.executable, "-c", "pass"]
    ms = median_ms(lambda: subprocess.run(floor, check=True, capture_output=True), rounds * 2)
    print(f"python -c pass, the floor of any Python command  {ms:6.1f} ms")
    w3m = shutil.which("w3m")
    if w3m is not None:
        body = json.loads(FIXTURE.read_text(encoding="utf-8"))["body"]
        with tempfile.NamedTemporaryFile("w", suffix=".html", encoding="utf-8") as page:
            page.write(body)
            page.flush()
            cmd = [w3m, "-dump", "-cols", "80", "-T", "text/html", page.name]
            ms = median_ms(lambda: subprocess.run(cmd, check=True, capture_output=True), rounds)
        print(f"w3m -dump of its body, for comparison           {ms:6.1f} ms")
    else:
        print("w3m not installed (apt-get install -y w3m) for comparison")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
