// Browser tests for search (/search/ and /en/search/): the search box on
// every page, themes/default/static/search.js and the index files, in
// headless Chromium against a built site.
//
//   node search.test.mjs <built-site-dir>
//
// The normalisation cases (tests/search/normalize.json) and the query table
// (tests/search/queries.json) are the same files the Rust tests run, so the
// browser and `plansite search` cannot drift apart.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve, launch, openPage, assert, assertEqual, assertNoErrors, test, run } from "./lib.mjs";

const site = process.argv[2];
if (!site || !fs.existsSync(path.join(site, "search", "zh", "meta.json"))) {
  console.error(`usage: node search.test.mjs <built-site-dir>  (no search/zh/meta.json in ${site ?? "(none)"})`);
  process.exit(2);
}

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const shared = (name) => JSON.parse(fs.readFileSync(path.join(repo, "tests", "search", name), "utf8"));

const server = await serve(site);
const browser = await launch();

function searchUrl(lang, q, facets = []) {
  const p = new URLSearchParams({ q });
  for (const [k, v] of facets) p.set(k, v);
  return new URL(`${lang === "en" ? "en/" : ""}search/?${p}`, server.url).href;
}

/** Open a results page and wait until the query has run. */
async function results(lang, q, facets = [], contextOptions = {}) {
  const o = await openPage(browser, contextOptions);
  const fetched = [];
  o.page.on("response", async (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith("/search/") && !u.pathname.endsWith("/")) {
      fetched.push({ path: u.pathname, status: r.status(), bytes: (await r.body().catch(() => Buffer.alloc(0))).length });
    }
  });
  await o.page.goto(searchUrl(lang, q, facets));
  await o.page.waitForSelector("#results[data-done='1']");
  const hits = await o.page.$$eval("#results ol.results > li", (lis) => lis.map((li) => ({
    href: li.querySelector("a").getAttribute("href"),
    title: li.querySelector("a").textContent,
    meta: li.querySelector(".meta").textContent,
    snippet: li.querySelector(".snippet")?.textContent ?? "",
    marks: Array.from(li.querySelectorAll("mark"), (m) => m.textContent),
  })));
  const total = Number(await o.page.getAttribute("#results", "data-total"));
  const status = await o.page.textContent("#results .search-status");
  return { ...o, hits, total, status, fetched };
}

