"""A Scrapy item pipeline: cleans an item's HTML or text field and adds the result fields.

    # settings.py
    ITEM_PIPELINES = {"cleaner.integrations.scrapy.CleanerPipeline": 300}
    CLEANER_FIELD = "html"           # the field to clean (default "html", then "text")
    CLEANER_URL_FIELD = "url"        # passed to the cleaner as the page's URL
    CLEANER_PREFIX = "clean_"        # added fields: clean_text, clean_title, ... clean_error
    CLEANER_TIMEOUT = 30             # seconds per item (default: none); past it, clean_error

No item is dropped: an item without the field, or one the cleaner refuses, passes on with
`clean_error` set (and a warning in the log), so nothing disappears silently. A `scrapy.Item`
whose class does not declare the `clean_*` fields cannot hold them: it passes on as a dict
of its fields plus the cleaned ones, with `clean_error` saying so (declare the fields, or
yield dicts, to avoid that).
"""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter

from cleaner.config import Config
from cleaner.integrations import FIELDS, clean_record

log = logging.getLogger(__name__)


class CleanerPipeline:
    def __init__(self, field: str = "html", url_field: str = "url", prefix: str = "clean_",
                 config: Config | None = None) -> None:
        self.field, self.url_field, self.prefix, self.config = field, url_field, prefix, config

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanerPipeline:
        settings = crawler.settings
        timeout = settings.getfloat("CLEANER_TIMEOUT", 0.0)
        return cls(
            field=settings.get("CLEANER_FIELD", "html"),
            url_field=settings.get("CLEANER_URL_FIELD", "url"),
            prefix=settings.get("CLEANER_PREFIX", "clean_"),
            config=Config(timeout=timeout) if timeout > 0 else None,
        )

    def process_item(self, item: Any, spider: Any = None) -> Any:
        adapter = ItemAdapter(item)
        field = self.field if self.field in adapter else ("text" if "text" in adapter else self.field)
        value = adapter.get(field)
        url = adapter.get(self.url_field)
        record = clean_record(value, self.config, url if isinstance(url, str) else None)
        if value is None:
            record["error"] = f"item has no {self.field!r} field"
        names = [self.prefix + name for name in ("text", *FIELDS, "error")]
        undeclared = [name for name in names if not _can_hold(adapter, name)]
        if undeclared:
            note = (f"item class {type(item).__name__} does not declare {', '.join(undeclared)}; "
                    "passed on as a dict")
            record["error"] = f"{record['error']}; {note}" if record["error"] else note
        if record["error"]:
            log.warning("cleaner: %s (%s)", record["error"], url or "no url")
        values = {self.prefix + name: record[name] for name in ("text", *FIELDS, "error")}
        if undeclared:
            return {**adapter.asdict(), **values}
        for name, value in values.items():
            adapter[name] = value
        return item


def _can_hold(adapter: ItemAdapter, name: str) -> bool:
    """Whether the item accepts this field: dicts and dataclass-like items take any name
    (attrs and dataclass items only declared ones, like `scrapy.Item`)."""
    if isinstance(adapter.item, dict):
        return True
    try:
        return name in adapter.field_names()
    except Exception:  # noqa: BLE001 - an adapter that cannot list its fields: try it
        return True
