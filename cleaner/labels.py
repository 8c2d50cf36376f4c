"""What a block is and what a rule says about it: the two vocabularies every layer shares.

They live below the document model and the rule packs, which both speak them."""

from __future__ import annotations

from enum import Enum

# A member read as `Label.BODY` costs several times a module global's read (an `Enum` class's
# attributes are looked up through its metaclass): modules that compare a member for every
# line of a page keep it in a module global of their own (`_BODY = Label.BODY`).


class Label(str, Enum):
    """What a block is. Only BODY blocks reach `Article.text`."""

    BODY = "body"
    TITLE = "title"
    CHROME = "chrome"
    CAPTION = "caption"
    BYLINE = "byline"
    DATE = "date"
    DUPLICATE = "duplicate"


class Role(str, Enum):
    """What a line recognised by a rule (or the rules stage) tells the structural stages.
    Rule packs name it with `role = "..."`; the stages read `Block.role`."""

    DROP = "drop"  # just this line is chrome
    RELATED_HEADER = "related-header"  # starts a block of teasers (teasers stage)
    READ_ALSO = "read-also"  # an inline "Read also" link: the headline line(s) under it are chrome
    COMMENTS_HEADER = "comments-header"  # starts a comment widget (comments stage)
    COMMENT_ITEM = "comment-item"  # "name says:" heading one comment; a thread when a timestamp follows
    COMMENT_FURNITURE = "comment-furniture"  # Reply / Like / "No comments yet": marks prose nearby as comments
    TAIL_HEADER = "tail-header"  # starts a tail section (hashtags, promo) that runs to the next header
    BIO_HEADER = "bio-header"  # "About the author" under an article: the credit and the author's bio under it
    REFERENCES_HEADER = "references-header"  # "References": the citations under it; chrome only over one
    REVIEWS_HEADER = "reviews-header"  # "Customer reviews": the reviews under it; chrome only over a review's rating
    CUT = "cut"  # everything from here to the end is chrome (when enough body is above)
    SOURCE_CREDIT = "source-credit"  # names the original publisher ("Provided by X")
    IMAGE_MARKUP = "image-markup"  # image residue; the caption under it is a caption
    AGE = "age"  # a relative age ("3 hours ago"): furniture of comments and teaser cards
    READING_TIME = "reading-time"  # "6 min read": a line of an article's head, beside its byline
    COLLAPSE = "collapse"  # "Read less": the control folding a text back; the "Read more" beside it opens that text


class Kind(str, Enum):
    """What shape a block has on the page. HTML blocks take it from the extracted markup;
    flattened text has none to read, so its lines are paragraphs (list items are told by
    their dash where it matters). Markdown output prints each kind its own way."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"  # `Block.level`: 1 for <h1> ... 6
    LIST_ITEM = "list-item"  # `Block.level`: nesting depth, 0 at the top
    ORDERED_ITEM = "ordered-item"  # an item of a numbered list; `Block.level` as above
    TABLE_HEADER = "table-header"  # a row of header cells; `Block.cells`
    TABLE_ROW = "table-row"  # `Block.cells`
    CODE = "code"  # one line of preformatted code; `Block.level`: its indentation in spaces
    QUOTE = "quote"


#: The kinds of an item of a list.
LIST_KINDS = frozenset({Kind.LIST_ITEM, Kind.ORDERED_ITEM})
