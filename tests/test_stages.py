"""Each stage on small real inputs: what it labels, and what it must leave alone."""

from __future__ import annotations

import pytest
from expectations import FIXTURES

import cleaner.lang
from cleaner import Cleaner, Config, clean
from cleaner.model import Document, Label
from cleaner.pipeline import STAGES
from cleaner.readers import parse_date, tidy_author
from cleaner.rules import rulebook_for
from cleaner.rules.prefilter import required_strings
from cleaner.stages import Context
from cleaner.stages.mainspan import mark_main_span
from cleaner.stages.normalize import normalize_text, split_blocks
from cleaner.stages.title import mark_title, title_variants

PARA = (
    "The regional council approved the budget on Tuesday after a long debate about road repairs, "
    "school buildings and the cost of running the two public swimming pools."
)
PARA2 = (
    "Opposition members said the plan relied on optimistic tax forecasts, while the council leader "
    "argued that the spending was needed to keep basic services running next year."
)
PARA3 = "Council staff will present a detailed timetable for the road works at the next meeting in March."


def run(text: str, until: str, language: str = "en", config: Config | None = None) -> Document:
    """Run the pipeline up to and including the named stage."""
    doc = Document(split_blocks(normalize_text(text)))
    doc.meta.language = language
    ctx = Context(config or Config(), rulebook_for((), ()))
    for stage in STAGES:
        stage.run(doc, ctx)
        if stage.name == until:
            break
    return doc


def labels(doc: Document) -> list[str]:
    return [b.label.value for b in doc.blocks]


def rules_take(chrome: list[str], content: list[str]) -> list[str | None]:
    """The rules stage over `chrome` lines, an article paragraph, `content` lines and another
    paragraph: asserts that the chrome lines (and only they) leave the body, and returns the
    rule ids that took them, in order."""
    doc = run("\n".join([*chrome, PARA, *content, PARA2]), "rules")
    assert labels(doc) == ["chrome"] * len(chrome) + ["body"] * (len(content) + 2)
    return [b.rule for b in doc.blocks[: len(chrome)]]


# ---------------------------------------------------------------- normalize
def test_normalize_whitespace_entities_and_unicode():
    raw = "Caf\u0065\u0301\u00a0bar\r\nline&nbsp;two &amp;amp; more\u200b\r\n\r\n\tlast  line "
    assert normalize_text(raw) == "Café bar\nline two & more\n\nlast line"


def test_normalize_is_idempotent_and_keeps_paragraph_gaps():
    text = normalize_text("a\n\n\nb\nc")
    assert normalize_text(text) == text
    assert [(b.text, b.gap) for b in split_blocks(text)] == [("a", 0), ("b", 2), ("c", 0)]


def _misread(text: str, codec: str, times: int = 1) -> str:
    """`text` as a scraper that decoded its UTF-8 bytes with `codec` prints it (the five bytes
    Windows-1252 leaves undefined as their Latin-1 characters, as browsers do)."""
    for _ in range(times):
        text = "".join(bytes([b]).decode(codec, errors="ignore") or chr(b) for b in text.encode("utf-8"))
    return text


def test_normalize_reads_back_utf8_a_scraper_decoded_as_latin1_or_cp1252():
    right = "Le café d’Ève — we’ve paid 5 € for “Größe” 😀"
    for codec in ("latin-1", "cp1252"):
        assert normalize_text(_misread(right, codec)) == right
    assert normalize_text(_misread(right, "cp1252", times=2)) == right
    assert normalize_text(normalize_text(_misread(right, "latin-1"))) == right


def test_normalize_leaves_latin_text_and_a_lone_lookalike_alone():
    for text in ("Château, âge, Ærø, Øre and Ñandú", "A capital and a symbol: Ø² once", "Größe ÄÖÜ äöü ß"):
        assert normalize_text(text) == text


# ---------------------------------------------------------------- rules
def test_rules_label_whole_lines_not_sentences_that_mention_them():
    doc = run(f"{PARA}\nAdvertisement\nShare on Facebook\nComments from the mayor came later in the day, officials said.", "rules")
    assert labels(doc) == ["body", "chrome", "chrome", "body"]


def test_rules_capture_metadata():
    doc = run(f"{PARA}\n{PARA2}\nThis article originally appeared on Grist.", "rules")
    assert doc.meta.source == "Grist"
    assert doc.blocks[2].label is Label.CHROME


def test_every_language_pack_applies_whatever_the_page_language():
    """A German comment box under English text is chrome too; the result never hangs on a guess."""
    doc = run(f"{PARA}\nAnzeige\nLeserkommentare\nNoch keine Kommentare vorhanden\n{PARA2}", "rules")
    assert labels(doc) == ["body", "chrome", "chrome", "chrome", "body"]


def test_a_long_copyright_footer_is_chrome_and_a_sentence_about_copyright_is_not():
    footer = ("Copyright © 1995-2026 Shop Inc. All Rights Reserved. Accessibility, User Agreement, Privacy, "
              "Consumer Health Data, Payments Terms of Use, Cookies, CA Privacy Notice, Your Privacy Choices and AdChoice")
    sentence = ("Copyright law in 1998 changed how long a song stays protected, and the court said all rights "
                "reserved by the label would last another twenty years.")
    assert labels(run(f"{PARA}\n{PARA2}\n{footer}\n{sentence}", "rules")) == ["body", "body", "chrome", "body"]


def test_rules_longer_than_a_paragraph_apply_to_long_lines():
    """A rule's max_length is how long a line it may take: a consent plugin's notice and a
    country picker flattened into one line are longer than most paragraphs."""
    notice = ("This website uses cookies to improve your experience while you navigate through the website. Out of "
              "these, the cookies that are categorized as necessary are stored on your browser as they are essential "
              "for the working of basic functionalities of the website. We also use third-party cookies that help us "
              "analyze and understand how you use this website. These cookies will be stored in your browser only "
              "with your consent.")
    countries = "Select a country* United States Afghanistan Åland Islands Albania Algeria " + " ".join(["Andorra Angola"] * 30)
    assert len(notice) > 300 and len(countries) > 300
    assert labels(run(f"{PARA}\n{notice}\n{countries}\n{PARA2}", "rules")) == ["body", "chrome", "chrome", "body"]


def test_a_consent_panel_printed_whole_is_chrome_and_a_recipe_of_cookies_is_not():
    panel = [
        "Privacy Preference Center",
        "Strictly Necessary Cookies",
        "Always Active",
        "These cookies are needed for the website to work and cannot be switched off in our systems.",
        "Targeting Cookies",
        "These cookies may be set through our site by our advertising partners to build a profile of your interests.",
        "Cookies are small text files that a website stores on your device to remember your choices.",
        "We and our 120 partners store and access personal data, like browsing data, on your device.",
        "Measure advertising performance 92 partners can use this purpose",
    ]
    recipe = [
        "Chocolate Chip Cookies",
        "These cookies are soft in the middle and crisp at the edges, and they keep for a week in a tin.",
        "The cookies are best baked on the middle shelf of the oven for eleven minutes.",
    ]
    assert set(rules_take(panel, recipe)) == {"en.consent-panel", "en.consent-purposes", "en.consent-partners"}


def test_a_consent_plugins_cookie_table_and_choices_are_chrome_and_a_bakerys_years_are_not():
    """A consent plugin prints each kind of cookie by its name and each cookie as a row of a
    table (its name, how long it lives, what it is for), and the banner's choices."""
    plugin = [
        "Analytical cookies are used to understand how visitors interact with the website.",
        "Other uncategorized cookies are those that are being analyzed and have not been classified into a category as yet by the site.",
        "_ga_7KX2 2 years Google Analytics sets this cookie to store and count page views.",
        "VISITOR_PREF 6 months A video player sets this cookie to measure the bandwidth of its users.",
        "cookieyes-consent 1 year This cookie remembers the consent preferences of users.",
        "You can accept all cookies, consent to only necessary cookies, or manage optional cookies.",
        "Allow analytical cookies",
        "This content isn't visible due to your cookie preferences. Allow the embedded content to load it.",
        "By continuing your visit to this site, you accept the use of cookies.",
    ]
    bakery = [
        "Every 2 years the bakery changes its cookie recipe, and regulars notice within a week.",
        "Chocolate cookies are sold out by noon on most days, the owner said, so come early.",
    ]
    rules_take(plugin, bakery)


@pytest.mark.parametrize("line", [
    "https://cdn11.shop.example/images/stencil/1280x1280/products/123/456/mug__12345.1700000000.jpg?c=1",
    "Open media 3 in modal",
    "Load image 2 in gallery view",
])
def test_gallery_residue_is_chrome(line):
    assert labels(run(f"{PARA}\n{line}\n{PARA2}", "rules")) == ["body", "chrome", "body"]


def test_user_rules_file(tmp_path):
    rules = tmp_path / "mine.toml"
    rules.write_text('[pack]\nname = "mine"\n\n[[rules]]\nid = "mine.promo"\nreason = "house promo"\n'
                     'lines = ["Get the Morning Brief"]\n', "utf-8")
    article = clean(f"{PARA}\nGet the Morning Brief\n{PARA2}", rules=str(rules))
    assert "Morning Brief" not in article.text
    assert any(r.reason.startswith("house promo") for r in article.removed)


