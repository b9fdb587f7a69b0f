// Search page: reads ?q=, loads this language's text file once and lists the
// plans containing every term (case-insensitive substring match, so Chinese
// needs no word segmentation). Results are built with DOM text nodes, so
// neither content nor query can inject HTML.
(function () {
  "use strict";
  var box = document.getElementById("sq");
  var out = document.getElementById("results");
  if (!box || !out) return;
  var lang = document.documentElement.lang === "en" ? "en" : "zh";
  var q = (new URLSearchParams(location.search).get("q") || "").trim();
  box.value = q;
  var header = document.getElementById("q");
  if (header) header.value = q;
  if (!q) return;
  var terms = q.toLowerCase().split(/\s+/).filter(Boolean);
  var base = document.querySelector('link[rel=stylesheet]').getAttribute("href").replace(/static\/style\.css$/, "");
  fetch(base + "search/" + lang + ".json").then(function (r) { return r.json(); }).then(function (docs) {
    var hits = docs.filter(function (d) {
      var t = d.text.toLowerCase(), h = d.title.toLowerCase();
      return terms.every(function (w) { return t.indexOf(w) >= 0 || h.indexOf(w) >= 0; });
    });
    hits.sort(function (a, b) {
      var ta = terms.every(function (w) { return a.title.toLowerCase().indexOf(w) >= 0; });
      var tb = terms.every(function (w) { return b.title.toLowerCase().indexOf(w) >= 0; });
      return (tb ? 1 : 0) - (ta ? 1 : 0);
    });
    out.textContent = "";
    var count = document.createElement("p");
    count.textContent = (lang === "en" ? hits.length + " result(s) for " : "“" + q + "”共 ") + (lang === "en" ? "“" + q + "”" : hits.length + " 条结果");
    out.appendChild(count);
    var ul = document.createElement("ul");
    ul.className = "results";
    hits.forEach(function (d) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = base + d.url;
      a.textContent = d.title;
      li.appendChild(a);
      var meta = document.createElement("div");
      meta.className = "meta";
      meta.textContent = d.jurisdiction + (d.date ? " · " + d.date : "");
      li.appendChild(meta);
      var i = d.text.toLowerCase().indexOf(terms[0]);
      if (i >= 0) {
        var p = document.createElement("p");
        var start = Math.max(0, i - 40);
        p.appendChild(document.createTextNode((start > 0 ? "…" : "") + d.text.slice(start, i)));
        var m = document.createElement("mark");
        m.textContent = d.text.slice(i, i + terms[0].length);
        p.appendChild(m);
        p.appendChild(document.createTextNode(d.text.slice(i + terms[0].length, i + terms[0].length + 60) + "…"));
        li.appendChild(p);
      }
      ul.appendChild(li);
    });
    out.appendChild(ul);
  });
})();
