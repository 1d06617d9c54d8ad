"""The ADL LMS Test Suite's AU scripts themselves, run by Node against the local endpoint.

The packages' AUs are browser JavaScript; a few lines of shim (location, document, a result
<pre>) let Node run them unchanged. Each AU writes {"success": …} when done, as in a browser.
The player (QtWebEngine) will run them for real; this checks the endpoint's side now.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tarfile
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from app.cmi5 import LocalLrs
from tests.cmi5.conftest import LTS_ARCHIVE, Env, lts_course, make_env

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")

SHIM = r"""
const readline = require("readline");
const [jsFile, href] = process.argv.slice(2);
const win = { document: { location: { href } } };
win.self = win; win.top = win;
globalThis.window = win;
globalThis.self = win;
globalThis.document = {
  location: win.document.location,
  createElement(tag) {
    return { tag, id: "", innerHTML: "", attrs: {}, setAttribute(k, v) { this.attrs[k] = v; },
             getAttribute(k) { return this.attrs[k]; },
             addEventListener(ev, fn) { this.handler = fn; }, remove() {} };
  },
  body: {
    appendChild(el) {
      if (el.id === "result") console.log("RESULT " + el.innerHTML.replace(/\n/g, " "));
      if (el.id === "abandon") {  // 008: click once the LMS has abandoned the session
        console.log("ABANDON");
        const rl = readline.createInterface({ input: process.stdin });
        rl.on("line", () => { rl.close(); el.handler(); });
      }
    },
  },
};
require(jsFile);
"""
RUNS: list[tuple[str, list[dict[str, Any]]]] = [
    ("001-essentials", [{}]),
    ("002-allowed", [{}]),
    ("003-launchMethod-OwnWindow", [{}]),
    ("004-1-moveOn-Completed", [{}]),
    ("004-2-moveOn-CompletedOrPassed", [{}]),
    ("004-3-moveOn-Passed", [{}]),
    ("004-4-moveOn-CompletedOrPassed", [{}]),
    ("004-5-moveOn-NotApplicable", [{}]),
    ("005-1-invalid-au", [{}]),
    ("005-2-invalid-au", [{}]),
    ("006-launchMode", [{"launch_mode": "Browse"}, {"launch_mode": "Review"}]),
    ("007-1-multi-session", [{}, {}]),  # the second run must see the first one's records
    ("007-2-multi-session", [{}, {}]),
    ("008-1-abandoned", [{}]),
    ("009-1-waived", [{}]),
]


@pytest.fixture(scope="module")
def scripts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lts")
    (folder / "shim.js").write_text(SHIM)
    with tarfile.open(LTS_ARCHIVE) as tar:
        for member in tar.getmembers():
            name = Path(member.name).name
            if not (name.startswith("0") and name.endswith(".zip")):
                continue
            data = tar.extractfile(member).read()  # type: ignore[union-attr]
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                script = name.removesuffix(".zip") + ".js"
                if script in z.namelist():
                    (folder / script).write_bytes(z.read(script))
    return folder


def run_au(scripts: Path, package: str, env: Env, **options: Any) -> dict[str, Any]:
    session = env.session(0, **options)
    lrs = LocalLrs(session)
    lrs.start()
    url = "http://lts.invalid/pkg/" + env.course.aus[0].url
    session.prepare_launch(launch_url=url)
    command = [str(NODE), str(scripts / "shim.js"), str(scripts / f"{package}.js")]
    node = subprocess.Popen(
        [*command, lrs.launch_url(url)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert node.stdin is not None and node.stdout is not None
        for line in node.stdout:
            if line.startswith("ABANDON"):
                session.end()
                node.stdin.write("click\n")
                node.stdin.flush()
            if line.startswith("RESULT "):
                result: dict[str, Any] = json.loads(line.removeprefix("RESULT "))
                break
        else:
            raise AssertionError("the AU wrote no result")
        deadline = time.monotonic() + 5
        while session.active and time.monotonic() < deadline:  # some close after the result
            time.sleep(0.02)
        return result
    finally:
        node.kill()
        node.wait()
        lrs.stop()


@pytest.mark.parametrize(("package", "runs"), RUNS, ids=[r[0] for r in RUNS])
def test_lts_au_script(scripts: Path, package: str, runs: list[dict[str, Any]]) -> None:
    env = make_env(lts_course(f"{package}.zip"))
    for options in runs:
        result = run_au(scripts, package, env, **options)
        assert result["success"] is True, result
        assert result["isError"] is False
    verbs = env.verbs()
    if package != "008-1-abandoned":
        assert verbs.count("terminated") == len(runs) and "abandoned" not in verbs