def test_pattern_ending_in_a_metadata_group_is_found_among_a_subset_of_rules(tmp_path):
    """Lines are matched against only the rules that can start with their first character; a
    rule whose metadata group closes the match must still be told apart (this used to raise)."""
    rules = tmp_path / "mine.toml"
    rules.write_text('[pack]\nname = "mine"\n\n[[rules]]\nid = "mine.x"\nreason = "x line"\npatterns = [\'xx+$\']\n\n'
                     '[[rules]]\nid = "mine.topics"\nreason = "topic line"\npatterns = [\'topics now (?P<tags>[a-z]+)$\']\n', "utf-8")
    article = clean(f"{PARA}\n{PARA2}\ntopics now Roads", rules=str(rules))
    assert "Roads" in article.tags and "topics now" not in article.text


# ---------------------------------------------------------------- teasers
@pytest.mark.parametrize("header", ["Related Articles", "You may like to read:", "Read next", "People also read"])
def test_related_header_takes_cards_until_the_article_resumes(header):
    text = f"{PARA}\n{PARA2}\n{header}\n\nEuractiv\n3 hours ago\n- Euractiv\nSome other headline\n"
    doc = run(text, "teasers")
    assert labels(doc) == ["body", "body", "chrome", "chrome", "chrome", "chrome", "chrome"]


def test_a_header_over_properties_introduces_a_list_not_teasers():
    """"Recommended:" over a product's system requirements ("- OS: ...", "- Memory: ...") is a
    label of the list under it; over headlines, "Related:" still heads teasers, and so do
    headlines that carry a colon of their own."""
    specs = "- OS: Windows 11 64-bit\n- Processor: Four cores at 3 GHz\n- Memory: 16 GB RAM"
    doc = run(f"{PARA}\n{PARA2}\nRecommended:\n{specs}", "teasers")
    assert labels(doc) == ["body", "body", "chrome", "body", "body", "body"]
    # a related widget further down is still one
    doc = run(f"{PARA}\n{PARA2}\nRecommended:\n{specs}\nRelated Articles\n\nEuractiv\n3 hours ago\nSome other headline", "teasers")
    assert labels(doc) == ["body", "body", "chrome", "body", "body", "body", "chrome", "chrome", "chrome", "chrome"]
    headlines = "Analysis: the budget vote explained\nAnalysis: what the new tram line costs"
    doc = run(f"{PARA}\n{PARA2}\nRelated:\n{headlines}", "teasers")
    assert labels(doc) == ["body", "body", "chrome", "chrome", "chrome"]
    # a line of its own may open the list under "Recommended:"; with no colon, all three
    # lines under the header are properties (a widget's headlines may open with labels)
    doc = run(f"{PARA}\n{PARA2}\nRecommended:\nRequires a 64-bit processor and operating system\n{specs}", "teasers")
    assert labels(doc) == ["body", "body", "chrome"] + ["body"] * 4
    doc = run(f"{PARA}\n{PARA2}\nRECOMMENDED\n{specs}", "teasers")
    assert labels(doc) == ["body", "body", "chrome"] + ["body"] * 3
    labelled = "Review: the new tram\nAnalysis: the budget vote explained\nThe mayor's week in pictures"
    doc = run(f"{PARA}\n{PARA2}\nRecommended\n{labelled}", "teasers")
    assert labels(doc) == ["body", "body"] + ["chrome"] * 4


def test_a_ranked_list_goes_on_under_a_related_widget():
    """A widget between two items of the article's numbered list ("18. ..." above it, "19. ..."
    under it) takes its headlines; the list goes on with its next number, even when an item
    holds one paragraph and then its facts, so that two paragraphs never follow each other."""
    item = "18. Harbour College\nThe college runs the only evening course in marine engineering in the county, and it is free."
    widget = "More on Harbour College\nHarbour College acceptance rate fast facts\nHarbour College essays: tips for 2026"
    resumed = ["19. Valley Institute", "Its weekend programme suits people who work during the week, and most finish in two years.",
               "Location: Valley Town", "Tuition: $12,000 a year"]
    doc = run("\n".join([PARA, PARA2, item, widget, *resumed]), "teasers")
    assert labels(doc) == ["body"] * 4 + ["chrome"] * 3 + ["body"] * 4


def test_inline_read_also_takes_only_its_headline():
    text = f"{PARA}\nRead also\nSome linked headline about roads\n{PARA2}\n{PARA3}"
    assert labels(run(text, "teasers")) == ["body", "chrome", "chrome", "body", "body"]


def test_a_read_more_under_every_excerpt_is_a_button_not_a_linked_headline():
    """A resources page ends each excerpt with "Read More": printed three times or more, it is
    the listing's button, and the line after it is the next item's title."""
    items = [("Tutoring options for districts", "A guide to choosing between internal, external and hybrid programmes for schools."),
             ("Designing tutoring programmes", "What earlier programmes teach about the size of groups and the length of sessions."),
             ("Funding tutoring", "How districts combine state grants and their own budgets to pay for tutoring over years.")]
    text = f"{PARA}\n" + "\n".join(f"{title}\n{excerpt}\nRead More" for title, excerpt in items)
    doc = run(text, "teasers")
    assert [b.text for b in doc.blocks if b.is_body] == [PARA] + [line for item in items for line in item]


@pytest.mark.parametrize("pair", [("Read less", "Read more"), ("Read more", "Show less"), ("Weniger anzeigen", "Weiterlesen")])
def test_a_read_more_beside_a_read_less_opens_the_text_it_stands_in(pair):
    """An expand toggle ("Read less" over "Read more", as a course page prints under each
    section) opens the same text: the heading after it is the next section, not a headline
    of another story. The toggle's own lines leave."""
    text = f"{PARA}\n{pair[0]}\n{pair[1]}\nWhat you will learn\n{PARA2}\n{PARA3}"
    assert labels(run(text, "teasers")) == ["body", "chrome", "chrome", "body", "body", "body"]


def test_headerless_cards_in_a_row():
    cards = "\n\nDaily Planet\n2 days ago\nFirst teaser headline\n\nThe Sentinel\n5 hours ago\nSecond teaser headline"
    doc = run(f"{PARA}\n{PARA2}{cards}", "cards")
    assert labels(doc)[:2] == ["body", "body"] and set(labels(doc)[2:]) == {"chrome"}


def test_top_stories_on_a_page_with_no_article_above_are_the_listing():
    """A news hub: a short blurb, then "Top stories" over the stories the page lists. With no
    article above the header they are the page's content; under an article they are teasers."""
    stories = "\n\n".join(
        f"Story {n}: the council votes on the new budget for roads and schools\n"
        f"The regional council will vote on a budget of {n} million for road repairs and school buildings on Tuesday."
        for n in range(1, 7)
    )
    blurb = "The latest news about the region's councils, budgets and public services, updated every hour."
    hub = run(f"{blurb}\n\nTop stories\n\n{stories}", "teasers")
    assert labels(hub).count("chrome") == 1  # the header alone
    teasers_above = "\n\n".join(
        f"Story {n}: the mayor opens a new library\nThe mayor opened the new library on Monday, with {n} thousand books and a reading garden."
        for n in range(7, 14)
    )
    hub_with_teasers_above = run(f"{teasers_above}\n\nMore top stories\n\n{stories}", "teasers")
    assert labels(hub_with_teasers_above).count("chrome") == 1  # one prose line per story above: no article
    article = run(f"{PARA}\n{PARA2}\n{PARA3}\n\nTop stories\n\n{stories}", "teasers")
    assert labels(article)[:3] == ["body"] * 3 and set(labels(article)[3:]) == {"chrome"}


def test_a_related_header_at_the_top_does_not_cut_the_article():
    doc = run(f"Related\n{PARA}\n{PARA2}", "teasers")
    assert labels(doc) == ["chrome", "body", "body"]


# ---------------------------------------------------------------- comments
def test_comment_thread_runs_to_the_end():
    text = f"{PARA}\n{PARA2}\nComments\nJohn D.\n2 hours ago\nGreat piece, thanks.\nReply\nLike"
    assert labels(run(text, "comments")) == ["body", "body"] + ["chrome"] * 6


def test_a_paper_s_discussion_section_is_no_comment_thread():
    """"Discussion" heads a section of a paper: a paragraph follows it and nothing under it
    marks a thread (no names over timestamps, no ages, no Reply). The reference list under
    the paper goes (`test_a_reference_list_goes_with_its_header_and_a_crosshead_stays`)."""
    text = (f"{PARA}\n{PARA2}\nDISCUSSION\n{PARA3} The results agree with earlier surveys of other regions.\n"
            "Acknowledgments\nThis work was supported by a grant of the regional research council.\nREFERENCES\n"
            "- 1. Roe J. Budgets of small councils. J Local Gov. 2019;12:45-60.")
    assert labels(run(text, "comments")) == ["body", "body", "chrome"] + ["body"] * 3 + ["chrome"] * 2


