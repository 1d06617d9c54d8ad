"""Translations of the core's messages (gettext, domain `kyo`).

The core builds user-facing messages when it raises or prints them, so switching the language
takes effect for every message made afterwards. The translation in use is process state, as
gettext's is by design; `set_language` is called by the composition roots (the `kyo` command
line and the window), never from inside the core.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "kyo"
LOCALE_DIR = Path(__file__).parent / "locale"

# Language codes the app ships, with each language's own name for itself.
LANGUAGES: dict[str, str] = {"en": "English", "hi": "हिन्दी"}
DEFAULT_LANGUAGE = "en"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def set_language(code: str) -> None:
    """Use `code` ('en', 'hi') for every message made from now on."""
    global _translation, _language
    if code not in LANGUAGES:
        raise ValueError(f"unsupported language {code!r}")
    _language = code
    if code == DEFAULT_LANGUAGE:
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[code])


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """Translate `message` into the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def text_in(text: Mapping[str, str], language: str | None = None) -> str:
    """From a {language: text} mapping (course titles), the text in `language` (default: the
    current one), else English, else any."""
    language = language or _language
    return text.get(language) or text.get("en") or next(iter(text.values()), "")
