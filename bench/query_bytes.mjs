#!/usr/bin/env node
// Bytes a browser downloads to answer one search query: plansite's search page
// against Pagefind on the Hugo build of the same content.
//
//   node bench/query_bytes.mjs --plansite OUT --pagefind OUT2 [--query Q]... [--json] [--by-part]
//
// Both folders are served by the test harness's static server
// (tests/browser/lib.mjs `serve`, which answers single `Range: bytes=a-b`
// requests with 206, as plansite's posting-list reads need) and loaded in the
// system Chromium through playwright-core (`launch`). Each query gets a fresh
// browser context, so nothing is cached between queries.
//
// plansite: /search/?q=<query>, done when #results has data-done="1"; counted
// are the responses under /search/zh/, /search/en/ and /search/fold/ (the index
// and the folding table), not the page's own HTML, CSS and search.js, whose
// size is reported separately as code_bytes.
//
// Pagefind: /pf-bench.html (written into OUT2 by this script) imports
// /pagefind/pagefind.js, runs `await pagefind.search(q)` and `await r.data()`
// for the first 20 results, as a results page shows them. Counted is every
// /pagefind/ response (the JS, its WebAssembly, the entry file, index chunks,
// filters and the 20 fragments); data_bytes leaves out the .js and .wasm.
//
// Times are from navigation start to results ready, on a local server.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const { serve, launch } = await import(path.join(here, "..", "tests", "browser", "lib.mjs"));

const args = process.argv.slice(2);
const opt = { queries: [], json: false };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--plansite") opt.plansite = args[++i];
  else if (a === "--pagefind") opt.pagefind = args[++i];
  else if (a === "--query") opt.queries.push(args[++i]);
  else if (a === "--json") opt.json = true;
  else if (a === "--by-part") opt.byPart = true;
  else if (a === "--results") opt.results = Number(args[++i]);
  else { console.error(`unknown argument ${a}`); process.exit(2); }
}
if (!opt.plansite || !opt.pagefind) {
  console.error("usage: node bench/query_bytes.mjs --plansite OUT --pagefind OUT2 [--query Q]... [--json] [--by-part]");
  process.exit(2);
}
if (!opt.queries.length) opt.queries = ["质押 融资", "知识产权 保护", "专利 导航", "质押融资"];
const SHOWN = opt.results || 20;
const TIMEOUT = 120_000;

// The Pagefind page: what a results page does, nothing more.
const PF_PAGE = `<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>pagefind bench</title></head>
<body><div id="results"></div>
<script type="module">
const q = new URLSearchParams(location.search).get("q") || "";
const out = document.getElementById("results");
try {
  const pagefind = await import("/pagefind/pagefind.js");
  const r = await pagefind.search(q);
  const shown = await Promise.all(r.results.slice(0, ${SHOWN}).map((x) => x.data()));
  for (const d of shown) {
    const li = document.createElement("p");
    li.textContent = d.meta.title + " " + d.excerpt.replace(/<[^>]*>/g, "");
    out.appendChild(li);
  }
  out.dataset.total = String(r.results.length);
} catch (e) {
  out.dataset.pfError = String(e && e.message || e);
}
out.dataset.done = "1";
</script></body></html>
`;
// Without a Pagefind index (e.g. Pagefind failed), only plansite is measured.
const havePagefind = fs.existsSync(path.join(opt.pagefind, "pagefind", "pagefind.js"));
if (havePagefind) fs.writeFileSync(path.join(opt.pagefind, "pf-bench.html"), PF_PAGE);
else console.error(`no Pagefind index in ${opt.pagefind}; measuring plansite only`);

const browser = await launch();
const psite = await serve(opt.plansite);
const fsite = await serve(opt.pagefind);

