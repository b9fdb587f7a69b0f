// Browser tests for the comparison matrix (/compare/ and /en/compare/):
// themes/default/templates/compare.html + themes/default/static/compare.js,
// run in headless Chromium against a built site.
//
//   node compare.test.mjs <built-site-dir>
//
// Jurisdiction ids, category keys and sort values are read from the built
// page itself; only the "not set" wording comes from the theme's i18n files.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve, launch, openPage, assert, assertEqual, assertNoErrors, test, run } from "./lib.mjs";

const site = process.argv[2];
if (!site || !fs.existsSync(path.join(site, "compare", "index.html"))) {
  console.error(`usage: node compare.test.mjs <built-site-dir>  (no compare/index.html in ${site ?? "(none)"})`);
  process.exit(2);
}

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** One top-level string from themes/default/i18n/<lang>.yaml (flat `key: value`). */
function i18n(lang, key) {
  const text = fs.readFileSync(path.join(repo, "themes", "default", "i18n", `${lang}.yaml`), "utf8");
  const m = text.match(new RegExp(`^${key}:[ \\t]*(.*?)[ \\t]*$`, "m"));
  assert(m, `no ${key} in ${lang}.yaml`);
  let v = m[1];
  if (/^(["']).*\1$/.test(v)) v = v.slice(1, -1);
  return v;
}

const server = await serve(site);
const browser = await launch();
const ZH = "compare/", EN = "en/compare/";

// ---------------------------------------------------------------- helpers

async function open(rel, contextOptions) {
  const o = await openPage(browser, contextOptions);
  const url = new URL(rel, server.url).href;
  const res = await o.page.goto(url);
  assert(res && res.status() === 200, `GET ${url} -> ${res && res.status()}`);
  return o;
}

/** Everything the filters control, as rendered (not just attributes). */
function snapshot(page) {
  return page.evaluate(() => {
    const shown = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
    const table = document.getElementById("matrix");
    const form = document.getElementById("compare-controls");
    const columns = [...table.querySelectorAll("thead th[data-col]")].map((th) => th.getAttribute("data-col"));
    const categories = [...table.querySelectorAll("tbody[data-category]")].map((tb) => tb.getAttribute("data-category"));
    const cols = {};
    for (const c of columns) {
      const sel = `[data-col="${CSS.escape(c)}"]`;
      const tds = [...table.querySelectorAll(`tbody td${sel}`)];
      cols[c] = {
        header: shown(table.querySelector(`thead th${sel}`)),
        cells: tds.length,
        cellsShown: tds.filter(shown).length,
        cellsInShownBodies: tds.filter((td) => shown(td.closest("tbody"))).length,
      };
    }
    const cats = {};
    for (const k of categories) {
      const tb = table.querySelector(`tbody[data-category="${CSS.escape(k)}"]`);
      const rows = [...tb.querySelectorAll("tr:not(.group)")];
      cats[k] = { shown: shown(tb), rows: rows.length, rowsShown: rows.filter(shown).length };
    }
    const boxes = (name) => form ? [...form.querySelectorAll(`input[name="${name}"]`)].map((i) => [i.value, i.checked]) : [];
    const pc = form && form.querySelector('input[name="pc"]');
    return {
      formShown: shown(form),
      columns, categories, cols, cats,
      j: boxes("j"), c: boxes("c"), pc: pc ? pc.checked : null,
    };
  });
}

function query(page) {
  return new URL(page.url()).searchParams;
}

/** The rendered state must show exactly the columns/categories not in hiddenCols/hiddenCats. */
function expectFiltered(s, hiddenCols, hiddenCats, where) {
  assert(s.formShown, `${where}: controls form should be visible with JS`);
  assertEqual(s.j.map(([v]) => v), s.columns, `${where}: one jurisdiction checkbox per column, in column order`);
  assertEqual(s.c.map(([v]) => v), s.categories, `${where}: one category checkbox per category tbody, in order`);
  for (const [v, checked] of s.j) assertEqual(checked, !hiddenCols.includes(v), `${where}: checkbox j=${v} state`);
  for (const [v, checked] of s.c) assertEqual(checked, !hiddenCats.includes(v), `${where}: checkbox c=${v} state`);
  for (const k of s.categories) {
    const cat = s.cats[k];
    if (hiddenCats.includes(k)) {
      assert(!cat.shown && cat.rowsShown === 0, `${where}: category ${k} should be hidden, got ${JSON.stringify(cat)}`);
    } else {
      assert(cat.shown && cat.rowsShown === cat.rows, `${where}: category ${k} should be shown with all rows, got ${JSON.stringify(cat)}`);
    }
  }
  for (const c of s.columns) {
    const col = s.cols[c];
    assert(col.cells > 0, `${where}: column ${c} has no cells at all`);
    if (hiddenCols.includes(c)) {
      assert(!col.header && col.cellsShown === 0, `${where}: column ${c} header and cells should be hidden, got ${JSON.stringify(col)}`);
    } else {
      assert(col.header, `${where}: column ${c} header should be visible`);
      assertEqual(col.cellsShown, col.cellsInShownBodies, `${where}: every cell of column ${c} in a visible category should be visible`);
    }
  }
}

/**
 * Uncheck the second jurisdiction and the first category through the form and
 * check the table and the URL. Returns what was hidden and the resulting URL.
 */
async function filterThroughForm(page, rel, where) {
  const before = await snapshot(page);
  assert(before.columns.length >= 2, `${where}: need at least 2 jurisdiction columns, found ${before.columns.length}`);
  assert(before.categories.length >= 2, `${where}: need at least 2 categories, found ${before.categories.length}`);
  expectFiltered(before, [], [], `${where} (initial)`);
  assertEqual([...query(page).keys()], [], `${where}: a fresh page should not rewrite its URL`);

  const col = before.columns[1];
  await page.locator(`#compare-controls input[name="j"][value="${col}"]`).uncheck();
  let s = await snapshot(page);
  expectFiltered(s, [col], [], `${where} after unchecking jurisdiction ${col}`);
  let q = query(page);
  assertEqual(q.get("j"), before.columns.filter((c) => c !== col).join(","), `${where}: j= after unchecking ${col}`);
  assertEqual(q.get("c"), before.categories.join(","), `${where}: c= after unchecking ${col}`);
  assertEqual(new URL(page.url()).pathname, `/${rel}`, `${where}: path must not change`);

  const cat = before.categories[0];
  await page.locator(`#compare-controls input[name="c"][value="${cat}"]`).uncheck();
  s = await snapshot(page);
  expectFiltered(s, [col], [cat], `${where} after unchecking category ${cat}`);
  q = query(page);
  assertEqual(q.get("j"), before.columns.filter((c) => c !== col).join(","), `${where}: j= after unchecking ${cat}`);
  assertEqual(q.get("c"), before.categories.filter((k) => k !== cat).join(","), `${where}: c= after unchecking ${cat}`);
  assert(!q.has("pc") && !q.has("sort"), `${where}: no pc/sort in URL yet: ${page.url()}`);

  // Re-checking the jurisdiction brings its column back.
  await page.locator(`#compare-controls input[name="j"][value="${col}"]`).check();
  expectFiltered(await snapshot(page), [], [cat], `${where} after re-checking ${col}`);
  assertEqual(query(page).get("j"), before.columns.join(","), `${where}: j= after re-checking ${col}`);
  await page.locator(`#compare-controls input[name="j"][value="${col}"]`).uncheck();

  return { col, cat, url: page.url() };
}

/** Open `url` in a brand-new context and expect the same filtered view. */
async function expectRestored(url, col, cat, where) {
  const { context, page, errors } = await open(url);
  try {
    assertEqual(page.url(), url, `${where}: loading a state URL must not rewrite it`);
    expectFiltered(await snapshot(page), [col], [cat], `${where} after reload`);
    assertNoErrors(errors, where);
  } finally {
    await context.close();
  }
}

/** Rows of every category tbody with their data-sort in column `col`. */
function rowsBy(page, col, attr = "data-sort") {
  return page.evaluate(([col, attr]) => [...document.querySelectorAll("#matrix tbody[data-category]")].map((tb) => ({
    key: tb.getAttribute("data-category"),
    groupFirst: !!tb.rows[0] && tb.rows[0].classList.contains("group"),
    rows: [...tb.querySelectorAll("tr:not(.group)")].map((tr) => {
      const td = tr.querySelector(`td[data-col="${CSS.escape(col)}"]`);
      const a = tr.querySelector("th[scope=row] a");
      return { id: a ? a.getAttribute("href") : tr.textContent, sort: td ? td.getAttribute(attr) : null };
    }),
  })), [col, attr]);
}

const value = (r) => (r.sort === null || r.sort === "" ? null : Number(r.sort));

/** Rows within every tbody are ordered by value (dir), with empty cells last. */
function expectSorted(bodies, dir, where) {
  for (const b of bodies) {
    assert(b.groupFirst, `${where}: the category heading row of ${b.key} must stay first`);
    const vals = b.rows.map(value);
    const firstEmpty = vals.indexOf(null);
    if (firstEmpty >= 0) {
      assert(vals.slice(firstEmpty).every((v) => v === null), `${where}: empty cells must come last in ${b.key}: ${JSON.stringify(vals)}`);
    }
    const nums = firstEmpty >= 0 ? vals.slice(0, firstEmpty) : vals;
    assert(nums.every(Number.isFinite), `${where}: non-numeric data-sort in ${b.key}: ${JSON.stringify(vals)}`);
    for (let i = 1; i < nums.length; i++) {
      const ok = dir === "desc" ? nums[i - 1] >= nums[i] : nums[i - 1] <= nums[i];
      assert(ok, `${where}: ${b.key} not in ${dir} order: ${JSON.stringify(vals)}`);
    }
  }
}

function sameRows(a, b, where) {
  assertEqual(b.map((x) => x.key), a.map((x) => x.key), `${where}: category order must not change`);
  for (let i = 0; i < a.length; i++) {
    assertEqual(b[i].rows.map((r) => r.id).sort(), a[i].rows.map((r) => r.id).sort(), `${where}: rows of ${a[i].key} must only be reordered`);
  }
}

const orderOf = (bodies) => bodies.map((b) => b.rows.map((r) => r.id));

async function ariaSorts(page) {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll("#matrix thead th[data-col]")]
    .map((th) => [th.getAttribute("data-col"), th.getAttribute("aria-sort")])));
}