def test_a_reference_list_goes_with_its_header_and_a_crosshead_stays():
    """Under the article, "References" over citations (a year in brackets, a link, a journal's
    volume and pages) takes them, and a title line between two citations; the page's footer
    under the list ends it. "Sources" over a paragraph is a crosshead of the text: it stays."""
    citations = ["Roe, J. (2019). Budgets of small councils. Journal of Local Government, 12, 45-60.",
                 "Flood defence spending in the valley",
                 "https://example.org/reports/flood-defence-2024",
                 "Smith A, Jones B. Gates and weirs. Water Eng. 2021 May 3;14(2):101-9."]
    text = "\n".join([PARA, PARA2, "References", *citations, "Contact the newsroom"])
    assert labels(run(text, "comments")) == ["body", "body"] + ["chrome"] * 5 + ["body"]
    crosshead = f"{PARA}\n{PARA2}\nSources\n{PARA3}\nThe survey of 2019 (the last one) found the same."
    assert labels(run(crosshead, "comments")) == ["body"] * 5
    # the next header ends the list, even one the rules took; what it heads is its own
    headed = run("\n".join([PARA, PARA2, "References", citations[0], "Share this", citations[3]]), "comments")
    assert [b.reason for b in headed.blocks[3:]] == [
        "citation under 'References'", "aggregator tail section", "under tail section 'Share this'"]
    # on an HTML page the extractor kept the list with the article: it stays, in every round
    items = "".join(f"<li>{line}</li>" for line in (citations[0], citations[3]))
    html = (f"<html><body><article><h1>Budget approved</h1><p>{PARA}</p><p>{PARA2}</p><p>{PARA3}</p>"
            f"<h2>References</h2><ul>{items}</ul></article></body></html>")
    assert citations[0] in clean(html).text


def test_customer_reviews_under_their_header_go_and_a_tab_named_reviews_stays():
    """Under a product's description, "What others are saying" over reviews (a rating, a
    reviewer's badge, the review, its vote buttons) takes them as a comment thread, to where
    the page's text resumes (three paragraphs). "Reviews (5)" as a tab's label over the
    description, with no rating soon under it, takes nothing."""
    review = ["Rated 5 out of 5", "Perfect pack for a long trip", "Guy Vennero (verified owner) – August 21, 2019",
              ("I really enjoyed using the pack. It held everything I needed for seven days on the trail, and "
               "the hip belt never rubbed."), "2 out of 2 people found this helpful"]
    second = ["Great backpack", "Spent three days on the trail and the pack was comfortable, though the lid pocket is small."]
    text = "\n".join([PARA, PARA2, "What others are saying", *review, *second, "", PARA3, PARA, PARA2])
    doc = run(text, "comments")
    assert labels(doc) == ["body", "body"] + ["chrome"] * (1 + len(review) + len(second)) + ["body"] * 3
    after = "Shipping is free on rentals of four days or more, and returns are free within the first week."
    tab = run(f"{PARA}\n{PARA2}\nReviews (5)\nDescription\n{PARA3}\n{after}\nSpecs\nWeight: 2.1 kg", "comments")
    assert set(labels(tab)) == {"body"}


def test_a_comment_button_above_the_article_does_not_take_it():
    """A share bar's "Comment" button over a flattened article, one blank line between
    paragraphs: the article resumes below it."""
    text = f"{PARA}\n{PARA2}\nComment\nSave Article\n\n{PARA}\n\n{PARA2}\n\n{PARA3}\n\nNext story"
    assert labels(run(text, "comments")) == ["body", "body", "chrome", "chrome", "body", "body", "body", "body"]


def test_dated_said_lines_hold_the_thread_to_its_last_comment():
    reply = "Thanks for the question, we will look into the data and come back to you with what we find."
    text = (f"{PARA}\n{PARA2}\nComments\nJane Roe on September 12, 2018 at 4:47 pm said:\n\n{PARA3}\n\n"
            f"John Smith on September 13, 2018 at 5:23 pm said:\n\n{reply}\n\n{reply}\n\n{reply}\n\n"
            f"Anna Berg on September 14, 2018 at 9:05 am said:\n\n{reply}")
    assert labels(run(text, "comments")) == ["body", "body"] + ["chrome"] * 9


def test_a_forum_thread_under_a_join_the_conversation_prompt_is_the_content():
    """A forum prints "Join the conversation" over the thread; with no article paragraph
    above, what follows is the discussion the page is about, not comments under an article."""
    posts = "\n\n".join(f"member{n}\nMar {n}, 2024\nI have tried the recipe {n} times now and it works better with less water." for n in range(1, 9))
    blurb = "The longest-running forum for home bakers, with recipes, advice and photos from our members."
    rules = "Be kind to new members and keep each thread about baking, please; off-topic posts are moved."
    forum = run(f"{blurb}\nForums\n{rules}\n\nJoin the conversation\n\n{posts}", "comments")
    assert labels(forum).count("chrome") == 1
    article = run(f"{PARA}\n{PARA2}\n{PARA3}\n\nJoin the conversation\n\n{posts}", "comments")
    assert labels(article)[:3] == ["body"] * 3 and set(labels(article)[3:]) == {"chrome"}


@pytest.mark.parametrize("label", ["Comments", "{n} comments"])
def test_a_comments_label_under_every_story_heads_no_thread(label):
    stories = "\n\n".join(f"Story {n}: the council votes on the budget\n{label.format(n=n * 3)}\nMarch {n}, 2026" for n in range(1, 6))
    doc = run(f"{PARA}\n{PARA2}\n\n{stories}\n\n{PARA3}", "comments")
    assert labels(doc).count("chrome") == 5  # the five labels, and no story under them


def test_a_count_under_every_story_heads_no_thread_in_the_singular_either():
    """A listing prints each story's comment count: "1 comment" among "14 comments" and "0
    comments" is one more counter, not the header of a thread taking the stories after it."""
    counts = ["0 comments", "14 comments", "1 comment", "2 comments", "1 comment"]
    stories = "\n\n".join(f"Story {n}: the council votes on the budget\n{count}\nMarch {n}, 2026"
                           for n, count in enumerate(counts, start=1))
    doc = run(f"{PARA}\n{PARA2}\n\n{stories}\n\n{PARA3}", "comments")
    assert labels(doc).count("chrome") == 5  # the five counts, and no story under them


def test_tail_section_collects_hashtags():
    doc = run(f"{PARA}\n{PARA2}\nHashtags\n#budget #council", "comments")
    assert doc.meta.tags == ["budget", "council"]
    assert labels(doc)[2:] == ["chrome", "chrome"]
    numbered = run(f"{PARA}\n{PARA2}\nHashtags\nby jroe (#64153161) on Friday #budget C#", "comments")
    assert numbered.meta.tags == ["budget"]  # a comment's number and a language's name are no tags


def test_about_the_author_takes_the_credit_and_the_bio():
    """Under the article, "About the author" heads the author's name, role and bio: all go,
    and what follows the bio (the next section's prose) stays. Above the article (no prose
    over it) the header heads nothing, and a long section under it is the text's own (a book
    review's pages on the writer)."""
    bio = ("Jane Roe covers local government for the paper and has reported on the council "
           "since 2015. She lives in the north of the town with her family.")
    doc = run(f"{PARA}\n{PARA2}\nAbout the author\nJane Roe\nStaff writer\n{bio}\n{PARA3}", "comments")
    assert labels(doc) == ["body", "body"] + ["chrome"] * 4 + ["body"]
    assert "author's bio" in doc.blocks[5].reason
    top = run(f"About the author\nJane Roe\n{bio}\n{PARA}\n{PARA2}", "comments")
    assert labels(top)[1:] == ["body"] * 4
    essay = " ".join([PARA, PARA2, PARA3] * 3)
    review = run(f"{PARA}\n{PARA2}\nAbout the author\n{essay}", "comments")
    assert labels(review)[-1] == "body"


def test_an_author_s_name_over_a_bio_under_the_article_goes_without_a_header():
    """Under the article, an author's box with no header: the name over "Name is a content
    writer at ..." (or the first name alone). Entries of the text in the same shape stay: a
    list's entry whose paragraph says no trade ("Python is a versatile language"), and a name
    whose bio-like paragraph the article goes on after (a profile of a person)."""
    bio = ("Kelia Losa Reinoso is a content writer at a food analytics firm with more than five "
           "years of experience in writing about restaurants and food trends.")
    doc = run(f"{PARA}\n{PARA2}\nKelia Losa Reinoso\n{bio}\nPrivacy policy", "comments")
    assert labels(doc)[:4] == ["body", "body", "chrome", "chrome"]
    first_name = run(f"{PARA}\n{PARA2}\nMaria Lopez\nMaria has written for the blog since 2018 about "
                     "budgets, councils and the people who run them.", "comments")
    assert labels(first_name) == ["body", "body", "chrome", "chrome"]
    entries = (f"{PARA}\n{PARA2}\nPython\nPython is a versatile language that many data teams "
               "favour for analysis, with libraries for every kind of chart.\nExcel\nExcel is the "
               "tool most offices already have, and it handles small tables well.")
    assert labels(run(entries, "comments")) == ["body"] * 6
    profile = run(f"{PARA}\n{PARA2}\nJane Roe\nJane Roe is a writer who moved to the valley in 2015 "
                  f"and has written three books about it.\n{PARA3}", "comments")
    assert labels(profile) == ["body"] * 5


def test_a_number_mark_is_no_hashtag():
    """"#1" over a chart's entry or a forum post is its number: it leaves, but no tag "1"."""
    article = clean(f"{PARA}\n#1\nThe first entry of the chart\n#2\nThe second entry of the chart\n{PARA2}\n#budget #council")
    assert article.tags == ["budget", "council"]
    assert "#1" not in article.text.splitlines()


