"""One frozen configuration object: every knob in one place, with documented defaults."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

#: Inputs larger than this are refused with `InputTooLarge` (bytes of text or HTML).
MAX_INPUT_BYTES_DEFAULT = 50 * 1024 * 1024


@dataclass(frozen=True)
class Config:
    """How `Cleaner` behaves. Immutable, hashable and picklable.

    keep_near_duplicates: keep blocks that nearly repeat other blocks (key-point
        bullets restating paragraphs); exact repeats still go.
    rules: extra rule-pack files (TOML), applied before the packaged ones.
    language: report this language (ISO 639-1) instead of detecting it (rules do not depend on it).
    max_input_bytes: refuse larger inputs with a clear error.
    timeout: seconds one document may take, or None for no limit (the default for `clean`;
        the batch runner sets 60). Past it, `clean` raises `DocumentTimeout`, in any thread.
    favor: "balanced" (the default), "precision" (less chrome left, at the risk of losing some
        text) or "recall" (more of the page kept, at the risk of keeping chrome), as with
        trafilatura's favor_precision / favor_recall: see `FAVOR`.
    explain: on HTML, also list the page's own blocks the extractor left out of its choice
        (stage `extractor` in `Article.removed`). It costs a walk of the page, so it is off
        unless an explanation is asked for (`cleaner explain`, `--explain`); the body and the
        metadata are the same either way.
    """

    keep_near_duplicates: bool = False
    rules: tuple[str, ...] = ()
    language: str | None = None
    max_input_bytes: int = MAX_INPUT_BYTES_DEFAULT
    timeout: float | None = None
    favor: str = "balanced"
    explain: bool = False

    @property
    def keeps_near_duplicates(self) -> bool:
        """Near repeats stay: asked for, or implied by favouring recall."""
        return self.keep_near_duplicates or self.favor == "recall"

    @classmethod
    def from_options(cls, base: Config | None = None, **options: Any) -> Config:
        """Build a config from keyword options, with a clear error for unknown names."""
        known = {f.name for f in fields(cls)}
        unknown = set(options) - known
        if unknown:
            raise TypeError(f"unknown option(s) {sorted(unknown)}; known: {sorted(known)}")
        if "rules" in options:
            value = options["rules"]
            options["rules"] = (str(value),) if isinstance(value, str) or hasattr(value, "__fspath__") else tuple(
                str(v) for v in value
            )
        return replace(base or cls(), **options)

    def __post_init__(self) -> None:
        """Refuse values no run could honour, with the option's name in the message."""
        if self.timeout is not None and not (isinstance(self.timeout, (int, float)) and self.timeout > 0):
            raise ValueError(f"timeout must be a number of seconds above 0, or None for no limit; got {self.timeout!r}")
        if not isinstance(self.max_input_bytes, int) or self.max_input_bytes <= 0:
            raise ValueError(f"max_input_bytes must be a positive integer; got {self.max_input_bytes!r}")
        if self.favor not in FAVOR:
            raise ValueError(f"favor must be one of {', '.join(FAVOR)}; got {self.favor!r}")
        if self.language is not None and not is_language_code(self.language):
            raise ValueError(f"language must be an ISO 639-1 code such as 'en' or 'de'; got {self.language!r}")


#: What each `Config.favor` changes:
#: - precision: trafilatura extracts with favor_precision; on HTML, paragraphs are taken from
#:   the page only when trafilatura's choice is nearly empty, not when it merely holds less of
#:   the page's prose (that fallback can bring teaser tiles and comments with the article);
#: - balanced: the default;
#: - recall: trafilatura extracts with favor_recall and its fallback extractors; the stages that remove by shape or
#:   position rather than by a rule naming the text (`Stage.guess`: the main-span cut, trailing
#:   headlines, headerless teaser cards) do not run, and near repeats are kept.
FAVOR = ("precision", "balanced", "recall")


#: ISO 639-1: every two-letter language code.
_ISO_639_1_CODES = """
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz
ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik
io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml
mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd
se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve
vi vo wa wo xh yi yo za zh zu"""
ISO_639_1 = frozenset(_ISO_639_1_CODES.split())


def is_language_code(value: str) -> bool:
    return value in ISO_639_1