/**
 * Click a column header on its own box, not on the jurisdiction link inside
 * it (the link navigates away; the script ignores clicks on it).
 */
async function clickHeader(page, col) {
  const th = page.locator(`#matrix thead th[data-col="${col}"]`);
  await th.scrollIntoViewIfNeeded();
  const point = await th.evaluate((th) => {
    const r = th.getBoundingClientRect();
    for (const [x, y] of [[r.right - 3, r.bottom - 3], [r.left + 2, r.top + 2], [r.right - 3, r.top + 2], [r.left + 2, r.bottom - 3]]) {
      if (document.elementFromPoint(x, y) === th) return { x, y };
    }
    return null;
  });
  assert(point, `no point inside the ${col} header outside its link`);
  await page.mouse.click(point.x, point.y);
}

// ---------------------------------------------------------------- tests

test("zh: controls appear; unchecking a jurisdiction / category hides its column / tbody and updates the URL", async () => {
  const { context, page, errors } = await open(ZH);
  try {
    assertEqual(await page.getAttribute("html", "lang"), "zh-Hans", "zh page language");
    await filterThroughForm(page, ZH, "zh");
    assertNoErrors(errors, "zh");
  } finally {
    await context.close();
  }
});

test("zh: reloading the resulting URL restores hidden columns, categories and checkboxes", async () => {
  const { context, page, errors } = await open(ZH);
  let state;
  try {
    state = await filterThroughForm(page, ZH, "zh");
    assertNoErrors(errors, "zh");
    // Same page, plain navigation to its own URL ...
    await page.goto(page.url());
    expectFiltered(await snapshot(page), [state.col], [state.cat], "zh after goto(page.url())");
  } finally {
    await context.close();
  }
  // ... and a new context that never saw the form.
  await expectRestored(state.url, state.col, state.cat, "zh");
});