# ---------------------------------------------------------------- captions
def test_caption_printed_twice_after_image_markup():
    caption = "The mayor opens the new bridge on Monday. Photo: City Hall"
    doc = run(f"{PARA}\n![]() |\n{caption} |\n{caption}\n{PARA2}", "captions")
    assert labels(doc) == ["body", "chrome", "caption", "duplicate", "body"]
    assert doc.meta.captions == [caption]


def test_a_slideshow_printed_whole_leaves_as_captions():
    slides = [
        "- 1/12 Harbour cranes at dawn The port's new cranes unload their first ship.",
        "- 2/12 Night shift Dock workers check containers under floodlights.",
        "- 4/12 The first crate A crate of coffee beans is lifted ashore.",
        "- 5/12 Waiting trucks Lorries queue at the gate before sunrise.",
    ]
    doc = run("\n".join([PARA, *slides, PARA2]), "captions")
    assert labels(doc) == ["body", "caption", "caption", "caption", "caption", "body"]
    assert doc.meta.captions == slides


@pytest.mark.parametrize("lines", [
    # a recipe's fractions count up to no one total
    ["1/2 cup sugar, sifted twice", "1/4 teaspoon fine sea salt", "3/4 cup melted butter", "1/2 cup warm milk"],
    # a counter that does not count up is no slideshow
    ["3/10 people said they would move", "2/10 people said they would stay", "5/10 had not decided yet", "1/10 refused"],
])
def test_fractions_and_scores_are_no_slideshow(lines):
    doc = run("\n".join([PARA, *lines, PARA2]), "captions")
    assert labels(doc) == ["body"] * (len(lines) + 2)


# ---------------------------------------------------------------- bylines
@pytest.mark.parametrize(
    ("line", "authors", "agencies"),
    [
        ("By Jane Roe and John Smith", ["Jane Roe", "John Smith"], []),
        ("Huyen Le (According to AFP, Reuters)", ["Huyen Le"], ["AFP", "Reuters"]),
        ("By MARIA LOPEZ Associated Press", ["Maria Lopez"], ["Associated Press"]),
        ("By MixmasterFred in Workshop Woodworking", ["MixmasterFred"], []),  # a handle, then the section
        ("By Jane Roe In Budget Travel, Travel Tips", ["Jane Roe"], []),
        # one name beside a date: a blogger's first name, a user name
        ("by Amanda · Dec 20, 2025 at 3:00 am · One comment so far", ["Amanda"], []),
        ("by whova | Apr 21, 2025", ["whova"], []),
        ("Posted by David at December 16, 2025 11:15 AM", ["David"], []),
    ],
)
def test_bylines_fill_authors(line, authors, agencies):
    doc = run(f"{line}\n{PARA}\n{PARA2}", "bylines")
    assert doc.blocks[0].label is Label.BYLINE
    assert doc.meta.authors == authors and doc.meta.agencies == agencies


@pytest.mark.parametrize(("credit", "name"), [
    ("& Zackery Cuevas", "Zackery Cuevas"),  # the second of two credits
    ("Laubrani (Laubrani)", "Laubrani"),  # a display name and its handle
    ("Ejp55230 E", "Ejp55230"),  # a handle and its avatar's letter
    ("Yucy3/4/2025", "Yucy"),  # the post's day glued on
    ("Jane Roe", "Jane Roe"),
    ("Jeff T", "Jeff T"),  # an initial, not an avatar's letter
    ("Jane Roe In Budget Travel", "Jane Roe"),  # the sections the post is filed in
    ("On", None),  # a word of "On January 12, 2025 By …"
    ("Huyen Le", "Huyen Le"),  # a stop word of French is a Vietnamese name's part
    ("Will", "Will"),
])
def test_a_credit_leaves_what_the_page_glued_to_the_name(credit, name):
    assert tidy_author(credit, rulebook_for((), ())) == name


def test_wire_footer_and_initials():
    text = f"{PARA}\n{PARA2}\n(Reporting by Jane Roe; Editing by Alex Smith)"
    doc = run(text, "scoped-rules")
    assert doc.meta.authors == ["Jane Roe"] and doc.meta.editors == ["Alex Smith"]
    doc = run(f"{PARA}\n{PARA2}\n(bms, sm)", "scoped-rules")
    assert doc.meta.editors == ["bms", "sm"] and doc.blocks[2].label is Label.BYLINE


def test_sentence_starting_with_by_is_not_a_byline():
    doc = run(f"By the end of the week the roads were open again.\n{PARA}", "bylines")
    assert doc.blocks[0].label is Label.BODY


@pytest.mark.parametrize("line", ["By Design", "by hand at May 3, 2024", "By Tuesday | the roads were open",
                                  "Bystanders | May 3, 2024"])  # "By" is a word, not the start of one
def test_one_word_after_a_by_word_is_a_name_only_beside_a_date(line):
    """Alone, "By Design" is a heading; "by hand" is a phrase whatever follows it."""
    doc = run(f"{line}\n{PARA}\n{PARA2}", "bylines")
    assert doc.blocks[0].label is Label.BODY and doc.meta.authors == []


# ---------------------------------------------------------------- dates
@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("19 November 2019", "2019-11-19"),
        ("Mon, November 18, 2019 at 12:42 PM UTC", "2019-11-18T12:42:00+00:00"),
        ("Published Mar 21, 2023", "2023-03-21"),
    ],
)
def test_head_dates(line, iso):
    doc = run(f"{line}\n{PARA}", "dates")
    assert doc.meta.date == iso and doc.blocks[0].label is Label.DATE


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Nov. 20, 2019 5:52 AM EST", "2019-11-20T05:52:00-05:00"),
        ("10:01 pm PST, Tuesday, November 19, 2019", "2019-11-19T22:01:00-08:00"),
        ("November 20th, 2019 - 07:29 GMT", "2019-11-20T07:29:00+00:00"),
        ("April 21, 2015, at 11:29 a.m.", "2015-04-21T11:29:00"),
        ("2019-04-10", "2019-04-10"),
        ("2019-04-10T08:00:00Z", "2019-04-10T08:00:00+00:00"),
        ("11/19/19 06:56 AM EST", "2019-11-19T06:56:00-05:00"),  # slashes: month first
        ("19/11/2019", "2019-11-19"),  # ... unless the month would be above 12
        ("08.04.2015 12:46", "2015-04-08T12:46:00"),  # dots: day first
        ("11.14.2019 09:00 AM", "2019-11-14T09:00:00"),
        ("Aktualisiert am 13.11.2019, 23:06 Uhr", "2019-11-13T23:06:00"),
        ("Stand: 26. Februar 2020", "2020-02-26"),
        ("Mis à jour le 12 mars 2023 à 10h05", "2023-03-12T10:05:00"),
        ("1er janvier 2020", "2020-01-01"),
        ("sexta-feira, 22 de outubro de 2010 às 20:13", "2010-10-22T20:13:00"),
        ("02 Ago 2017", "2017-08-02"),
        ("martes, 3 de marzo de 2020", "2020-03-03"),
        ("📅Jul. 11. 2025", "2025-07-11"),
        ("April 26, 2024 Updated on: October 28, 2024", "2024-04-26"),  # publication, not update
        # not a date line: no full date, or words that are not part of one
        ("18:08", None),
        ("5:50 am", None),
        ("$12.00", None),
        ("17.07 %", None),
        ("March 2020", None),
        ("Posted by John on May 3, 2021", None),
        ("The 2019 budget passed on 3 May", None),
        ("31 February 2020", None),
        ("#1 2025-11-01 15:14:37", None),
    ],
)
def test_date_lines(line, iso):
    assert parse_date(line, rulebook_for((), ())) == iso


def test_a_pack_adds_a_language_s_month_names(tmp_path):
    rules = tmp_path / "nl.toml"
    rules.write_text(
        '[dates]\nmonths = ["januari jan", "februari feb", "maart mrt", "april apr", "mei", "juni jun", "juli jul",'
        ' "augustus aug", "september sep", "oktober okt", "november nov", "december dec"]\n'
        'weekdays = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]\n', "utf-8"
    )
    assert parse_date("dinsdag 3 maart 2020", rulebook_for((), ())) is None
    assert parse_date("dinsdag 3 maart 2020", rulebook_for((), (str(rules),))) == "2020-03-03"


#: Twelve lines of a section menu, each of four words or more: no link run, cut by the main span.
SECTION_MENU = ["Weather forecast for the weekend", "Local sports results and tables", "Traffic and travel news today",
                "Business and property listings", "Arts and culture in the region", "Letters to the editor page",
                "Photo galleries from our readers", "Jobs in the local area now", "Family notices and obituaries",
                "Schools and education updates", "Health and wellbeing advice", "What's on this week in town"]


def test_a_date_above_the_headline_that_the_cut_took_is_still_the_date():
    """Below a long menu, the date line over "Listen to this story" and the headline is out of
    the article's run of prose and leaves with the menu; the head of the page still says when
    it was published (metadata only: the line stays removed)."""
    article = clean("\n".join([*SECTION_MENU, "Local news", "19 November 2019", "Listen to this story",
                               "Council Approves Budget After Long Debate", PARA, PARA2, PARA3]))
    assert article.date == "2019-11-19"
    assert article.text.splitlines() == [PARA, PARA2, PARA3]
    assert [r.stage for r in article.removed if r.text == "19 November 2019"] == ["mainspan"]