// Loads url in a fresh context, waits for #results[data-done="1"] and sums the
// bodies of the responses `pick` classifies ("data", "code" or null).
async function measure(url, pick) {
  const context = await browser.newContext();
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  const pending = [];
  const tally = { data: 0, code: 0, req: { data: 0, code: 0 }, parts: {}, errors: [] };
  page.on("response", (r) => {
    const p = new URL(r.url()).pathname;
    const kind = pick(p);
    if (r.status() >= 400) tally.errors.push(`HTTP ${r.status()} ${p}`);
    if (!kind) return;
    // The index part a file belongs to: "zh/p", "fold", "pagefind/fragment", ...
    const part = p.replace(/^\/(search\/)?/, "").replace(/\/[^/]*$/, "");
    pending.push(r.body().then((b) => {
      tally[kind] += b.length; tally.req[kind]++;
      const t = (tally.parts[part] ||= { bytes: 0, requests: 0 });
      t.bytes += b.length; t.requests++;
    },
      (e) => tally.errors.push(`${p}: ${e.message}`)));
  });
  page.on("pageerror", (e) => tally.errors.push(`page error: ${e.message}`));
  const t0 = performance.now();
  await page.goto(url);
  await page.waitForSelector('#results[data-done="1"]', { timeout: TIMEOUT });
  const ms = performance.now() - t0;
  // Pagefind page: data-pf-error; plansite: a status line starting with the
  // page's error message (data-error holds that message's template).
  const res = await page.$eval("#results", (el) => {
    const status = el.querySelector(".search-status")?.textContent || "";
    const failed = el.dataset.pfError || (el.dataset.error && status.startsWith(el.dataset.error) ? status : null);
    return { total: el.dataset.total, error: failed || null };
  });
  await Promise.all(pending);
  await context.close();
  if (res.error) tally.errors.push(res.error);
  return { bytes: tally.data, code_bytes: tally.code, requests: tally.req.data, code_requests: tally.req.code,
    results: res.total === undefined ? null : Number(res.total), ms, parts: tally.parts, errors: tally.errors };
}

const rows = [];
try {
  for (const q of opt.queries) {
    const enc = encodeURIComponent(q);
    const p = await measure(`${psite.url}search/?q=${enc}`, (p) =>
      /^\/search\/(zh|en|fold)\//.test(p) ? "data" : p.endsWith("/static/search.js") ? "code" : null);
    let pf = null;
    if (havePagefind) {
      const f = await measure(`${fsite.url}pf-bench.html?q=${enc}`, (p) =>
        p.startsWith("/pagefind/") ? (/\.(js|wasm\.[a-z-]+|wasm)$/.test(p) || /\/wasm\./.test(p) ? "code" : "data") : null);
      // Pagefind's total is data + code (everything under /pagefind/).
      pf = { ...f, data_bytes: f.bytes, data_requests: f.requests, bytes: f.bytes + f.code_bytes,
        requests: f.requests + f.code_requests };
    }
    rows.push({ query: q, plansite: p, pagefind: pf });
  }
} finally {
  await psite.close();
  await fsite.close();
  await browser.close();
}

if (opt.json) {
  process.stdout.write(JSON.stringify({ shown: SHOWN, queries: rows }, null, 1) + "\n");
} else {
  console.log("| query | plansite bytes (req) | Pagefind bytes (req) | ratio | Pagefind data bytes | plansite results | Pagefind results | plansite ms | Pagefind ms |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    const p = r.plansite, f = r.pagefind || { bytes: NaN, requests: "–", data_bytes: "–", results: "–", ms: NaN };
    console.log(`| ${r.query} | ${p.bytes} (${p.requests}) | ${f.bytes} (${f.requests}) | ${(p.bytes / f.bytes).toFixed(2)} | ${f.data_bytes} | ${p.results} | ${f.results} | ${p.ms.toFixed(0)} | ${f.ms.toFixed(0)} |`);
  }
}
if (opt.byPart) {
  for (const r of rows) {
    for (const [who, x] of [["plansite", r.plansite], ["pagefind", r.pagefind]]) {
      if (!x) continue;
      const parts = Object.entries(x.parts).sort((a, b) => b[1].bytes - a[1].bytes)
        .map(([k, v]) => `${k} ${v.bytes} (${v.requests})`).join(", ");
      console.error(`${r.query} (${who}): ${parts}`);
    }
  }
}
for (const r of rows) {
  for (const [who, x] of [["plansite", r.plansite], ["pagefind", r.pagefind]]) {
    if (x && x.errors.length) console.error(`${r.query} (${who}): ${x.errors.join("; ")}`);
  }
}
