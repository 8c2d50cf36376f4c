"""cleaner: strip aggregator and site chrome from scraped articles, and explain every removal.

    >>> from cleaner import clean
    >>> article = clean(page_text_or_html)
    >>> article.text, article.title, article.removed
"""

from cleaner.config import Config
from cleaner.errors import CleanerError, InputTooLarge, UndecodableInput
from cleaner.model import Article, Removal
from cleaner.pipeline import STAGES, Cleaner, clean
from cleaner.rules import RulesError

__all__ = ["STAGES", "Article", "Cleaner", "CleanerError", "Config", "InputTooLarge", "Removal", "RulesError", "UndecodableInput", "clean"]
__version__ = "0.1.0"
