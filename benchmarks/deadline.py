"""How late `DocumentTimeout` can arrive: the per-document time limit, measured.

`Config.timeout` is a deadline the pipeline checks between stages, inside its long loops and
inside every rule regex; in the main thread an alarm interrupts pure-Python library code
too. What no check can cut short is one call into C code, above all trafilatura's
extraction of a large HTML page (lxml parsing and tree walks). This script finds how long
past the deadline the error comes, on the largest pages of the dev sets (HTML and
flattened text) and on a pathological page of ten thousand long paragraphs.

Each page is first cleaned without a limit (its full time T); then with deadlines of
T/4, T/2 and 3T/4, once in a worker thread (deadline checks only, as in a scraper's threads
or on a Dask worker) and once in the main thread (checks plus the alarm). The lateness of
an error is the time it arrived minus the deadline.

    .venv/bin/python benchmarks/deadline.py [--pages N]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import threading
import time
from pathlib import Path

from cleaner import Cleaner, Config
from cleaner.errors import DocumentTimeout

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devset"
SLOW = "March 3, 2024\n" + ("A line of article text that goes on for a while, officials said. " * 40 + "\n") * 9000
FRACTIONS = (0.25, 0.5, 0.75)


def largest(folder: Path, pattern: str, count: int) -> list[tuple[str, bytes]]:
    files = sorted(folder.glob(pattern), key=lambda p: p.stat().st_size, reverse=True)[:count]
    return [(f"{folder.parent.name}/{p.name}", gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes())
            for p in files]


def lateness(data: bytes | str, limit: float, in_thread: bool) -> float | None:
    """Seconds between the deadline and the error (None if the page finished in time)."""
    cleaner = Cleaner(Config(timeout=limit))
    outcome: list[float | None] = [None]

    def work() -> None:
        started = time.perf_counter()
        try:
            cleaner.clean(data)
        except DocumentTimeout:
            outcome[0] = time.perf_counter() - started - limit

    if in_thread:
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
    else:
        work()
    return outcome[0]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20, help="largest pages taken from each dev set folder")
    count = parser.parse_args(argv).pages
    pages: list[tuple[str, bytes | str]] = [("pathological text (9,000 long paragraphs)", SLOW)]
    for name in ("wcxb", "scrapinghub"):
        if (DEVSET / name).is_dir():
            pages += largest(DEVSET / name / "html", "*.html.gz", count)
            pages += largest(DEVSET / name / "text", "*.txt*", count // 4)
    if len(pages) == 1:
        print("../shared/devset is not here: measuring the pathological page only")
    cleaner = Cleaner()
    cleaner.clean(pages[0][1][:1000])  # one-time set-up (rule compiles, models) out of the figures
    late: dict[str, list[tuple[float, str]]] = {"worker thread": [], "main thread": []}
    for name, data in pages:
        started = time.perf_counter()
        cleaner.clean(data)
        full = time.perf_counter() - started
        for fraction in FRACTIONS:
            for where, in_thread in (("worker thread", True), ("main thread", False)):
                value = lateness(data, full * fraction, in_thread)
                if value is not None:
                    late[where].append((value, name))
    print(f"{len(pages)} pages, deadlines at {', '.join(f'{f:.0%}' for f in FRACTIONS)} of each page's own time")
    print(f"{'where':15} {'errors':>6} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}  worst page")
    for where, values in late.items():
        if not values:
            print(f"{where:15} {0:6}")
            continue
        ms = sorted(v * 1000 for v, _name in values)
        worst = max(values)
        p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
        print(f"{where:15} {len(ms):6} {statistics.median(ms):10.1f} {p95:8.1f} {ms[-1]:8.1f}  {worst[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
