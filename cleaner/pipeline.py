"""The pipeline: normalize, run the stages in order with every rule pack, name the language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cleaner.config import Config
from cleaner.deadline import Deadline, alarm_at
from cleaner.decode import decode_bytes, looks_binary, looks_like_html
from cleaner.errors import InputTooLarge
from cleaner.labels import Kind
from cleaner.lang import detect_sample, sample_for_language
from cleaner.model import Article, Block, Document
from cleaner.rules import rulebook_for, triggered_sites
from cleaner.stages import Context, Phase, Stage
from cleaner.stages.authors import tidy_authors
from cleaner.stages.bylines import mark_bylines
from cleaner.stages.captions import mark_captions
from cleaner.stages.comments import mark_comments, mark_comments_on_body
from cleaner.stages.dates import date_near_the_head, mark_dates
from cleaner.stages.dom import mark_dom_removals, mark_left_out
from cleaner.stages.duplicates import mark_duplicates
from cleaner.stages.linkruns import mark_link_runs
from cleaner.stages.mainspan import mark_main_span
from cleaner.stages.normalize import normalize_text, split_blocks
from cleaner.stages.rules import apply_rules, apply_scoped_rules
from cleaner.stages.source import resolve_source
from cleaner.stages.teasers import mark_cards, mark_teasers
from cleaner.stages.title import confirm_page_title, mark_browser_title, mark_title
from cleaner.stages.trailing import mark_trailing_headlines
from cleaner.structure import shape_blocks

if TYPE_CHECKING:
    from cleaner.html import Extracted  # imported lazily at run time: text-only users skip trafilatura

#: The stages in the order they run. Structural stages first: they read the roles the
#: rules stage leaves (headers) and the page as it came.
EARLY_STAGES: tuple[Stage, ...] = (
    Stage("dom", mark_dom_removals, Phase.EARLY),  # HTML: what the DOM pass took before extraction
    Stage("extractor", mark_left_out, Phase.EARLY),  # HTML, when explaining: the blocks its choice left out
    Stage("rules", apply_rules, Phase.EARLY),
    # a flattened page's first line, "Headline - Site", before the structural stages take the
    # headline printed below it; and again in the late rounds, on the body left
    Stage("browser-title", mark_browser_title, Phase.EARLY),
    Stage("teasers", mark_teasers, Phase.EARLY),
    Stage("bylines", mark_bylines, Phase.EARLY),  # judges each line alone: once is enough
    # after the bylines: a byline between "name says:" and its timestamp is gone when the
    # output is cleaned again, and the thread must be judged the same both times
    Stage("comments", mark_comments, Phase.EARLY),
)
#: Then the stages that decide by position in the body that is left (the head, the end of
#: the text, the first block). Each removal can move the head or the end, so they repeat
#: until nothing changes: the result is what a second cleaning of the output would see,
#: which keeps `clean` idempotent.
LATE_STAGES: tuple[Stage, ...] = (
    Stage("browser-title", mark_browser_title, Phase.LATE),
    Stage("captions", mark_captions, Phase.LATE),  # twins are neighbours in what is left
    Stage("linkruns", mark_link_runs, Phase.LATE),
    Stage("duplicates", mark_duplicates, Phase.LATE, settles=True),  # counts copies among what is left, so it repeats too
    Stage("comments", mark_comments_on_body, Phase.LATE),  # threads the late removals bring together
    Stage("dates", mark_dates, Phase.LATE),
    Stage("cards", mark_cards, Phase.LATE, guess=True),
    Stage("scoped-rules", apply_scoped_rules, Phase.LATE),
    Stage("trailing", mark_trailing_headlines, Phase.LATE, guess=True),
    Stage("mainspan", mark_main_span, Phase.LATE, settles=True, guess=True),  # the article as the heaviest run of prose on a whole page
    # on the body the others left in this round: once the rounds settle, the title of what a
    # second cleaning would see
    Stage("title", mark_title, Phase.LATE),
)
FINAL_STAGES: tuple[Stage, ...] = (
    Stage("page-title", confirm_page_title, Phase.FINAL),  # metadata only: the browser title confirms or replaces
    Stage("head-date", date_near_the_head, Phase.FINAL),  # metadata only: a date the head's rounds did not take
    Stage("authors", tidy_authors, Phase.FINAL),
    Stage("source", resolve_source, Phase.FINAL),
)
#: A guard, not a budget: every round but the last removes blocks, so rounds end by
#: themselves; the cap only bounds a pathological page.
LATE_ROUNDS_MAX = 32
#: What `favor="recall"` runs late: no stage that removes by shape or position alone.
_SURE_LATE_STAGES = tuple(stage for stage in LATE_STAGES if not stage.guess)
#: HTML with more tags than this is refused (`InputTooLarge`): news pages have a few thousand.
MAX_HTML_TAGS = 300_000
#: Every stage; `Stage.name` is what explanations print for the blocks it removes.
STAGES = EARLY_STAGES + LATE_STAGES + FINAL_STAGES


class Cleaner:
    """A reusable, picklable cleaner. Holds only its config; compiled rules are cached per process."""

    def __init__(self, config: Config | None = None, **options: Any) -> None:
        self.config = Config.from_options(config, **options) if options else (config or Config())

    def __getstate__(self) -> dict[str, Any]:
        return {"config": self.config}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.config = state["config"]

    def __repr__(self) -> str:
        return f"Cleaner({self.config!r})"

    def clean(self, data: str | bytes, *, url: str | None = None) -> Article:
        """Clean one page (HTML or text, str or bytes, maybe gzipped) into an `Article`.

        Raises `DocumentTimeout` past `Config.timeout`, `InputTooLarge` past the size limit.
        """
        return Article.from_document(self.label(data, url=url))

    def clean_text(self, text: str, *, url: str | None = None) -> Article:
        """Clean text a scraper already flattened (one paragraph or line per line)."""
        deadline = Deadline(self.config.timeout)
        with alarm_at(deadline):
            return Article.from_document(self._label_text(text, url, deadline))

    def label(self, data: str | bytes, *, url: str | None = None) -> Document:
        """The labelled document behind `clean`: every block, kept or removed, with its reason."""
        deadline = Deadline(self.config.timeout)
        with alarm_at(deadline):
            return self._label(data, url, deadline)

    def _label(self, data: str | bytes, url: str | None, deadline: Deadline) -> Document:
        limit = self.config.max_input_bytes
        if data is None:
            return _empty(url, "empty input")
        if isinstance(data, (bytes, bytearray, memoryview)):
            data = bytes(data)
            if len(data) > limit:
                raise InputTooLarge(f"input is {len(data)} bytes; the limit is {limit}")
            text = decode_bytes(data, limit)
            # replacement marks beyond those spelled out in the bytes came from decoding
            decoded = text.count("\ufffd") > data.count(b"\xef\xbf\xbd")
        elif isinstance(data, str):
            text, decoded = data, False
        else:
            raise TypeError(f"clean() takes str or bytes, not {type(data).__name__}")
        if len(text) > limit:
            raise InputTooLarge(f"input is {len(text)} characters; the limit is {limit}")
        if not text.strip():
            return _empty(url, "empty input")
        if looks_binary(text, decoded=decoded):
            return _empty(url, "input is binary, not text or HTML")
        if looks_like_html(text):
            tags = text.count("<")
            if tags > MAX_HTML_TAGS:
                # parsing and extraction grow faster than the page: a million-row table would
                # take minutes and gigabytes; no article page comes near this many tags
                raise InputTooLarge(f"HTML has about {tags} tags; the limit is {MAX_HTML_TAGS}")
            return self._label_html(text, url, deadline)
        return self._label_text(text, url, deadline)

    def _label_text(self, text: str, url: str | None, deadline: Deadline) -> Document:
        lines = normalize_text(text)
        deadline.check()
        return self._run(Document(split_blocks(lines)), url, deadline)

    def _label_html(self, html: str, url: str | None, deadline: Deadline) -> Document:
        from cleaner.html import extract_html  # imported lazily: text-only users skip trafilatura

        extracted = extract_html(html, url, deadline, favor=self.config.favor, left_out=self.config.explain)
        deadline.check()
        lines = split_blocks(normalize_text(extracted.text))
        if extracted.body is not None:
            shape_blocks(lines, extracted.body)
        elif len(extracted.quoted) == len(lines):  # the page's own blocks, one line each
            for block, quoted in zip(lines, extracted.quoted):
                if quoted:
                    block.kind = Kind.QUOTE
        blocks = _dom_blocks(extracted) + lines
        for index, block in enumerate(blocks):
            block.index = index
        doc = Document(blocks, extracted=True, walked=extracted.fallback, discussion=extracted.discussion,
                       organisations=extracted.organisations)
        meta = doc.meta
        meta.title, meta.date, meta.site = extracted.title, extracted.date, extracted.site
        meta.description = extracted.description
        meta.add_unique("authors", extracted.authors)
        meta.add_unique("agencies", extracted.agencies)
        meta.add_unique("tags", extracted.tags)
        meta.add_unique("captions", extracted.captions)
        if extracted.fallback:
            doc.notes.append("paragraphs taken from the page: trafilatura's choice was empty or held far less of its prose")
        if not doc.blocks:
            doc.notes.append("no main content found in the HTML")
        return self._run(doc, extracted.url or url, deadline, declared_language=extracted.language)

    def _run(self, doc: Document, url: str | None, deadline: Deadline, declared_language: str | None = None) -> Document:
        """Run the stages once, then name the language of the body that is left.

        The rules do not depend on the language (every pack applies), so one run is enough;
        the language is read off what is left, which is what a second cleaning sees.
        """
        self._stages(doc, url, deadline)
        if self.config.language:
            doc.meta.language = self.config.language
        else:
            sample = sample_for_language([b.text for b in doc.blocks if b.is_body])
            doc.meta.language = detect_sample(sample, declared_language)
        return doc

    def _stages(self, doc: Document, url: str | None, deadline: Deadline) -> None:
        doc.meta.url = url
        sites = triggered_sites((b.key for b in doc.blocks if b.key), url)
        ctx = Context(self.config, rulebook_for(sites, self.config.rules), deadline)
        for stage in EARLY_STAGES:
            stage.run(doc, ctx)
            deadline.check()
        _late_rounds(doc, ctx, LATE_STAGES if self.config.favor != "recall" else _SURE_LATE_STAGES)
        for stage in FINAL_STAGES:
            stage.run(doc, ctx)


def _dom_blocks(extracted: Extracted) -> list[Block]:
    """What the DOM pass removed before extraction (one block per subtree, carrying the rule
    that took it) and the page's blocks the extractor left out, as blocks ahead of the page's
    text, for the `dom` and `extractor` stages to label: explanations then list every removal
    on HTML too. Once labelled they print nowhere and fence nothing."""
    blocks = []
    for removal in extracted.dom_removed:
        block = Block(0, removal.text)
        block.dom_rule = (removal.rule.id, removal.rule.reason)
        blocks.append(block)
    for text in extracted.left_out:
        block = Block(0, text)
        block.left_out = True
        blocks.append(block)
    return blocks


def _late_rounds(doc: Document, ctx: Context, stages: tuple[Stage, ...]) -> None:
    """Run the late stages until a round removes nothing: the fixed point, which is the body a
    second cleaning of the output would see. Removals only ever take blocks out of the body,
    so the number of body blocks names the body: a stage that last ran on a body of this size
    and removed nothing is skipped (it would decide the same), and so is a `settles` stage on
    the body its own last run left."""
    blocks = doc.blocks
    last_quiet: dict[str, int] = {}  # stage -> the body size it needs no new run on
    size = _body_size(blocks)
    for _round in range(LATE_ROUNDS_MAX):
        removed = False
        for stage in stages:
            if last_quiet.get(stage.name) == size:
                continue
            stage.run(doc, ctx)
            ctx.deadline.check()
            after = _body_size(blocks)
            if after == size or stage.settles:
                last_quiet[stage.name] = after
            if after != size:
                removed, size = True, after
        if not removed:
            return


def _body_size(blocks: list[Block]) -> int:
    # (a list of the body's blocks, counted: faster than summing `is_body` over them)
    return len([block for block in blocks if block.is_body])


def _empty(url: str | None, note: str) -> Document:
    doc = Document([])
    doc.meta.url = url
    doc.notes.append(note)
    return doc


def clean(data: str | bytes, *, url: str | None = None, **options: Any) -> Article:
    """Clean one page. Options are `Config` fields, e.g. `keep_near_duplicates=True` or
    `timeout=5` (seconds; past it `DocumentTimeout` is raised, from any thread)."""
    return Cleaner(Config.from_options(**options)).clean(data, url=url)
