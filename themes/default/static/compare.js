// Progressive enhancement for /compare/: filter jurisdictions and categories,
// switch totals and per-capita figures, rank the jurisdictions by one
// indicator, and download the view as CSV. Ranking reorders the columns (the
// jurisdictions) of both matrices by the chosen row's values; rows of
// different indicators are never sorted against each other. The view's state
// lives in the URL query (?j=a,b&c=use&pc=1&sort=indicator-id&dir=desc) so a
// link reproduces it. Without this script the full tables stand.
(function () {
  "use strict";
  var form = document.getElementById("compare-controls");
  var table = document.getElementById("matrix");
  if (!form || !table) return;
  var topics = document.getElementById("topics");
  var tables = topics ? [table, topics] : [table];
  var status = document.getElementById("rank-status");
  form.hidden = false;
  var params = new URLSearchParams(location.search);
  function list(name) { var v = params.get(name); return v === null ? null : v.split(",").filter(Boolean); }
  var js = list("j"), cs = list("c");
  form.querySelectorAll("input[name=j]").forEach(function (i) { if (js) i.checked = js.indexOf(i.value) >= 0; });
  form.querySelectorAll("input[name=c]").forEach(function (i) { if (cs) i.checked = cs.indexOf(i.value) >= 0; });
  form.querySelector("input[name=pc]").checked = params.get("pc") === "1";
  var columns = Array.prototype.map.call(table.querySelectorAll("thead th[data-col]"), function (th) { return th.getAttribute("data-col"); });
  var rows = {};
  table.querySelectorAll("tr[data-row]").forEach(function (tr) { rows[tr.getAttribute("data-row")] = tr; });
  // Only known indicator ids and directions are taken from the URL.
  var sortRow = Object.prototype.hasOwnProperty.call(rows, params.get("sort")) ? params.get("sort") : null;
  var sortDir = params.get("dir") === "asc" ? "asc" : "desc";

  function checked(name) {
    return Array.prototype.filter.call(form.querySelectorAll("input[name=" + name + "]"), function (i) { return i.checked; })
      .map(function (i) { return i.value; });
  }
  function key(cell, pc) {
    var v = cell && cell.getAttribute(pc ? "data-sort-pc" : "data-sort");
    return v ? parseFloat(v) : null;
  }
  function cellOf(tr, col) { return tr.querySelector('td[data-col="' + col + '"]'); }
  // The column order: ranked by the chosen row (empty cells last, ties in
  // page order), or the page's own order.
  function order(pc) {
    if (!sortRow) return columns.slice();
    var tr = rows[sortRow];
    return columns.slice().sort(function (a, b) {
      var va = key(cellOf(tr, a), pc), vb = key(cellOf(tr, b), pc);
      if (va === null && vb === null) return columns.indexOf(a) - columns.indexOf(b);
      if (va === null) return 1;
      if (vb === null) return -1;
      if (va === vb) return columns.indexOf(a) - columns.indexOf(b);
      return sortDir === "asc" ? va - vb : vb - va;
    });
  }
  function arrange(cols) {
    tables.forEach(function (t) {
      t.querySelectorAll("tr").forEach(function (tr) {
        var cells = {};
        tr.querySelectorAll(":scope > [data-col]").forEach(function (c) { cells[c.getAttribute("data-col")] = c; });
        cols.forEach(function (c) { if (cells[c]) tr.appendChild(cells[c]); });
      });
    });
  }
  function apply(push) {
    var j = checked("j"), c = checked("c"), pc = form.querySelector("input[name=pc]").checked;
    tables.forEach(function (t) {
      t.querySelectorAll("[data-col]").forEach(function (el) { el.hidden = j.indexOf(el.getAttribute("data-col")) < 0; });
    });
    table.querySelectorAll("tbody[data-category]").forEach(function (tb) { tb.hidden = c.indexOf(tb.getAttribute("data-category")) < 0; });
    table.querySelectorAll(".percap").forEach(function (el) { el.hidden = !pc; if (el.previousElementSibling) el.previousElementSibling.hidden = pc; });
    table.querySelectorAll(".unit-pc").forEach(function (el) { el.hidden = !pc; if (el.previousElementSibling) el.previousElementSibling.hidden = pc; });
    var cols = order(pc);
    arrange(cols);
    table.querySelectorAll("td[data-rank]").forEach(function (td) { td.removeAttribute("data-rank"); });
    Object.keys(rows).forEach(function (id) {
      var th = rows[id].querySelector("th[scope=row]"), b = th.querySelector("button.rank");
      var on = id === sortRow;
      th.setAttribute("aria-sort", on ? (sortDir === "asc" ? "ascending" : "descending") : "none");
      if (b) b.setAttribute("aria-pressed", on ? "true" : "false");
    });
    if (sortRow) {
      var n = 0;
      cols.forEach(function (col) {
        var td = cellOf(rows[sortRow], col);
        if (td && !td.hidden && key(td, pc) !== null) td.setAttribute("data-rank", String(++n));
      });
    }
    var q = new URLSearchParams();
    q.set("j", j.join(",")); q.set("c", c.join(","));
    if (pc) q.set("pc", "1");
    if (sortRow) { q.set("sort", sortRow); q.set("dir", sortDir); }
    if (push) history.replaceState(null, "", "?" + q.toString());
  }
  function announce() {
    if (!status || !sortRow) return;
    var th = rows[sortRow].querySelector("th[scope=row] a");
    var dirText = table.getAttribute(sortDir === "asc" ? "data-asc" : "data-desc") || sortDir;
    status.textContent = (table.getAttribute("data-ranked-by") || "") + " " + (th ? th.textContent : sortRow) + ", " + dirText;
  }
  table.querySelectorAll("button.rank").forEach(function (b) {
    b.hidden = false;
    b.setAttribute("aria-pressed", "false");
    b.addEventListener("click", function () {
      var id = b.getAttribute("data-rank");
      sortDir = sortRow === id && sortDir === "desc" ? "asc" : "desc";
      sortRow = id;
      apply(true);
      announce();
    });
  });

  // The view as CSV: visible rows and columns, in their order.
  function csvCell(s) { s = String(s); if (/^[=+\-@\t\r]/.test(s)) s = "'" + s; return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }
  var button = document.getElementById("compare-csv");
  if (button && window.Blob && window.URL && URL.createObjectURL) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var pc = form.querySelector("input[name=pc]").checked;
      var out = [["indicator", "indicator_name", "unit", "jurisdiction", "jurisdiction_name", "status", "target_year", "target", "baseline_year", "baseline", "per_capita", "per_capita_unit", "implied_cagr", "rank"]];
      var names = {};
      table.querySelectorAll("thead th[data-col]").forEach(function (th) { var a = th.querySelector("a"); names[th.getAttribute("data-col")] = a ? a.getAttribute("title") || a.textContent : ""; });
      table.querySelectorAll("tbody[data-category]").forEach(function (tb) {
        if (tb.hidden) return;
        tb.querySelectorAll("tr[data-row]").forEach(function (tr) {
          var th = tr.querySelector("th[scope=row]");
          var name = th.querySelector("a").textContent;
          var unit = th.querySelector(".unit-total").textContent;
          var unitPc = th.querySelector(".unit-pc");
          tr.querySelectorAll("td[data-col]").forEach(function (td) {
            if (td.hidden) return;
            var f = (td.getAttribute("data-csv") || "|||||").split("|");
            out.push([tr.getAttribute("data-row"), name, unit, td.getAttribute("data-col"), names[td.getAttribute("data-col")] || "",
              td.getAttribute("data-state"), f[0], f[1], f[2], f[3], f[4], f[4] && unitPc ? unitPc.textContent : "", f[5], td.getAttribute("data-rank") || ""]);
          });
        });
      });
      var text = "\ufeff" + out.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
      var a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
      a.download = "compare" + (pc ? "-per-capita" : "") + ".csv";
      document.body.appendChild(a); a.click(); a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    });
  }
  form.addEventListener("change", function () { apply(true); });
  apply(false);
})();
