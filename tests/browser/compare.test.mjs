// Browser tests for the comparison matrix (/compare/ and /en/compare/):
// themes/default/templates/compare.html + themes/default/static/compare.js,
// run in headless Chromium against a built site.
//
//   node compare.test.mjs <built-site-dir>
//
// Jurisdiction ids, category keys and sort values are read from the built
// page itself; only the missing-value wordings come from the theme's i18n
// files.

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

/** Column order of the matrix: header ids, and each row's cell ids (they must agree). */
function columnOrder(page, tableId = "matrix") {
  return page.evaluate((id) => {
    const t = document.getElementById(id);
    return {
      header: [...t.querySelectorAll("thead th[data-col]")].map((th) => th.getAttribute("data-col")),
      rows: [...t.querySelectorAll("tbody tr")].filter((tr) => tr.querySelector("td[data-col]"))
        .map((tr) => [...tr.querySelectorAll(":scope > td[data-col]")].map((td) => td.getAttribute("data-col"))),
    };
  }, tableId);
}

/** Indicator row ids in page order, per category (ranking must never change them). */
function rowOrder(page) {
  return page.evaluate(() => [...document.querySelectorAll("#matrix tbody[data-category]")].map((tb) => ({
    key: tb.getAttribute("data-category"),
    groupFirst: !!tb.rows[0] && tb.rows[0].classList.contains("group"),
    rows: [...tb.querySelectorAll("tr[data-row]")].map((tr) => tr.getAttribute("data-row")),
  })));
}

/** The chosen row's sort keys, in the current column order. */
function rowValues(page, row, attr = "data-sort") {
  return page.evaluate(([row, attr]) => [...document.querySelectorAll(`#matrix tr[data-row="${CSS.escape(row)}"] td[data-col]`)]
    .map((td) => ({ col: td.getAttribute("data-col"), v: td.getAttribute(attr) === "" ? null : Number(td.getAttribute(attr)), rank: td.getAttribute("data-rank") })), [row, attr]);
}

/** Values ordered (dir) with empty cells last; ranks 1..n on the set ones. */
function expectRanked(vals, dir, where) {
  const firstEmpty = vals.findIndex((x) => x.v === null);
  if (firstEmpty >= 0) assert(vals.slice(firstEmpty).every((x) => x.v === null), `${where}: empty cells must come last: ${JSON.stringify(vals)}`);
  const nums = vals.filter((x) => x.v !== null);
  for (let i = 1; i < nums.length; i++) {
    const ok = dir === "desc" ? nums[i - 1].v >= nums[i].v : nums[i - 1].v <= nums[i].v;
    assert(ok, `${where}: not in ${dir} order: ${JSON.stringify(vals)}`);
  }
  assertEqual(nums.map((x) => x.rank), nums.map((_, i) => String(i + 1)), `${where}: ranks shown on the ranked row`);
  assert(vals.filter((x) => x.v === null).every((x) => x.rank === null), `${where}: empty cells get no rank`);
}

/** RFC 4180 rows (quoted cells with "" escapes). */
function parseCsv(text) {
  const rows = [];
  let row = [], cell = "", q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') q = false; else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ",") { row.push(cell); cell = ""; }
    else if (ch === "\r" && text[i + 1] === "\n") { row.push(cell); rows.push(row); row = []; cell = ""; i++; }
    else cell += ch;
  }
  if (cell !== "" || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

function sameColumnsEverywhere(o, where) {
  for (const r of o.rows) assertEqual(r, o.header, `${where}: every row's cells follow the header's column order`);
}

async function ariaSorts(page) {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll("#matrix tr[data-row]")]
    .map((tr) => [tr.getAttribute("data-row"), tr.querySelector("th[scope=row]").getAttribute("aria-sort")])));
}

async function clickRank(page, row) {
  const b = page.locator(`#matrix button.rank[data-rank="${row}"]`);
  await b.scrollIntoViewIfNeeded();
  await b.click();
}

