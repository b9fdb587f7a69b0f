// plansite search: the browser half of src/search/ (normalize.rs, codec.rs,
// query.rs). The rules are the same, step for step; tests/search/*.json are
// run against both. Nothing is fetched from another host, and results are
// built from DOM text nodes, so neither content nor query can inject HTML.
(function () {
  "use strict";

  // ---- normalisation (normalize.rs) ----------------------------------------
  var FOLD_SHARDS = 64, DOC_CHUNK = 4096, LOCATOR = 12;
  var base = "";
  var fold = {};            // traditional → simplified, filled per query
  var foldLoaded = {};      // shard number → true
  var stats = { requests: 0, bytes: 0 };

  function isHan(cp) {
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) || cp === 0x3007;
  }

  function foldChar(ch) {
    var cp = ch.codePointAt(0);
    if (cp === 0x3000) return " ";
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
    if (cp >= 65 && cp <= 90) return String.fromCharCode(cp + 32);
    if (cp < 0x80) return String.fromCharCode(cp);
    if (cp < 0x3400) return ch;
    return Object.prototype.hasOwnProperty.call(fold, ch) ? fold[ch] : ch;
  }

  function normalize(text) {
    var out = "";
    for (var ch of text) out += foldChar(ch);
    return out;
  }

  function isAlnum(c) {
    var cp = c.charCodeAt(0);
    return (cp >= 48 && cp <= 57) || (cp >= 97 && cp <= 122);
  }

  function stem(w) {
    if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
    var ends = function (e) { return w.slice(-e.length) === e; };
    var cut = function (n, add) { return w.slice(0, w.length - n) + add; };
    if (ends("ies") && w.length > 4) return cut(3, "y");
    if (ends("sses")) return cut(2, "");
    if (ends("xes") || ends("zes") || ends("ches") || ends("shes")) return cut(2, "");
    if (ends("s") && !ends("ss") && !ends("us") && !ends("is")) return cut(1, "");
    if (ends("ing") && w.length >= 7) return cut(3, "");
    if (ends("ed") && w.length >= 6) return cut(2, "");
    return w;
  }

  // Tokens with their [start, end) in UTF-16 units of the original text.
  function tokenize(text) {
    var out = [], word = "", wordStart = 0, i = 0;
    function flush(end) {
      if (word) { out.push({ text: stem(word), start: wordStart, end: end }); word = ""; }
    }
    for (var ch of text) {
      var n = foldChar(ch);
      if (n.length === 1 && isAlnum(n)) {
        if (!word) wordStart = i;
        word += n;
      } else {
        flush(i);
        if (isHan(n.codePointAt(0))) out.push({ text: n, start: i, end: i + ch.length });
      }
      i += ch.length;
    }
    flush(i);
    return out;
  }

  function terms(q) {
    var out = [];
    q.split('"').forEach(function (part, i) {
      var pieces = i % 2 === 1 ? [part] : part.split(/\s+/);
      pieces.forEach(function (p) {
        var toks = tokenize(p).map(function (t) { return t.text; });
        if (toks.length) out.push(toks);
      });
    });
    return out;
  }

  // ---- files (codec.rs) -----------------------------------------------------
  function fnv1a(key) {
    var bytes = new TextEncoder().encode(key), h = 0x811C9DC5;
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h >>> 0;
  }

  function count(buf) { stats.requests++; stats.bytes += buf.byteLength; return buf; }

  function getBytes(path) {
    return fetch(base + path).then(function (r) {
      if (!r.ok) throw new Error(path + ": HTTP " + r.status);
      return r.arrayBuffer();
    }).then(count);
  }

  function getJSON(path) {
    return getBytes(path).then(function (b) { return JSON.parse(new TextDecoder().decode(b)); });
  }

  // `len` bytes of `path` from `off`, by HTTP Range; a server that ignores
  // Range sends the whole file, which is then cut here.
  function getRange(path, off, len) {
    if (len === 0) return Promise.resolve(new Uint8Array(0));
    return fetch(base + path, { headers: { Range: "bytes=" + off + "-" + (off + len - 1) } })
      .then(function (r) {
        if (!r.ok) throw new Error(path + ": HTTP " + r.status);
        var whole = r.status !== 206;
        return r.arrayBuffer().then(function (b) {
          count(b);
          var u = new Uint8Array(b);
          return whole ? u.subarray(off, off + len) : u;
        });
      });
  }

  function varint(b, st) {
    var v = 0, shift = 0;
    for (;;) {
      if (st.at >= b.length) throw new Error("truncated posting list");
      var x = b[st.at++];
      v += (x & 0x7F) * Math.pow(2, shift);
      if (x < 0x80) return v;
      shift += 7;
    }
  }

  // An ids section of n documents: deltas (kind 0) or a bitmap (kind 1).
  function readIds(b, n) {
    var out = [], st = { at: 1 }, doc = 0;
    if (b.length === 0 && n === 0) return out;
    if (b[0] === 0) {
      for (var i = 0; i < n; i++) { doc += varint(b, st); out.push(doc); }
    } else if (b[0] === 1) {
      var first = varint(b, st);
      for (var j = st.at; j < b.length; j++) {
        for (var bit = 0; bit < 8; bit++) if (b[j] & (1 << bit)) out.push(first + (j - st.at) * 8 + bit);
      }
    }
    if (out.length !== n) throw new Error("truncated posting list");
    return out;
  }

  // The ids and payload sections of a list of n documents.
  function readDocs(ids, payload, n) {
    var out = [], st = { at: 0 };
    readIds(ids, n).forEach(function (doc) {
      var tf = varint(payload, st), first = varint(payload, st);
      out.push({ doc: doc, fields: tf % 16, tf: Math.floor(tf / 16), first: first });
    });
    return out;
  }

  // The positions section of a list whose documents are `docs` (readDocs):
  // each document's tf - 1 positions after its first, as deltas.
  function readPositions(b, docs) {
    var out = [], st = { at: 0 };
    docs.forEach(function (d) {
      var p = d.first, list = [p];
      for (var i = 1; i < d.tf; i++) { p += varint(b, st); list.push(p); }
      out.push(list);
    });
    return out;
  }

  // ---- query (query.rs) -----------------------------------------------------
  // One segment of an index: the built index, or the edit segment `serve`
  // writes under e/ for plans edited since the build.
  function Segment(dir, shards) {
    this.dir = dir;
    this.shardCount = shards;
    this.shards = {};
    this.lists = {};
  }
  Segment.prototype.lookup = function (key) {
    var s = fnv1a(key) & (Math.max(this.shardCount, 1) - 1);
    if (!this.shards[s]) this.shards[s] = getJSON(this.dir + "k/" + s + ".json");
    return this.shards[s].then(function (dir) {
      return Object.prototype.hasOwnProperty.call(dir, key) ? dir[key] : null;
    });
  };
  // The key's documents (read once, then kept).
  Segment.prototype.docs = function (key) {
    var self = this;
    if (!this.lists[key]) {
      this.lists[key] = this.lookup(key).then(function (k) {
        if (!k) return [];
        return getRange(self.dir + "p/" + k[0] + ".bin", k[1], k[2] + k[3]).then(function (b) {
          return readDocs(b.subarray(0, k[2]), b.subarray(k[2]), k[5]);
        });
      });
    }
    return this.lists[key];
  };
  // The key's document numbers alone (its ids section).
  Segment.prototype.ids = function (key) {
    var self = this;
    if (this.lists[key]) return this.lists[key].then(function (l) { return l.map(function (d) { return d.doc; }); });
    return this.lookup(key).then(function (k) {
      if (!k) return [];
      return getRange(self.dir + "p/" + k[0] + ".bin", k[1], k[2]).then(function (b) { return readIds(b, k[5]); });
    });
  };
  // The positions of the key's documents `docs` (from docs(key)), in their
  // order.
  Segment.prototype.positions = function (key, docs) {
    var self = this;
    return this.lookup(key).then(function (k) {
      if (!k) return [];
      return getRange(self.dir + "p/" + k[0] + ".bin", k[1] + k[2] + k[3], k[4]).then(function (b) {
        return readPositions(b, docs);
      });
    });
  };

  // One language's index: an edited document's postings come from the edit
  // segment only, every other document's from the built one.
  function Reader(lang, meta) {
    this.dir = "search/" + lang + "/";
    this.meta = meta;
    this.main = new Segment(this.dir, meta.shards);
    this.edits = meta.edits ? {
      seg: new Segment(this.dir + "e/", meta.edits.shards),
      docs: new Set(meta.edits.docs),
    } : null;
  }
  // A segment method's list for `key` (`what`: "docs" or "ids"), the built
  // segment's less the edited documents merged with the edit segment's, in
  // document order (query.rs `merged`).
  Reader.prototype.merged = function (what, key, docOf) {
    var e = this.edits;
    if (!e) return this.main[what](key);
    return Promise.all([this.main[what](key), e.seg[what](key)]).then(function (l) {
      return l[0].filter(function (d) { return !e.docs.has(docOf(d)); }).concat(l[1])
        .sort(function (a, b) { return docOf(a) - docOf(b); });
    });
  };
  Reader.prototype.docs = function (key) {
    return this.merged("docs", key, function (d) { return d.doc; });
  };
  // The documents holding the key, in order.
  Reader.prototype.ids = function (key) {
    return this.merged("ids", key, function (d) { return d; });
  };
  // The positions of the key in each candidate document: Map doc → list.
  Reader.prototype.positions = function (key, cand) {
    var out = new Map(), e = this.edits;
    function take(seg, keep) {
      return seg.docs(key).then(function (docs) {
        return seg.positions(key, docs).then(function (pos) {
          docs.forEach(function (d, j) { if (keep(d.doc) && cand.has(d.doc)) out.set(d.doc, pos[j]); });
        });
      });
    }
    var parts = e ? [take(this.main, function (d) { return !e.docs.has(d); }),
      take(e.seg, function () { return true; })] : [take(this.main, function () { return true; })];
    return Promise.all(parts).then(function () { return out; });
  };
  // A document's metadata and the folder of the segment holding its text.
  // Where a document's record is ({x: [pack, offset, length], dir}): an
  // edited document's in the edit segment's d.json, any other's in the 12
  // bytes of its locator in d/<n>.bin.
  Reader.prototype.locate = function (doc) {
    var e = this.edits, path;
    if (e && e.docs.has(doc)) {
      path = e.seg.dir + "d.json";
      if (!chunks[path]) chunks[path] = getJSON(path);
      return chunks[path].then(function (m) { return { x: m[String(doc)], dir: e.seg.dir }; });
    }
    var dir = this.dir;
    path = dir + "d/" + Math.floor(doc / DOC_CHUNK) + ".bin";
    return getRange(path, (doc % DOC_CHUNK) * LOCATOR, LOCATOR).then(function (b) {
      var v = new DataView(b.buffer, b.byteOffset, LOCATOR);
      return { x: [v.getUint32(0, true), v.getUint32(4, true), v.getUint32(8, true)], dir: dir };
    });
  };

  function asMap(list) {
    var m = new Map();
    list.forEach(function (d) { m.set(d.doc, { fields: d.fields, tf: d.tf, first: d.first }); });
    return m;
  }

  function bisect(list, x) {
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < x) lo = mid + 1; else hi = mid; }
    return lo < list.length && list[lo] === x;
  }

  function matchTerm(r, toks) {
    if (toks.length === 1) return r.docs(toks[0]).then(asMap);
    if (toks.length === 2) return r.docs(toks[0] + " " + toks[1]).then(asMap);
    if (toks.length > 4) return matchPairs(r, toks);
    // A common phrase of three or four tokens has a list of its own.
    var key = toks.join(" ");
    return r.main.lookup(key).then(function (k) {
      return k ? r.docs(key).then(asMap) : matchPairs(r, toks);
    });
  }

  // A phrase through its pairs: candidates in every pair's list, verified
  // with the positions of pairs 0, 2, 4 ... and the last.
  function matchPairs(r, toks) {
    var pairs = [];
    for (var i = 0; i + 1 < toks.length; i++) pairs.push(toks[i] + " " + toks[i + 1]);
    return Promise.all(pairs.map(function (k) { return r.docs(k); })).then(function (lists) {
      var cand = new Map();
      lists[0].forEach(function (d) { cand.set(d.doc, d.fields); });
      lists.slice(1).forEach(function (l) {
        var here = new Map();
        l.forEach(function (d) { here.set(d.doc, d.fields); });
        cand.forEach(function (f, doc) {
          if (here.has(doc)) cand.set(doc, f & here.get(doc)); else cand.delete(doc);
        });
      });
      if (cand.size === 0) return new Map();
      var n = pairs.length, cover = [];
      for (var c = 0; c < n; c += 2) cover.push(c);
      if (cover[cover.length - 1] !== n - 1) cover.push(n - 1);
      return Promise.all(cover.map(function (i) { return r.positions(pairs[i], cand); })).then(function (ps) {
        var pos = {};
        cover.forEach(function (i, ci) { pos[i] = ps[ci]; });
        var out = new Map();
        Array.from(cand.keys()).sort(function (a, b) { return a - b; }).forEach(function (doc) {
          var hits = pos[0].get(doc).filter(function (p) {
            return cover.every(function (i) { return bisect(pos[i].get(doc), p + i); });
          });
          if (hits.length) out.set(doc, { fields: cand.get(doc), tf: hits.length, first: hits[0] });
        });
        return out;
      });
    });
  }

  function weight(f) { return f & 1 ? 4 : f & 2 ? 2 : f & 4 ? 1.5 : 1; }

  // The parts of a table sharded by code point % FOLD_SHARDS that the
  // characters of `q` need, each fetched once: search/fold/<prefix><n>.json.
  function loadShards(q, prefix, loaded, add) {
    var need = {};
    for (var ch of q) {
      var cp = ch.codePointAt(0);
      if (cp >= 0x3400) need[cp % FOLD_SHARDS] = true;
    }
    return Promise.all(Object.keys(need).filter(function (s) { return !loaded[s]; }).map(function (s) {
      return getJSON("search/fold/" + prefix + s + ".json").then(function (m) {
        loaded[s] = true;
        add(m);
      });
    }));
  }

  // Folding entries for the characters of `q`.
  function loadFold(q) {
    return loadShards(q, "", foldLoaded, function (m) {
      Object.keys(m).forEach(function (k) { fold[k] = m[k]; });
    });
  }

  // The traditional forms of the simplified characters of `q` (already
  // folded), added to the folding table so that snippets in traditional
  // script mark a simplified query's matches.
  var variantsLoaded = {};
  function loadVariants(q) {
    return loadShards(q, "v", variantsLoaded, function (m) {
      Object.keys(m).forEach(function (simp) {
        for (var t of m[simp]) fold[t] = simp;
      });
    });
  }

  var metas = {};
  function meta(lang) {
    if (!metas[lang]) metas[lang] = getJSON("search/" + lang + "/meta.json");
    return metas[lang];
  }

  // Runs a query: {q, lang, facets: [[code, value]], offset, limit} →
  // {total, hits: [{url, plan, jurisdiction, title, date, score, snippet, marks}]}.
  function search(req) {
    var lang = req.lang === "en" ? "en" : "zh";
    return Promise.all([meta(lang), loadFold(req.q).then(function () {
      return loadVariants(normalize(req.q));
    })]).then(function (res) {
      var r = new Reader(lang, res[0]);
      var ts = terms(req.q);
      if (!ts.length) return { total: 0, hits: [] };
      var facetSets = Promise.all((req.facets || []).map(function (f) {
        return r.ids("=" + f[0] + ":" + f[1]).then(function (l) { return new Set(l); });
      }));
      var junctions = [];
      for (var i = 0; i + 1 < ts.length; i++) junctions.push(ts[i][ts[i].length - 1] + " " + ts[i + 1][0]);
      return Promise.all([
        Promise.all(ts.map(function (t) { return matchTerm(r, t); })),
        facetSets,
        Promise.all(junctions.map(function (k) {
          return r.ids(k).then(function (l) { return new Set(l); });
        })),
      ]).then(function (all) {
        var matches = all[0], facets = all[1], joins = all[2];
        var docs = Array.from(matches[0].keys()).sort(function (a, b) { return a - b; });
        matches.slice(1).forEach(function (m) { docs = docs.filter(function (d) { return m.has(d); }); });
        facets.forEach(function (s) { docs = docs.filter(function (d) { return s.has(d); }); });
        var n = r.meta.docs;
        var scored = docs.map(function (d) {
          var s = 0;
          matches.forEach(function (m) {
            var x = m.get(d);
            s += Math.log(1 + n / m.size) * (1 + Math.log(x.tf)) * weight(x.fields);
          });
          joins.forEach(function (j) { if (j.has(d)) s *= 1.25; });
          return [s, d];
        });
        scored.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
        var rarest = 0;
        matches.forEach(function (m, i) { if (m.size < matches[rarest].size) rarest = i; });
        var page = scored.slice(req.offset || 0, (req.offset || 0) + (req.limit || 20));
        return Promise.all(page.map(function (sd) {
          return hit(r, sd[1], sd[0], matches[rarest].get(sd[1]).first, ts);
        })).then(function (hits) { return { total: scored.length, hits: hits }; });
      });
    });
  }

  // Edit segments' d.json files, fetched once each (locate).
  var chunks = {};

  // The bytes of one zlib stream (a record's table or one of its text
  // chunks), inflated by the browser.
  function inflate(u) {
    if (typeof DecompressionStream === "undefined") {
      var e = new Error("DecompressionStream");
      e.old = true;
      return Promise.reject(e);
    }
    var stream = new Blob([u]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  function hit(r, doc, score, pos, ts) {
    return r.locate(doc).then(function (loc) {
      var pack = loc.dir + "t/" + loc.x[0] + ".bin";
      return getRange(pack, loc.x[1], loc.x[2]).then(inflate).then(function (b) {
        return { pack: pack, off: loc.x[1] + loc.x[2], m: JSON.parse(new TextDecoder().decode(b)) };
      });
    }).then(function (rec) {
      var m = rec.m;
      return snippet(rec.pack, rec.off, m, pos, ts).then(function (sn) {
        return {
          url: sn.anchor ? m.u + "#" + sn.anchor : m.u, plan: m.s, jurisdiction: m.j,
          title: m.t, date: m.d, score: score, snippet: sn.text, marks: sn.marks,
        };
      });
    });
  }

  var BEFORE = 40, AFTER = 100;
  // The snippet from the block of record `m` holding position `pos`; its
  // text chunks start at `off` in `pack`.
  function snippet(pack, off, m, pos, ts) {
    var table = m.b, i = -1;
    table.forEach(function (blk, j) { if (blk[0] <= pos) i = j; });
    if (i < 0) return Promise.resolve({ text: "", marks: [], anchor: null });
    var blk = table[i], start = off;
    for (var c = 0; c < blk[2]; c++) start += m.c[c];
    return getRange(pack, start, m.c[blk[2]]).then(inflate).then(function (chunk) {
      var text = new TextDecoder().decode(chunk.subarray(blk[3], blk[3] + blk[4]));
      var marks = mark(text, ts);
      var chars = Array.from(text), idx = [], k = 0;
      chars.forEach(function (ch) { idx.push(k); k += ch.length; });
      idx.push(k);
      var charAt = function (unit) { var c = 0; while (idx[c] < unit) c++; return c; };
      var s, e;
      if (marks.length) {
        s = idx[Math.max(0, charAt(marks[0][0]) - BEFORE)];
        e = idx[Math.min(chars.length, charAt(marks[0][1]) + AFTER)];
      } else { s = 0; e = idx[Math.min(chars.length, BEFORE + AFTER)]; }
      var pre = s > 0 ? "…" : "";
      var out = pre + text.slice(s, e) + (e < text.length ? "…" : "");
      var shift = pre.length - s;
      return {
        text: out, anchor: blk[1],
        marks: marks.filter(function (x) { return x[0] >= s && x[1] <= e; })
          .map(function (x) { return [x[0] + shift, x[1] + shift]; }),
      };
    });
  }

  function mark(text, ts) {
    var toks = tokenize(text), out = [];
    ts.forEach(function (t) {
      for (var i = 0; i + t.length <= toks.length; i++) {
        var ok = true;
        for (var j = 0; j < t.length && ok; j++) ok = toks[i + j].text === t[j];
        if (ok) out.push([toks[i].start, toks[i + t.length - 1].end]);
      }
    });
    out.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var merged = [];
    out.forEach(function (x) {
      var last = merged[merged.length - 1];
      if (last && x[0] <= last[1]) last[1] = Math.max(last[1], x[1]); else merged.push(x.slice());
    });
    return merged;
  }

  // ---- the page -------------------------------------------------------------
  var css = document.querySelector('link[rel=stylesheet][href*="static/style.css"]');
  if (css) base = css.getAttribute("href").replace(/static\/style\.css.*$/, "");

  window.plansiteSearch = {
    normalize: normalize, tokenize: tokenize, terms: terms, stem: stem, fnv1a: fnv1a,
    search: search, stats: stats, loadFold: loadFold, loadVariants: loadVariants, mark: mark,
  };

  var form = document.getElementById("search-page");
  var out = document.getElementById("results");
  if (!form || !out) return;
  var pageLang = document.documentElement.lang === "en" ? "en" : "zh";
  var L = out.dataset;
  var params = new URLSearchParams(location.search);
  var q = (params.get("q") || "").trim();
  var lang = params.get("lang") === "en" || params.get("lang") === "zh" ? params.get("lang") : pageLang;
  var box = document.getElementById("sq");
  box.value = q;
  var header = document.getElementById("q");
  if (header) header.value = q;
  var chosen = [];
  ["j", "l", "t", "y", "s"].forEach(function (code) {
    var v = params.get(code);
    if (v) chosen.push([code, v]);
  });
  var langSel = document.getElementById("sf-lang");
  if (langSel) langSel.value = lang;

  // The facet lists: levels, types and years from meta.json; jurisdictions,
  // whose number grows with the site, from facets.json, fetched only when
  // a link chose one or the reader opens the list.
  function fill(facets) {
    Object.keys(facets).forEach(function (code) {
      var sel = document.getElementById("sf-" + code);
      if (!sel || sel.dataset.filled) return;
      sel.dataset.filled = "1";
      facets[code].forEach(function (f) {
        var o = document.createElement("option");
        o.value = f[0];
        o.textContent = f[1] + " (" + f[2] + ")";
        sel.appendChild(o);
      });
      sel.value = params.get(code) || "";
    });
  }
  var longFacets = null;
  function loadLongFacets() {
    if (!longFacets) longFacets = getJSON("search/" + lang + "/facets.json").then(fill);
    return longFacets;
  }
  var facetsReady = meta(lang).then(function (m) {
    fill(m.facets);
    if (params.get("j")) return loadLongFacets();
  }).catch(function () { /* shown by the query below */ });
  var jSel = document.getElementById("sf-j");
  if (jSel) {
    ["focus", "pointerdown", "keydown"].forEach(function (ev) {
      jSel.addEventListener(ev, function () { loadLongFacets().catch(function () {}); });
    });
  }

  if (!q) return;
  var PAGE = 20, shown = 0;
  var status = document.createElement("p");
  status.className = "search-status";
  status.setAttribute("role", "status");
  status.textContent = L.loading;
  out.textContent = "";
  out.appendChild(status);
  var list = document.createElement("ol");
  list.className = "results";
  out.appendChild(list);
  var more = document.createElement("button");
  more.type = "button";
  more.className = "more";
  more.textContent = L.more;
  more.hidden = true;
  out.appendChild(more);

  function render(hit) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = base + hit.url;
    a.textContent = hit.title;
    a.className = "result-title";
    var h = document.createElement("h2");
    h.appendChild(a);
    li.appendChild(h);
    var metaLine = document.createElement("p");
    metaLine.className = "meta";
    metaLine.textContent = hit.jurisdiction + (hit.date ? " · " + hit.date : "");
    li.appendChild(metaLine);
    if (hit.snippet) {
      var p = document.createElement("p");
      p.className = "snippet";
      var at = 0;
      hit.marks.forEach(function (mk) {
        p.appendChild(document.createTextNode(hit.snippet.slice(at, mk[0])));
        var el = document.createElement("mark");
        el.textContent = hit.snippet.slice(mk[0], mk[1]);
        p.appendChild(el);
        at = mk[1];
      });
      p.appendChild(document.createTextNode(hit.snippet.slice(at)));
      li.appendChild(p);
    }
    list.appendChild(li);
  }

  function run() {
    more.disabled = true;
    search({ q: q, lang: lang, facets: chosen, offset: shown, limit: PAGE }).then(function (res) {
      res.hits.forEach(render);
      shown += res.hits.length;
      // Replacement functions, not strings: in a string `$&`, `$1` or `$$`
      // of the query would be read as patterns.
      status.textContent = res.total === 0 ? L.none.replace("{q}", function () { return q; })
        : L.count.replace("{n}", function () { return String(res.total); })
          .replace("{q}", function () { return q; });
      out.dataset.total = String(res.total);
      more.hidden = shown >= res.total;
      more.disabled = false;
      return facetsReady;
    }).then(function () {
      out.dataset.done = "1";
    }).catch(function (e) {
      status.textContent = e.old ? L.old : L.error + " (" + e.message + ")";
      out.dataset.done = "1";
    });
  }
  more.addEventListener("click", run);
  run();
})();
