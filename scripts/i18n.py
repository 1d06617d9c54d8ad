"""Update and compile the translations.

    .venv/bin/python scripts/i18n.py update    # sources -> kyo.pot, hi .po; ui -> kyo_hi.ts
    .venv/bin/python scripts/i18n.py compile   # .po -> .mo, .ts -> .qm (both committed)

Core messages (app/, content_cache/, sync/) use gettext (app/locale/<lang>/LC_MESSAGES/kyo.po);
the window uses Qt's tr() (ui/i18n/kyo_<lang>.ts). Translate new strings in those two files
(Qt Linguist works for the .ts), then compile. tests/test_i18n.py fails while a string is
untranslated or a compiled file is stale.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages import extract, mofile, pofile
from babel.messages.catalog import Catalog

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "app" / "locale"
UI_I18N = ROOT / "ui" / "i18n"
LANGUAGES = ["hi"]
BIN = Path(sys.executable).parent
KEYWORDS = {"_": None, "ngettext": (1, 2)}


CORE_PACKAGES = ("app", "content_cache", "sync")  # everything that speaks through gettext


def extract_core() -> Catalog:
    """Every message in the core packages marked with _() or ngettext()."""
    catalog = Catalog(project="karmayogi-offline", domain="kyo")
    method_map = [("**.py", "python")]
    for package in CORE_PACKAGES:
        for filename, lineno, message, comments, _ctx in extract.extract_from_dir(
            str(ROOT / package), method_map=method_map, keywords=KEYWORDS
        ):
            catalog.add(message, None, [(f"{package}/{filename}", lineno)], auto_comments=comments)
    return catalog


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "kyo.po"


def ts_path(lang: str) -> Path:
    return UI_I18N / f"kyo_{lang}.ts"


def update() -> None:
    template = extract_core()
    with (LOCALE / "kyo.pot").open("wb") as f:
        pofile.write_po(f, template, sort_output=True, include_lineno=False)
    for lang in LANGUAGES:
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            with path.open("rb") as f:
                catalog = pofile.read_po(f, locale=lang, domain="kyo")
        else:
            catalog = Catalog(locale=lang, domain="kyo", project="karmayogi-offline")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.fuzzy = False
        catalog.project, catalog.version = "karmayogi-offline", "1"
        catalog.copyright_holder = "Karmayogi Offline developers"
        catalog.last_translator = catalog.language_team = "Karmayogi Offline developers"
        with path.open("wb") as f:
            pofile.write_po(
                f, catalog, sort_output=True, ignore_obsolete=True, include_lineno=False
            )
        sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
        subprocess.run(
            [
                str(BIN / "pyside6-lupdate"),
                "-no-obsolete",
                "-locations",
                "none",
                *sources,
                "-ts",
                str(ts_path(lang)),
            ],
            check=True,
            cwd=ROOT,
        )


def compile_all() -> None:
    for lang in LANGUAGES:
        with po_path(lang).open("rb") as f:
            catalog = pofile.read_po(f, locale=lang, domain="kyo")
        with po_path(lang).with_suffix(".mo").open("wb") as f:
            mofile.write_mo(f, catalog, use_fuzzy=False)
        qm = ts_path(lang).with_suffix(".qm")
        subprocess.run(
            [str(BIN / "pyside6-lrelease"), "-silent", str(ts_path(lang)), "-qm", str(qm)],
            check=True,
        )


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    else:
        sys.exit(__doc__)
