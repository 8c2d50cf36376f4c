"""The authors an HTML page credits: in its structured data (JSON-LD), else in its bylines.

trafilatura reads the same data but normalises names for its own matching ("Z.B. Steele"
becomes "Z B Steele", "AccountingDepartment.com" becomes "AccountingDepartment com") and
drops handles ("ridwan123"). A page's JSON-LD `author` of its main item (the article, the
forum thread, the question) is the credit the publisher gives, so it is taken as printed:
a person's name, a forum handle, or an organisation credited as the author (but not the
publisher itself, which is the site). Authors of reviews, comments and answers inside the
item are not its authors.

Sources are taken in turn (`chosen_authors`), each read as names by `tidy_author`: the
JSON-LD credit (a reference to a person of the page's graph resolved); the `<meta>` authors
as printed (`meta_authors`: single names and handles too; a web address beside a name is no
name); and when none of those names a writer, what the page prints (`printed_authors`:
byline elements, links to an author's page, a thread's first user name, a by-word before a
name), read with block elements apart, in the DOM pass's removals too: some
sites set the byline inside a container the pass takes for page furniture. A wire agency
credited as the author goes to the agencies and leaves the choice to the next source.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import regex
from lxml import etree

from cleaner.dom import shown_words
from cleaner.metatags import MetaTags
from cleaner.readers import tidy_author
from cleaner.rules import RuleBook

#: The item types whose `author` is the page's author.
MAIN_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "techarticle", "scholarlyarticle", "socialmediaposting", "discussionforumposting", "liveblogposting", "question",
    "howto", "recipe", "review", "creativework", "webpage", "medicalwebpage", "aboutpage", "report",
})
#: Names longer than this are a bio or a list glued together, not a credit.
NAME_MAX_CHARS = 60
_LETTER = regex.compile(r"\p{L}")
_URL = regex.compile(r"^(?:https?:|www\.)|/")


def main_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The JSON-LD `items` of a main type (article, posting, question...), in order: read for
    the authors and the date."""
    return [item for item in items if item_types(item) & MAIN_TYPES]


def declared_authors(items: list[dict[str, Any]], everything: list[dict[str, Any]]) -> tuple[list[str], frozenset[str]]:
    """The authors of the first of the page's main JSON-LD `items` that names any, in order,
    each once ([] when none does), and those of them typed as organisations: an
    organisation's name is not read as a person's ("Contributors to Wikimedia projects"
    keeps its lower-case words). An author or publisher given by reference ({"@id": …}, as
    SEO plugins build their graph) is the object of `everything` with that id."""
    by_id = {item["@id"]: item for item in everything if isinstance(item.get("@id"), str)}
    for item in items:
        publisher = _organisation(_resolved(item.get("publisher"), by_id))
        authors = [_resolved(a, by_id) for a in _as_list(item.get("author"))]
        named = [(_name(a), a) for a in authors]
        named = [(n, a) for n, a in named if n and _is_credit(n, publisher)]
        if named:
            organisations = frozenset(n for n, a in named if isinstance(a, dict) and _ORGANISATION_TYPES & item_types(a)
                                      and "person" not in item_types(a))
            return list(dict.fromkeys(n for n, _a in named)), organisations
    return [], frozenset()


_ORGANISATION_TYPES = frozenset({"organization", "newsmediaorganization", "corporation", "ngo", "educationalorganization",
                                 "governmentorganization"})


#: The CDATA wrapper some pages (XHTML serialisers) put around a script's JSON, in either form.
_CDATA = regex.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")