def test_a_date_under_the_first_paragraph_is_the_date():
    """A date line past the standfirst is no head date line (the head stops at prose), but it
    is the page's date; it stays in the body."""
    article = clean(f"{PARA}\nMarch 3, 2024\n{PARA2}\n{PARA3}")
    assert article.date == "2024-03-03" and "March 3, 2024" in article.text


def test_dates_far_from_the_head_are_not_the_pages():
    """The footer's last-updated line, or a date twenty lines above the article (a sidebar's
    list), belong to something else."""
    footer = clean("\n".join([PARA, PARA2, PARA3, *[f"{PARA3} ({n})" for n in range(12)], "Last updated 3 March 2024"]))
    assert footer.date is None
    galleries = [f"Photo gallery of the {place} this week" for place in ("harbour", "market", "old town", "river",
                                                                          "castle", "station", "park", "bridge")]
    more = [("The council also agreed to review the parking charges in the town centre, which traders say have "
             "kept shoppers away from the high street since they were raised two years ago."),
            ("A public consultation on the swimming pools will open in the spring, and residents will be asked "
             "whether they would accept shorter opening hours to keep both pools running."),
            ("The budget also sets aside money for new street lighting on the ring road, where residents have "
             "complained for years about dark crossings and broken lamps near the schools."),
            ("Councillors from all parties praised the staff who prepared the figures, and the final vote was "
             "taken shortly before midnight, after almost six hours of debate in the chamber.")]
    events = [f"Weekend events in the {place} district" for place in ("north", "south", "east", "west", "harbour", "hill")]
    far = clean("\n".join([*SECTION_MENU, "12 January 2019", *galleries, *events, PARA, PARA2, PARA3, *more]))
    assert far.date is None and far.text.startswith(PARA)


def test_relative_age_is_chrome_not_a_date():
    doc = run(f"3 hours ago\n{PARA}", "dates")
    assert doc.meta.date is None and doc.blocks[0].label is Label.CHROME


# ---------------------------------------------------------------- title
def test_headline_becomes_title():
    doc = run(f"Council approves budget after long debate\n{PARA}\n{PARA2}", "title")
    assert doc.meta.title == "Council approves budget after long debate"


def test_a_date_line_the_cut_brings_to_the_head_is_a_date_not_the_title():
    """Behind a menu the main-span cut removes, the date line only reaches the head after the
    cut, in the round the title is judged in: it is the dates stage's (next round), never the
    title."""
    menu = ["Weather forecast for the weekend", "Local sports results and tables", "Traffic and travel news today",
            "Business and property listings", "Arts and culture in the region", "Letters to the editor page",
            "Photo galleries from our readers", "Jobs in the local area now", "Family notices and obituaries",
            "Schools and education updates", "Health and wellbeing advice", "What's on this week in town"]
    body = [PARA, PARA2, PARA3]
    article = clean("\n".join([*menu, "Council Approves Budget After Long Debate", "19 November 2019", *body]))
    assert article.date == "2019-11-19" and article.title != "19 November 2019"
    assert article.text.splitlines() == body


def test_a_bylines_role_left_at_the_head_is_no_title():
    """"Garden Editor" under a name the cut removed is the byline's role, not a headline."""
    doc = run(f"Garden Editor\n{PARA}\n{PARA2}", "title")
    assert doc.meta.title is None and doc.blocks[0].is_body
    assert run(f"Letter from the Editor\n{PARA}\n{PARA2}", "title").meta.title == "Letter from the Editor"


def test_the_bylines_name_at_the_head_leaves_as_a_byline_not_as_the_title():
    """"Jane Roe" over the date: once the date line is read, the name is at the head; it is
    the byline the bylines stage read, never the page's title (nor a browser title)."""
    doc = Cleaner().label(f"Jane Roe\nMarch 3, 2024\n{PARA}\n{PARA2}")
    assert doc.meta.authors == ["Jane Roe"] and doc.meta.title is None
    assert doc.blocks[0].label is Label.BYLINE and doc.blocks[0].reason == "the byline's name, left at the head"


def test_one_sentence_lead_of_wire_copy_is_not_a_title():
    lead = "The council approved the budget on Tuesday."
    doc = run(f"{lead}\n{PARA}\n{PARA2}", "title")
    assert doc.meta.title is None and doc.blocks[0].is_body


def test_known_title_with_a_section_or_site_name_matches_the_printed_headline():
    assert title_variants("Opinion | Is Football Violence a Crime? - The Ledger")[:3] == [
        "Opinion | Is Football Violence a Crime? - The Ledger", "Is Football Violence a Crime? - The Ledger",
        "Opinion | Is Football Violence a Crime?"]
    doc = Document(split_blocks(normalize_text(f"Is Football Violence a Crime?\n{PARA}\n{PARA2}")), extracted=True)
    doc.meta.title = "Opinion | Is Football Violence a Crime?"
    mark_title(doc, Context(Config(), rulebook_for((), ())))
    assert labels(doc) == ["title", "body", "body"]
    assert doc.meta.title == "Is Football Violence a Crime?"


def test_a_site_name_alone_is_not_taken_for_the_headline():
    doc = Document(split_blocks(normalize_text(f"Ledger\n{PARA}\n{PARA2}")), extracted=True)
    doc.meta.title = "Council approves budget | Ledger"
    mark_title(doc, Context(Config(), rulebook_for((), ())))
    assert labels(doc) == ["body", "body", "body"]


# ---------------------------------------------------------------- duplicates
def test_exact_and_near_duplicates():
    bullet = "- " + PARA2.replace("optimistic", "overly optimistic")
    doc = run(f"{PARA}\n{PARA2}\n{PARA}\n{bullet}", "duplicates")
    assert labels(doc) == ["body", "body", "duplicate", "duplicate"]


def test_keep_near_duplicates_option():
    bullet = "- " + PARA2.replace("optimistic", "overly optimistic")
    doc = run(f"{PARA}\n{PARA2}\n{bullet}", "duplicates", config=Config(keep_near_duplicates=True))
    assert labels(doc) == ["body", "body", "body"]


def test_paraphrase_is_not_a_duplicate():
    summary = ("In short, the council chose to fund road repairs and pools now and to argue about taxes later, "
               "which critics called a gamble.")
    assert labels(run(f"{PARA}\n{PARA2}\n{summary}", "duplicates")) == ["body", "body", "body"]


# ---------------------------------------------------------------- source and site
def test_source_from_the_card_that_repeats_this_article():
    text = (f"Council approves budget\n{PARA}\n{PARA2}\nRelated Articles\n\nThe Courier\n2 hours ago\n- The Courier\n"
            f"Council approves budget\n{PARA} {PARA2}")
    article = clean(text)
    assert article.source == "The Courier" and article.title == "Council approves budget"


def test_language_detected():
    assert clean("Die Stadt hat am Dienstag den Haushalt beschlossen, nachdem der Rat lange über die "
                 "Reparatur von Straßen und Schulen gestritten hatte.").language == "de"


def test_an_html_page_s_declared_language_decides_where_no_pack_tells_it():
    """Bosnian reads as Croatian to the classifier; the page says which it is. A declaration
    of a packed language its stop words do not confirm is not taken (templates say "en")."""
    prose = ("Gradsko vijeće je u utorak usvojilo budžet za iduću godinu, nakon duge rasprave o popravci "
             "cesta i škola u starom dijelu grada. Novac će se uglavnom potrošiti na obnovu mostova.")
    page = "<html lang='{}'><head><title>Budžet</title></head><body><article><p>{}</p></article></body></html>"
    assert clean(page.format("bs-BA", prose)).language == "bs"
    assert clean(page.format("en", prose)).language == "hr"
    assert clean(prose).language == "hr"


@pytest.fixture
def no_classifier(monkeypatch):
    """py3langid raises when asked: a test that uses this shows its page is told without it."""

    def refuse(sample: str) -> tuple[str, float]:
        raise AssertionError("the classifier was asked")

    monkeypatch.setattr(cleaner.lang.py3langid, "classify", refuse)


def test_a_declared_packed_language_its_few_stop_words_lead_needs_no_classifier(no_classifier):
    """A box score holds too few stop words to decide alone; the page says "en" and the few
    it holds are English: two signals agree, and the classifier's model is never loaded. A
    page saying "en" over Portuguese stop words still goes to the classifier."""
    scores = ("Palm Bay (1-0-2): Noah Jackson 1 goal, 1 assist. Sheldon Bryan 1 goal, 1 assist. Eli Ruiz 2 saves. "
              "Melbourne (2-1): Tom Price 1 goal, 2 assists. Dan Cole 3 saves. Viera (0-3): Max Hill 4 saves. "
              "Rockledge (1-1): Ben Ortiz 1 goal. Sam Reed 5 saves.")
    assert cleaner.lang.detect_sample(scores + " Next up for the Pirates: Viera.", "en-US") == "en"
    with pytest.raises(AssertionError, match="classifier"):
        cleaner.lang.detect_sample(scores + " Calendário sujeito a alterações, com os jogos.", "en")


