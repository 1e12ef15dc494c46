(function () {
  "use strict";
  // Light up every piece of the span a link points to (a span split by another one).
  function mark() {
    document.querySelectorAll(".hit").forEach(function (e) { e.classList.remove("hit"); });
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) { return; }
    document.querySelectorAll('[data-of="' + CSS.escape(id) + '"]').forEach(function (e) {
      e.classList.add("hit");
    });
  }
  window.addEventListener("hashchange", mark);
  mark();
  // Print everything, folded sections included.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
