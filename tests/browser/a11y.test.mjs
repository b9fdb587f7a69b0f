// Accessibility of every page kind, in both languages, in the light colour
// scheme on a desktop-wide window and in the dark one on a phone-wide one
// (where wide tables scroll): axe-core (pinned in package.json, read from node_modules and
// injected into the page; nothing is fetched from another host) must report
// no violation of WCAG 2.1 A/AA or of axe's best practices.
//
//   node a11y.test.mjs <built-site-dir>
//
// One page per kind is checked: which plan, jurisdiction and indicator is
// read from the built site's data files (the plan with the most indicator
// values, its jurisdiction, and the indicator reported by the most plans),
// so the richest page of each kind is the one looked at. Each violation is
// printed with its rule id, impact, the CSS selectors of the offending
// elements and the page, so a failure says what to fix where
// (A11Y_VERBOSE=1 adds axe's explanation for each element).
//
// A11Y_ALL=1 checks every HTML page of the site instead of one per kind.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { serve, launch, openPage, assert, assertNoErrors, test, run } from "./lib.mjs";

const site = process.argv[2];
if (!site || !fs.existsSync(path.join(site, "index.html"))) {
  console.error(`usage: node a11y.test.mjs <built-site-dir>  (no index.html in ${site ?? "(none)"})`);
  process.exit(2);
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_VERSION = require("axe-core/package.json").version;
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

// ---------------------------------------------------------------- which pages

const readJson = (rel) => JSON.parse(fs.readFileSync(path.join(site, rel), "utf8"));
/** The key that occurs most often in `items` (ties: the first in sorted order). */
function mostCommon(items) {
  const n = new Map();
  for (const k of items) n.set(k, (n.get(k) || 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
}
const values = readJson("data/indicators.json");
const plan = mostCommon(values.map((r) => r.plan));
const jurisdiction = readJson("data/plans.json").find((p) => p.slug === plan).jurisdiction;
const indicator = mostCommon(values.map((r) => r.indicator));
const tasks = fs.existsSync(path.join(site, "data/tasks.json")) ? readJson("data/tasks.json") : [];
const taskPages = tasks.length
  ? [
    ["plan with tasks", `plans/${mostCommon(tasks.map((r) => r.plan))}/`],
    ["agencies", "agencies/"],
    ["agency", `agencies/${mostCommon(tasks.map((r) => r.agency).filter(Boolean))}/`],
  ]
  : [];

/** [kind, path below the language prefix, what to wait for before checking]. */
const KINDS = [
  ["home", ""],
  ["plan", `plans/${plan}/`],
  ["plan side by side", `plans/${plan}/parallel/`],
  ["jurisdictions", "jurisdictions/"],
  ["jurisdiction", `jurisdictions/${jurisdiction}/`],
  ["indicators", "indicators/"],
  ["indicator", `indicators/${indicator}/`],
  ["compare", "compare/"],
  ["search", "search/"],
  ["search results", { zh: "search/?q=知识产权", en: "search/?q=patent" }, "#results[data-done='1']"],
  ["data", "data/"],
  ["glossary", "glossary/"],
  ["recent changes", "changes/"],
  ...taskPages,
  ["staff guide", "staff-guide/"],
  ["not found", "404.html"],
];
const LANGS = [["zh", ""], ["en", "en/"]];
const VARIANTS = [
  { scheme: "light", width: 1280, height: 900 },
  { scheme: "dark", width: 390, height: 844 },
];

/** Every HTML page of the built site, as paths relative to its root. */
function allPages() {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(path.join(site, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith(".html")) out.push(e.name === "index.html" ? rel.slice(0, -"index.html".length) : rel);
    }
  };
  walk("");
  return out;
}

/** [test name, path, selector to wait for] for each page to check. */
const PAGES = process.env.A11Y_ALL === "1"
  ? allPages().map((rel) => [rel || "/", rel, undefined])
  : LANGS.flatMap(([lang, prefix]) => KINDS.map(([kind, where, waitFor]) => {
    const rel = prefix + (typeof where === "string" ? where : where[lang]);
    return [`${lang} ${kind}`, rel, waitFor];
  }));

// ---------------------------------------------------------------- checking

const server = await serve(site);
const browser = await launch();

/** Open `rel`, wait for its scripts, run axe; resolves to the violations. */
async function check(rel, waitFor, { scheme, width, height }) {
  const { context, page, errors } = await openPage(browser, { colorScheme: scheme, viewport: { width, height } });
  try {
    const url = new URL(rel, server.url).href;
    const res = await page.goto(url);
    assert(res && res.status() === 200, `GET ${url} -> ${res && res.status()}`);
    await page.waitForLoadState("load");
    if (waitFor) await page.waitForSelector(waitFor);
    await page.addScriptTag({ content: AXE_SOURCE });
    const result = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(" "), summary: n.failureSummary })),
      }));
    }, TAGS);
    assertNoErrors(errors, rel);
    return result;
  } finally {
    await context.close();
  }
}

const tally = new Map();

for (const variant of VARIANTS) {
  const how = `${variant.scheme}, ${variant.width} px`;
  for (const [name, rel, waitFor] of PAGES) {
    test(`${name} (${how}): /${rel}`, async () => {
      const violations = await check(rel, waitFor, variant);
      for (const v of violations) tally.set(v.id, (tally.get(v.id) || 0) + v.nodes.length);
      assert(violations.length === 0, () => {
        const lines = [`axe-core ${AXE_VERSION}: ${violations.length} rule(s) violated on /${rel} (${how})`];
        for (const v of violations) {
          lines.push(`${v.id} [${v.impact}] ${v.help} — /${rel} (${how})`);
          for (const n of v.nodes) {
            lines.push(`    ${n.target}`);
            if (process.env.A11Y_VERBOSE) lines.push(n.summary.replace(/^/gm, "      "));
          }
        }
        return lines.join("\n");
      });
    });
  }
}

await run({
  title: `a11y (axe-core ${AXE_VERSION})`,
  timeoutMs: 120_000,
  teardown: async () => {
    await browser.close();
    await server.close();
    if (tally.size) {
      console.log("violating elements per rule, all pages:");
      for (const [id, n] of [...tally].sort((a, b) => b[1] - a[1])) console.log(`  ${id}: ${n}`);
    }
  },
});