/** The row with the most set values that are not already in descending page order. */
async function rowToRank(page, attr = "data-sort") {
  const rows = await page.evaluate(() => [...document.querySelectorAll("#matrix tbody:not([hidden]) tr[data-row]")].map((tr) => tr.getAttribute("data-row")));
  let best = null, most = 1;
  for (const r of rows) {
    const vals = (await rowValues(page, r, attr)).map((x) => x.v);
    const nums = vals.filter((v) => v !== null);
    const sorted = [...nums].sort((x, y) => y - x);
    const emptiesLast = vals.indexOf(null) < 0 || vals.slice(vals.indexOf(null)).every((v) => v === null);
    if (nums.length > most && (JSON.stringify(nums) !== JSON.stringify(sorted) || !emptiesLast)) { best = r; most = nums.length; }
  }
  return best;
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

test("zh: ranking by an indicator reorders the jurisdictions (desc, then asc; empty cells last), never the indicators", async () => {
  const { context, page, errors } = await open(ZH);
  try {
    const initialAria = await ariaSorts(page);
    assert(Object.values(initialAria).every((v) => v === "none"), `rows start with aria-sort=none: ${JSON.stringify(initialAria)}`);
    const row = await rowToRank(page);
    assert(row, "no row whose values are out of descending order; the ranking test would prove nothing");
    const rowsBefore = await rowOrder(page);
    const colsBefore = await columnOrder(page);

    await clickRank(page, row);
    assertEqual(new URL(page.url()).pathname, `/${ZH}`, "ranking must not navigate");
    expectRanked(await rowValues(page, row), "desc", `ranked by ${row} desc`);
    let cols = await columnOrder(page);
    sameColumnsEverywhere(cols, "desc");
    assertEqual([...cols.header].sort(), [...colsBefore.header].sort(), "ranking only reorders the columns");
    assert(JSON.stringify(cols.header) !== JSON.stringify(colsBefore.header), "ranking did not reorder any column");
    const topicCols = await columnOrder(page, "topics");
    assertEqual(topicCols.header, cols.header, "the topic matrix shares the column order");
    sameColumnsEverywhere(topicCols, "topics desc");
    assertEqual(await rowOrder(page), rowsBefore, "rows of different indicators are never reordered");
    assertEqual(await ariaSorts(page), Object.fromEntries(Object.keys(initialAria).map((r) => [r, r === row ? "descending" : "none"])), "aria-sort after first click");
    assertEqual(await page.getAttribute(`#matrix button.rank[data-rank="${row}"]`, "aria-pressed"), "true", "the rank button shows its state");
    const said = await page.textContent("#rank-status");
    assert(said.includes(await page.textContent(`#matrix tr[data-row="${row}"] th a`)), `the ranking is announced: ${said}`);
    let q = query(page);
    assertEqual([q.get("sort"), q.get("dir")], [row, "desc"], "sort=/dir= after first click");
    const descOrder = cols.header;

    await clickRank(page, row);
    expectRanked(await rowValues(page, row), "asc", `ranked by ${row} asc`);
    cols = await columnOrder(page);
    sameColumnsEverywhere(cols, "asc");
    assert(JSON.stringify(cols.header) !== JSON.stringify(descOrder), "ascending order equals descending order");
    assertEqual((await ariaSorts(page))[row], "ascending", "aria-sort after second click");
    q = query(page);
    assertEqual([q.get("sort"), q.get("dir")], [row, "asc"], "sort=/dir= after second click");

    // The ranked view is in the URL too.
    const { context: c2, page: p2, errors: e2 } = await open(page.url());
    try {
      assertEqual((await columnOrder(p2)).header, cols.header, "reloaded page keeps the ascending order");
      assertEqual((await ariaSorts(p2))[row], "ascending", "reloaded page keeps aria-sort");
      assertNoErrors(e2, "reloaded ranked page");
    } finally {
      await c2.close();
    }

    // Keyboard: Enter on the focused button toggles back to descending.
    await page.locator(`#matrix button.rank[data-rank="${row}"]`).focus();
    await page.keyboard.press("Enter");
    expectRanked(await rowValues(page, row), "desc", "after Enter on the button");
    assertEqual((await ariaSorts(page))[row], "descending", "aria-sort after Enter");
    assertEqual(query(page).get("dir"), "desc", "dir= after Enter");

    // Another row starts descending and clears the first row's aria-sort.
    const other = await page.evaluate((row) => [...document.querySelectorAll("#matrix tr[data-row]")].map((tr) => tr.getAttribute("data-row"))
      .find((r) => r !== row && [...document.querySelectorAll(`#matrix tr[data-row="${CSS.escape(r)}"] td[data-sort]`)].filter((td) => td.getAttribute("data-sort") !== "").length >= 2), row);
    assert(other, "a second row with two values");
    await clickRank(page, other);
    expectRanked(await rowValues(page, other), "desc", `ranked by ${other}`);
    assertEqual(await ariaSorts(page), Object.fromEntries(Object.keys(initialAria).map((r) => [r, r === other ? "descending" : "none"])), "aria-sort after switching row");
    assertEqual([query(page).get("sort"), query(page).get("dir")], [other, "desc"], "sort=/dir= after switching row");
    assertNoErrors(errors, "zh rank");
  } finally {
    await context.close();
  }
});

test("zh: the CSV of the view holds the visible indicators and jurisdictions, in the ranked order", async () => {
  const { context, page, errors } = await open(ZH);
  try {
    const { col, cat } = await filterThroughForm(page, ZH, "zh csv");
    const row = await rowToRank(page);
    if (row) await clickRank(page, row);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#compare-csv")]);
    const text = fs.readFileSync(await download.path(), "utf8");
    assert(text.startsWith("\ufeff"), "the CSV starts with a BOM for Excel");
    const lines = parseCsv(text.slice(1));
    assertEqual(lines[0].slice(0, 6), ["indicator", "indicator_name", "unit", "jurisdiction", "jurisdiction_name", "status"], "CSV header");
    const want = await page.evaluate(() => {
      const cols = [...document.querySelectorAll("#matrix thead th[data-col]")].filter((th) => !th.hidden).map((th) => th.getAttribute("data-col"));
      const rows = [...document.querySelectorAll("#matrix tbody[data-category]:not([hidden]) tr[data-row]")].map((tr) => tr.getAttribute("data-row"));
      return { cols, rows };
    });
    assertEqual(lines.length - 1, want.cols.length * want.rows.length, "one CSV row per visible cell");
    assert(!lines.slice(1).some((l) => l[3] === col), `hidden jurisdiction ${col} is not in the CSV`);
    assertEqual([...new Set(lines.slice(1).map((l) => l[0]))], want.rows, `the CSV has the visible indicators only (not ${cat}), in order`);
    const firstRow = lines.slice(1).filter((l) => l[0] === want.rows[0]).map((l) => l[3]);
    assertEqual(firstRow, want.cols, "jurisdictions in the column order on screen");
    assertNoErrors(errors, "zh csv");
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
  test(`${lang}: without JavaScript the full table stands; missing values carry one of three marks, each explained in the legend`, async () => {
    const marks = { none: i18n(lang, "compare_mark_none"), "no-targets": i18n(lang, "compare_mark_doc"), noBaseline: i18n(lang, "compare_mark_no_baseline") };
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
            col: td.getAttribute("data-col"),
            state: td.getAttribute("data-state"),
            sort: td.getAttribute("data-sort"),
            text: td.textContent.trim(),
            hiddenText: [...td.querySelectorAll(".visually-hidden")].map((e) => e.textContent.trim()).join(" "),
            title: td.querySelector(".na") ? td.querySelector(".na").getAttribute("title") : null,
            noBaseline: !!td.querySelector(".mark-nb"),
            hasDetails: !!td.querySelector("details > summary"),
            percapShown: [...td.querySelectorAll(".percap")].some((p) => p.getClientRects().length > 0),
          })),
          legend: document.querySelector("details.legend") ? document.querySelector("details.legend").textContent : "",
          sortAttrs: document.querySelectorAll("#matrix [aria-sort]").length,
          rankButtonsShown: [...document.querySelectorAll("#matrix button.rank")].filter((b) => b.getClientRects().length > 0).length,
          downloads: [...document.querySelectorAll(".downloads a")].map((a) => a.getAttribute("href")),
        };
      });
      for (const w of cells.rowWidths) assertEqual(w, cells.width, "every row has one cell per jurisdiction");
      const empty = cells.cells.filter((c) => c.sort === "");
      const filled = cells.cells.filter((c) => c.sort !== "");
      assert(empty.length > 0 && filled.length > 0, `expected both set and unset cells (${filled.length} set, ${empty.length} unset)`);
      const states = new Set(empty.map((c) => c.state));
      assert(states.has("none") && states.has("no-targets"), `both "no such target" and "no quantitative targets" marks occur: ${[...states]}`);
      for (const c of empty) {
        assert(c.state in marks, `an unset cell has a known state: ${JSON.stringify(c)}`);
        assertEqual(c.hiddenText, marks[c.state], `an unset cell names its reason to screen readers`);
        assertEqual(c.title, marks[c.state], `an unset cell explains its mark on hover`);
      }
      // Gansu's and the Northeast's documents set no quantitative targets: every cell of their columns says so.
      for (const col of ["gansu", "northeast"].filter((c) => s.columns.includes(c))) {
        assert(cells.cells.filter((c) => c.col === col).every((c) => c.state === "no-targets"), `${col}: every cell marked "no quantitative targets"`);
      }
      for (const m of Object.values(marks)) assertEqual(cells.legend.split(m).length - 1, 1, `the legend explains "${m}" once`);
      assert(filled.some((c) => c.noBaseline), `some value without a baseline says so`);
      for (const c of filled) {
        assertEqual(c.state, "value", `a set cell is a value: ${c.text}`);
        assert(Number.isFinite(Number(c.sort)), `numeric data-sort on a set cell: ${JSON.stringify(c)}`);
        assert(c.text !== "", `a set cell shows its figure: ${JSON.stringify(c)}`);
        assert(c.hasDetails, "baseline, printed form and notes are on demand in a <details>");
        assert(!c.percapShown, "per-capita figures stay hidden without JS");
      }
      assert(!cells.cells.some((c) => /^0(\.0+)?$/.test(c.text)), "no cell shows a bare 0");
      assertEqual(cells.sortAttrs, 0, "no aria-sort without JS");
      assertEqual(cells.rankButtonsShown, 0, "no rank buttons without JS");
      assert(cells.downloads.some((h) => h.endsWith("data/indicators.csv")) && cells.downloads.some((h) => h.endsWith("data/indicators.json")), `links to the full data files: ${cells.downloads}`);
      assertNoErrors(errors, `${lang} no-JS`);
    } finally {
      await context.close();
    }
  });

  test(`${lang}: the matrix fits: at 1280 px every jurisdiction column is on screen; at 390 px nothing scrolls sideways`, async () => {
    for (const [width, height] of [[1280, 900], [390, 844]]) {
      const { context, page, errors } = await open(rel, { viewport: { width, height } });
      try {
        const m = await page.evaluate(() => ({
          doc: document.documentElement.scrollWidth,
          view: document.documentElement.clientWidth,
          wrap: (() => { const w = document.querySelector("#matrix").parentElement; return { scroll: w.scrollWidth, client: w.clientWidth }; })(),
          headers: [...document.querySelectorAll("#matrix thead th[data-col]")].map((th) => { const r = th.getBoundingClientRect(); return { right: r.right, h: r.height }; }),
        }));
        assert(m.doc <= m.view, `${width}px: the page does not scroll sideways (${m.doc} > ${m.view})`);
        if (width === 1280) {
          assert(m.wrap.scroll <= m.wrap.client, `${width}px: the matrix fits its box (${m.wrap.scroll} > ${m.wrap.client})`);
          for (const h of m.headers) assert(h.right <= m.view && h.h < 60, `${width}px: every header on screen and one line high: ${JSON.stringify(h)}`);
        }
        assertNoErrors(errors, `${lang} ${width}px`);
      } finally {
        await context.close();
      }
    }
  });

  test(`${lang}: topic matrix: agreed topics on one line, each mark's accessible name includes its jurisdiction`, async () => {
    const { context, page, errors } = await open(rel);
    try {
      const t = await page.evaluate(() => {
        const table = document.getElementById("topics");
        const heads = [...table.querySelectorAll("thead th[data-col]")].map((th) => th.textContent.trim());
        return {
          agreed: !!document.querySelector("p.agreed"),
          heads,
          marks: [...table.querySelectorAll("tbody td[data-col]")].map((td) => {
            const a = td.querySelector("a");
            return { name: a ? a.getAttribute("aria-label") : td.querySelector(".visually-hidden").textContent, head: heads[[...td.parentElement.querySelectorAll("td")].indexOf(td)] };
          }),
          rows: [...table.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("td")].every((td) => td.querySelector("a"))),
        };
      });
      assert(t.agreed, "topics every plan takes up are collapsed into one line");
      assert(t.rows.length > 0 && !t.rows.some(Boolean), "no row left where every jurisdiction agrees");
      for (const m of t.marks) assert(m.name.startsWith(m.head + ":"), `mark names its jurisdiction: ${JSON.stringify(m)}`);
      assertNoErrors(errors, `${lang} topics`);
    } finally {
      await context.close();
    }
  });
}

