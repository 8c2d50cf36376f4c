"""Coverage-guided fuzzing of `cleaner.clean` with atheris.

Every input (raw bytes, as a scraper would hand them over, and the same bytes decoded as
text) must give an `Article` or a `CleanerError` (the documented error type); for text
input, cleaning the result again must give the same text. Anything else is a crash atheris reports, with the
input written to the working folder.

    .venv/bin/pip install atheris
    .venv/bin/python tests/fuzz/fuzz_clean.py -max_total_time=600 -max_len=65536 tests/fuzz/corpus

The seed corpus is built from the fixture pages on first run. Not part of `make test`
(it runs for minutes); the hypothesis properties in tests/test_properties.py are.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from cleaner import CleanerError, clean
    from cleaner.decode import looks_like_html

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parents[1] / "fixtures"


def seed_corpus(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        return
    for page in [*sorted((FIXTURES / "pages").glob("*.txt")), *sorted((FIXTURES / "html").glob("*.html"))]:
        (folder / page.name).write_bytes(page.read_bytes()[:65536])


def check(data: bytes) -> None:
    for item in (data, data.decode("utf-8", "replace")):
        try:
            once = clean(item).text
        except CleanerError:
            continue
        if isinstance(item, str) and not looks_like_html(item):  # HTML in, text out: another kind
            again = clean(once).text
            if again != once:
                raise AssertionError(f"not idempotent: {once[:200]!r} -> {again[:200]!r}")


def main() -> None:
    corpus = [a for a in sys.argv[1:] if not a.startswith("-")]
    if corpus:
        seed_corpus(Path(corpus[0]))
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