def json_ld_items(tree: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object of the page, top-level items and `@graph` members first, then the
    `mainEntity` they hold."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(_CDATA.sub("", script.text))
        except ValueError:
            continue
        for item in _as_list(data):
            if not isinstance(item, dict):
                continue
            members = [m for m in _as_list(item.get("@graph")) if isinstance(m, dict)] or [item]
            for member in members:
                yield member
                for entity in _as_list(member.get("mainEntity")):
                    if isinstance(entity, dict):
                        yield entity


def item_types(item: dict[str, Any]) -> set[str]:
    return {str(t).rsplit("/", 1)[-1].lower() for t in _as_list(item.get("@type"))}


def _resolved(value: Any, by_id: dict[str, dict[str, Any]]) -> Any:
    """A JSON-LD reference ({"@id": …} and nothing to name it) as the object it refers to."""
    if isinstance(value, list):
        return [_resolved(v, by_id) for v in value]
    if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
        return by_id.get(value["@id"], value)
    return value


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _name(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("name") or ""
        if isinstance(value, list):
            value = value[0] if value else ""
    return " ".join(value.split()) if isinstance(value, str) else ""


def _organisation(value: Any) -> str:
    """The name of a publisher that is an organisation; '' for a person: a blog's author is
    often its publisher too, and is still its author."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict) and "person" in item_types(value):
        return ""
    return _name(value)


def _is_credit(name: str, publisher: str) -> bool:
    """A name as a credit: letters in it, short, no URL, not the publisher (the site)."""
    return (len(name) <= NAME_MAX_CHARS and bool(_LETTER.search(name)) and not _URL.search(name)
            and name.casefold() != publisher.casefold())


#: Class or id words that name a byline; "author-bio", "author-avatar" hold more than a name.
_BYLINE_WORDS = frozenset({"author", "byline", "authors", "writer"})
_NOT_A_NAME_WORDS = frozenset({"bio", "avatar", "image", "img", "photo", "box", "description", "about", "info", "card", "more",
                              "social", "posts", "date", "time", "label", "title"})
_TOKEN_PARTS = regex.compile(r"[-_]+")
_CAMEL = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})")  # "PostUser-name" is "Post-User-name"
#: A printed credit longer than this is a bio or a whole byline box.
PRINTED_MAX_CHARS = 80


#: `<meta>` names and properties whose content is the page's author, as the CMS printed it,
#: the most specific first: a page that declares its credit under several names declares one
#: author, and where they differ the generic "author" is the one CMSs fill with the site.
_AUTHOR_METAS = ("citation_author", "dc:creator", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author",
                 "article:author", "byl", "author")
#: twitter:label / twitter:data pairs (many CMSs print "Written by" with the author's name).
_AUTHOR_LABELS = frozenset({"written by", "author", "authors", "by"})


#: A web address in a credit, in brackets or not: "Jane Roe (http://example.org/jroe/)".
_WEB_ADDRESS = regex.compile(r"\(?\s*(?:https?://|www\.)\S+?\s*(?:\)|$|(?=\s))")


def meta_authors(metas: MetaTags) -> list[str]:
    """The authors the page's `<meta>` tags name, as printed, in order, each once: those of
    the first of `_AUTHOR_METAS` that names any, else of a twitter:data field labelled for
    the author. trafilatura reads them too but drops single names and handles ("Zach",
    "StephenT")."""
    for key in _AUTHOR_METAS:
        names = _credits([name for content in metas.every(key) for name in _listed_names(_without_address(content))])
        if names:
            return names
    labels = {key.removeprefix("twitter:label"): content.casefold()
              for key, content in metas.entries if key.startswith("twitter:label")}
    data = [content for key, content in metas.entries
            if key.startswith("twitter:data") and labels.get(key.removeprefix("twitter:data")) in _AUTHOR_LABELS]
    return _credits([name for content in data for name in _listed_names(_without_address(content))])


def _without_address(content: str) -> str:
    return " ".join(_WEB_ADDRESS.sub(" ", content).split())


def _credits(names: list[str]) -> list[str]:
    return [n for n in dict.fromkeys(names) if n and _is_credit(n, "")]


def _listed_names(content: str) -> list[str]:
    """The names of one `<meta>` field: parts between semicolons, and between commas when
    each part is a whole name ("Ada Lee, Tom Baker"; "Kaufman, Jeff T." is one name)."""
    names = [part.strip() for part in content.split(";") if part.strip()]
    listed = []
    for name in names:
        parts = [part.strip() for part in name.split(",")]
        listed += parts if len(parts) > 1 and all(len(part.split()) >= 2 for part in parts) else [name]
    return listed


def printed_authors(subtrees: list[Any], limit: int = 3, names_writer: Callable[[str], bool] = bool) -> list[str]:
    """The credits the page prints, strongest evidence first: byline elements (`rel="author"`,
    `itemprop="author"`, a class or id word "author" or "byline"), else links to an author's
    page whose text is the name in their address ("/author/jane-roe" "Jane Roe"), else the
    first user name element (a thread's opener), else a by-word followed by a name ("By
    <a>Jane Roe</a>", "by Jane Roe"). `subtrees` are the page and what the DOM pass removed
    from it as page furniture, where some sites set the byline. A text that names no writer
    (`names_writer`: "The Author", a wire agency) is passed over. Run only when nothing else
    named an author; the authors stage reads the names out of the texts."""
    for reader, most in ((_byline_elements, limit), (_author_links, limit), (_user_names, 1), (_by_lines, 1)):
        found = reader(subtrees, most, names_writer)
        if found:
            return found
    return []


def _byline_elements(subtrees: list[Any], limit: int, names_writer: Callable[[str], bool],
                     user_names: bool = False) -> list[str]:
    """The first byline element's text, with those of the byline elements beside it."""
    candidates = _USER_NAME_CANDIDATES if user_names else _BYLINE_CANDIDATES
    nodes = (node for subtree in subtrees for node in candidates(subtree) if _names_byline(node, user_names))
    texts = ((node, _named(node)) for node in nodes)
    return _first_byline(((node, text) for node, text in texts if text and len(text) <= PRINTED_MAX_CHARS
                          and _LETTER.search(text) and names_writer(text)), limit)


def _named(node: Any) -> str:
    """A byline element's name: its microdata `name` when it is an item (a person's card
    holds their reputation and badges too), else its text."""
    if node.get("itemscope") is not None:
        for named in node.iterdescendants():
            if named.get("itemprop") == "name":
                return " ".join((named.get("content") or shown_words(named)).split())
    return shown_words(node)


def _first_byline(credits: Iterable[tuple[Any, str]], limit: int) -> list[str]:
    """The texts of the first credit and of those beside it (one byline naming several
    authors), each once, at most `limit`; a credit elsewhere on the page ends the byline."""
    found: list[str] = []
    first = None
    for node, text in credits:
        if text in found:
            continue
        if first is None:
            first = node
        elif not _beside(first, node):
            break
        found.append(text)
        if len(found) >= limit:
            break
    return found


def _beside(first: Any, node: Any) -> bool:
    """`node` stands in the same byline as `first`: they share a parent or a grandparent
    (one byline naming several authors), or one holds the other."""
    if first in node.iterancestors() or node in first.iterancestors():
        return True
    return bool(_near_ancestors(first) & _near_ancestors(node))


def _near_ancestors(node: Any) -> set[Any]:
    parent = node.getparent()
    grandparent = parent.getparent() if parent is not None else None
    return {a for a in (parent, grandparent) if a is not None}


def _holding(*fragments: str) -> str:
    """The class and id attributes of the descendants that hold one of `fragments`."""
    holds = " or ".join(f"contains(., '{f}')" for f in fragments)
    return f"descendant::*/@class[{holds}] | descendant::*/@id[{holds}]"


#: Elements that may be bylines, found in C (a page has thousands of elements, few with a
#: byline word in their class or id; the fragments match either case of the first letter):
#: the whole-word test is `_names_byline`. The paths step to the attributes and back to
#: their element, so the test runs on the attributes a page has, not on every element for
#: every attribute it might have (the same elements, in page order, in under half the time).
_BYLINE_CANDIDATES = etree.XPath(
    f"({_holding('uthor', 'yline', 'yLine', 'riter')}"
    " | descendant::*/@rel[. = 'author'] | descendant::*/@itemprop[. = 'author'])/.."
)
_USER_NAME_CANDIDATES = etree.XPath(f"({_holding('ser')})/parent::*[contains(@class, 'ame') or contains(@id, 'ame')]")


def _user_names(subtrees: list[Any], limit: int, names_writer: Callable[[str], bool]) -> list[str]:
    """The first user name element ("username", "PostUser-name"): on a thread, its opener."""
    return _byline_elements(subtrees, limit, names_writer, user_names=True)


def _names_byline(node: Any, user_names: bool) -> bool:
    if not user_names and (node.get("rel") == "author" or node.get("itemprop") == "author"):
        return True
    for token in f"{node.get('class') or ''} {node.get('id') or ''}".split():
        parts = set(_TOKEN_PARTS.split(_CAMEL.sub("-", token).lower()))
        named = {"user", "name"} <= parts or "username" in parts if user_names else bool(parts & _BYLINE_WORDS)
        if named and not parts & _NOT_A_NAME_WORDS:
            return True
    return False


#: Address segments before an author's own page: "/author/jane-roe", "/members/jroe.12/".
_AUTHOR_PATHS = frozenset({"author", "authors", "writer", "writers", "people", "staff", "contributor", "contributors",
                           "columnist", "columnists", "journalist", "autor", "autoren", "auteur", "auteurs", "autore",
                           "autori", "redacteur", "profile", "profiles", "user", "users", "u", "member", "members"})
_AUTHOR_PATH = regex.compile(r"/(?:" + "|".join(sorted(_AUTHOR_PATHS, key=len, reverse=True)) + r")/", regex.IGNORECASE)
_SLUG_WORD = regex.compile(r"[^\W_\d]+|\d+")


def _author_links(subtrees: list[Any], limit: int, names_writer: Callable[[str], bool]) -> list[str]:
    """Links whose text is the name their address spells ("Jane Roe" to ".../author/jane-roe"):
    the first such link, with those beside it (one byline naming several authors)."""
    links = (link for subtree in subtrees for link in subtree.iter("a") if _AUTHOR_PATH.search(link.get("href") or ""))
    texts = ((link, shown_words(link)) for link in links)
    return _first_byline(((link, text) for link, text in texts if text and len(text) <= NAME_MAX_CHARS
                          and _links_to_author(link.get("href") or "", text) and names_writer(text)), limit)


def _links_to_author(href: str, text: str) -> bool:
    """The link's address has an author segment, then the link's words and no others (digits
    aside: "/members/jroe.12/"): "/people/jane-roe-biography" is a page about her."""
    segments = [s for s in href.split("?")[0].split("#")[0].lower().split("/") if s]
    for at, segment in enumerate(segments[:-1]):
        if segment in _AUTHOR_PATHS:
            slug = set(_SLUG_WORD.findall(_folded(segments[at + 1])))
            words = set(_SLUG_WORD.findall(_folded(text)))
            return bool(words & slug) and {w for w in words ^ slug if not w.isdigit()} == set()
    return False


def _folded(text: str) -> str:
    """Lower case without accents: an address spells "César" as "cesar"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


#: A by-word alone ("By", then the name in its own element) or before a capitalised name.
_BY_WORD = regex.compile(r"^(?i:by|written by|posted by|par|von|por|di|door)(?::|\s*$|\s+(?=\p{Lu}))")
_NAME_SHAPE = regex.compile(r"^\p{Lu}[\p{L}\p{M}'’.-]+(?:\s+\p{Lu}[\p{L}\p{M}'’.-]*){1,3}$")


def _by_lines(subtrees: list[Any], limit: int, names_writer: Callable[[str], bool]) -> list[str]:
    """The first short element that opens with a by-word and holds a name: "By" in a text
    with the name in the next element, or "by Jane Roe" in one text (then the name must have
    a name's shape: "By Monday" is no credit)."""
    for text in (text for subtree in subtrees for text in _BY_TEXTS(subtree)):
        if text.lstrip()[:1] not in _BY_INITIALS:
            continue
        node = text.getparent()
        owner = node if text.is_text else node.getparent()
        opened = _BY_WORD.match(text.strip())
        if opened is None or owner is None or not isinstance(node.tag, str):
            continue
        rest = text.strip()[opened.end():].strip(" :")
        if rest and not _NAME_SHAPE.match(_CREDIT_END.split(rest, maxsplit=1)[0]):
            continue
        whole = _credit_text(owner, opened.end())
        if whole and names_writer(whole):
            return [whole]
    return []


#: Short texts, found in C (most of a page's text is long or in scripts); `_BY_WORD` then
#: looks for the by-word.
_BY_TEXTS = etree.XPath(f".//text()[string-length(.) <= {PRINTED_MAX_CHARS}]")
_BY_INITIALS = frozenset("bBwWpPvVdD")


def _credit_text(owner: Any, by_word_chars: int) -> str | None:
    """The text of the element holding a by-word and the name after it: `owner`, or its
    parent when `owner` holds the by-word alone ("<span>By</span><a>Jane Roe</a>")."""
    for element in (owner, owner.getparent()):
        if element is None:
            return None
        whole = shown_words(element)
        if len(whole) > PRINTED_MAX_CHARS:
            return None
        if len(whole) > by_word_chars:
            return whole
    return None


_CREDIT_END = regex.compile(r"\s*[,|•·—–]\s*|\s+-\s+")


def chosen_authors(sources: Iterable[list[str]], book: RuleBook,
                   organisations: frozenset[str] = frozenset()) -> tuple[list[str], list[str]]:
    """The names of the first source that names a writer once its credits are read as names
    (`tidy_author`; the `organisations` a page declares as authors are taken whole), and the
    wire agencies credited up to it ("AFP" credits the copy, not a writer: it is reported
    among the agencies). A source whose credits hold no name ("Username", "Updated March 3")
    or only an agency leaves the choice to the next."""
    agencies: list[str] = []
    for source in sources:
        names = [name for name in (_as_name(part, book, organisations) for credit in source for part in credit.split(";"))
                 if name]
        agencies += [name for name in names if name.casefold() in book.agencies and name not in agencies]
        writers = [name for name in names if name.casefold() not in book.agencies]
        if writers:
            return list(dict.fromkeys(writers)), agencies
    return [], agencies


def _as_name(credit: str, book: RuleBook, organisations: frozenset[str]) -> str | None:
    return credit if credit in organisations else tidy_author(credit, book)