test("zh: in per-capita mode ranking orders the jurisdictions by the per-capita figures", async () => {
  const row = await open(ZH).then(async ({ context, page }) => {
    const r = await rowToRank(page, "data-sort-pc");
    await context.close();
    return r;
  });
  assert(row, "some row needs two per-capita values out of order");
  const { context, page, errors } = await open(ZH + `?pc=1&sort=${encodeURIComponent(row)}&dir=desc`);
  try {
    expectRanked(await rowValues(page, row, "data-sort-pc"), "desc", "pc=1 ranked by per-capita values");
    sameColumnsEverywhere(await columnOrder(page), "pc=1 ranked");
    assertEqual((await ariaSorts(page))[row], "descending", "aria-sort from the URL");
    const note = await page.textContent("#pop-note");
    assert(/\d{1,3}(,\d{3})+/.test(note) && /20\d\d/.test(note), `the footnote gives each population with its year: ${note}`);
    assertNoErrors(errors, "zh pc rank");
  } finally {
    await context.close();
  }
});

test("zh: a crafted sort or dir in the URL is ignored and the view still works", async () => {
  const { context, page, errors } = await open(ZH + '?sort=%22%5D&dir=foo');
  try {
    assertEqual(await ariaSorts(page).then((a) => Object.values(a).filter((v) => v !== "none").length), 0, "no row marked sorted");
    await page.locator('#compare-controls input[name="pc"]').check();
    assertEqual(query(page).get("pc"), "1", "URL still updates after a bad sort parameter");
    assert(!query(page).has("sort"), `unknown sort row dropped from the URL: ${page.url()}`);
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
