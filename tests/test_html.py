"""HTML pages of our own: expected snippets in and out, metadata, and the difference with trafilatura."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys

import pytest
import trafilatura
from conftest import needs_shared
from expectations import FIXTURES, SHARED, norm

from cleaner import clean
from cleaner.dom import chrome_rule, parse, strip_chrome
from cleaner.html import (
    _a_fragment,
    _grid_tiles,
    _keeps_and_adds,
    _page_chars,
    _rescue_holds_the_article,
    paragraph_walk,
    prose_chars,
)
from cleaner.model import Kind

PAGES = sorted((FIXTURES / "html").glob("*.html"))


def expectation(page):
    return json.loads(page.with_suffix(".expect.json").read_text("utf-8"))


def test_enough_html_fixtures():
    assert len(PAGES) >= 15


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_html_fixture(page):
    spec = expectation(page)
    article = clean(page.read_bytes())
    body = norm(article.text)
    for snippet in spec.get("must_contain", []):
        assert norm(snippet) in body, snippet
    for snippet in spec.get("must_not_contain", []):
        assert norm(snippet) not in body, snippet
    if "exact_paragraphs" in spec:
        assert [line for line in article.text.splitlines() if line] == spec["exact_paragraphs"]
    for name in ("title", "authors", "language", "captions"):
        if name in spec:
            assert getattr(article, name) == spec[name], name
    if "date_prefix" in spec:
        assert (article.date or "").startswith(spec["date_prefix"])
    markdown = article.to_markdown()
    for snippet in spec.get("markdown_contains", []):
        assert snippet in markdown, snippet


@pytest.mark.parametrize("page", [p for p in PAGES if "trafilatura_keeps" in expectation(p)], ids=lambda p: p.stem)
def test_chrome_that_trafilatura_alone_keeps_is_gone(page):
    spec = expectation(page)
    alone = trafilatura.extract(page.read_text("utf-8", errors="replace")) or ""
    ours = clean(page.read_bytes()).text
    for snippet in spec["trafilatura_keeps"]:
        assert snippet in alone and snippet not in ours


def test_gzipped_html_and_str_agree():
    page = FIXTURES / "html" / "aggregator_widgets.html"
    assert clean(gzip.compress(page.read_bytes())).text == clean(page.read_text("utf-8")).text


def test_fallback_paragraph_walk_keeps_article_paragraphs():
    html = (FIXTURES / "html" / "no_article_element.html").read_text("utf-8").replace("div class=\"text\"", "p")
    walked = paragraph_walk(html)
    assert "The main university library will stay open" in walked
    assert "Campus parking fees" not in walked


_PROSE = ("Walkers should carry water and a map, since the signs on the upper path were taken down for repairs "
          "in spring and will not be back before the autumn. ")


def test_the_walk_leaves_out_the_sites_footer_but_not_a_header_that_holds_the_page():
    """A `<footer>` outside the article is the site's (disclaimers, addresses); a `<header>`
    holding an article's worth of prose is markup left unclosed around the page."""
    footer = f"<html><body><div><p>{_PROSE}</p></div><footer><p>Legal notice. {_PROSE * 6}</p></footer></body></html>"
    assert "Legal notice." not in paragraph_walk(footer)
    assert _PROSE.strip() in paragraph_walk(footer)
    unclosed = f"<html><body><header><nav><a href='/'>Home</a><div><p>{_PROSE * 3}</p><p>{_PROSE * 3}</p></div></body></html>"
    assert _PROSE.strip() in paragraph_walk(unclosed)


def test_the_walk_keeps_lines_broken_by_br_apart():
    """A catalogue's sections print one entry a line with `<br>`: the words either side of a
    break are two words ("Click Here" then "Pages 1-76"), not "HerePages"."""
    html = ("<html><body><p>Section 2 - <a href='/s2'><strong>Click Here</strong></a><br>Pages 1-76 - Hinges"
            "<br>Pages 77-174 - Handles and latches for trucks</p></body></html>")
    walked = paragraph_walk(html)
    assert "Click Here Pages 1-76 - Hinges Pages 77-174" in walked


@pytest.mark.parametrize("html", ["<html></html>", "<html><body><p>Hi</p></body></html>", "<<<>>>" * 50, "<html><body>" + "<div>" * 5000])
def test_broken_or_empty_html_gives_a_result(html):
    article = clean(html)
    assert isinstance(article.text, str)


@needs_shared
def test_devset_quality_floor():
    """A pinned floor on the 181 dev pages (the benchmark prints the full comparison)."""
    import sys

    sys.path.insert(0, str(SHARED / "tools"))
    import score

    truth = json.loads((SHARED / "devset" / "scrapinghub" / "ground-truth.json").read_text("utf-8"))
    rows = []
    for path in sorted((SHARED / "devset" / "scrapinghub" / "html").glob("*.html.gz"))[::3]:
        key = score.key_of(path.name)
        rows.append(score.tp_fp_fn(truth[key]["articleBody"], clean(path.read_bytes()).text))
    precision, recall, f1 = score.prf(rows)
    assert f1 >= 0.95, (precision, recall, f1)


