// `plansite serve` in a real browser: save an edited plan, time until the
// open tab has reloaded with the change, check that search finds the new
// text (the index's edit segment) and no longer finds the removed text, and
// that a broken save shows the error overlay over the last good page until
// it is fixed.
//
//   node serve.live.mjs --bin PLANSITE --root SITE [--plan SLUG] [--runs N] [--json] [--verbose]
//
// SITE's plan file is edited on disk and put back as it was at the end. The
// figures printed are from the write of the file to the reloaded page's
// `load` event (save → reload), to the server's "search index updated" line
// (save → searchable) and to its last line for the save (save → done; the
// next save waits for it), each run a fresh edit; medians are over the runs. With --json the figures are printed as one JSON object.

import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { launch, openPage, assert, assertEqual, assertNoErrors, test, run } from "./lib.mjs";

const args = process.argv.slice(2);
const opt = { runs: 3, json: false };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--bin") opt.bin = args[++i];
  else if (a === "--root") opt.root = args[++i];
  else if (a === "--plan") opt.plan = args[++i];
  else if (a === "--runs") opt.runs = Number(args[++i]);
  else if (a === "--json") opt.json = true;
  else if (a === "--verbose") opt.verbose = true;
  else { console.error(`unknown argument ${a}`); process.exit(2); }
}
if (!opt.bin || !opt.root) {
  console.error("usage: node serve.live.mjs --bin PLANSITE --root SITE [--plan SLUG] [--runs N] [--json]");
  process.exit(2);
}
const plansDir = path.join(opt.root, "content", "plans");
const slug = opt.plan || fs.readdirSync(plansDir).sort()[0];
const planFile = path.join(plansDir, slug, "index.md");
const original = fs.readFileSync(planFile, "utf8");

// ---------------------------------------------------------------- the server

