// Progressive enhancement for /compare/: filter jurisdictions and categories,
// switch totals and per-10,000 figures, sort by a column. The view's state
// lives in the URL query (?j=a,b&c=use&pc=1&sort=col&dir=desc) so a link
// reproduces it. Without this script the full tables stand.
(function () {
  "use strict";
  var form = document.getElementById("compare-controls");
  var table = document.getElementById("matrix");
  if (!form || !table) return;
  form.hidden = false;
  var params = new URLSearchParams(location.search);
  function list(name) { var v = params.get(name); return v === null ? null : v.split(",").filter(Boolean); }
  var js = list("j"), cs = list("c");
  form.querySelectorAll("input[name=j]").forEach(function (i) { if (js) i.checked = js.indexOf(i.value) >= 0; });
  form.querySelectorAll("input[name=c]").forEach(function (i) { if (cs) i.checked = cs.indexOf(i.value) >= 0; });
  form.querySelector("input[name=pc]").checked = params.get("pc") === "1";
  var columns = Array.prototype.map.call(table.querySelectorAll("thead th[data-col]"), function (th) { return th.getAttribute("data-col"); });
  // Only known column ids and directions are taken from the URL.
  var sortCol = columns.indexOf(params.get("sort")) >= 0 ? params.get("sort") : null;
  var sortDir = params.get("dir") === "asc" ? "asc" : "desc";

  function checked(name) {
    return Array.prototype.filter.call(form.querySelectorAll("input[name=" + name + "]"), function (i) { return i.checked; })
      .map(function (i) { return i.value; });
  }
  function apply(push) {
    var j = checked("j"), c = checked("c"), pc = form.querySelector("input[name=pc]").checked;
    table.querySelectorAll("[data-col]").forEach(function (el) { el.hidden = j.indexOf(el.getAttribute("data-col")) < 0; });
    table.querySelectorAll("tbody[data-category]").forEach(function (tb) { tb.hidden = c.indexOf(tb.getAttribute("data-category")) < 0; });
    table.querySelectorAll(".percap").forEach(function (el) { el.hidden = !pc; if (el.previousElementSibling) el.previousElementSibling.hidden = pc; });
    if (sortCol) sortBy(sortCol, sortDir, pc);
    var q = new URLSearchParams();
    q.set("j", j.join(",")); q.set("c", c.join(","));
    if (pc) q.set("pc", "1");
    if (sortCol) { q.set("sort", sortCol); q.set("dir", sortDir); }
    if (push) history.replaceState(null, "", "?" + q.toString());
  }
  function cellFor(row, col) {
    var cells = row.querySelectorAll("td[data-col]");
    for (var k = 0; k < cells.length; k++) if (cells[k].getAttribute("data-col") === col) return cells[k];
    return null;
  }
  function key(cell, pc) {
    var v = cell && cell.getAttribute(pc ? "data-sort-pc" : "data-sort");
    return v ? parseFloat(v) : null;
  }
  function sortBy(col, dir, pc) {
    table.querySelectorAll("tbody[data-category]").forEach(function (tb) {
      var rows = Array.prototype.slice.call(tb.querySelectorAll("tr:not(.group)"));
      rows.sort(function (a, b) {
        var vx = key(cellFor(a, col), pc), vy = key(cellFor(b, col), pc);
        if (vx === null && vy === null) return 0;
        if (vx === null) return 1;
        if (vy === null) return -1;
        return dir === "asc" ? vx - vy : vy - vx;
      });
      rows.forEach(function (r) { tb.appendChild(r); });
    });
    table.querySelectorAll("thead th[data-col]").forEach(function (th) {
      th.setAttribute("aria-sort", th.getAttribute("data-col") === col ? (dir === "asc" ? "ascending" : "descending") : "none");
    });
  }
  table.querySelectorAll("thead th[data-col]").forEach(function (th) {
    th.setAttribute("aria-sort", "none");
    th.tabIndex = 0;
    function go(e) {
      if (e.target.closest("a")) return;
      var col = th.getAttribute("data-col");
      sortDir = sortCol === col && sortDir === "desc" ? "asc" : "desc";
      sortCol = col;
      apply(true);
    }
    th.addEventListener("click", go);
    th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(e); } });
  });
  form.addEventListener("change", function () { apply(true); });
  apply(false);
})();
