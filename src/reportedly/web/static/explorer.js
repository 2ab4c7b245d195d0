// reportedly explorer: hovering or focusing one part of an attribution highlights its other
// parts and its card (a quote found by quotation marks: its text and its card). Loaded from
// the package (no inline script: the CSP forbids them).
"use strict";
(function () {
  function attributionOf(element) {
    if (!element || !element.closest) return null;
    var card = element.closest(".attr-card");
    if (card) return card.id;
    var seg = element.closest(".seg[data-parts]");
    if (!seg) return null;
    var parts = seg.getAttribute("data-parts").split(" ");
    for (var i = 0; i < parts.length; i++) {
      var m = /^(source|cue|content|channel)-(\d+)$/.exec(parts[i]);
      if (m) return "a-" + m[2];
      var q = /^quoted-(\d+)$/.exec(parts[i]);
      if (q) return "q-" + q[1];
    }
    return null;
  }
  function clear() {
    document.querySelectorAll(".hl").forEach(function (el) { el.classList.remove("hl"); });
  }
  function light(key) {
    clear();
    if (key === null) return;
    var index = key.slice(2);
    var roles = key.charAt(0) === "q" ? ["quoted"] : ["source", "cue", "content", "channel"];
    roles.forEach(function (role) {
      document.querySelectorAll('[data-parts~="' + role + "-" + index + '"]').forEach(function (el) {
        el.classList.add("hl");
      });
    });
    var card = document.getElementById(key);
    if (card) card.classList.add("hl");
  }
  function onEnter(event) { var i = attributionOf(event.target); if (i !== null) light(i); }
  function onLeave(event) { if (attributionOf(event.target) !== null) clear(); }
  document.addEventListener("mouseover", onEnter);
  document.addEventListener("mouseout", onLeave);
  document.addEventListener("focusin", onEnter);
  document.addEventListener("focusout", onLeave);
})();
