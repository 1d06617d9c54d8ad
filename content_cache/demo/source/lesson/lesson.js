// Language toggle. Without script both languages stay visible, so the page works either way.
"use strict";
(function () {
  const root = document.documentElement;
  const group = document.querySelector(".toggle");
  const buttons = group.querySelectorAll("button");
  function show(which) {
    root.dataset.show = which;
    // Screen readers pick their voice from the page language when only Hindi is shown.
    root.lang = which === "hi" ? "hi" : "en";
    buttons.forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.show === which));
    });
  }
  buttons.forEach(function (b) {
    b.addEventListener("click", function () { show(b.dataset.show); });
  });
  group.hidden = false;
})();
