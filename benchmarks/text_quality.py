"""Flattened whole pages: quality and speed of `cleaner` on text alone, beside trafilatura.

Cleans `../shared/devset/scrapinghub/text/*.txt` (the 181 dev pages flattened to text,
menus and footers included) with `cleaner`, and in the same run with plain
`trafilatura.extract` given the same text as HTML (one <p> per line: how it would meet a
flattened page), and scores the raw text, both results with
`../shared/tools/score.py scrapinghub`. Speed is CPU time of this process, alternating
page by page, each page's fastest of the timed rounds after an untimed warm-up pass.

    .venv/bin/python benchmarks/text_quality.py [--rounds N]
"""

from __future__ import annotations

import argparse
import html
import statistics
import sys
import time
from pathlib import Path

import trafilatura
from devset_score import score

from cleaner import Cleaner

ROOT = Path(__file__).resolve().parents[1]
TEXT = ROOT.parent / "shared" / "devset" / "scrapinghub" / "text"


def as_html(text: str) -> str:
    return "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line) + "</body></html>"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds after the warm-up pass")
    rounds = max(1, parser.parse_args(argv).rounds)
    if not TEXT.is_dir():
        print("../shared/devset/scrapinghub/text is not here; nothing to measure")
        return 0
    pages = [(p.name, p.read_text("utf-8")) for p in sorted(TEXT.glob("*.txt"))]
    html_pages = [as_html(text) for _name, text in pages]
    cleaner = Cleaner()
    raw = [{"path": name, "text": text} for name, text in pages]
    ours = [{"path": name, "text": cleaner.clean(text).text} for name, text in pages]
    theirs = [{"path": name, "text": trafilatura.extract(page) or ""} for (name, _t), page in zip(pages, html_pages)]
    ours_ms = [float("inf")] * len(pages)
    theirs_ms = [float("inf")] * len(pages)
    for _round in range(rounds):
        for n, ((_name, text), page) in enumerate(zip(pages, html_pages)):
            start = time.process_time()
            cleaner.clean(text)
            middle = time.process_time()
            trafilatura.extract(page)
            end = time.process_time()
            ours_ms[n] = min(ours_ms[n], (middle - start) * 1000)
            theirs_ms[n] = min(theirs_ms[n], (end - middle) * 1000)
    megabytes = sum(len(text.encode("utf-8")) for _name, text in pages) / 1e6
    print(f"{len(pages)} flattened pages of {TEXT.relative_to(ROOT.parent)} ({megabytes:.1f} MB)")
    print(score(raw, "raw text"))
    print(score(ours, "cleaner"))
    print(score(theirs, "trafilatura"))
    print(f"speed (CPU time, fastest of {rounds} rounds per page, after a warm-up pass)")
    for label, times in (("cleaner", ours_ms), ("trafilatura", theirs_ms)):
        total = sum(times) / 1000
        print(f"  {label:12} median {statistics.median(times):6.2f} ms/page, {len(times) / total:7.1f} docs/s, "
              f"{megabytes / total:5.2f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
