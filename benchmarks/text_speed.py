"""Text-mode throughput of `cleaner`, with trafilatura measured in the same run.

Prints docs/s and MB/s in one process on
  1. the fixture pages plus the seed pages (when ../shared is present),
  2. documents of 1 KB, 10 KB, 100 KB and 1 MB (cost per KB should stay flat: linear time),
  3. the flattened dev pages (`../shared/devset/*/text`, when present),
and the peak RSS of the process. trafilatura is given the same text as HTML
(one <p> per line), which is how it would meet a flattened page. No per-document answer is
cached between passes over the same pages: a batch meets each page once.

`--against REV` measures the code of an older commit beside this checkout's, with this
script: each side runs in its own process (a git worktree of REV for the old code), and the
two take turns, figure by figure and round by round, so that this VM's drifting speed
falls on both alike; each figure is the best round of its side. The ratio column is
this checkout's speed over REV's.

    .venv/bin/python benchmarks/text_speed.py [--repeat N] [--against REV]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
DEVSET = ROOT.parent / "shared" / "devset"
SIZES = (1_000, 10_000, 100_000, 1_000_000)


def load_pages() -> list[str]:
    pages = [p.read_text("utf-8") for p in sorted((ROOT / "fixtures" / "pages").glob("*.txt"))]
    if SEEDS.is_dir():
        pages += [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return pages


def load_flattened() -> list[str]:
    return [p.read_text("utf-8") for p in sorted(DEVSET.glob("*/text/*.txt"))] if DEVSET.is_dir() else []


def document_of_size(pages: list[str], size: int) -> str:
    """Pages joined with blank lines until the document reaches `size` characters."""
    parts, total, i = [], 0, 0
    while total < size:
        page = pages[i % len(pages)]
        parts.append(page)
        total += len(page) + 2
        i += 1
    return "\n\n".join(parts)[:size]


def as_html(text: str) -> str:
    return "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line) + "</body></html>"


def timed(function: Callable[[str], object], docs: list[str], repeat: int) -> float:
    """Seconds for `repeat` passes over `docs`."""
    start = time.perf_counter()
    for _ in range(repeat):
        for doc in docs:
            function(doc)
    return time.perf_counter() - start


class Workloads:
    """The documents each figure is measured on, and how many passes one round makes."""

    def __init__(self, repeat: int) -> None:
        pages = load_pages()
        self.docs: dict[str, tuple[list[str], int]] = {"pages": (pages, repeat)}
        if SEEDS.is_dir():
            self.docs["seeds"] = ([p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))], repeat * 5)
        for size in SIZES:
            self.docs[f"{size // 1000} KB"] = ([document_of_size(pages, size)], max(1, 2_000_000 // size))
        self.flat = load_flattened()

    def names(self) -> list[str]:
        return [*self.docs, *(["flattened"] if self.flat else [])]

    def round(self, name: str, function: Callable[[str], object]) -> tuple[float, int, int]:
        """(seconds, documents, bytes) of one timed round of the named figure."""
        docs, repeat = (self.flat, 1) if name == "flattened" else self.docs[name]
        seconds = timed(function, docs, repeat)
        return seconds, len(docs) * repeat, sum(len(d.encode("utf-8")) for d in docs) * repeat


def serve(repeat: int) -> int:
    """Child side of `--against`: measure one round of a named figure per request line."""
    from cleaner import Cleaner

    clean = Cleaner().clean
    loads = Workloads(repeat)
    for doc in load_pages():
        clean(doc)  # warm: compiled rules, imports
    for line in sys.stdin:
        name = line.strip()
        if name == "where":
            import cleaner

            print(json.dumps(str(Path(cleaner.__file__).parent.parent)), flush=True)
            continue
        if name == "rss":
            print(json.dumps(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024), flush=True)
            continue
        print(json.dumps(loads.round(name, clean)), flush=True)
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds per figure (the best is printed)")
    parser.add_argument("--against", metavar="REV", help="also measure the code at REV, taking turns with this checkout")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        return serve(args.repeat)
    if args.against:
        return against(args.against, args.repeat, args.rounds)
    return alone(args.repeat, args.rounds)


def alone(repeat: int, rounds: int) -> int:
    import trafilatura

    from cleaner import Cleaner

    clean = Cleaner().clean
    loads = Workloads(repeat)
    for doc in load_pages():
        clean(doc)
    print(f"{'input':30} {'tool':12} {'docs/s':>9} {'MB/s':>7} {'ms/doc':>9} {'ms per KB':>10}")
    for name in loads.names():
        if name == "flattened":
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        best = min((loads.round(name, clean) for _ in range(rounds if name != "flattened" else 2)), key=lambda r: r[0])
        print(_row(_label(name, loads), "cleaner", best))
        if name in ("pages", "1 KB", "10 KB", "100 KB"):
            docs, passes = loads.docs[name]
            html_docs = [as_html(d) for d in docs]
            traf = min(timed(trafilatura.extract, html_docs, max(1, passes // 4)) for _ in range(rounds))
            print(_row("  same text as <p> HTML", "trafilatura",
                       (traf, len(docs) * max(1, passes // 4), sum(len(d.encode()) for d in docs) * max(1, passes // 4))))
    if not loads.flat:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS before the flattened pages: {peak:.0f} MB (python {sys.version.split()[0]}, one process)")
    return 0


def against(rev: str, repeat: int, rounds: int) -> int:
    """This checkout and `rev`, each in its own process, taking turns round by round."""
    with tempfile.TemporaryDirectory(prefix="cleaner-against-") as scratch:
        tree = Path(scratch) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), rev], check=True,
                       capture_output=True)
        try:
            sides = {"this": _child(ROOT, repeat), rev: _child(tree, repeat)}
            try:
                report(sides, rev, rounds)
            finally:
                for child in sides.values():
                    child.stdin.close()  # type: ignore[union-attr]
                    child.wait(timeout=60)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False,
                           capture_output=True)
    return 0


def _child(code: Path, repeat: int) -> subprocess.Popen[str]:
    """This script serving measurements, with `code` first on the path (its own `cleaner`)."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    return subprocess.Popen([sys.executable, __file__, "--serve", "--repeat", str(repeat)], cwd=code, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def _ask(child: subprocess.Popen[str], request: str) -> object:
    child.stdin.write(request + "\n")  # type: ignore[union-attr]
    child.stdin.flush()  # type: ignore[union-attr]
    return json.loads(child.stdout.readline())  # type: ignore[union-attr]