def test_explain_lists_what_the_dom_pass_removed_with_its_rule():
    paragraphs = "".join(
        f"<p>The harbour authority said on Tuesday that the new quay, number {n}, will open in spring after two years "
        "of work on its foundations, which had to be rebuilt when the old timber piles were found to be rotten.</p>"
        for n in range(4)
    )
    page = (
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>New quay opens in spring</h1>{paragraphs}</article>"
        "<section class='comments-area'><h3>3 comments</h3><div class='comment'>First! Great news for the town.</div></section>"
        "<footer class='site-footer'>© Harbour Gazette · Privacy · Terms</footer></body></html>"
    )
    article = clean(page)
    dom = {(r.rule, r.text.split()[0]) for r in article.removed if r.stage == "dom"}
    assert ("dom.role", "Home") in dom or ("dom.element", "Home") in dom or ("dom.navigation", "Home") in dom
    assert any(rule == "dom.comments" for rule, _ in dom)
    assert any(first == "©" for _, first in dom)
    assert all(r.reason for r in article.removed if r.stage == "dom")
    assert "quay, number 0" in article.text and "First!" not in article.text and "Privacy" not in article.text


def test_explain_lists_what_the_extractor_left_out():
    """Asked for an explanation, the page's own blocks that trafilatura's choice does not hold
    (here a thread of comments under the article, in containers no class names) come out as
    the `extractor` stage's removals; the body and the metadata are the same either way."""
    page = (FIXTURES / "html" / "short_article_related_grid.html").read_bytes()
    plain, explained = clean(page), clean(page, explain=True)
    left = [r for r in explained.removed if r.stage == "extractor"]
    assert left and all(r.label == "chrome" and r.reason == "not in the main content the extractor chose" for r in left)
    assert any(r.text.startswith("Commenter 1 says:") for r in left)
    assert not any(r.text in explained.text for r in left)
    assert not [r for r in plain.removed if r.stage == "extractor"]
    assert plain.to_dict(explain=False) == explained.to_dict(explain=False)


def test_markdown_keeps_the_shape_of_each_kind_of_block():
    """Headings by level, nested lists, a table with its header rule, fenced code with its
    indentation; paragraphs apart, rows of one list or table together."""
    article = clean((FIXTURES / "html" / "structured_guide.html").read_bytes())
    kinds = {block.kind for block in article.blocks}
    assert {Kind.HEADING, Kind.LIST_ITEM, Kind.ORDERED_ITEM, Kind.TABLE_HEADER, Kind.TABLE_ROW, Kind.CODE} <= kinds
    markdown = article.to_markdown()
    assert markdown.startswith("# Setting up a rain barrel\n\n")
    assert "\n\n## What you need\n\n- A food-grade barrel with a lid\n- A diverter kit\n  - the diverter itself\n" in markdown
    assert "readings:\n\n```\ndef litres" in markdown
    # the plain text keeps one line per block, as before: the stages see the same lines
    assert "- the diverter itself" in article.text.splitlines()
    assert "Barrel Litres Fills after" in article.text.splitlines()


def test_markdown_of_flattened_text_separates_paragraphs():
    article = clean("First paragraph of a flattened page, long enough to read as article prose here.\n"
                    "# not a heading, a line that starts with a hash\n- an item\n- another item\n")
    markdown = article.to_markdown()
    assert "prose here.\n\n\\# not a heading" in markdown
    assert "hash\n\n- an item\n- another item" in markdown


PROMO_ROW = """<html><body><main><h1>Get started with Widgetry</h1>
<p>Pick a tutorial to learn the basics, or go straight to the guides when you know what you want to build.</p>
<section class="landing-row widgetry-promo">
<div><h3>Your first widget</h3><p>Follow this short tutorial to install the toolkit, render a widget on a page and change its colours with one line of configuration.</p></div>
<div><h3>Widgets that scale</h3><p>Build a dashboard of a hundred widgets that stays fast, and learn how the toolkit batches their updates so the page never stalls.</p></div>
</section>
<div class="ad-slot"><span>Advertisement</span> <a href="https://ads.example/click">Cheap hosting, 50% off today</a></div>
<h2>Samples</h2>
<p>The sample repository holds a small project for every guide. Each one builds on its own and shows one feature at a
time, so you can copy the part you need into your own code without taking the rest.</p>
<p>Every sample is tested against the current release and the one before it, and each states the versions it needs
at the top of its read-me, next to the command that runs it.</p>
</main></body></html>"""


def test_a_promo_row_of_sentences_is_no_advertisement():
    """The DOM pass takes an ad slot, not a landing page's row of cards named "promo" whose
    text is sentences (trafilatura's own class filter decides about it after that)."""
    tree = parse(PROMO_ROW)
    removed = strip_chrome(tree)
    assert [(r.rule.id, r.text) for r in removed] == [("dom.ads", "Advertisement Cheap hosting, 50% off today")]
    assert "Follow this short tutorial" in tree.text_content()