const slugOf = (href) => (href.match(/plans\/([^/]+)\//) || [])[1];

// ---------------------------------------------------------------- tests

test("normalisation and tokens match the shared table (same as the Rust tests)", async () => {
  const { page, errors, context } = await openPage(browser);
  await page.goto(searchUrl("zh", ""));
  const cases = shared("normalize.json");
  assert(cases.length >= 20, "shared table is there");
  for (const c of cases) {
    const got = await page.evaluate(async (input) => {
      await window.plansiteSearch.loadFold(input);
      return {
        normalized: window.plansiteSearch.normalize(input),
        tokens: window.plansiteSearch.tokenize(input).map((t) => t.text),
      };
    }, c.input);
    assertEqual(got, { normalized: c.normalized, tokens: c.tokens }, `case ${JSON.stringify(c.input)}`);
  }
  assertNoErrors(errors);
  await context.close();
});

test("a simplified query's matches are marked in traditional text, and the reverse", async () => {
  const { page, errors, context } = await openPage(browser);
  await page.goto(searchUrl("zh", ""));
  const marks = await page.evaluate(async () => {
    const s = window.plansiteSearch;
    // What search() loads for its query: its folding entries, then the
    // traditional forms of its characters.
    const prepare = async (q) => { await s.loadFold(q); await s.loadVariants(s.normalize(q)); };
    await prepare("知识产权");
    const a = s.mark("推進知識產權保護", s.terms("知识产权"));
    await prepare("保護");
    const b = s.mark("加强知识产权保护", s.terms("保護"));
    return { a, b };
  });
  assertEqual(marks, { a: [[2, 6]], b: [[6, 8]] });
  assertNoErrors(errors);
  await context.close();
});

test("every query of the shared table lists exactly its plans", async () => {
  for (const c of shared("queries.json")) {
    const r = await results(c.lang, c.q, c.facets || []);
    const got = r.hits.map((h) => slugOf(h.href)).sort();
    assertEqual(got, [...c.plans].sort(), `query ${JSON.stringify(c.q)} (${c.lang})`);
    assertEqual(r.total, c.plans.length, `count for ${c.q}`);
    assert(r.status.includes(String(c.plans.length)) || c.plans.length === 0, `status shows the count: ${r.status}`);
    for (const h of r.hits) {
      assert(h.href.includes(c.lang === "en" ? "/en/plans/" : "/plans/"), `links to the plan page: ${h.href}`);
      assert(h.title && h.meta, "title and jurisdiction shown");
    }
    assertNoErrors(r.errors, `search ${c.q}`);
    await r.context.close();
  }
});

test("a one-plan query shows its snippet with the match marked and links to the passage", async () => {
  const r = await results("zh", "稀土");
  assertEqual(r.hits.length, 1);
  const h = r.hits[0];
  assert(h.marks.length >= 1 && h.marks.every((m) => m === "稀土"), `marks: ${h.marks}`);
  assert(h.snippet.includes("稀土"), h.snippet);
  const anchor = h.href.split("#")[1];
  assert(anchor, `links to a passage: ${h.href}`);
  await r.page.click("#results ol.results a");
  await r.page.waitForURL(/\/plans\/baotou-ip-plan-2021\/#/);
  assert(await r.page.$(`[id="${anchor}"]`), `the passage #${anchor} exists on the plan page`);
  await r.context.close();
});

test("traditional and simplified queries give the same plans, and the box keeps the query", async () => {
  const a = await results("zh", "知識產權 質押融資");
  const b = await results("zh", "知识产权 质押融资");
  assertEqual(a.hits.map((h) => h.href), b.hits.map((h) => h.href));
  assertEqual(await a.page.inputValue("#sq"), "知識產權 質押融資");
  assertEqual(await a.page.inputValue("#q"), "知識產權 質押融資");
  await a.context.close();
  await b.context.close();
});

test("no content or query can inject HTML", async () => {
  const q = '<img src=x onerror="window.pwned=1">稀土';
  const r = await results("zh", q);
  assertEqual(await r.page.$$eval("#results img", (x) => x.length), 0);
  assertEqual(await r.page.evaluate(() => window.pwned), undefined);
  assert(r.status.includes("<img"), `the query is shown as text: ${r.status}`);
  await r.context.close();
});

test("a query's dollar signs show literally in the status line", async () => {
  // String.replace would read `$&` as "the matched text" and show `{q}`.
  for (const q of ["$&", "$$ $` $' $1 xylophone"]) {
    const r = await results("en", q);
    assert(r.status.includes(q), `the query is shown as typed: ${r.status}`);
    assert(!r.status.includes("{q}"), r.status);
    await r.context.close();
  }
});

test("a query with no results says so", async () => {
  const r = await results("en", "xylophone");
  assertEqual(r.hits.length, 0);
  assert(/xylophone/.test(r.status) && /No plan/.test(r.status), r.status);
  await r.context.close();
});

test("a browser without DecompressionStream is told search needs a newer one", async () => {
  const o = await openPage(browser);
  await o.page.addInitScript(() => { delete window.DecompressionStream; });
  await o.page.goto(searchUrl("en", "patent"));
  await o.page.waitForSelector("#results[data-done='1']");
  const status = await o.page.textContent("#results .search-status");
  assert(/too old for search/.test(status) && !/Search failed/.test(status), status);
  await o.context.close();
});

test("facets narrow and stay selected; the language facet switches index", async () => {
  const r = await results("zh", "知识产权", [["j", "henan"]]);
  assertEqual(r.hits.map((h) => slugOf(h.href)), ["henan-ip-plan-2022"]);
  assertEqual(await r.page.inputValue("#sf-j"), "henan");
  const options = await r.page.$$eval("#sf-l option", (o) => o.map((x) => x.value));
  assert(options.includes("city") && options.includes("province"), `levels: ${options}`);
  await r.context.close();
  const e = await results("zh", "rare earth", [["lang", "en"]]);
  assertEqual(e.hits.map((h) => h.href.includes("/en/plans/baotou-ip-plan-2021/")), [true]);
  await e.context.close();
});

test("the jurisdiction list is fetched only when the reader opens it", async () => {
  const r = await results("zh", "知识产权");
  const longLists = () => r.fetched.filter((f) => f.path.endsWith("/facets.json")).length;
  assertEqual(longLists(), 0, "no jurisdiction list before it is wanted");
  const before = await r.page.$$eval("#sf-j option", (o) => o.length);
  assertEqual(before, 1, "only the 'all' option");
  await r.page.focus("#sf-j");
  await r.page.waitForFunction(() => document.querySelectorAll("#sf-j option").length > 1);
  const options = await r.page.$$eval("#sf-j option", (o) => o.map((x) => x.value));
  assert(options.includes("henan") && options.includes("baotou"), `jurisdictions: ${options}`);
  assertEqual(longLists(), 1);
  assertNoErrors(r.errors);
  await r.context.close();
});

test("a query fetches its keys' byte ranges, not the index", async () => {
  const r = await results("zh", "质押 融资");
  const indexBytes = (function size(dir) {
    return fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) =>
      n + (e.isDirectory() ? size(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size), 0);
  })(path.join(site, "search", "zh"));
  const bytes = r.fetched.reduce((n, f) => n + f.bytes, 0);
  const ranged = r.fetched.filter((f) => /\/(p|t|d)\/\d+\.bin$/.test(f.path));
  assert(ranged.length > 0 && ranged.every((f) => f.status === 206), `packs read by range: ${JSON.stringify(ranged)}`);
  assert(bytes < indexBytes / 4, `fetched ${bytes} of ${indexBytes} index bytes`);
  const stats = await r.page.evaluate(() => window.plansiteSearch.stats);
  assertEqual(stats.bytes, bytes, "the script's own count agrees with the network");
  await r.context.close();
});

test("the header box on a phone searches with Enter; without JavaScript the page says why", async () => {
  const { page, context } = await openPage(browser, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  await page.goto(new URL("plans/henan-ip-plan-2022/", server.url).href);
  await page.fill("#q", "黄河");
  await page.press("#q", "Enter");
  await page.waitForURL(/\/search\/\?q=/);
  await page.waitForSelector("#results[data-done='1']");
  const n = await page.$$eval("#results ol.results > li", (l) => l.length);
  assertEqual(n, 2);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 0, `no sideways scrolling on a phone (overflow ${overflow}px)`);
  await context.close();

  const nojs = await openPage(browser, { javaScriptEnabled: false });
  await nojs.page.goto(searchUrl("zh", "稀土"));
  const notice = await nojs.page.textContent("noscript");
  assert(notice && notice.includes("JavaScript"), "noscript notice");
  await nojs.context.close();
});

await run({
  title: "search",
  teardown: async () => { await browser.close(); await server.close(); },
});
