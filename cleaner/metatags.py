"""The `<meta>` tags of an HTML page, read once for every reader of page facts.

The title (`headline`), the authors (`credits`), the date (`pagedate`), the site, description
and tags (`pagefacts`) and the declared language all look things up in the same tags. Read
here in one pass, each tag under every name it declares: its `name`, each of the
space-separated RDFa terms of its `property` ("dc:creator twitter:site_name" declares both),
its `itemprop`, and its `http-equiv`. Names are compared in lower case; contents keep their
case, with runs of spaces collapsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class MetaTags:
    """(name, content) of every declared name of every `<meta>` tag, in page order; tags
    without content are kept out."""

    entries: tuple[tuple[str, str], ...]

    @classmethod
    def read(cls, tree: Any) -> MetaTags:
        entries = []
        for meta in tree.iter("meta"):
            content = " ".join((meta.get("content") or "").split())
            if not content:
                continue
            for name in _names(meta):
                entries.append((name, content))
        return cls(tuple(entries))

    def first(self, name: str) -> str:
        """The first content declared under `name`; "" when none is."""
        return next((content for key, content in self.entries if key == name), "")

    def first_of(self, names: tuple[str, ...]) -> str:
        """The first content of the first of `names` (strongest first) that the page declares."""
        return next((found for found in map(self.first, names) if found), "")

    def every(self, name: str) -> list[str]:
        """Every content declared under `name`, in page order (citation_author, article:tag
        and keywords are printed once per value)."""
        return [content for key, content in self.entries if key == name]


def _names(meta: Any) -> list[str]:
    names = (meta.get("property") or "").lower().split()
    names += (meta.get("itemprop") or "").lower().split()
    for attribute in ("name", "http-equiv"):
        value = (meta.get(attribute) or "").strip().lower()
        if value:
            names.append(value)
    return list(dict.fromkeys(names))