test("zh: clicking a column header sorts rows within each category (desc, then asc; empty cells last)", async () => {
  const { context, page, errors } = await open(ZH);
  try {
    const initialAria = await ariaSorts(page);
    const cols = Object.keys(initialAria);
    assert(cols.length >= 2, "need at least 2 sortable columns");
    assert(Object.values(initialAria).every((v) => v === "none"), `headers start with aria-sort=none: ${JSON.stringify(initialAria)}`);

    // Pick the column whose sort changes the most tbodies, so the test is not vacuous.
    const initial = {};
    let col = null, best = 0;
    for (const c of cols) {
      initial[c] = await rowsBy(page, c);
      const moved = initial[c].filter((b) => {
        const vals = b.rows.map(value);
        const nums = vals.filter((v) => v !== null);
        const desc = [...nums].sort((x, y) => y - x);
        const emptiesLast = vals.indexOf(null) < 0 || vals.slice(vals.indexOf(null)).every((v) => v === null);
        return nums.length >= 2 && (JSON.stringify(nums) !== JSON.stringify(desc) || !emptiesLast);
      }).length;
      if (moved > best) { best = moved; col = c; }
    }
    assert(col, "no column whose rows are out of descending order; the sort test would prove nothing");
    const before = initial[col];

    await clickHeader(page, col);
    assertEqual(new URL(page.url()).pathname, `/${ZH}`, "clicking the header must not navigate");
    let after = await rowsBy(page, col);
    sameRows(before, after, "desc");
    expectSorted(after, "desc", `sorted by ${col} desc`);
    assert(JSON.stringify(orderOf(after)) !== JSON.stringify(orderOf(before)), "sorting did not reorder any row");
    assertEqual(await ariaSorts(page), Object.fromEntries(cols.map((c) => [c, c === col ? "descending" : "none"])), "aria-sort after first click");
    let q = query(page);
    assertEqual([q.get("sort"), q.get("dir")], [col, "desc"], "sort=/dir= after first click");
    const descOrder = orderOf(after);

    await clickHeader(page, col);
    after = await rowsBy(page, col);
    sameRows(before, after, "asc");
    expectSorted(after, "asc", `sorted by ${col} asc`);
    assert(JSON.stringify(orderOf(after)) !== JSON.stringify(descOrder), "ascending order equals descending order");
    assertEqual((await ariaSorts(page))[col], "ascending", "aria-sort after second click");
    q = query(page);
    assertEqual([q.get("sort"), q.get("dir")], [col, "asc"], "sort=/dir= after second click");

    // The sorted view is in the URL too.
    const { context: c2, page: p2, errors: e2 } = await open(page.url());
    try {
      assertEqual(orderOf(await rowsBy(p2, col)), orderOf(after), "reloaded page keeps the ascending order");
      assertEqual((await ariaSorts(p2))[col], "ascending", "reloaded page keeps aria-sort");
      assertNoErrors(e2, "reloaded sorted page");
    } finally {
      await c2.close();
    }

    // Keyboard: Enter on the focused header toggles back to descending.
    await page.locator(`#matrix thead th[data-col="${col}"]`).focus();
    await page.keyboard.press("Enter");
    expectSorted(await rowsBy(page, col), "desc", "after Enter on the header");
    assertEqual((await ariaSorts(page))[col], "descending", "aria-sort after Enter");
    assertEqual(query(page).get("dir"), "desc", "dir= after Enter");

    // Another column starts descending and clears the first column's aria-sort.
    const other = cols.find((c) => c !== col);
    await clickHeader(page, other);
    expectSorted(await rowsBy(page, other), "desc", `sorted by ${other}`);
    assertEqual(await ariaSorts(page), Object.fromEntries(cols.map((c) => [c, c === other ? "descending" : "none"])), "aria-sort after switching column");
    assertEqual([query(page).get("sort"), query(page).get("dir")], [other, "desc"], "sort=/dir= after switching column");
    assertNoErrors(errors, "zh sort");
  } finally {
    await context.close();
  }
});

