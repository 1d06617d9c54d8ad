"""Translations: every message has a Hindi text, and the compiled files match their sources."""

from __future__ import annotations

import gettext
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from babel.messages import pofile

from app import i18n
from app.errors import WrongPassphrase
from tests.conftest import PROJECT

sys.path.insert(0, str(PROJECT / "scripts"))
import i18n as i18n_tool

PO = PROJECT / "app/locale/hi/LC_MESSAGES/kyo.po"
TS = PROJECT / "ui/i18n/kyo_hi.ts"


def _ids(message_id: str | tuple[str, ...]) -> str:
    return message_id[0] if isinstance(message_id, tuple) else message_id


def test_every_core_message_is_translated() -> None:
    in_code = {_ids(m.id) for m in i18n_tool.extract_core() if m.id}
    with PO.open("rb") as f:
        catalog = pofile.read_po(f, locale="hi")
    translated = {
        _ids(m.id)
        for m in catalog
        if m.id and m.string and all(m.string) and "fuzzy" not in m.flags
    }
    assert in_code, "extraction found nothing"
    missing = sorted(in_code - translated)
    assert not missing, f"untranslated (run scripts/i18n.py update, translate): {missing}"


def test_mo_is_compiled_from_the_current_po() -> None:
    with PO.open("rb") as f:
        catalog = pofile.read_po(f, locale="hi")
    with PO.with_suffix(".mo").open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            for n, form in enumerate(message.string):
                assert compiled.ngettext(message.id[0], message.id[1], 1 if n == 0 else 2) == form
        else:
            assert compiled.gettext(message.id) == message.string, message.id


def test_every_ui_string_is_translated() -> None:
    tree = ET.parse(TS)
    messages = list(tree.getroot().iter("message"))
    assert len(messages) > 20
    unfinished = [
        m.findtext("source")
        for m in messages
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        or not m.findtext("translation")
    ]
    assert not unfinished


def test_ts_lists_every_tr_call_in_ui(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (PROJECT / "ui").rglob("*.py"))
    subprocess.run(
        [str(i18n_tool.BIN / "pyside6-lupdate"), "-silent", *sources, "-ts", str(fresh)],
        check=True,
    )
    wanted = {
        (c.findtext("name"), m.findtext("source"))
        for c in ET.parse(fresh).getroot().iter("context")
        for m in c.iter("message")
    }
    have = {
        (c.findtext("name"), m.findtext("source"))
        for c in ET.parse(TS).getroot().iter("context")
        for m in c.iter("message")
    }
    assert wanted - have == set(), "run scripts/i18n.py update and translate"


def test_qm_is_compiled_from_the_current_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "kyo_hi.qm"
    subprocess.run(
        [str(i18n_tool.BIN / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(fresh)],
        check=True,
    )
    assert fresh.read_bytes() == TS.with_suffix(".qm").read_bytes(), "run scripts/i18n.py compile"


def test_core_messages_switch_language() -> None:
    i18n.set_language("hi")
    assert WrongPassphrase.__name__  # the class is language-neutral; messages are made on use
    assert i18n._("That passphrase is not right. Nothing was changed.").startswith("यह पासफ़्रेज़")
    assert "सेकंड" in i18n.ngettext(
        "Too many wrong passphrases. Try again in {n} second.",
        "Too many wrong passphrases. Try again in {n} seconds.",
        5,
    )
    i18n.set_language("en")
    assert i18n._("That passphrase is not right. Nothing was changed.").startswith("That")