def test_a_short_portuguese_programme_is_told_by_its_stop_words(no_classifier):
    """A programme of dates and places holds few sentences, but the common words it does hold
    ("pela", "acima", "ser", "em") are Portuguese alone: the stop words decide, without the
    classifier's model."""
    programme = [
        "Programa do Festival de Inverno 2025",
        "1o dia: 12 de julho – Ouro Preto",
        "2o dia: 19 de julho – Tiradentes / Praça Central",
        "3o dia: 26 de julho – Mariana",
        "4o dia: 2 de agosto – Sabará",
        "5o dia: 9 de agosto – Local a ser confirmado",
        "* Programa sujeito a mudanças anunciadas pela organização",
        "* Datas acima divulgadas pela prefeitura em maio de 2025",
    ]
    sample = cleaner.lang.sample_for_language(programme)
    assert cleaner.lang.detect_sample(sample) == "pt"


def test_stop_words_are_counted_past_the_longest_lines(no_classifier):
    """A recipe whose longest lines are ingredient lists holds too few stop words in the
    classifier's sample, but its shorter lines of prose hold many: the page is English by
    its stop words and the classifier's model is never loaded. A Japanese head stays the
    classifier's to tell, whatever English lines follow it."""
    lines = [
        ("Asian Chicken Zoodles [1 cup zucchini noodles, 4 oz. cooked chicken, ½ cup edamame, 1 tsp. sesame oil, "
         "1 tsp. soy sauce, 2 tbsp. scallions, 1 tbsp. peanuts, 1 tsp. chili flakes, 1 lime wedge]"),
        ("Turkey Chili Bowl [3 oz. lean ground turkey, ½ cup kidney beans, ½ cup crushed tomatoes, ¼ avocado, "
         "2 tbsp. Greek yogurt, 1 tsp. cumin, 1 tsp. paprika, cilantro]"),
        ("Salmon Quinoa Plate [4 oz. baked salmon, ½ cup cooked quinoa, 1 cup roasted broccoli, 1 tsp. olive oil, "
         "1 tsp. lemon juice, 1 tbsp. dill, 1 tbsp. capers, ½ tsp. garlic powder]"),
        "It is the kind of plan that works when you are busy and do not want to think about what is for dinner.",
        "Each of the meals can be made in advance and kept in the fridge for up to four days at a time.",
    ]
    sample = cleaner.lang.sample_for_language(lines)
    assert cleaner.lang.detect_sample(sample) == "en"
    japanese = ("Kindle書籍を読む場合は、一般的にスマホやタブレットなどのモバイル端末で読むことが多いと思います。"
                "特に困ったのが、起動ショートカットキーに関する設定です。Kindle for PCをインストールすると自動で設定されます。")
    sample = cleaner.lang.sample_for_language([japanese * 4, *lines[3:]])
    with pytest.raises(AssertionError, match="classifier"):
        cleaner.lang.detect_sample(sample)


def test_a_long_line_of_identifiers_is_no_sample_of_the_language(no_classifier):
    """A shop page's longest line is a run of item identifiers: it tells no language, and
    the sample takes the lines written in words (a line of nothing but identifiers still
    makes a sample, for want of any other)."""
    identifiers = "".join(f"H{n:04d}a-db29-4baf-990e-8b645ccb{n:04d}" for n in range(12))
    prose = ["The seller ships within two days of payment and answers questions about the parts.",
             "International shipment of items may be subject to customs processing and charges."]
    sample = cleaner.lang.sample_for_language([identifiers, *prose])
    assert sample.startswith(prose[0]) and "4baf" not in sample
    assert cleaner.lang.detect_sample(sample) == "en"
    assert cleaner.lang.sample_for_language([identifiers]) == identifiers[: cleaner.lang.STOPWORD_SAMPLE_CHARS]


def test_name_particles_are_no_stop_words_of_their_language(no_classifier):
    """An English report about people named "von", "van" and "da" something: the particles
    are parts of names, so the English stop words decide alone."""
    text = ("The son of former President Richard von Weizsäcker, Fritz Eckart von Weizsäcker, spoke at the "
            "clinic in Berlin with Anna von Stein, Jan van Dijk, Pieter van Berg, Maria da Silva and Karl von "
            "Hoff, who had all worked there for years. Anna von Stein said the staff would meet again on Monday.")
    ranked, _words = cleaner.lang._stopword_ranking(text)
    assert ranked[0][0] == "en" and all(language != "de" for language, _hits in ranked)
    assert cleaner.lang.detect_sample(text) == "en"


def test_english_words_inside_japanese_prose_do_not_make_it_english():
    text = ("Kindle書籍を読む場合は、一般的にスマホやタブレットなどのモバイル端末で読むことが多いと思います。"
            "さて、このKindle for PC、Amazonがあまり力を入れていないのか操作性などあまりよくありません。"
            "特に困ったのが、起動ショートカットキーに関する設定です。Kindle for PCをインストールすると自動で設定されます。")
    assert clean(text).language == "ja"


# ---------------------------------------------------------------- navigation runs
def test_runs_of_one_word_lines_are_navigation():
    menu = "Home\nPolitics\nEconomy\nCulture\nSport\nScience\nOpinion\nTravel\nWeather"
    doc = run(f"{menu}\n{PARA}\n{PARA2}", "linkruns")
    assert labels(doc) == ["chrome"] * 9 + ["body", "body"]


def test_short_lines_with_numbers_or_few_of_them_stay():
    ingredients = "2 eggs\n1 cup flour\n3 tbsp sugar\n1 tsp salt\n200 g butter\n1 lemon\n2 cups milk\n4 apples"
    short_list = "Apples\nPears\nPlums"
    doc = run(f"{PARA}\n{ingredients}\n{short_list}\n{PARA2}", "linkruns")
    assert set(labels(doc)) == {"body"}


def test_an_alphabetical_index_stays_and_a_bar_of_letters_goes():
    index = "A\nAdapters\nAnchors\nB\nBands\nBinders\nC\nCables\nClamps\nD\nDowels"
    doc = run(f"{PARA}\n{index}\n{PARA2}", "linkruns")
    assert set(labels(doc)) == {"body"}
    letters = "\n".join("ABCDEFGHIJ")
    doc = run(f"{PARA}\n{letters}\n{PARA2}", "linkruns")
    assert labels(doc) == ["body"] + ["chrome"] * 10 + ["body"]


def test_a_list_a_sentence_introduces_is_no_menu():
    """Short lines under a sentence of the text that ends in a colon are its list ("Below are
    my favourite categories:" over "Pens", "Pencils", ...); the same lines under a heading, or
    under a sentence that ends in a full stop, are a menu."""
    items = "Pens\nPencils\nMarkers\nScissors\nPaper Clips\nSticky Notes\nNotebooks\nEnvelopes\nStamps"
    intro = "Every office is different, so group things by how you use them. These are my categories:"
    doc = run(f"{PARA}\n{intro}\n{items}\n{PARA2}", "linkruns")
    assert set(labels(doc)) == {"body"}
    doc = run(f"{PARA}\n{intro[:-1]}.\n{items}\n{PARA2}", "linkruns")
    assert labels(doc) == ["body", "body"] + ["chrome"] * 9 + ["body"]


# ---------------------------------------------------------------- the stage contract
def test_every_removal_names_a_stage_that_exists_and_rules_by_id():
    """Explanations print `Stage.name`; removals by a rule pack carry the rule's id."""
    from cleaner.dom import STRUCTURAL_RULES, dom_pack
    from cleaner.rules import builtin_packs

    names = {stage.name for stage in STAGES}
    rule_ids = {rule.id for pack in builtin_packs() for rule in pack.rules}
    dom_ids = {group.id for group in dom_pack().groups} | {r.id for r in STRUCTURAL_RULES}
    seen_stages, seen_rules = set(), set()
    for page in sorted((FIXTURES / "pages").glob("*.txt")) + sorted((FIXTURES / "html").glob("*.html")):
        for removal in clean(page.read_bytes()).removed:
            seen_stages.add(removal.stage)
            if removal.stage == "dom":
                assert removal.rule in dom_ids
                continue
            if removal.rule:
                seen_rules.add(removal.rule)
                assert removal.stage in ("rules", "scoped-rules")
    assert seen_stages <= names, seen_stages - names
    assert {"dom", "rules", "teasers", "cards", "comments", "mainspan", "title"} <= seen_stages
    assert seen_rules and seen_rules <= rule_ids


def test_the_main_span_judges_an_html_page_walked_whole():
    """When trafilatura's choice loses to the page's own blocks, those blocks are the whole page
    less its DOM chrome: the main-span stage cuts the furniture around the article there as it
    does on a flattened page, and leaves trafilatura's own choice alone."""
    article = [
        "The river authority opened the new flood gates on Tuesday, two years after the worst floods the valley had seen in a century.",
        "Engineers tested each of the twelve gates under full load for a week before the opening, the authority said in a statement.",
        "Farmers downstream, who lost most of their harvest in the floods, said they would wait for the spring rains before judging the work.",
    ]
    menu = ["Home", "News", "Sport", "Weather", "Jobs", "Cars", "Homes", "Shop", "Events", "Contact", "Help", "Login"]
    text = "\n".join(menu + article + menu)
    ctx = Context(Config(), rulebook_for((), ()))
    for walked, cut in ((True, True), (False, False)):
        doc = Document(split_blocks(normalize_text(text)), extracted=True, walked=walked)
        mark_main_span(doc, ctx)
        kept = [b.text for b in doc.blocks if b.is_body]
        assert all(line in kept for line in article)
        assert ("Weather" not in kept) is cut