/** Visibility of every .percap span and its sibling total. */
function perCapita(page) {
  return page.evaluate(() => {
    const shown = (el) => !!el && el.getClientRects().length > 0;
    const pcs = [...document.querySelectorAll("#matrix .percap")];
    const lonely = [...document.querySelectorAll("#matrix .total")].filter((t) => !(t.nextElementSibling && t.nextElementSibling.classList.contains("percap")));
    return {
      count: pcs.length,
      percapShown: pcs.filter(shown).length,
      nonEmpty: pcs.filter((p) => p.textContent.trim() !== "").length,
      pairedTotals: pcs.filter((p) => p.previousElementSibling && p.previousElementSibling.classList.contains("total")).length,
      pairedTotalsShown: pcs.filter((p) => shown(p.previousElementSibling)).length,
      lonelyTotals: lonely.length,
      lonelyTotalsShown: lonely.filter(shown).length,
      checkbox: document.querySelector('#compare-controls input[name="pc"]').checked,
    };
  });
}

function expectPerCapita(s, on, where) {
  assert(s.count > 0, `${where}: no .percap figures on the page`);
  assertEqual(s.nonEmpty, s.count, `${where}: every .percap has text`);
  assertEqual(s.pairedTotals, s.count, `${where}: every .percap follows its .total`);
  assertEqual(s.checkbox, on, `${where}: pc checkbox`);
  assertEqual(s.percapShown, on ? s.count : 0, `${where}: visible per-capita figures`);
  assertEqual(s.pairedTotalsShown, on ? 0 : s.count, `${where}: visible totals that have a per-capita figure`);
  assert(s.lonelyTotals > 0, `${where}: expected some totals without a per-capita figure`);
  assertEqual(s.lonelyTotalsShown, s.lonelyTotals, `${where}: totals without a per-capita figure stay visible`);
}

