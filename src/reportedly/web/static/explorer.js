// reportedly explorer: hovering or focusing one part of an attribution highlights its other
// parts and its card. Loaded from the package (no inline script: the CSP forbids them).
"use strict";
(function () {
  function attributionOf(element) {
    if (!element || !element.closest) return null;
    var card = element.closest(".attr-card");
    if (card) return card.getAttribute("data-attr");
    var seg = element.closest(".seg[data-parts]");
    if (!seg) return null;
    var parts = seg.getAttribute("data-parts").split(" ");
    for (var i = 0; i < parts.length; i++) {
      var m = /^(source|cue|content|channel)-(\d+)$/.exec(parts[i]);
      if (m) return m[2];
    }
    return null;
  }
  function clear() {
    document.querySelectorAll(".hl").forEach(function (el) { el.classList.remove("hl"); });
  }
  function light(index) {
    clear();
    if (index === null) return;
    ["source", "cue", "content", "channel"].forEach(function (role) {
      document.querySelectorAll('[data-parts~="' + role + "-" + index + '"]').forEach(function (el) {
        el.classList.add("hl");
      });
    });
    var card = document.getElementById("a-" + index);
    if (card) card.classList.add("hl");
  }
  function onEnter(event) { var i = attributionOf(event.target); if (i !== null) light(i); }
  function onLeave(event) { if (attributionOf(event.target) !== null) clear(); }
  document.addEventListener("mouseover", onEnter);
  document.addEventListener("mouseout", onLeave);
  document.addEventListener("focusin", onEnter);
  document.addEventListener("focusout", onLeave);
})();