@pytest.mark.parametrize(("value", "group"), [
    ("w-full sticky top-[var(--nav-height)] h-[var(--content-height)]", None),  # a style's value
    ("card-wrapper product-card-wrapper subscription-eligible", None),  # what a product card offers
    ("course-testimonials-comments", None),  # a course's testimonials are its own content
    ("testimonial-slider-nav", None),
    ("comments-list", "dom.comments"),
    ("site-nav", "dom.navigation"),
    ("newsletter-signup", "dom.newsletter"),
])
def test_class_words_name_furniture_only_as_names(value, group):
    rule = chrome_rule(value)
    assert (rule.id if rule else None) == group


def _tiles(markup: str) -> list[str]:
    tree = parse(f"<html><body>{markup}</body></html>")
    return _grid_tiles(tree, discussion=False)


def test_a_grid_is_tiles_that_link_to_their_items_outside_the_furniture():
    """A listing's or a shop's tiles each lead to a page of their own; a page's fine print
    does not, and a grid in the footer or a related-posts strip is furniture."""
    linked = "".join(f'<div class="tile"><a href="/p/{n}">Walnut side table number {n}</a> <span>${n}9.00</span></div>'
                     for n in range(8))
    unlinked = "".join(f'<div class="note">Prices include delivery to the mainland, note {n}.</div>' for n in range(8))
    assert len(_tiles(f'<main><div class="grid">{linked}</div></main>')) == 8
    assert _tiles(f'<main><div class="notes">{unlinked}</div></main>') == []
    assert _tiles(f'<footer><div class="grid">{linked}</div></footer>') == []
    assert _tiles(f'<main><div class="related-posts">{linked}</div></main>') == []
    assert _tiles(f'<main><div id="comments"><div class="list">{linked}</div></div></main>') == []


@needs_shared
def test_a_second_opinion_when_the_page_holds_far_more_prose():
    """A WCXB guide whose fast-pass extraction stops before its list of products: the page's
    own blocks hold twice that prose, so trafilatura's full cascade is asked, and its fuller
    text (the list included) is taken."""
    page = SHARED / "devset" / "wcxb" / "html" / "4252.html.gz"
    text = clean(gzip.decompress(page.read_bytes())).text
    assert "Invoicing Customization: Create bespoke invoices" in text
    assert "Receipt Scanning: Lost amidst a sea of crumpled receipts?" in text


def test_the_cascade_rescues_a_fragment_when_it_holds_half_the_blocks_prose():
    """The fast pass's fragment gives way to the full cascade's answer when that holds at
    least half the prose of the page's own blocks: those carry no shape, and what they hold
    beyond an article is the page's buttons, notices and cards."""
    sentence = "The harbour office opens at nine and closes at five on weekdays, except in August. "
    article = (sentence * 4 + "\n") * 5
    chrome = "Copy a direct link to this comment to your clipboard, or report it to the admins.\n" * 15
    assert prose_chars(article) < prose_chars(article + chrome) <= 2 * prose_chars(article)
    assert _rescue_holds_the_article(article, "Menu", article + chrome)
    assert not _rescue_holds_the_article(article, "Menu", article + chrome * 3)  # a fragment of the page too
    assert not _rescue_holds_the_article("Menu Home", "Menu Home News", article)


@needs_shared
def test_a_rescued_article_leaves_the_comment_buttons_out():
    """A WCXB list of alternatives whose fast-pass text is its first line: the full cascade
    finds the list, and the page's own blocks would add every comment's buttons."""
    page = SHARED / "devset" / "wcxb" / "html" / "2976.html.gz"
    text = clean(gzip.decompress(page.read_bytes())).text
    assert "The best Notion alternative is Obsidian, which is free." in text
    assert "Copy a direct link to this comment to your clipboard" not in text


def test_a_short_choice_on_a_page_of_short_items_is_a_fragment():
    """A page of short items gives the walk no blocks to weigh, so the fast pass's short
    choice is judged against the page's text: a small part of it is a fragment, and the full
    cascade is asked; a short page's short text is no fragment, nor is an article's worth."""
    tiles = "".join(f"<li><a href='/p/{n}'>Whetstone {n}</a> <span>$2{n}.00</span></li>" for n in range(80))
    tree = parse(f"<html><body><ul>{tiles}</ul><p>Free shipping over $99.</p></body></html>")
    short = _page_chars(parse("<html><body><p>Free shipping over $99.</p></body></html>"))
    assert _a_fragment("Free shipping over $99.", False, _page_chars(tree))
    assert not _a_fragment("Free shipping over $99. " * 25, False, _page_chars(tree))
    assert not _a_fragment("Free shipping over $99.", False, short)
    assert _a_fragment("Free shipping over $99.", True, short)


@needs_shared
def test_a_shop_page_whose_fast_pass_took_a_banner_is_rescued():
    """A WCXB shop page of short tiles: the fast pass takes a shipping banner, the page's own
    blocks hold nothing to weigh, and the full cascade finds the shop's welcome text."""
    page = SHARED / "devset" / "wcxb" / "html" / "4122.html.gz"
    text = clean(gzip.decompress(page.read_bytes())).text
    assert "committed to providing you with quality sharpening stones" in text