test("zh: per-capita toggle swaps totals for per-10,000 figures and is kept in the URL (pc=1)", async () => {
  const { context, page, errors } = await open(ZH);
  try {
    expectPerCapita(await perCapita(page), false, "initial");
    await page.locator('#compare-controls input[name="pc"]').check();
    expectPerCapita(await perCapita(page), true, "after checking pc");
    assertEqual(query(page).get("pc"), "1", "pc= after checking");
    await page.locator('#compare-controls input[name="pc"]').uncheck();
    expectPerCapita(await perCapita(page), false, "after unchecking pc");
    assert(!query(page).has("pc"), `pc must leave the URL when unchecked: ${page.url()}`);
    assertNoErrors(errors, "zh pc");
  } finally {
    await context.close();
  }
  const { context: c2, page: p2, errors: e2 } = await open(ZH + "?pc=1");
  try {
    expectPerCapita(await perCapita(p2), true, "loaded with ?pc=1");
    expectFiltered(await snapshot(p2), [], [], "loaded with ?pc=1 (no filters)");
    assertNoErrors(e2, "zh ?pc=1");
  } finally {
    await c2.close();
  }
});

for (const [lang, rel] of [["zh", ZH], ["en", EN]]) {
  test(`${lang}: without JavaScript the full table stands and empty cells say "not set"`, async () => {
    const notSet = i18n(lang, "not_set");
    const { context, page, errors } = await open(rel, { javaScriptEnabled: false });
    try {
      const s = await snapshot(page);
      assert(!s.formShown, "controls form must stay hidden without JS");
      assert(s.columns.length >= 2 && s.categories.length >= 2, `expected a real matrix, got ${s.columns.length} columns / ${s.categories.length} categories`);
      for (const k of s.categories) assert(s.cats[k].shown && s.cats[k].rowsShown === s.cats[k].rows && s.cats[k].rows > 0, `category ${k} fully visible: ${JSON.stringify(s.cats[k])}`);
      for (const c of s.columns) assert(s.cols[c].header && s.cols[c].cellsShown === s.cols[c].cells, `column ${c} fully visible: ${JSON.stringify(s.cols[c])}`);
      const cells = await page.evaluate(() => {
        const rows = [...document.querySelectorAll("#matrix tbody[data-category] tr:not(.group)")];
        const width = document.querySelectorAll("#matrix thead th[data-col]").length;
        return {
          width,
          rowWidths: rows.map((tr) => tr.querySelectorAll("td[data-col]").length),
          cells: [...document.querySelectorAll("#matrix tbody td[data-col]")].map((td) => ({
            sort: td.getAttribute("data-sort"),
            text: td.textContent.trim(),
            na: td.querySelector(".na") ? td.querySelector(".na").textContent.trim() : null,
            percapShown: [...td.querySelectorAll(".percap")].some((p) => p.getClientRects().length > 0),
          })),
          sortAttrs: document.querySelectorAll("#matrix [aria-sort]").length,
        };
      });
      for (const w of cells.rowWidths) assertEqual(w, cells.width, "every row has one cell per jurisdiction");
      const empty = cells.cells.filter((c) => c.sort === "");
      const filled = cells.cells.filter((c) => c.sort !== "");
      assert(empty.length > 0 && filled.length > 0, `expected both set and unset cells (${filled.length} set, ${empty.length} unset)`);
      for (const c of empty) {
        assertEqual(c.na, notSet, `an unset cell shows the explicit "${notSet}" marker`);
        assertEqual(c.text, notSet, "an unset cell shows nothing else");
      }
      for (const c of filled) {
        assertEqual(c.na, null, `a set cell must not carry the not-set marker: ${c.text}`);
        assert(Number.isFinite(Number(c.sort)), `numeric data-sort on a set cell: ${JSON.stringify(c)}`);
        assert(c.text !== "" && !c.text.includes(notSet), `a set cell shows its figure: ${JSON.stringify(c)}`);
        assert(!c.percapShown, "per-capita figures stay hidden without JS");
      }
      assert(!cells.cells.some((c) => /^0(\.0+)?$/.test(c.text)), "no cell shows a bare 0");
      assertEqual(cells.sortAttrs, 0, "no aria-sort without JS");
      assertNoErrors(errors, `${lang} no-JS`);
    } finally {
      await context.close();
    }
  });
}

