"""The SCORM API for a SCO in the web player: `window.API` (1.2) or `window.API_1484_11` (2004).

The player opens a small launch page of its own, `kyo-content://course/_kyo/sco.html`, that
holds the API object and shows the SCO in a full-size frame, as a browser LMS does. Content
finds the API the standard way, walking `window.parent` from its frame (however deeply nested),
so nothing has to be injected into the content's frames, and a SCO's own `var API = null`
cannot hide it. Each API method is a synchronous XMLHttpRequest to the `scorm-api` endpoint,
answered on a worker by `Runtime.call`: the content gets its answer at once, as SCORM expects,
and a Commit's database write never runs on the GUI thread.

When the player closes, it first does what a browser does when a window closes: it fires
`beforeunload`, `pagehide` and `unload` in every frame while the API still answers (Chromium
forbids synchronous requests during a real unload), so the SCO saves its session time, exit
and bookmark itself; if it still has not finished, the player calls LMSFinish/Terminate for it.
"""

from __future__ import annotations

import html
import json
import threading
from typing import TYPE_CHECKING

from app.scorm.runtime import RUNNING, TERMINATED

if TYPE_CHECKING:
    from app.learning_scorm import ScormLaunch

METHODS = {
    "1.2": ("API", ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
                    "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"]),
    "2004": ("API_1484_11", ["Initialize", "Terminate", "GetValue", "SetValue", "Commit",
                             "GetLastError", "GetErrorString", "GetDiagnostic"]),
}  # fmt: skip
FINISH = {"1.2": "LMSFinish", "2004": "Terminate"}

_WRAPPER = """<!DOCTYPE html>
<html lang="%(lang)s"><head><meta charset="utf-8"><title>%(title)s</title>
<style>html, body { margin: 0; height: 100%%; overflow: hidden; background: #fff; }
iframe { display: block; border: 0; width: 100%%; height: 100%%; }</style>
<script>
(function () {
  "use strict";
  var seq = 0;
  function text(value) {
    var s = value == null ? "" : String(value);
    try { return encodeURIComponent(s); }
    catch (e) { return encodeURIComponent(s.replace(/[\\ud800-\\udfff]/g, "\\ufffd")); }
  }
  function failed(method) {
    if (/GetValue|GetErrorString|GetDiagnostic/.test(method)) return "";
    return /GetLastError/.test(method) ? "101" : "false";
  }
  function call(method, args) {
    var query = "m=" + text(method) + "&n=" + (++seq);
    for (var i = 0; i < 2 && i < args.length; i++) query += "&a" + i + "=" + text(args[i]);
    var xhr = new XMLHttpRequest();
    try {
      xhr.open("GET", "%(endpoint)s?" + query, false);
      xhr.send();
    } catch (e) {
      return failed(method);
    }
    return xhr.status === 200 || xhr.status === 0 ? xhr.responseText : failed(method);
  }
  var api = {};
  %(methods)s.forEach(function (name) {
    api[name] = function () { return call(name, Array.prototype.slice.call(arguments)); };
  });
  window[%(name)s] = api;
})();
</script></head>
<body><iframe id="sco" title="%(title)s" src="%(src)s" allow="fullscreen; autoplay"></iframe></body>
</html>
"""

# Fires what a closing window fires, in every frame (top first), while the API still answers.
UNLOAD_JS = """
(function () {
  var frames = [];
  (function walk(win) {
    frames.push(win);
    for (var i = 0; i < win.frames.length; i++) {
      try { walk(win.frames[i]); } catch (e) {}
    }
  })(window);
  ["beforeunload", "pagehide", "unload"].forEach(function (type) {
    frames.forEach(function (win) {
      try { win.dispatchEvent(new win.Event(type)); } catch (e) {}
    });
  });
  return frames.length;
})()
"""


def wrapper_page(version: str, sco_url: str, title: str, lang: str, endpoint: str) -> bytes:
    name, methods = METHODS[version]
    return (
        _WRAPPER
        % {
            "lang": html.escape(lang),
            "title": html.escape(title),
            "src": html.escape(sco_url),
            "endpoint": endpoint,
            "methods": json.dumps(methods),
            "name": json.dumps(name),
        }
    ).encode("utf-8")


class ScormBridge:
    """The Python side: one SCO session's runtime, called from the endpoint's workers and from
    the player's close, one call at a time."""

    def __init__(self, launch: ScormLaunch) -> None:
        self.launch = launch
        self.runtime = launch.runtime
        self.version = "1.2" if self.runtime.version == "1.2" else "2004"
        self._lock = threading.Lock()
        self.calls = 0

    def call(self, params: dict[str, str]) -> str:
        """One API call from the content (on a worker): the runtime's string answer."""
        args = [params[key] for key in ("a0", "a1") if key in params]
        with self._lock:
            self.calls += 1
            return self.runtime.call(params.get("m", ""), *args)

    @property
    def terminated(self) -> bool:
        return self.runtime.state == TERMINATED

    def finish_for_content(self) -> bool:
        """On a worker, at close: LMSFinish/Terminate if the SCO initialized and did not
        finish, so its data is committed; True if it had to."""
        with self._lock:
            if self.runtime.state != RUNNING:
                return False
            self.runtime.call(FINISH[self.version], "")
            return True
