"""Privacy by construction: scrub free text, describe withheld values, detect identifiers.

The project studies institutions, never individuals. Three jobs live here:
- `scrub` (`scrubbing`) replaces identifiers in free text (notes, interview text and
  questions) with typed placeholders before anything is written;
- `shown` (`messages`) decides what of a raw value a public reject message may show (a date
  as a date, a known vocabulary word as itself, anything else only described by its shape);
- `find_identifiers` (`detectors`) is the detector the privacy gate (`analysis.gate`) runs on
  every generated file; it must stay quiet on dates, rounded floats and hex hashes.
The patterns both use live in `patterns`, known-name matching (`Names`) in `names`. Every
name stays importable from `analysis.privacy`.
"""

from analysis.privacy.detectors import DETECTORS, PATTERNS, STREET_RE, find_identifiers
from analysis.privacy.messages import (
    MARK_CLOSE,
    MARK_OPEN,
    UNIT_WORDS,
    allow_words,
    describe,
    mark,
    private_message,
    public_message,
    shown,
)
from analysis.privacy.names import Names
from analysis.privacy.patterns import (
    ADDRESS_RE,
    AGE_NOUN_RE,
    AGE_WORD_RE,
    AT_HANDLE_RE,
    DATE_SHAPES,
    DATE_TIME_RE,
    DIGIT_GROUPS_RE,
    EMAIL_RE,
    HEX_RE,
    HONORIFIC_NAME_RE,
    HONORIFICS,
    INITIALS_RE,
    LINK_HOSTS,
    LINK_RE,
    LP_RE,
    NOT_NAMES,
    PAREN_AGE_RE,
    PLACEHOLDERS,
    PLATFORM_HANDLE_RE,
    PLATFORMS,
    RANK_NAME_RE,
    RANKS,
    ROLE_NAME_RE,
    ROLES,
    RT_RW_RE,
    URL_PATH_RE,
)
from analysis.privacy.scrubbing import scrub, scrub_series

__all__ = [
    "ADDRESS_RE",
    "AGE_NOUN_RE",
    "AGE_WORD_RE",
    "AT_HANDLE_RE",
    "DATE_SHAPES",
    "DATE_TIME_RE",
    "DETECTORS",
    "DIGIT_GROUPS_RE",
    "EMAIL_RE",
    "HEX_RE",
    "HONORIFICS",
    "HONORIFIC_NAME_RE",
    "INITIALS_RE",
    "LINK_HOSTS",
    "LINK_RE",
    "LP_RE",
    "MARK_CLOSE",
    "MARK_OPEN",
    "NOT_NAMES",
    "Names",
    "PAREN_AGE_RE",
    "PATTERNS",
    "PLACEHOLDERS",
    "PLATFORMS",
    "PLATFORM_HANDLE_RE",
    "RANKS",
    "RANK_NAME_RE",
    "ROLES",
    "ROLE_NAME_RE",
    "RT_RW_RE",
    "STREET_RE",
    "UNIT_WORDS",
    "URL_PATH_RE",
    "allow_words",
    "describe",
    "find_identifiers",
    "mark",
    "private_message",
    "public_message",
    "scrub",
    "scrub_series",
    "shown",
]