@needs_shared
def test_the_second_opinion_is_asked_of_the_page_as_it_came():
    """A WCXB service page of sections, lists and questions: the fast pass keeps its
    paragraphs only; the full cascade asked of the stripped page answers the same, asked of
    the page as it came it keeps the lists and the answers."""
    page = SHARED / "devset" / "wcxb" / "html" / "4911.html.gz"
    text = clean(gzip.decompress(page.read_bytes())).text
    assert "Emergency care" in text.splitlines()
    assert "there are no networks or copays for pet insurance" in text


@needs_shared
def test_a_guide_whose_headings_and_lists_the_fast_pass_left_out():
    """A WCXB plant guide: trafilatura's fast pass keeps its three paragraphs only, while their
    container holds four headings and a list of the plant's features; the full cascade keeps
    them all, and every line the fast pass kept."""
    page = SHARED / "devset" / "wcxb" / "html" / "4042.html.gz"
    lines = clean(gzip.decompress(page.read_bytes())).text.splitlines()
    assert "Identification characteristics" in lines
    assert any(line.startswith("- Flowers:") for line in lines)
    assert any(line.startswith("The origin of coffee") for line in lines)


def test_the_full_cascade_replaces_the_fast_pass_only_when_it_keeps_its_lines():
    kept = "First paragraph of the guide.\nSecond  paragraph of the guide."
    assert _keeps_and_adds("Heading\nFirst paragraph of the guide.\n- an item\nSecond paragraph of the guide.", kept)
    assert not _keeps_and_adds("Heading\nSecond paragraph of the guide.\n- an item\n- another item here", kept)
    assert not _keeps_and_adds(kept, kept)  # adds nothing


def test_a_list_of_links_in_the_running_text_stays_for_the_extractor():
    """The DOM pass takes lists of short links (menus), but not one that the article's own
    paragraph introduces (a wiki's list of further reading): the extractor judges that one."""
    items = "".join(f"<li><a href='/w/{n}'>Reading query plans, part {n}, by Ana Ruiz</a></li>" for n in range(6))
    menu = "".join(f"<li><a href='/m/{n}'>Section {n}</a></li>" for n in range(6))
    tree = parse(f"""<html><body><div class="top"><a href="/">Ops Wiki</a><ul>{menu}</ul></div>
    <div id="content"><h1>Tuning a database for reports</h1>
    <p>Reports read many rows at once, so the settings that help short queries can slow them down; measure first.</p>
    <p>The articles below explain the tools for that measurement, and each can be read on its own in minutes:</p>
    <ul>{items}</ul></div></body></html>""")
    removed = strip_chrome(tree)
    assert [r.rule.id for r in removed] == ["dom.link-list"]
    assert "Section 0" in removed[0].text


def test_a_list_a_generator_wraps_and_a_sentence_introduces_stays_for_the_extractor():
    """Documentation generators wrap each block in a `<div>` of its own; a list of linked
    changes under a sentence that ends in a colon is the article's, even in its wrapper. A
    menu under a two-word label ("Follow us:") is still a link farm."""
    changes = "".join(f"<li><p><a href='/pull/{n}'>Fix the parser on input {n}</a></p></li>" for n in range(6))
    social = "".join(f"<li><a href='/s/{n}'>Network {n}</a></li>" for n in range(5))
    prose = "<p>The compiler now builds most crates of the ecosystem, and the tests that still fail are listed with a reason.</p>"
    tree = parse(f"""<html><body><div id="content"><h1>Progress report</h1>{prose * 4}
    <div class="paragraph"><p>Here is what has been done during the past months:</p></div>
    <div class="ulist"><ul>{changes}</ul></div>
    <p>Follow us:</p><ul>{social}</ul></div></body></html>""")
    removed = strip_chrome(tree)
    assert [r.rule.id for r in removed] == ["dom.link-list"]
    assert "Network 0" in removed[0].text


def test_list_items_holding_paragraphs_are_list_items():
    """trafilatura writes `<li><p>Name</p></li>` as an item holding a paragraph: one list item
    a line, and a long list of short names the article thanks is no menu."""
    names = "".join(f"<li>\n<p>sponsor{n}</p>\n</li>" for n in "abcdefghijkl")
    page = f"""<html><head><title>Release notes for the spring</title></head><body><article>
    <h1>Release notes for the spring</h1>
    <p>This release makes the compiler twice as fast on large projects and fixes most of the crashes reported since the winter.</p>
    <p>The new cache keeps the results of earlier builds, so a change to one file rebuilds only what depends on it.</p>
    <p>I want to thank all the people who sponsor this project, whose support made the work possible:</p>
    <ul>{names}</ul>
    <p>The next release is planned for the autumn, with better error messages as its main goal.</p>
    </article></body></html>"""
    article = clean(page)
    items = [b for b in article.blocks if b.text.startswith("- sponsor")]
    assert len(items) == 12 and all(b.kind is Kind.LIST_ITEM for b in items)
    assert "- sponsora\n- sponsorb" in article.to_markdown()