@pytest.mark.parametrize("line", [
    "JavaScript is disabled. For a better experience, please enable JavaScript in your browser before proceeding.",
    "You are using an out of date browser. It may not display this or other websites correctly.",
    "You should upgrade or use an alternative browser.",
    "Powered by Discourse, best viewed with JavaScript enabled",
    "Please enable JavaScript in your browser to complete this form.",
    "Bitte aktivieren Sie JavaScript, um diese Seite zu nutzen.",
    "Veuillez activer JavaScript pour continuer.",
])
def test_a_notice_to_enable_javascript_is_chrome(line):
    doc = run(f"{PARA}\n{line}\n{PARA2}", "rules")
    assert doc.blocks[1].rule is not None and doc.blocks[1].rule.endswith(".noscript")


@pytest.mark.parametrize("line", [
    "Enable JavaScript in Chrome by opening Settings and choosing Privacy and security.",
    "JavaScript is a programming language that runs in every web browser.",
])
def test_text_about_javascript_is_body(line):
    doc = run(f"{PARA}\n{line}\n{PARA2}", "rules")
    assert doc.blocks[1].is_body


@pytest.mark.parametrize("line", ["Add to cart", "Table of Contents", "Click to expand...", "Email address *", "Clear all"])
def test_a_control_of_the_page_is_chrome(line):
    doc = run(f"{PARA}\n{line}\n{PARA2}", "rules")
    assert doc.blocks[1].rule == "en.controls"


def test_the_leading_headline_beats_a_section_part_another_stage_took_for_the_title():
    """The browser-title stage may take a printed section name ("YOUR SIDE" in a footer) for
    the headline; the body's leading headline, which the browser title confirms and which
    stands before that part in it, is the title."""
    from cleaner.stages.title import LEADING, STAGE, confirm_page_title

    text = (f"Local moving company under federal investigation | Your Side - Channel 9 News\n"
            f"Your Side: NJ moving company under federal investigation\n{PARA}\n{PARA2}\nYOUR SIDE")
    doc = Document(split_blocks(normalize_text(text)))
    doc.blocks[1].mark(Label.TITLE, STAGE, LEADING)  # as the title stage takes the leading headline
    doc.leading_headline = doc.blocks[1].text
    doc.meta.title = "YOUR SIDE"
    confirm_page_title(doc, Context(Config(), rulebook_for((), ())))
    assert doc.meta.title == "Your Side: NJ moving company under federal investigation"


def test_a_banner_naming_its_company_is_chrome_and_a_story_of_who_uses_cookies_is_not():
    """Banners often name the site's owner as their subject ("Thomas uses cookies to ensure
    ..."), and say what for: the visitor's experience. A report on a company's cookies, or a
    grandmother's, says something else."""
    banners = [
        "Harbourline uses cookies to ensure that we give you the best experience on our website. By using this site, you agree to our Privacy Statement.",
        "Acme Outdoor Gear uses cookies to improve your browsing experience and to show you relevant offers.",
    ]
    stories = [
        "Facebook uses cookies to track users across the web, the report found, and privacy experts were alarmed.",
        "My grandmother uses cookies as a reward, and the children agree it works.",
        "The bakery uses cookies to give first-time visitors a sweet experience of the old mill.",
    ]
    rules_take(banners, stories)


def test_the_fine_print_of_a_sign_up_form_is_chrome_and_an_articles_agreements_are_not():
    """What the reader agrees to by submitting a form (emails, texts, the terms), and the
    promise that they can unsubscribe, sit under every sign-up and checkout form; an article's
    own "you agree", "consent" and "unsubscribe" are about something else."""
    fine_print = [
        "By entering your email, you agree to receive automated marketing messages from Harbour Outfitters. You can unsubscribe at any time.",
        'By clicking "Sign up now", you agree to receiving e-mail advertising. Further information is in our data protection guideline.',
        "By checking out, you agree to our Terms of Use and Privacy Policy.",
        "Receive email updates from Harbour Outfitters. You can unsubscribe anytime. Our Privacy Policy.",
    ]
    content = [
        "By enrolling, you consent to the recurring charge for your subscription, which renews each month.",
        "If you agree to an hourly contract, you can track your time in the app and get paid for every hour.",
        "Half of all readers unsubscribe from newsletters because they get too many of them, the survey found.",
        "Yes, you can unsubscribe at any time from your account page.",
    ]
    assert set(rules_take(fine_print, content)) == {"en.signup-consent"}


def test_a_banner_that_speaks_to_the_reader_about_its_cookies_is_chrome_in_any_order():
    """A banner's sentence comes in any order ("In order to give you the best experience, we
    use cookies..."): the site speaks ("we", "our") to the reader ("you") about its cookies
    and asks for a choice or promises an experience. The rule is one pattern of lookaheads;
    the prefilter still reads what every match needs from them, so other lines skip it."""
    banners = [
        "In order to give you the best experience, we use cookies and similar technologies for performance, analytics and to help our site function.",
        "We don't use a lot of cookies; you can see and manage them at any time on our Cookie Settings page.",
        "No cookies will be collected without your consent, but the banner will reappear each time you visit our website.",
    ]
    stories = [
        "Google will let you choose whether to allow third-party cookies in Chrome, the company said on Monday.",
        "We baked cookies for the school fair, and you can imagine how fast they went once the doors opened.",
        "Our grandmother's cookies were the best, and you would agree if you had tasted them on a winter evening.",
    ]
    assert set(rules_take(banners, stories)) == {"en.cookies-address"}
    assert required_strings(r"(?=.*\bcookies?\b)(?=.*\byou\b).{0,900}$") == frozenset({"cookie"})


def test_shop_forum_and_review_furniture_is_chrome_beside_articles_that_use_its_words():
    """Furniture of shops, reviews and forums printed on every page (an affiliate note, a
    privacy law's link, a sort menu, a sign-up's confirmation, a forum engine's install
    dialog), each beside a sentence of an article that uses the same words for something else."""
    chrome = [
        ("When you buy through links on this page, we may earn a commission. Learn more.", "en.affiliate-disclosure"),
        ("Do Not Sell or Share My Personal Information", "en.privacy-choices"),
        ("Privacy Policy Legal Terms Do Not Sell or Share My Personal Information", "en.privacy-choices"),
        ("Sort by: Featured Price: Low to High Price: High to Low Newest", "en.sort-controls"),
        ("Thank you! Please check your inbox now for your welcome email.", "en.newsletter"),
        ("Follow along with the video below to see how to install our site as a web app on your home screen.", "en.promo.app"),
        ("Thread starter", "en.controls"),
        ("View all", "en.navigation"),
        ("Yes No", "en.controls"),
        ("Highest score (default) Date modified (newest first) Date created (oldest first)", "en.sort-controls"),
        ("Sorted by: Reset to default", "en.sort-controls"),
        ("Sort by date Sort by votes", "en.sort-controls"),
        ("Show 90 results per page", "en.controls"),
        ("Filter by weight (lbs)", "en.controls"),
        ("Message 2 of 3", "en.controls"),
        ("No thanks", "en.controls"),
        ("See all industry solutions", "en.navigation"),
        ("View all 300+ integrations", "en.navigation"),
        ("Sign in to your XDA account", "en.account-prompt"),
        ("Already have an account? Sign in here.", "en.account-prompt"),
        ("Commented Mar 5, 2024 at 12:31", "en.forum-furniture"),
        ("This field is for validation purposes and should be left unchanged.", "en.controls"),
        ("3 of 12", "en.controls"),
        ("Great! We've sent you an email to confirm your subscription.", "en.newsletter"),
        ("Don't have an InfoQ account?", "en.account-prompt"),
        ("Not a member? Join today for free.", "en.account-prompt"),
        ("Check price at Amazon (on sale!)", "en.controls"),
        ("$249 at Walmart", "en.controls"),
        ("This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.", "en.controls"),
        ("Choosing a selection results in a full page refresh.", "en.controls"),
        ("16,287 posts · Joined 2012", "en.forum-furniture"),
        ("Read full article: How to Choose a Bike Helmet", "en.inline-related"),
        ("Data processing purposes: Store and/or access information on a device. Personalised advertising.", "en.consent-purposes"),
        (("Use precise geolocation data. Actively scan device characteristics for identification. Store and/or access "
         "information on a device."), "en.consent-purposes"),
        ("Measure content performance 33 partners can use this purpose", "en.consent-purposes"),
        ("We, and our 228 partners use cookies and similar methods to recognise visitors.", "en.consent-partners"),
        ("Below, you will find a list of the purposes and special features for which your data is being processed.",
         "en.consent-purposes"),
        ("Create profiles to personalise content Off", "en.consent-purposes"),
        (("Content presented to you on this service can be based on your content personalisation profiles, which can "
         "reflect your activity on this or other services."), "en.consent-purposes"),
        (("Cookies, device or similar online identifiers (e.g. login-based identifiers) together with other "
         "information can be stored or read on your device to recognise it each time it connects."), "en.consent-purposes"),
    ]
    content = [
        "We could earn a share of the profits if the venture succeeds, the founders argued.",
        'The law requires a "Do Not Sell My Personal Information" link on the home page.',
        "Sort the results by price, low to high, to find the cheapest flights of the week.",
        "Check your inbox often if you are waiting for a confirmation from the embassy.",
        "Sort the comments oldest first if you want to follow the argument",
        "Sort by key",
        "Filter by hand, and the water tastes better, the brewer said.",
        "Page 2 of the report shows what the repairs cost",
        "See all the council's reports on its website.",
        "View all posts by Jane Roe",
        "Sign in to your account and open Settings.",
        "Already have an account with the bank, she opened a second one for the shop.",
        "Commented Mar 5 on the plan, the mayor said it came too late.",
        "3 of 12 council members voted against the plan",
        "Develop and improve services for the valley's older residents, the council's plan says.",
        "Measure content performance before you change the headline, editors advise.",
        "Below, you will find a list of the vendors who sold food at the fair this year.",
        "Check price at the door, the organisers said, since tickets sell out fast.",
        "The same lamp costs $249 at Walmart and $310 at the shop in town.",
    ]
    assert rules_take([line for line, _rule in chrome], content) == [rule for _line, rule in chrome]


