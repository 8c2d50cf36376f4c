"""Read a line that is only a date: "19 November 2019", "Mon, Nov. 18, 2019 at 12:42 PM EST",
"sexta-feira, 22 de outubro de 2010 às 20:13", "13.11.2019, 23:06", "2019-04-10".

A small grammar, not a general date parser: the line is cut into tokens (a numeric date, a
time, a number, a word, punctuation), every word must be a month, a weekday, a time zone or
one of the packs' connecting words ("at", "um", "de", "à"), and a day, a month and a year must
all be there. Anything else is "not a date line" (None). The month and weekday names come
from the language packs (`[dates]` in each), so a language is added as data. It is exact
where a general parser guesses: a bare time ("18:08") or a price ("$12.00") is no date, and
the answer never depends on today's date.

Numeric dates follow the writing conventions: `2019-04-10` and `2019/04/10` are year first,
dots are day first (`13.11.2019`, as in Germany or Russia; month first only when the day
cannot be a month, `11.14.2019`), slashes and dashes month first as in US English
(`11/19/19`; day first when the month would be above 12, `19/11/2019`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

#: Offsets of the time zones that date lines print (minutes east of UTC). Zones with no
#: single offset ("ET", "PT", "IST") are accepted and leave the time without an offset.
ZONES: dict[str, int | None] = {
    "utc": 0, "gmt": 0, "z": 0, "wet": 0, "bst": 60, "west": 60, "cet": 60, "mez": 60, "cest": 120,
    "mesz": 120, "eet": 120, "eest": 180, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
    "mst": -420, "mdt": -360, "pst": -480, "pdt": -420, "akst": -540, "akdt": -480, "hst": -600,
    "et": None, "ct": None, "mt": None, "pt": None, "ist": None,
}
_MERIDIEM = {"am": 0, "a.m.": 0, "pm": 12, "p.m.": 12}

_TOKEN = re.compile(
    r"""
    (?P<iso>(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})
        (?:[T\s](?P<ih>\d{1,2}):(?P<imin>\d{2})(?::(?P<isec>\d{2})(?:\.\d+)?)?\s*(?P<izone>Z|[+-]\d{2}:?\d{2})?)?)
    |(?P<ymd>(?P<yy>\d{4})[/.](?P<ym>\d{1,2})[/.](?P<yd>\d{1,2}))
    |(?P<dotted>(?P<da>\d{1,2})\.(?P<db>\d{1,2})\.(?P<dy>\d{4}|\d{2})(?!\d))
    |(?P<slashed>(?P<sa>\d{1,2})[/-](?P<sb>\d{1,2})[/-](?P<sy>\d{4}|\d{2})(?!\d))
    |(?P<time>(?P<hour>\d{1,2})(?::|h|\.(?=\d\d\s*(?:uhr|h|[ap]\.?m\.?)\b))(?P<minute>\d{2})(?::(?P<second>\d{2}))?
        (?:\s*(?P<meridiem>[ap]\.m\.|[ap]m)(?!\w))?)
    |(?P<range>(?P<first>\d{1,2})\s*[-–]\s*\d{1,2}(?=\s*,?\s*\d{4}))
    |(?P<number>\d+)(?:st|nd|rd|th|er|º|°|ª)?\.?
    |(?P<word>[^\W\d_][^\W\d_'’-]*(?:-[^\W\d_]+)*\.?)
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class DateWords:
    """The words a date line may hold, from the language packs."""

    months: dict[str, int]
    weekdays: frozenset[str]
    connectors: frozenset[str]

    @classmethod
    def from_lists(cls, months: Iterable[Sequence[str]], weekdays: Iterable[str], connectors: Iterable[str]) -> DateWords:
        """`months`: per language, twelve strings of space-separated names ("january jan")."""
        by_name: dict[str, int] = {}
        for names in months:
            for number, spelled in enumerate(names, 1):
                for name in spelled.split():
                    by_name.setdefault(name.casefold(), number)
        days = frozenset(w.casefold() for spelled in weekdays for w in spelled.split())
        return cls(by_name, days, frozenset(w.casefold() for w in connectors))


def read_date(text: str, words: DateWords) -> str | None:
    """ISO 8601 ("2019-11-18", "2019-11-18T12:42:00-05:00") for a line that is only a date."""
    day = month = year = None
    hour = minute = second = None
    zone: int | None = None
    month_words: list[str] = []
    for found in _TOKEN.finditer(text):
        kind = _kind(found)
        if kind in ("iso", "ymd", "dotted", "slashed"):
            if year is not None or month is not None or day is not None:
                return None
            parts = _numeric(found, kind)
            if parts is None:
                return None
            year, month, day = parts
            if kind == "iso" and found.group("ih"):
                hour, minute, second = int(found.group("ih")), int(found.group("imin")), int(found.group("isec") or 0)
                zone = _offset(found.group("izone"))
        elif kind == "time":
            if hour is not None:
                return None
            hour, minute, second = int(found.group("hour")), int(found.group("minute")), int(found.group("second") or 0)
            meridiem = found.group("meridiem")
            if meridiem:
                if not 1 <= hour <= 12:
                    return None
                hour = hour % 12 + _MERIDIEM[meridiem.casefold()]
        elif kind in ("number", "range"):
            digits = found.group("first") if kind == "range" else found.group("number")
            if len(digits) == 4 and year is None:
                year = int(digits)
            elif len(digits) <= 2 and day is None:
                day = int(digits)
            else:
                return None
        else:
            word = found.group("word").casefold()
            bare = word.rstrip(".")
            if bare in words.months and (bare not in words.weekdays or not month_words):
                month_words.append(bare)
            elif bare in words.weekdays or word in words.connectors or bare in words.connectors:
                continue
            elif bare in ZONES:
                zone = ZONES[bare] if zone is None else zone
            elif word in _MERIDIEM and hour is not None:
                continue  # "11:29 a.m." split by the tokenizer: read with the time
            else:
                return None  # a word that is not part of a date: the line says more than a date
    if month_words:
        if month is not None or len(month_words) > 1:
            return None
        month = words.months[month_words[0]]
    return _iso(year, month, day, hour, minute, second, zone)


def _kind(found: re.Match[str]) -> str:
    """Which alternative of `_TOKEN` matched (its outer group)."""
    return next(kind for kind in _KINDS if found.group(kind) is not None)


_KINDS = ("iso", "ymd", "dotted", "slashed", "time", "range", "number", "word")


def _numeric(found: re.Match[str], kind: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a numeric date, by the convention of its separator."""
    if kind == "iso":
        return int(found.group("iy")), int(found.group("im")), int(found.group("id"))
    if kind == "ymd":
        return int(found.group("yy")), int(found.group("ym")), int(found.group("yd"))
    if kind == "dotted":
        a, b, y = int(found.group("da")), int(found.group("db")), _year(found.group("dy"))
        return (y, b, a) if b <= 12 else (y, a, b)
    a, b, y = int(found.group("sa")), int(found.group("sb")), _year(found.group("sy"))
    return (y, a, b) if a <= 12 else (y, b, a)


def _year(digits: str) -> int:
    if len(digits) == 4:
        return int(digits)
    short = int(digits)
    return 2000 + short if short < 70 else 1900 + short


def _offset(text: str | None) -> int | None:
    if not text:
        return None
    if text.upper() == "Z":
        return 0
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return sign * (int(digits[:2]) * 60 + int(digits[2:]))


def _iso(year: int | None, month: int | None, day: int | None, hour: int | None, minute: int | None,
         second: int | None, zone: int | None) -> str | None:
    if year is None or month is None or day is None or not 1900 <= year <= 2100:
        return None
    try:
        moment = date(year, month, day)
    except ValueError:
        return None
    if hour is None or minute is None:
        return moment.isoformat()
    if hour > 23 or minute > 59 or (second or 0) > 59:
        return None
    stamp = f"{moment.isoformat()}T{hour:02d}:{minute:02d}:{second or 0:02d}"
    if zone is None:
        return stamp
    sign = "-" if zone < 0 else "+"
    return f"{stamp}{sign}{abs(zone) // 60:02d}:{abs(zone) % 60:02d}"