def test_each_plan_s_list_keeps_the_features_another_plan_shares():
    """Pricing plans list the same feature in each plan: every copy is the page's content. A
    paragraph printed twice is still a duplicate."""
    features = ("<li>Unlimited projects and storage for the whole team, with no cap</li>"
                "<li>Email support from our help desk on working days</li>")
    intro = ("Every plan includes the editor, the mobile apps and a month to try it for free, "
             "and you can change plans whenever your team grows or shrinks.")
    page = f"""<html><head><title>Plans and pricing</title></head><body><main><h1>Plans and pricing</h1>
    <p>{intro}</p>
    <h2>Starter</h2><p>For small teams that are just getting going with shared projects.</p><ul>{features}</ul>
    <h2>Business</h2><p>For companies that need single sign-on and an audit log of changes.</p>
    <ul>{features}<li>Single sign-on with your identity provider and an audit log</li></ul>
    <p>{intro}</p></main></body></html>"""
    article = clean(page)
    lines = article.text.splitlines()
    assert lines.count("- Unlimited projects and storage for the whole team, with no cap") == 2
    assert lines.count(intro) == 1


def test_short_lists_under_their_labels_in_an_extracted_article_stay():
    """A guide names each brand on a line of its own over a short list of its materials: a
    long run of one-to-three-word lines, which on flattened text reads as a menu, but on HTML
    the extractor kept them as lists, each under its label."""
    para = ("We looked at how each of these clothing brands sources its fabrics, and what each "
            "one publishes about the factories that sew its clothes, before adding it here.")
    brands = "".join(f"<p>{name}</p><ul><li>organic cotton</li><li>hemp</li><li>recycled wool</li></ul>"
                     for name in ("Aventura", "Benetton", "Carve Designs", "Eileen Fisher"))
    page = f"""<html><head><title>Sustainable clothing brands</title></head><body><article>
    <h1>Sustainable clothing brands</h1><p>{para}</p>{brands}<p>{para.replace("We looked", "We also looked")}</p>
    </article></body></html>"""
    article = clean(page)
    assert article.text.count("- organic cotton") == 4 and "Carve Designs" in article.text
    assert not [r for r in article.removed if r.stage == "linkruns"]


def test_hidden_copies_of_the_article_are_not_a_second_article():
    """A CMS prints the article's text again in hidden schema.org markup (`display:none`,
    once per type it declares): a reader never sees it, and it must not make the page's own
    blocks outweigh the article the extractor found (they would bring the copy along, as one
    line of the whole text)."""
    paragraphs = [
        "The council approved the new cycle lanes on the harbour road after a year of consultation with residents.",
        "Work starts in March and will close one lane at a time, so buses keep running on the usual timetable.",
        "Shop owners had asked for the loading bays to stay, and the final plan keeps four of the six existing bays.",
        "The lanes will be separated from traffic by a low kerb rather than by posts, which the fire service preferred.",
        "A second phase, linking the harbour to the station, is planned for next year if the first one stays on budget.",
    ]
    shown = "".join(f"<p>{p}</p>" for p in paragraphs)
    copy = " ".join(paragraphs)
    hidden = "".join(f'<div style="display: none" itemscope itemtype="http://schema.org/{kind}">'
                     f'<div itemprop="articleBody">{copy}</div></div>' for kind in ("NewsArticle", "Article", "Report"))
    page = (f"<html><head><title>Cycle lanes approved</title></head><body><article><h1>Cycle lanes approved</h1>"
            f"{shown}</article>{hidden}</body></html>")
    article = clean(page)
    assert article.text.count(paragraphs[2]) == 1
    assert all(len(line) < len(copy) for line in article.text.splitlines())


def test_the_walk_keeps_a_hidden_panel_of_its_own_text_and_leaves_out_a_hidden_copy():
    """A tab panel a script opens is hidden and holds text of its own: it stays a candidate;
    a hidden element that repeats the shown text does not."""
    shown = "Install the library with pip, then create a client with the key from your account page."
    panel = "With npm, add the package to your project and require it before you create the client object."
    page = (f"<html><body><div class='tabs'><div class='tab'><p>{shown}</p></div>"
            f"<div class='tab' style='display:none'><p>{panel}</p></div>"
            f"<div hidden><p>{shown}</p></div></div></body></html>")
    walked = paragraph_walk(page).splitlines()
    assert walked == [shown, panel]


def test_the_walk_marks_what_a_post_quotes():
    """On a thread read from the page's own blocks, a post quoting an earlier one prints it in
    a `<blockquote>`: that line is a quote (Markdown prints it so)."""
    from cleaner.html import _walk_blocks

    post = "The new timetable adds a late train on Fridays, leaving the city at half past eleven for the coast."
    quote = "Season tickets bought before March keep their old price for the whole year, the operator said."
    reply = "Passengers with bicycles must book a space on the late train, since it runs with two carriages."
    html = (f"<html><body><div class='post'><div>{post}</div><div>{quote}</div></div>"
            f"<div class='post'><div><blockquote><div>{quote}</div></blockquote>{reply}</div></div></body></html>")
    walked = _walk_blocks(parse(html))
    assert sorted((line.text, line.quoted) for line in walked) == sorted(
        [(post, False), (quote, False), (quote, True), (reply, False)])