def test_an_e_mail_quoted_in_an_article_holds_no_comment_heads():
    """A story quoting old e-mails: a quoted "what do you think?" reads as a comment prompt,
    and each e-mail's "Date:" line holds a clock time; but a label before a time is no
    commenter's name, so the thread it would start ends where the article resumes."""
    emails = [f"Date: Thu, {day} Dec 1999 12:31:55 -0700\nFrom: Matt Taggart\nSubject: Re: serial console" for day in (23, 24)]
    text = (f"{PARA}\n{PARA2}\n> What do you think?\nI am a big believer in sharing.\n{PARA3}\n{PARA}\n{PARA2}\n"
            + "\n".join(f"{email}\n{PARA3}" for email in emails))
    doc = run(text, "comments")
    assert [b.text for b in doc.blocks if b.is_body][-1] == PARA3
    assert sum(b.is_body for b in doc.blocks) >= len(doc.blocks) - 2


def test_fine_print_under_a_footnote_mark():
    """Terms printed under a product or an offer open with a footnote mark and run on in words;
    a reference list's entry opens with "^" and its quoted title. A law's section ("§ 230")
    opens with a figure, and a name marked as deceased is no fine print either."""
    terms = [
        "◊ Monthly Installments is a 0% APR payment option that is only available if you select it at checkout.",
        "‡* Subject to credit approval. Minimum monthly payments required. See the store for details.",
        '^ a b "The Prize Amounts" (PDF). The Foundation. Archived from the original on 2018-06-15.',
    ]
    article = [
        "§ 230 of the act protects platforms from liability for what their users post, the court said.",
        "† 1945",
    ]
    assert set(rules_take(terms, article)) == {"common.fine-print"}


def test_a_forum_posts_furniture():
    """A poster's card ("Joined: Feb 2019", "Posts: 1,077"), a post's buttons on one line and
    a threaded discussion's reply heads are furniture; a sentence that someone joined something,
    or "Quote of the day", is no card."""
    furniture = ["Joined: Feb 2019", "Joined 14. Sep 2019", "Posts: 1,077", "Reply Quote Like", "Reply | Flag",
                 "Reply With Quote 0", "Re: Maybe a rewrite would help (Score: 5, Insightful)",
                 "by rogue1 ( 174582 ) writes: on Friday January 12, 2024 @08:15PM"]
    text = ["Joined the navy in 1942", "Quote of the day", "Posts and telecommunications"]
    assert set(rules_take(furniture, text)) == {"en.forum-furniture"}


def test_sign_up_prompts_in_their_other_shapes():
    """What a sign-up prompt offers (the brand's e-mails, a discount), the address it asks
    for and why, the list or community it asks one to join; an article's line about a
    community garden or a course's sign-up day stays."""
    prompts = [
        "Sign up for REI emails",
        "Sign up for 10% off your first purchase",
        "Enter your email to be notified first when this item is available again.",
        "Enter your email address below for the latest offers, new products and more.",
        "Join our mailing list. You'll get $100 OFF your first order as well as design tips.",
        "Join Our Community of Explorers",
    ]
    text = [
        "Join our community garden on Saturdays, where volunteers grow vegetables for the food bank.",
        "Sign up for the ceramics course closes on Friday, the school said.",
        "Enter your email address and password, then choose Sign in.",
    ]
    assert set(rules_take(prompts, text)) == {"en.newsletter"}


def test_shop_and_forum_labels_in_the_other_packed_languages():
    """A shop's and a forum's own labels in German, French, Spanish, Italian and Portuguese,
    and the poster's card; sentences that start with the same words stay."""
    labels_by_pack = [
        ("In den Warenkorb", "de.controls"), ("Registriert seit: 12.03.2019", "de.controls"), ("Beiträge: 1.204", "de.controls"),
        ("Ajouter au panier", "fr.controls"), ("Inscrit le : 3 mai 2016", "fr.controls"),
        ("Añadir al carrito", "es.controls"), ("Mensajes: 530", "es.controls"),
        ("Aggiungi al carrello", "it.controls"), ("Iscritto dal: 2014", "it.controls"),
        ("Adicionar ao carrinho", "pt.controls"), ("Mensagens: 77", "pt.controls"),
    ]
    sentences = [
        "Registriert seit dem Frühjahr sind mehr als tausend Vereine, sagte die Sprecherin.",
        "Ver todo el recorrido lleva dos horas, según el ayuntamiento.",
    ]
    assert rules_take([line for line, _ in labels_by_pack], sentences) == [rule for _, rule in labels_by_pack]


def test_a_pattern_anchored_at_the_line_end_is_tried_only_on_lines_ending_so():
    """The index reads what an end-anchored pattern's last character must be ("name says:"
    ends in a colon), so a sentence that merely holds "said" or "wrote" tries no pattern, and
    a keyword list's seven commas are counted before its pattern runs; the line that ends so
    is still found."""
    from cleaner.rules.matcher import RuleBook
    from cleaner.rules.prefilter import last_chars
    from cleaner.rules.registry import builtin_packs

    assert last_chars(r"(?:says|wrote)\s*:$") == frozenset({":"})
    assert last_chars(r"abc") is None and last_chars(r"x\W*$") is None and last_chars(r"(?m)x:$") is None
    assert "ς".casefold() in last_chars(r"ΟΔΟΣ$")  # a final sigma ends a line the pattern matches
    book = RuleBook(list(builtin_packs()))
    sentences = ["The minister said the budget would pass, and the opposition said it would not.",
                 "Jane Roe wrote two novels, three plays, a memoir, some poems, an opera, a film and a song."]
    assert [book._candidates(line) for line in sentences] == [(), ()]
    assert book.match("Jane Roe says:").rule.id == "common.comment-item"


def test_a_pattern_is_tried_only_on_lines_as_long_as_its_shortest_match():
    """The index reads the fewest characters a pattern's match spans (lookarounds span none),
    and a line shorter than that tries no pattern; patterns the stdlib cannot read, or that
    name a `regex` property, count as spanning none (the property tests check that the index
    never misses a pattern)."""
    from cleaner.rules.matcher import RuleBook
    from cleaner.rules.prefilter import min_width
    from cleaner.rules.registry import builtin_packs

    assert min_width(r"\d{4} comments?") == 12 and min_width(r"(?=.*cookie)x") == 1
    assert min_width(r"\p{Lu}\w+ says") == 0 and min_width(r"(?|a|b)") == 0
    book = RuleBook(list(builtin_packs()))
    # "Site Inc © 2024": a site's name before the sign, so "x © 2024" at least
    copyright = next(n for n, pattern in enumerate(book._patterns) if pattern.startswith(r"[^\n]{1,60}\s©"))
    assert book._widths[copyright] == 7
    assert copyright not in book._candidates("© 2024") and copyright in book._candidates("Site Inc © 2024")
    assert book.match("Site Inc © 2024").rule.id == "common.copyright"


def test_the_main_span_counts_cjk_characters_only_where_they_can_stand():
    """`_size` looks for CJK characters only in a line holding a character past Latin's
    blocks (a curly quote does not count): every character the CJK class matches is such a
    character, so the shortcut never misses one."""
    from cleaner.stages.mainspan import _CJK, _PAST_LATIN, _size

    missed = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and _CJK.match(chr(c)) and not _PAST_LATIN.match(chr(c))]
    assert missed == []
    assert _size("“Quoted” café") == len("“Quoted” café") and _size("東京 Tokyo") == len("東京 Tokyo") + 4


def test_every_packaged_pattern_is_checked_here_as_a_user_pack_is_at_load():
    """The packaged packs are read without compiling their patterns (a process compiles a
    pattern when a line first needs it): this test is their check, the one a user pack
    passes at load (valid syntax, only the metadata groups), and every pattern compiles as
    the rule book runs it."""
    from importlib import resources

    from cleaner.rules import parse_pack
    from cleaner.rules.matcher import RuleBook
    from cleaner.rules.registry import NOT_RULE_PACKS, builtin_packs

    root = resources.files("cleaner") / "packs"
    files = [item for folder in (root, root / "lang", root / "sites") for item in folder.iterdir()
             if item.name.endswith(".toml") and item.name not in NOT_RULE_PACKS]
    checked = [parse_pack(item.read_text("utf-8"), name=item.name, kind="user") for item in files]
    assert len(checked) == len(builtin_packs()) and all(pack.rules for pack in checked)
    book = RuleBook(list(builtin_packs()))
    assert all(book.pattern(number).pattern for number in range(len(book._rules)))