const started = performance.now();
const server = spawn(opt.bin, ["serve", "--port", "0", "--poll-ms", "50", "--root", opt.root], {
  stdio: ["ignore", "pipe", "pipe"],
});
const log = []; // [ms since start, line] of the server's stderr
let waiters = [];
function onLine(line) {
  log.push([performance.now(), line]);
  if (opt.verbose) console.error(`  server ${Math.round(performance.now() - started)} ms: ${line}`);
  waiters = waiters.filter((w) => !(w.test(line) && (w.resolve(performance.now()), true)));
}
let errBuf = "";
server.stderr.on("data", (d) => {
  errBuf += d;
  let nl;
  while ((nl = errBuf.indexOf("\n")) >= 0) { onLine(errBuf.slice(0, nl)); errBuf = errBuf.slice(nl + 1); }
});
/** Resolves with the time the next stderr line matching `re` arrives. */
function nextLine(re, timeoutMs = 600_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no server line matching ${re} in ${timeoutMs} ms; last lines:\n${log.slice(-8).map((l) => l[1]).join("\n")}`)), timeoutMs);
    waiters.push({ test: (l) => re.test(l), resolve: (t) => { clearTimeout(timer); resolve(t); } });
  });
}
const base = await new Promise((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (d) => {
    out += d;
    const m = out.match(/at (http:\/\/127\.0\.0\.1:\d+\/)/);
    if (m) resolve(m[1]);
  });
  server.on("exit", (code) => reject(new Error(`plansite serve exited (${code}):\n${log.map((l) => l[1]).join("\n")}`)));
});
const firstBuildMs = performance.now() - started;
const browser = await launch();

// ---------------------------------------------------------------- helpers

const planUrl = new URL(`plans/${slug}/`, base).href;
const searchUrl = (q, facets) => new URL(`search/?${new URLSearchParams([["q", q], ...facets])}`, base).href;
const slugOf = (href) => (href.match(/plans\/([^/]+)\//) || [])[1];

async function search(q, facets = []) {
  const o = await openPage(browser);
  await o.page.goto(searchUrl(q, facets));
  await o.page.waitForSelector("#results[data-done='1']", { timeout: 60_000 });
  const plans = await o.page.$$eval("#results ol.results > li a.result-title", (as) => as.map((a) => a.getAttribute("href")));
  const marks = await o.page.$$eval("#results mark", (ms) => ms.map((m) => m.textContent));
  const total = Number(await o.page.getAttribute("#results", "data-total"));
  assertNoErrors(o.errors, `search page for ${q}`);
  await o.context.close();
  return { plans: plans.map(slugOf), marks, total };
}

/** The site's folding table (traditional → simplified), from the server. */
async function foldTable() {
  const t = {};
  for (let i = 0; i < 64; i++) Object.assign(t, await (await fetch(new URL(`search/fold/${i}.json`, base))).json());
  return t;
}

/**
 * A paragraph of the body to cut, and eight Han characters of it that occur
 * nowhere else in the plan as search sees it: folded to simplified script,
 * punctuation and everything else between Han characters left out.
 */
function paragraphToCut(text, fold) {
  const han = (t) => [...t].map((c) => fold[c] || c).filter((c) => /\p{Script=Han}/u.test(c)).join("");
  const all = han(text);
  const body = text.slice(text.indexOf("\n---", 4) + 4);
  for (const p of body.split("\n\n").map((x) => x.trim())) {
    if (/^[#|<>!\-*]/.test(p) || p.includes("|")) continue;
    for (const run of p.match(/\p{Script=Han}{8,}/gu) || []) {
      const chars = [...han(run)];
      for (let i = 0; i + 8 <= chars.length; i++) {
        const w = chars.slice(i, i + 8).join("");
        if (all.split(w).length === 2) return { cut: p, phrase: w };
      }
    }
  }
  return null;
}

/** Saves as editors do: a hidden temporary file renamed over the plan. */
function save(text) {
  const tmp = path.join(path.dirname(planFile), ".index.md.saving");
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, planFile);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const figures = { plan: slug, first_build_ms: Math.round(firstBuildMs), runs: [] };

// ---------------------------------------------------------------- tests

const tab = await openPage(browser);
tab.context.setDefaultTimeout(600_000);
await tab.page.goto(planUrl);

test("a saved edit reloads the open tab with it, and search finds it", async () => {
  const found0 = paragraphToCut(original, await foldTable());
  assert(found0, "the plan has a paragraph to cut");
  const { cut, phrase: cutPhrase } = found0;
  // Narrowed to the plan's jurisdiction, so the plan is on the first page
  // of results however common the phrase is.
  const jur = [["j", (original.match(/^jurisdiction:\s*(\S+)/m) || [])[1]]];
  assert(jur[0][1], "the plan names its jurisdiction");
  const before = await search(cutPhrase, jur);
  assert(before.plans.includes(slug), `"${cutPhrase}" finds ${slug} before the edit: ${JSON.stringify(before)}`);
  let text = original;
  for (let run = 1; run <= opt.runs; run++) {
    const marker = `预览计时第${"一二三四五六七八九十"[(run - 1) % 10]}段试验文字`;
    text = (run === 1 ? text.replace(cut, "") : text) + `\n\n${marker}。\n`;
    const loaded = tab.page.waitForEvent("load", { timeout: 600_000 });
    const searchable = nextLine(/search index updated/);
    const idle = nextLine(/data files and feeds updated/);
    // Awaited below; a failure before that must not also be an unhandled rejection.
    searchable.catch(() => {});
    idle.catch(() => {});
    const t0 = performance.now();
    save(text);
    await loaded;
    const reloadMs = performance.now() - t0;
    const body = await tab.page.innerText("body");
    assert(body.includes(marker), `the reloaded page shows ${marker}`);
    const searchMs = (await searchable) - t0;
    const found = await search(marker);
    assertEqual(found.plans, [slug], `search for ${marker} after the edit`);
    assert(found.marks.includes(marker), `the snippet marks ${marker}: ${JSON.stringify(found.marks)}`);
    // The server is done with this save before the next one.
    const doneMs = (await idle) - t0;
    figures.runs.push({ reload_ms: Math.round(reloadMs), searchable_ms: Math.round(searchMs), done_ms: Math.round(doneMs) });
  }
  const after = await search(cutPhrase, jur);
  assert(!after.plans.includes(slug), `"${cutPhrase}" no longer finds ${slug}: ${JSON.stringify(after)}`);
  assertEqual(after.total, before.total - 1, `"${cutPhrase}" finds one plan fewer`);
});

test("a broken save shows the error overlay over the last good page, and fixing it reloads", async () => {
  const good = fs.readFileSync(planFile, "utf8");
  const broken = good.replace(/^jurisdiction:.*$/m, "jurisdiction: nowhere-at-all");
  assert(broken !== good, "the plan names its jurisdiction");
  const shown = await tab.page.innerText("main");
  save(broken);
  const overlay = await tab.page.waitForSelector("#plansite-build-error", { timeout: 120_000 });
  const said = await overlay.innerText();
  assert(said.includes("nowhere-at-all") && said.includes("index.md:"), `the overlay names the file and the problem: ${said}`);
  assertEqual(await tab.page.innerText("main"), shown, "the last good page stays");
  const loaded = tab.page.waitForEvent("load", { timeout: 600_000 });
  save(good);
  await loaded;
  assertEqual(await tab.page.$("#plansite-build-error"), null, "no overlay after the fix");
  // A reload cuts the tab's event stream short; that is no error.
  assertNoErrors(tab.errors.filter((e) => !/__plansite\/events net::ERR_ABORTED/.test(e)), "the plan's tab");
});

await run({
  title: "serve (live)",
  timeoutMs: 1_800_000,
  teardown: async () => {
    fs.writeFileSync(planFile, original);
    await browser.close();
    server.kill();
  },
});

if (figures.runs.length) {
  figures.reload_ms_median = median(figures.runs.map((r) => r.reload_ms));
  figures.searchable_ms_median = median(figures.runs.map((r) => r.searchable_ms));
  figures.done_ms_median = median(figures.runs.map((r) => r.done_ms));
  if (opt.json) console.log(JSON.stringify(figures));
  else {
    console.log(`first build and start: ${figures.first_build_ms} ms`);
    console.log(`save → reloaded tab: ${figures.runs.map((r) => r.reload_ms).join(", ")} ms (median ${figures.reload_ms_median})`);
    console.log(`save → search index updated: ${figures.runs.map((r) => r.searchable_ms).join(", ")} ms (median ${figures.searchable_ms_median})`);
    console.log(`save → every page, data file and feed updated: ${figures.runs.map((r) => r.done_ms).join(", ")} ms (median ${figures.done_ms_median})`);
  }
}