@needs_shared
def test_a_threads_quoted_posts_are_quotes_and_leave_as_repeats():
    """A real forum thread read from its own blocks (its posts quote earlier posts): quoted
    lines are quote blocks, and a quote of a text printed above leaves as its repeat."""
    from collections import Counter

    from cleaner import Cleaner

    html = gzip.decompress((SHARED / "devset" / "wcxb" / "html" / "0513.html.gz").read_bytes())
    doc = Cleaner().label(html)
    page = [b for b in doc.blocks if not b.off_the_page]
    printed = Counter(b.text for b in page)
    first = {}
    for block in page:
        first.setdefault(block.text, block)
    quoting = [b for b in page if b.kind is Kind.QUOTE and printed[b.text] == 2 and first[b.text] is not b]
    assert doc.walked and len(quoting) >= 5
    assert all(b.stage == "duplicates" for b in quoting)


def test_a_keywords_field_gives_its_tags_one_by_one():
    """A CMS's comma-joined keywords are several tags; an id, a placeholder and a field that
    holds the page's own sentences are none."""
    text = "Caterers are moving to smaller plates and local produce this year, and many offer plant-based menus. " * 5
    page = ("<html><head><title>Catering trends for 2025</title>"
            '<meta name="keywords" content="catering trends, food trends, 12345, Not Set">'
            f"</head><body><article><h1>Catering trends for 2025</h1><p>{text}</p></article></body></html>")
    assert clean(page).tags == ["catering trends", "food trends"]
    described = page.replace("catering trends, food trends, 12345, Not Set", text.strip())
    assert clean(described).tags == []


def test_a_web_address_in_a_credit_names_nobody():
    """trafilatura reads "Jane Roe (http://ebb.example.org/jroe/)" as three names; the
    address's parts ("Jroe") are printed nowhere but in the address, and leave."""
    text = "The new harbour wall was finished this week after two years of work, and the ferries dock in any weather. " * 5
    page = ("<html><head><title>Harbour wall finished</title>"
            '<meta name="author" content="Jane Roe (http://ebb.example.org/jroe/)">'
            f"</head><body><article><h1>Harbour wall finished</h1><p>{text}</p></article></body></html>")
    assert clean(page).authors == ["Jane Roe"]


FACTS_PAGE = """<html><head><title>Harbour wall finished | Coast Daily</title>
<link rel="canonical" href="https://news.example.org/harbour-wall">
<meta name="description" content="The wall took two years.">
{metas}
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Harbour wall finished",
 "publisher": {{"@type": "Organization", "name": "Coast Daily Group"}}, "articleSection": "Local"}}</script>
</head><body><article><h1>Harbour wall finished</h1><p>{text}</p>
<div class="entry-tags"><a href="/tag/ferries">Ferries</a> <a href="/tag/weather">Weather</a></div>
<nav><a href="/category/sport">Sport</a></nav></article></body></html>"""


def test_the_page_names_its_site_address_description_and_tags():
    """Read from the markup, without trafilatura's metadata pass: the site's declared name
    (else its JSON-LD publisher, else the host), the canonical address, the description, and
    the tags it declares (else its tag links, never a menu's category links), then its section."""
    text = "The new harbour wall was finished this week after two years of work, and the ferries dock in any weather. " * 5
    declared = clean(FACTS_PAGE.format(metas='<meta property="og:site_name" content="Coast Daily">'
                                             '<meta property="article:tag" content="harbours"><meta property="article:tag" content="ports">',
                                       text=text))
    assert (declared.site, declared.url, declared.description) == (
        "Coast Daily", "https://news.example.org/harbour-wall", "The wall took two years.")
    assert declared.tags == ["harbours", "ports", "Local"]
    linked = clean(FACTS_PAGE.format(metas="", text=text))
    assert linked.site == "Coast Daily Group"
    assert linked.tags == ["Ferries", "Weather", "Local"]
    hosted = clean(FACTS_PAGE.format(metas="", text=text).replace('"publisher"', '"owner"'), url="https://www.example.com/a")
    assert hosted.site == "news.example.org"  # the canonical address's host, not where it was fetched


ARTICLE_TEXT = "The new harbour wall was finished this week after two years of work, and the ferries dock in any weather. " * 5


