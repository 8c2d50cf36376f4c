"""Rule packs: chrome phrases and patterns as data.

- `schema`: what a pack and a rule are, read from TOML (`parse_pack`, `RulesError`);
- `matcher`: `RuleBook`, the compiled packs a line is matched against;
- `registry`: which packs exist and apply (`builtin_packs`, `load_user_pack`, `rulebook_for`).
"""

from cleaner.rules.matcher import RuleBook
from cleaner.rules.registry import (
    builtin_packs,
    load_user_pack,
    packaged_languages,
    rulebook_for,
    site_packs,
    triggered_sites,
)
from cleaner.rules.schema import (
    PATTERN_TIMEOUT,
    ROLES,
    Match,
    Pack,
    Rule,
    RulesError,
    never_matching,
    parse_pack,
)

__all__ = [
    "PATTERN_TIMEOUT", "ROLES", "Match", "Pack", "Rule", "RuleBook", "RulesError", "builtin_packs", "load_user_pack",
    "never_matching", "packaged_languages", "parse_pack", "rulebook_for", "site_packs", "triggered_sites",
]