def report(sides: dict[str, subprocess.Popen[str]], rev: str, rounds: int) -> None:
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], check=False, capture_output=True,
                          text=True).stdout.strip()
    dirty = ", with changes" if _dirty() else ""
    print(f"this checkout: {head}{dirty}; against: {rev}; best of {rounds} alternating rounds per figure")
    for side, child in sides.items():
        print(f"  {side}: code from {_ask(child, 'where')}")
    print()
    print(f"{'input':30} {'code':12} {'docs/s':>9} {'MB/s':>7} {'ms/doc':>9} {'ms per KB':>10} {'speed-up':>9}")
    loads = Workloads(10)
    peaks: dict[str, float] = {}
    for name in loads.names():
        if name == "flattened":
            peaks = {side: float(_ask(child, "rss")) for side, child in sides.items()}  # type: ignore[arg-type]
        best: dict[str, tuple[float, int, int]] = {}
        for _ in range(rounds if name != "flattened" else 2):
            for side, child in sides.items():
                seconds, count, size = _ask(child, name)  # type: ignore[misc]
                if side not in best or seconds < best[side][0]:
                    best[side] = (seconds, count, size)
        ratio = best[rev][0] / best["this"][0]
        print(_row(_label(name, loads), "this", best["this"]) + f" {ratio:8.2f}x")
        print(_row("", rev, best[rev]))
    if not peaks:
        peaks = {side: float(_ask(child, "rss")) for side, child in sides.items()}  # type: ignore[arg-type]
    print("\npeak RSS before the flattened pages: " + ", ".join(f"{side} {mb:.0f} MB" for side, mb in peaks.items()))


def _label(name: str, loads: Workloads) -> str:
    if name == "pages":
        return f"{len(loads.docs['pages'][0])} pages (fixtures+seeds)"
    if name == "seeds":
        return "4 seed pages"
    if name == "flattened":
        return f"{len(loads.flat)} flattened dev pages"
    return f"one {name} document"


def _row(label: str, tool: str, result: tuple[float, int, int]) -> str:
    seconds, count, size = result
    per_doc = 1000 * seconds / count
    return (f"{label:30} {tool:12} {count / seconds:9.0f} {size / seconds / 1e6:7.2f} {per_doc:9.2f} "
            f"{per_doc / (size / count / 1000):10.3f}")


def _dirty() -> bool:
    return bool(subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               check=False, capture_output=True, text=True).stdout.strip())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