test("zh: in per-capita mode a sort orders rows by the per-10,000 figures", async () => {
  const cols = await open(ZH).then(async ({ context, page }) => {
    const ids = await page.evaluate(() => [...document.querySelectorAll("#matrix thead th[data-col]")].map((th) => th.getAttribute("data-col")));
    // The column with the most per-capita values, so the check cannot pass vacuously.
    const counts = await page.evaluate((ids) => ids.map((c) => document.querySelectorAll(`#matrix td[data-col="${CSS.escape(c)}"][data-sort-pc]:not([data-sort-pc=""])`).length), ids);
    await context.close();
    return { ids, counts };
  });
  const best = cols.ids[cols.counts.indexOf(Math.max(...cols.counts))];
  assert(Math.max(...cols.counts) >= 2, `some column needs two per-capita values: ${JSON.stringify(cols)}`);
  const { context, page, errors } = await open(ZH + `?pc=1&sort=${encodeURIComponent(best)}&dir=desc`);
  try {
    expectSorted(await rowsBy(page, best, "data-sort-pc"), "desc", "pc=1 sorted by per-10,000 values");
    assertNoErrors(errors, "zh pc sort");
  } finally {
    await context.close();
  }
});

test("zh: a crafted sort or dir in the URL is ignored and the view still works", async () => {
  const { context, page, errors } = await open(ZH + '?sort=%22%5D&dir=foo');
  try {
    assertEqual(await ariaSorts(page).then((a) => Object.values(a).filter((v) => v !== "none").length), 0, "no column marked sorted");
    await page.locator('#compare-controls input[name="pc"]').check();
    assertEqual(query(page).get("pc"), "1", "URL still updates after a bad sort parameter");
    assert(!query(page).has("sort"), `unknown sort column dropped from the URL: ${page.url()}`);
    assertNoErrors(errors, "crafted sort");
  } finally {
    await context.close();
  }
});

test("en: filtering and reloading the resulting URL works on the English page", async () => {
  const { context, page, errors } = await open(EN);
  let state;
  try {
    assertEqual(await page.getAttribute("html", "lang"), "en", "en page language");
    state = await filterThroughForm(page, EN, "en");
    assertNoErrors(errors, "en");
  } finally {
    await context.close();
  }
  await expectRestored(state.url, state.col, state.cat, "en");
});

await run({
  title: "compare",
  teardown: async () => { await browser.close(); await server.close(); },
});