def test_a_json_ld_author_given_by_reference_is_the_person_it_names():
    """SEO plugins build a graph: the article's author is {"@id": …}, the person a separate
    node of the graph with that id."""
    graph = ('{"@context": "https://schema.org", "@graph": ['
             '{"@type": "Article", "@id": "https://ex.org/a#article", "author": {"@id": "https://ex.org/#/person/1"},'
             ' "headline": "Harbour wall finished"},'
             '{"@type": "Person", "@id": "https://ex.org/#/person/1", "name": "Shiv Kumar"}]}')
    page = (f'<html><head><title>Harbour wall finished</title><script type="application/ld+json">{graph}</script>'
            f"</head><body><article><h1>Harbour wall finished</h1><p>{ARTICLE_TEXT}</p></article></body></html>")
    assert clean(page).authors == ["Shiv Kumar"]


@pytest.mark.parametrize(("metas", "authors"), [
    ('<meta name="author" content="Ada Lee, Tom Baker; Rui Costa">', ["Ada Lee", "Tom Baker", "Rui Costa"]),
    ('<meta name="citation_author" content="Ada Lee"><meta name="citation_author" content="Tom Baker">', ["Ada Lee", "Tom Baker"]),
])
def test_meta_fields_list_several_authors(metas, authors):
    page = (f"<html><head><title>Harbour wall finished</title>{metas}</head><body><article>"
            f"<h1>Harbour wall finished</h1><p>{ARTICLE_TEXT}</p></article></body></html>")
    assert clean(page).authors == authors


def test_a_printed_byline_in_blocks_of_its_own_is_read_apart():
    """"<div>By</div><div>Jane Roe</div>": a browser shows two lines, not "ByJane Roe"."""
    page = ("<html><head><title>Harbour wall finished</title></head><body><article><h1>Harbour wall finished</h1>"
            '<div class="author-wrap"><div class="eyebrow">By</div><div class="eyebrow">Jane Roe</div></div>'
            f"<p>{ARTICLE_TEXT}</p></article></body></html>")
    assert clean(page).authors == ["Jane Roe"]


def test_a_person_card_gives_its_name_not_its_badges():
    """A Q&A page's asker is a microdata Person whose card prints reputation and badges too;
    the card's `name` is the credit, not a later commenter whose card is shorter."""
    card = ('<div class="user-details" itemprop="author" itemscope itemtype="http://schema.org/Person">'
            '<a href="/users/1/vader">Vader</a><meta itemprop="name" content="Vader">'
            '<div class="-flair"><span>15.9k</span> 11 silver badges 66 bronze badges and 12 gold badges</div></div>')
    comment = ('<div itemprop="author" itemscope itemtype="https://schema.org/Person">'
               '<div itemprop="name">pcurry</div><a href="/users/2/pcurry">pcurry</a></div>')
    page = ("<html><head><title>How do I undo a commit?</title></head><body><main><h1>How do I undo a commit?</h1>"
            f"<div class='question'><p>{ARTICLE_TEXT}</p><div class='signature'>{card}</div></div>"
            f"<div class='answers'><div class='answer'><ul class='comments'><li><p>Try reset.</p>{comment}</li></ul></div></div>"
            "</main></body></html>")
    assert clean(page).authors == ["Vader"]


def test_a_meta_tag_declares_every_rdfa_term_of_its_property():
    """`property="dc:creator twitter:site_name"` declares a creator (RDFa allows several terms);
    a page naming its author under several fields names one author, the most specific field's."""
    page = ('<html><head><title>Harbour wall finished</title>'
            '<meta property="dc:creator twitter:site_name" content="Creator Name"><meta name="author" content="Coast Daily">'
            f"</head><body><article><h1>Harbour wall finished</h1><p>{ARTICLE_TEXT}</p></article></body></html>")
    assert clean(page).authors == ["Creator Name"]




def test_a_byline_after_the_article_credits_another_story():
    """The markup names the article's author; "By Other Writer" under a related headline after
    the article leaves the body and names nobody of this article."""
    items = "".join(f"<h3>Storm season ends early on the coast {n}</h3><p>By {name}</p>"
                    for n, name in enumerate(["Rui Costa", "Tom Baker"]))
    page = ('<html><head><title>Harbour wall finished</title><meta name="author" content="Jane Roe"></head>'
            f"<body><article><h1>Harbour wall finished</h1><p>{ARTICLE_TEXT}</p><p>{ARTICLE_TEXT}</p>"
            f"<h2>Also in Coast Daily</h2>{items}</article></body></html>")
    article = clean(page)
    assert article.authors == ["Jane Roe"]
    assert "Rui Costa" not in article.text


def test_a_group_credit_in_the_markup_leaves_the_printed_byline_its_writer():
    """"Team Harbour Data" in the markup is a group: the writer printed under the article is
    still its author."""
    page = ('<html><head><title>Harbour wall finished</title><meta name="author" content="Team Harbour Data"></head>'
            f"<body><article><h1>Harbour wall finished</h1><p>{ARTICLE_TEXT}</p><p>{ARTICLE_TEXT}</p>"
            "<p>Written by Rui Costa</p></article></body></html>")
    assert clean(page).authors == ["Team Harbour Data", "Rui Costa"]


