"""The title of a page: the headline it prints, confirmed by what it declares.

A page names itself several times: `<title>` (usually "Headline | Site"), og:title or
twitter:title (often without the site), and the `<h1>` it prints above the article. The
printed headline is the title a reader sees, but an `<h1>` alone is weak evidence: some
sites print their logo, a section name ("Health Center") or a cookie banner's heading in
one. So an `<h1>` becomes the title only when the declared titles confirm it: it is one
of their parts ("Headline" of "Headline | Site"), or a single `<h1>` shares most of its
words with them. Otherwise the declared title is used, less the parts that name the site
(og:site_name, the host, or a short trailing name after a separator).

The evidence is read before the DOM pass removes page furniture: a masthead `<h1>` must be
seen to be refused. A flattened page's browser title (its first line) is judged the same way
(`cleaner.stages.title.confirm_page_title`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import regex

from cleaner.dom import shown_words
from cleaner.metatags import MetaTags

#: Browser titles join the headline to a site or section name with one of these (the
#: browser-title stage splits a flattened page's first line at them).
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " » ", " · ")
#: Declared titles also use a bullet or a slash; any run of spaces may stand around them.
_SEPARATOR = regex.compile(
    r"(\s+(?:" + "|".join(regex.escape(s.strip()) for s in (*TITLE_SEPARATORS, " • ", " / ")) + r")\s+)")
_WORD = regex.compile(r"\w{3,}")
#: Marks a heading carries for its own link ("Usage¶", "Setup #"), and invisible characters.
_HEADING_MARKS = regex.compile(r"[\s¶#§🔗]+$")
_INVISIBLE = regex.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
#: A trailing part this short (in words) after a separator names the site or a section.
SITE_PART_MAX_WORDS = 3
#: An `<h1>` longer than this is a paragraph set in a heading's style, not a headline.
HEADLINE_MAX_CHARS = 200
#: "Thread:", "Question -": a label an `<h1>` prints before the headline is this short.
LABEL_MAX_WORDS = 2
#: A declared title longer than this is not split into parts (nor its site name cut off).
DECLARED_MAX_CHARS = 400
#: A single `<h1>` is confirmed when this share of its words is in the declared titles.
CONFIRMING_SHARE = 0.5


#: `<meta>` fields that declare the title for sharing and for analytics, strongest first.
_SOCIAL_TITLES = ("og:title", "twitter:title", "parsely-title", "sailthru.title", "dc.title", "dc:title")


@dataclass(frozen=True, slots=True)
class TitleEvidence:
    """What a page says its title is."""

    declared: str  # <title>
    social: str  # og:title, else twitter:title, else another CMS's title field (`_SOCIAL_TITLES`)
    site: str  # og:site_name or application-name
    host: str  # the page's host without "www." ("" when unknown)
    headings: tuple[str, ...]  # the texts of its <h1> elements, in page order

    @classmethod
    def read(cls, tree: Any, url: str | None = None, metas: MetaTags | None = None) -> TitleEvidence:
        """The evidence in a parsed page (before anything is removed from it)."""
        metas = metas or MetaTags.read(tree)
        node = tree.find(".//title")
        declared = _clean(node.text_content()) if node is not None else ""
        canonical = url or metas.first("og:url") or next(
            (link.get("href") or "" for link in tree.iter("link") if (link.get("rel") or "").lower() == "canonical"), "")
        headings = tuple(h for h in (_heading(node) for node in tree.iter("h1")) if h)
        return cls(declared, _clean(metas.first_of(_SOCIAL_TITLES)),
                   _clean(metas.first_of(("og:site_name", "application-name"))), host_of(canonical), headings)


def choose_title(evidence: TitleEvidence, fallback: str | None = None) -> str | None:
    """The page's title: a confirmed printed headline, else the declared title less its site
    name, else `fallback` (the extractor's guess) or the only `<h1>`."""
    declared = [t for t in (evidence.declared, evidence.social) if t]
    site_names = _site_names(evidence, declared)
    headings = [h for h in evidence.headings if fold(h) not in site_names or fold(h) in map(fold, declared)]
    parts = frozenset().union(*map(part_names, declared))
    printed = [h for h in headings if fold(h) in parts]
    if printed:  # the one with the fewest parts: "Headline" before "Headline | Site"
        chosen = as_declared(min(printed, key=lambda h: len(_SEPARATOR.split(h))), declared)
        return _without_site(chosen, _own_names(evidence.site), evidence.host, printed=True)
    for heading in headings:
        labelled = _after_label(heading, parts)
        if labelled:
            return labelled
    if len(headings) == 1 and len(headings[0]) <= HEADLINE_MAX_CHARS and _confirmed(headings[0], declared):
        return headings[0]
    if declared:
        return _without_site(evidence.social or evidence.declared, _own_names(evidence.site), evidence.host)
    if fallback:
        return fallback
    return headings[0] if len(headings) == 1 else None


def as_declared(heading: str, declared: list[str]) -> str:
    """A heading as the declared title writes it, when the two differ only in typography
    ("BEST DRIP COFFEE MAKERS", "Beginner’s Guide"): the capitals and curly quotes are the
    page's setting, the declared title the words as written."""
    folded = fold(heading)
    return next((part.strip() for title in declared for part in _parts(title) if fold(part) == folded), heading)


def part_names(declared: str) -> frozenset[str]:
    """The declared title and its parts ("Headline" of "Headline | Site"), folded: a line
    prints one of them when `fold(line)` is among them. Computed once per title, since
    many lines are compared with one."""
    return frozenset(fold(part) for part in _parts(declared))



def _parts(title: str) -> list[str]:
    """The title and every run of its parts that a separator bounds: "A | B | C" gives A,
    "A | B", B, "B | C", C... (a title longer than any headline is not split: the runs of a
    hostile one would be too many)."""
    if len(title) > DECLARED_MAX_CHARS:
        return [title]
    pieces = _SEPARATOR.split(title)
    texts = pieces[0::2]
    seps = pieces[1::2]
    out = [title]
    for start in range(len(texts)):
        for end in range(start + 1, len(texts) + 1):
            joined = texts[start]
            for n in range(start + 1, end):
                joined += seps[n - 1] + texts[n]
            out.append(joined.strip())
    return out


#: What ends a label before a heading's headline: "Thread:", "Blog -", a breadcrumb's "Home »".
_LABEL_ENDS = ":-–—|»›>/"


def _after_label(heading: str, parts: frozenset[str]) -> str | None:
    """The declared part a heading prints after a label of a word or two ("Thread: Headline",
    "Blog - Headline"), as the heading prints it: the longest such part, so the label is the
    shortest (and the choice does not hang on the order of a set)."""
    folded = fold(heading)
    for part in sorted(parts, key=lambda p: (-len(p), p)):
        if len(part) < len(folded) and folded.endswith(part) and len(part.split()) >= 2:
            label = folded[: len(folded) - len(part)].rstrip()
            if label[-1:] in _LABEL_ENDS and 1 <= len(label.rstrip(_LABEL_ENDS + " ").split()) <= LABEL_MAX_WORDS:
                return heading[len(heading) - len(part):].strip()
    return None


def _own_names(site: str) -> set[str]:
    """The folded names a site declares for itself: og:site_name, and a domain name without
    its ending ("Harbour.com" prints "HARBOUR" after its headlines)."""
    folded = fold(site)
    names = {folded, _DOMAIN_END.sub("", folded)} if folded else set()
    return names - {""}


#: The ending of a site name written as a domain: "Harbour.com", "Example.co.uk".
_DOMAIN_END = regex.compile(r"(?:\.[a-z]{2,3}){1,2}$")


def _site_names(evidence: TitleEvidence, declared: list[str]) -> set[str]:
    """Folded names the site may print in an `<h1>` (its logo): og:site_name and the last part
    of each declared title."""
    names = {fold(evidence.site)} if evidence.site else set()
    for title in declared:
        pieces = _SEPARATOR.split(title)
        if len(pieces) >= 3:
            names.add(fold(pieces[-1]))
    return names - {""}


def _confirmed(heading: str, declared: list[str]) -> bool:
    words = set(_WORD.findall(fold(heading)))
    if not words:
        return False
    known = {w for title in declared for w in _WORD.findall(fold(title))}
    return len(words & known) / len(words) >= CONFIRMING_SHARE


def _without_site(title: str, site_names: set[str], host: str, printed: bool = False) -> str:
    """"Headline | Section | Site" less the trailing parts that name the site (one of
    `site_names`, the host: "Bold.org") or are a short name after a separator; a leading part
    only when it is the site's name ("Site | Headline"). A `printed` headline loses only the
    parts that are the site's name: the rest is what the page prints ("Compact Camera – Travel
    Edition"; on a forum about a product, "Headline - Product as a service?")."""
    if len(title) > DECLARED_MAX_CHARS:
        return title
    pieces = _SEPARATOR.split(title)
    core = host.split(".")[0] if host else ""
    end = len(pieces)  # pieces[:end] is what is left: texts at even places, separators between
    while end >= 3:
        last = pieces[end - 1].strip()
        if _names_the_site(last, site_names, core) or not printed and not dated(last) and (
                (core and core in fold(last).replace(" ", "")) or len(last.split()) <= SITE_PART_MAX_WORDS):
            end -= 2
        else:
            break
    start = 2 if end >= 3 and _names_the_site(pieces[0], site_names, core) else 0
    return "".join(pieces[start:end]).strip()


#: A year, alone or after a month (or another word) and a day: "2026", "March 2026", "Mar 5, 2026".
_DATED = regex.compile(r"(?:\p{L}{3,9}\.?\s+)?(?:\d{1,2},?\s+)?(?:19|20)\d{2}")


def dated(part: str) -> bool:
    """A part of a title that dates it ("Best Earbuds - March 2026", "Conferences 2026 /
    2027"): the headline's own, never a site's name."""
    return _DATED.fullmatch(part.strip()) is not None


def _names_the_site(part: str, site_names: set[str], core: str) -> bool:
    """The part is the site's own name."""
    folded = fold(part)
    return folded in site_names or bool(core) and folded.replace(" ", "") == core


def _heading(node: Any) -> str:
    """A heading's text as a browser shows it: a line break is a space ("WEEKEND<br>CODING")."""
    return _HEADING_MARKS.sub("", _clean(shown_words(node)))


def _clean(text: str) -> str:
    """Spaces collapsed, invisible characters gone, and entities a CMS escaped twice
    ("SQL &#x26; AI") read."""
    if "&" in text and ";" in text:
        text = html.unescape(text)
    return " ".join(_INVISIBLE.sub("", text).split())


def fold(text: str) -> str:
    """A title as titles are compared: casefolded, its spacing made single, its quotes
    plain ("Beginner’s" in the `<h1>` is "Beginner&#039;s" in `<title>`)."""
    folded = text.casefold()
    return " ".join((folded if folded.isascii() else folded.translate(_PLAIN_QUOTES)).split())


#: Typographic quotes and their plain forms: the same title, set by another hand.
_PLAIN_QUOTES = str.maketrans("‘’‚‛′“”„‟″", "\'\'\'\'\'\"\"\"\"\"")


def host_of(url: str | None) -> str:
    """The host of `url` without "www." ("" when there is none)."""
    if not url:
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")
