// The hostile fixture site (tests/fixtures/hostile/) in headless Chromium:
// every page it produces is opened with window.alert/confirm/prompt hooked
// and a global flag watched, and the test fails if any script of the
// content's ran, also on the search page with crafted ?q= values and the
// comparison page with crafted parameters. Run by tests/browser.rs, which
// builds the site first (not a *.test.mjs: run.sh runs those on the
// bundled site).
//
//   node hostile.mjs <built-hostile-site-dir>

import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, assert, test, run } from "./lib.mjs";

const site = process.argv[2];
if (!site || !fs.existsSync(path.join(site, "plans", "hostile-plan", "index.html"))) {
  console.error(`usage: node hostile.mjs <built-hostile-site-dir>  (no plans/hostile-plan/ in ${site ?? "(none)"})`);
  process.exit(2);
}

const server = await serve(site);
const browser = await launch();

// Every payload in the fixture sets window.__pwned (or its parent's) or
// calls a dialog; the hooks record both.
const HOOK = `
  window.__ran = [];
  for (const f of ["alert", "confirm", "prompt", "print"]) {
    window[f] = (...a) => { window.__ran.push(f + ":" + a.join(",")); };
  }
  Object.defineProperty(window, "__pwned", {
    set(v) { window.__ran.push("flag:" + v); },
    get() { return undefined; },
    configurable: false,
  });
`;

/** Opens `url` and returns what content script ran there (nothing, we hope). */
async function ran(url) {
  const o = await openPage(browser);
  const dialogs = [];
  o.page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await o.context.addInitScript(HOOK);
  await o.page.goto(url, { waitUntil: "load" });
  // Let timers, late loads and meta refreshes fire.
  await o.page.waitForTimeout(250);
  const seen = [];
  for (const frame of o.page.frames()) {
    const r = await frame.evaluate(() => window.__ran || []).catch(() => []);
    seen.push(...r);
  }
  const finalUrl = o.page.url();
  await o.context.close();
  return { seen: [...seen, ...dialogs.map((m) => "dialog:" + m)], finalUrl };
}

function htmlPages(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".html")) out.push(path.relative(dir, p).split(path.sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

const pages = htmlPages(site);

test(`no content script runs on any of the ${pages.length} pages`, async () => {
  assert(pages.length > 20, `only ${pages.length} pages`);
  const bad = [];
  for (const p of pages) {
    const { seen, finalUrl } = await ran(new URL(p, server.url).href);
    if (seen.length) bad.push(`${p}: ${seen.join("; ")}`);
    if (!finalUrl.startsWith(server.url)) bad.push(`${p}: navigated to ${finalUrl}`);
  }
  assert(bad.length === 0, () => `script ran:\n  ${bad.join("\n  ")}`);
});

const CRAFTED = [
  `<img src=x onerror="window.__pwned='q'">`,
  `"><script>window.__pwned='q2'</script>`,
  "$&$`$'{q}",
  "javascript:window.__pwned='q3'",
  "恶意",
  "script",
  "pwned",
  "HYPERLINK",
];

test("crafted search queries and facets run nothing", async () => {
  const bad = [];
  for (const lang of ["", "en/"]) {
    for (const q of CRAFTED) {
      const p = new URLSearchParams({ q, j: `<img src=x onerror="window.__pwned='j'">`, lang: `"><b>` });
      const { seen } = await ran(new URL(`${lang}search/?${p}`, server.url).href);
      if (seen.length) bad.push(`${lang}search ?q=${q}: ${seen.join("; ")}`);
    }
  }
  assert(bad.length === 0, () => `script ran:\n  ${bad.join("\n  ")}`);
});

test("the search page shows a crafted query as text", async () => {
  const q = "$&$`$'{q}<b>";
  const o = await openPage(browser);
  await o.page.goto(new URL(`search/?${new URLSearchParams({ q })}`, server.url).href);
  await o.page.waitForSelector("#results[data-done='1']");
  const status = await o.page.textContent("#results");
  await o.context.close();
  assert(status.includes(q), () => `the status does not show the query as typed: ${status}`);
});

test("crafted comparison parameters run nothing", async () => {
  const evil = `<img src=x onerror="window.__pwned='cmp'">`;
  const bad = [];
  for (const lang of ["", "en/"]) {
    for (const params of [
      { j: evil, c: evil, pc: "1", sort: evil, dir: evil },
      { j: `testcity,${evil}`, sort: "testcity", dir: "asc" },
      { sort: "__proto__", dir: "constructor" },
    ]) {
      const { seen } = await ran(new URL(`${lang}compare/?${new URLSearchParams(params)}`, server.url).href);
      if (seen.length) bad.push(`${lang}compare ${JSON.stringify(params)}: ${seen.join("; ")}`);
    }
  }
  assert(bad.length === 0, () => `script ran:\n  ${bad.join("\n  ")}`);
});

await run({
  title: "hostile",
  timeoutMs: 180_000,
  teardown: async () => { await browser.close(); await server.close(); },
});
