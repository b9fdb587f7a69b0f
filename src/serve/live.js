// plansite serve: reload this tab when the site is rebuilt, and show build
// errors over the page while the last good version stays on screen.
(function () {
  "use strict";
  var me = document.currentScript;
  var shown = me ? me.getAttribute("data-generation") : null;
  var box = null;
  function show(text) {
    if (!box) {
      box = document.createElement("div");
      box.id = "plansite-build-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;top:0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#2b0a0a;color:#ffe0e0;font:13px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:1em 1.2em;" +
        "white-space:pre-wrap;border-bottom:3px solid #e33;box-shadow:0 2px 12px rgba(0,0,0,.4)";
      document.body.appendChild(box);
    }
    // textContent: diagnostics quote user text and must never become markup.
    box.textContent = "plansite: the last change did not build; the page shows the last good version.\n\n" + text;
  }
  function hide() { if (box) { box.remove(); box = null; } }
  var es = new EventSource("/__plansite/events");
  es.addEventListener("hello", function (e) {
    if (shown !== null && e.data !== shown) location.reload();
  });
  es.addEventListener("reload", function () { location.reload(); });
  // Pages rebuilt after the edited plan's own: reload only if this is one.
  es.addEventListener("update", function (e) {
    var path = location.pathname.replace(/^\//, "");
    if (path === "" || /\/$/.test(path)) path += "index.html";
    if (JSON.parse(e.data).indexOf(path) >= 0) location.reload();
  });
  es.addEventListener("build-error", function (e) { show(JSON.parse(e.data)); });
  es.addEventListener("build-ok", hide);
})();
