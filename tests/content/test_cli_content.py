"""`kyo` for content, as an administrator or a script runs it (real subprocesses)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT
from tests.content.conftest import course_doc, make_course_folder, make_package

DEMO_ID = "urn:karmayogi-offline:course:demo-serving-citizens"


def kyo(
    home: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "KYO_HOME": str(home), **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "ui", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=full_env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_publish_trust_add_install_remove(tmp_path: Path) -> None:
    admin, lab = tmp_path / "admin-home", tmp_path / "lab-home"
    src = tmp_path / "src"
    make_course_folder(src / "ethics")
    rti = course_doc("urn:test:course:rti", title={"en": "RTI", "hi": "सूचना का अधिकार"})
    make_package(src / "rti.zip", rti)
    ok(kyo(admin, "repo", "keygen", str(tmp_path / "institute"), "--label", "Test institute"))
    assert (tmp_path / "institute.key").stat().st_mode & 0o077 == 0
    key = str(tmp_path / "institute.key")
    out = ok(kyo(admin, "repo", "publish", str(src), str(tmp_path / "repo"), "--key", key))
    assert "Published 2 courses" in out

    refused = kyo(lab, "repo", "add", str(tmp_path / "repo"))
    assert refused.returncode == 1 and "does not trust" in refused.stderr
    ok(kyo(lab, "repo", "trust", "add", str(tmp_path / "institute.pub")))
    ok(kyo(lab, "repo", "add", str(tmp_path / "repo")))

    catalog = json.loads(ok(kyo(lab, "catalog", "--json")))
    assert {c["id"] for c in catalog} == {"urn:test:course:ethics", "urn:test:course:rti"}
    hindi = json.loads(ok(kyo(lab, "catalog", "--search", "सूचना", "--json")))
    assert [c["id"] for c in hindi] == ["urn:test:course:rti"]
    assert hindi[0]["installed"] is None

    assert "Installed" in ok(kyo(lab, "install", "urn:test:course:rti"))
    installed = json.loads(ok(kyo(lab, "list", "--json")))
    assert [c["id"] for c in installed] == ["urn:test:course:rti"]
    assert json.loads(ok(kyo(lab, "catalog", "--search", "RTI", "--json")))[0]["installed"] == "1.0"
    ok(kyo(lab, "remove", "urn:test:course:rti"))
    assert json.loads(ok(kyo(lab, "list", "--json"))) == []


def test_install_file_folder_and_bad_input(tmp_path: Path) -> None:
    home = tmp_path / "home"
    folder = make_course_folder(tmp_path / "course")
    ok(kyo(home, "install", str(folder)))
    bad = tmp_path / "bad.zip"
    bad.write_text("# not a zip")
    result = kyo(home, "install", str(bad))
    assert result.returncode == 1
    assert "14.1.0.0-1" in result.stderr
    result = kyo(home, "install", "urn:nobody:offers:this")
    assert result.returncode == 1 and "No added repository" in result.stderr
    result = kyo(home, "install", str(tmp_path / "missing.zip"))
    assert result.returncode == 1 and "no file" in result.stderr
    assert len(json.loads(ok(kyo(home, "list", "--json")))) == 1


def test_fsck_reports_damage_and_exits_non_zero(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ok(kyo(home, "install", str(make_package(tmp_path / "p.zip"))))
    assert "0 damaged" in ok(kyo(home, "fsck"))
    (package,) = (home / "machine" / "content" / "packages").iterdir()
    package.write_bytes(package.read_bytes()[:-5] + b"XXXXX")
    result = kyo(home, "fsck")
    assert result.returncode == 1
    assert "1 damaged" in result.stdout and "urn:test:course:ethics" in result.stdout
    assert ok(kyo(home, "fsck")).count("0 damaged") == 1
    assert json.loads(ok(kyo(home, "list", "--json"))) == []


def test_usb_export_and_offline_import(tmp_path: Path) -> None:
    a, b = tmp_path / "online-pc", tmp_path / "offline-pc"
    ok(kyo(a, "demo"))
    usb = tmp_path / "usb"
    ok(kyo(a, "export", DEMO_ID, str(usb)))
    assert (usb / "index.json").exists() and (usb / "index.json.sig").exists()
    ok(kyo(b, "repo", "add", str(usb)))
    ok(kyo(b, "install", DEMO_ID))
    assert [c["id"] for c in json.loads(ok(kyo(b, "list", "--json")))] == [DEMO_ID]
    # A tampered stick is refused with the same checks.
    index = (usb / "index.json").read_text(encoding="utf-8")
    (usb / "index.json").write_text(index.replace("1.0.0", "9.0.0"), encoding="utf-8")
    result = kyo(tmp_path / "third-pc", "repo", "add", str(usb))
    assert result.returncode == 1 and "altered" in result.stderr


def test_export_with_an_institute_key(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    ok(kyo(a, "install", str(make_package(tmp_path / "p.zip"))))
    ok(kyo(a, "repo", "keygen", str(tmp_path / "inst")))
    result = kyo(a, "export", "urn:test:course:ethics", str(tmp_path / "usb"))
    assert result.returncode == 2 and "--key" in result.stderr
    key = str(tmp_path / "inst.key")
    ok(kyo(a, "export", "urn:test:course:ethics", str(tmp_path / "usb"), "--key", key))
    ok(kyo(b, "repo", "trust", "add", str(tmp_path / "inst.pub")))
    ok(kyo(b, "repo", "add", str(tmp_path / "usb")))
    ok(kyo(b, "install", "urn:test:course:ethics"))


def test_demo_is_installed_once_and_not_in_production(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert "Installed the demo course" in ok(kyo(home, "demo"))
    assert ok(kyo(home, "demo")) == ""
    (course,) = json.loads(ok(kyo(home, "list", "--json")))
    assert course["title"]["hi"] == "नागरिकों की बेहतर सेवा"
    production = tmp_path / "platform.json"
    config = {"name": "Production", "platform_keys": [], "trust_demo_key": False}
    production.write_text(json.dumps(config))
    prod_home = tmp_path / "prod"
    env = {"KYO_PLATFORM_CONFIG": str(production)}
    assert ok(kyo(prod_home, "demo", env=env)) == ""
    demo_repo = PROJECT / "content_cache" / "demo" / "repo"
    result = kyo(prod_home, "repo", "add", str(demo_repo), env=env)
    assert result.returncode == 1 and "does not trust" in result.stderr


def test_metered_connection_blocks_downloads_only(tmp_path: Path) -> None:
    from content_cache.serve import StaticServer

    home = tmp_path / "home"
    ok(kyo(home, "settings", "set", "metered", "on"))
    demo_repo = PROJECT / "content_cache" / "demo" / "repo"
    with StaticServer(demo_repo) as server:
        ok(kyo(home, "repo", "add", server.url))
        result = kyo(home, "install", DEMO_ID)
        assert result.returncode == 2 and "metered" in result.stderr
        ok(kyo(home, "settings", "set", "metered", "off"))
        ok(kyo(home, "settings", "set", "bandwidth_kbps", "100000"))
        ok(kyo(home, "install", DEMO_ID))
    settings = json.loads(ok(kyo(home, "settings", "show", "--json")))
    assert settings == {"language": "en", "bandwidth_kbps": 100000, "metered": False}
