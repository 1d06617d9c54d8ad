"""The HTML lesson's progress: the page-side hook and when the player records what it reports.

A lesson page gets `window.kyo` before its own scripts run (documented in docs/learning.md):

    kyo.resume                      // where the learner left ("" the first time)
    kyo.progress(fraction, where)   // 0..1 and a short string to resume at; 1 completes it

A lesson that never calls `kyo.progress` is measured by scrolling: the fraction is how far down
the page the learner has seen (the end of the page completes it) and the resume point is
`scroll:<fraction of the page above the window's top>`. Reports reach the player through the
`progress` endpoint; it records a step of 10 % (or the end) at once and the rest on close, so
a learner scrolling back and forth does not write a statement per wheel turn.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

STEP = 0.1
MAX_LOCATION = 1000  # characters of a page-reported location kept

LESSON_JS = r"""
(function () {
  "use strict";
  if (window.top !== window || window.kyo) return;
  var resume = %(resume)s, best = 0, where = resume, byPage = false, timer = null, sent = "";
  function send() {
    timer = null;
    var query = "f=" + best.toFixed(4) + "&l=" + encodeURIComponent(where);
    if (query === sent) return;
    sent = query;
    var xhr = new XMLHttpRequest();
    xhr.open("GET", "%(endpoint)s?" + query);
    xhr.send();
  }
  function later() { if (timer === null) timer = setTimeout(send, 300); }
  function measure() {
    if (byPage) return;
    var doc = document.documentElement, body = document.body;
    var height = Math.max(doc.scrollHeight, body ? body.scrollHeight : 0);
    if (height <= 0) return;
    var bottom = window.scrollY + window.innerHeight;
    var seen = bottom >= height - 4 ? 1 : bottom / height;
    best = Math.max(best, Math.min(1, seen));
    where = "scroll:" + (window.scrollY / height).toFixed(4);
    later();
  }
  function restore() {
    var match = /^scroll:([0-9.]+)$/.exec(resume);
    if (match) {
      var height = Math.max(document.documentElement.scrollHeight, document.body.scrollHeight);
      window.scrollTo(0, parseFloat(match[1]) * height);
    }
    measure();
  }
  window.kyo = {
    resume: resume,
    progress: function (fraction, location) {
      byPage = true;
      var f = Number(fraction);
      best = Math.max(best, isFinite(f) ? Math.min(1, Math.max(0, f)) : 0);
      if (location != null) where = String(location);
      later();
    },
    state: function () { return {fraction: best, location: where}; }
  };
  window.addEventListener("load", restore);
  window.addEventListener("scroll", measure, {passive: true});
  window.addEventListener("resize", measure);
})();
"""


def lesson_script(resume: str, endpoint: str) -> str:
    return LESSON_JS % {"resume": json.dumps(resume), "endpoint": endpoint}


@dataclass
class LessonProgress:
    """What the page reported and what is recorded; decides when to write."""

    recorded_fraction: float = 0.0
    recorded_location: str = ""
    fraction: float = 0.0
    location: str = ""

    @classmethod
    def start(cls, fraction: float, location: str) -> LessonProgress:
        return cls(fraction, location, fraction, location)

    def report(self, fraction: float, location: str) -> bool:
        """The page's latest numbers; True if they are worth recording now."""
        self.fraction = max(self.fraction, min(1.0, max(0.0, fraction)))
        self.location = location[:MAX_LOCATION]
        done_now = self.fraction >= 1.0 > self.recorded_fraction
        return done_now or self.fraction >= self.recorded_fraction + STEP

    def pending(self) -> bool:
        return (self.fraction, self.location) != (self.recorded_fraction, self.recorded_location)

    def recorded(self, fraction: float, location: str) -> None:
        self.recorded_fraction = max(self.recorded_fraction, fraction)
        self.recorded_location = location