def test_an_organisation_declared_as_the_author_keeps_its_whole_name():
    """A JSON-LD author typed Organization is not a person's name cut at its first lower-case
    word ("Friends of the Harbour" is not "Friends")."""
    ld = ('{"@type": "Article", "headline": "Harbour wall finished", "author": {"@type": "Organization",'
          ' "name": "Friends of the Harbour"}, "publisher": {"@type": "Organization", "name": "Coast Daily"}}')
    page = (f'<html><head><title>Harbour wall finished</title><script type="application/ld+json">{ld}</script>'
            f"</head><body><article><h1>Harbour wall finished</h1><p>{ARTICLE_TEXT}</p></article></body></html>")
    assert clean(page).authors == ["Friends of the Harbour"]


def test_a_labelled_headline_gives_the_same_title_under_any_hash_seed():
    """"Title:Brand - Headline" ends with two declared parts; which one is the title must not
    hang on the iteration order of a set (a batch must give the same record on every run)."""
    page = ("<html><head><title>[123] Brand - Harbour wall finished for good</title>"
            '<meta property="og:title" content="Brand - Harbour wall finished for good"></head><body><article>'
            f"<h1>Title:Brand - Harbour wall finished for good</h1><p>{ARTICLE_TEXT}</p></article></body></html>")
    code = f"from cleaner import clean; print(clean({page!r}).title)"
    titles = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(6)}
    assert titles == {"Brand - Harbour wall finished for good\n"}


def test_a_table_of_short_rows_in_the_article_is_no_menu():
    """A status table in a devlog: rows of one to three words and no figures ("Load map",
    "Quick bar Twinsen"), as many as a menu has lines. On HTML the markup says they are a
    table's rows, the page's content, as it says a list's items are."""
    rows = ["Load map", "Save map", "Map generator", "Graphics settings", "Control settings", "Sound settings",
            "Interface settings", "Quick bar Twinsen", "Train GUI kovarex", "Shortcut bar Oxyd"]
    table = "".join(f"<tr><td>{row}</td></tr>" for row in rows)
    html = (f"<html><body><article><h1>Friday facts: the new screens</h1><p>{_PROSE}</p>"
            f"<p>Here is where each of the new screens stands this week, with the name of whoever is finishing it.</p>"
            f"<table>{table}</table><p>{_PROSE}</p></article></body></html>")
    text = clean(html).text
    assert all(row in text for row in rows)


def test_a_paragraph_the_article_restates_keeps_both_copies():
    """A long paragraph printed again between paragraphs printed once is the article's own
    (a point restated before its conclusion); a teaser card that repeats a headline and its
    blurb together, and a paragraph rendered twice side by side, still lose their copy."""
    point = ("The council will close the old bridge to cars from March, and buses will take the "
             "ring road while the engineers replace the deck, which has carried traffic since 1932.")
    others = [
        "Residents of the north bank asked for a footpath to stay open during the work, and the council agreed.",
        "Shops near the bridge expect fewer customers in spring, and the council offered them lower rates.",
        "The engineers said the new deck would be lighter and would need less repair in winter.",
        "A public meeting on the timetable of the works is planned for the end of the month.",
    ]
    paragraphs = [others[0], point, others[1], others[2], point, others[3]]
    page = ("<html><head><title>The old bridge closes to cars</title></head><body><article>"
            "<h1>The old bridge closes to cars</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs)
            + "</article></body></html>")
    assert clean(page).text.count(point) == 2
    side_by_side = page.replace(f"<p>{others[1]}</p><p>{others[2]}</p>", "")
    assert clean(side_by_side).text.count(point) == 1
    card = ("<h2>Ferry timetable changes for the summer season</h2>"
            "<p>The ferry to the islands will sail twice a day from June, and its new boat carries more bicycles than the old one.</p>")
    teasers = page.replace("<h1>", card + "<h1>").replace("</article>", card + "</article>")
    assert clean(teasers).text.count("its new boat carries more bicycles") == 1


def test_code_quoted_in_a_write_up_stays_code():
    """A block quote holding a code sample: its paragraphs are quotes, its code lines stay code
    (kept line by line, however short: "list: [" is no menu) and print fenced in Markdown."""
    code = "rekt: {\n    list: [\n        list: [\n        ]\n        list: [\n        ]\n    ]\n    ...\n}"
    words = ("The researcher who found the flaw published a long write-up, and the server's makers "
             "answered that a fix would ship with the next release of the game. ")
    page = ("<html><head><title>A flaw that crashes game servers</title></head><body><article>"
            f"<h1>A flaw that crashes game servers</h1><p>{words * 3}</p><blockquote>"
            "<p>In my case, I chose to create lists within lists, down to five levels, like this.</p>"
            f"<pre><code>{code}</code></pre><p>The root of the object contains 300 lists, each with ten more.</p>"
            f"</blockquote><p>{words * 2}</p></article></body></html>")
    article = clean(page)
    kinds = {block.text: block.kind for block in article.blocks}
    assert kinds["list: ["] is Kind.CODE and kinds["In my case, I chose to create lists within lists, down to five levels, like this."] is Kind.QUOTE
    assert article.text.count("list: [") == 3
    assert "```\nrekt: {\n    list: [" in article.to_markdown()
