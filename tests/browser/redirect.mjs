// A renamed plan's old address in headless Chromium: the redirect page an
// `aliases:` entry makes (meta refresh, no script) takes the reader to the
// plan's page, in both languages, with JavaScript off as well as on. Run by
// tests/browser.rs on a copy of the bundled site whose Henan plan moved to
// content/plans/henan-2022/ with `aliases: [/plans/henan-ip-plan-2022/]`
// (not a *.test.mjs: run.sh runs those on the bundled site).
//
//   node redirect.mjs <built-site-dir>

import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, assert, assertEqual, assertNoErrors, test, run } from "./lib.mjs";

const site = process.argv[2];
if (!site || !fs.existsSync(path.join(site, "plans", "henan-ip-plan-2022", "index.html"))) {
  console.error(`usage: node redirect.mjs <built-site-dir>  (no plans/henan-ip-plan-2022/ in ${site ?? "(none)"})`);
  process.exit(2);
}

const server = await serve(site);
const browser = await launch();

for (const [lang, prefix, title] of [
  ["zh", "", "河南省知识产权创造保护运用“十四五”规划"],
  ["en", "en/", "Henan Province 14th Five-Year Plan for Intellectual Property Creation, Protection and Use"],
]) {
  for (const javaScriptEnabled of [false, true]) {
    test(`${lang}: the old address leads to the plan (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const { context, page, errors } = await openPage(browser, { javaScriptEnabled });
      try {
        const old = `${server.url}${prefix}plans/henan-ip-plan-2022/`;
        await page.goto(old);
        await page.waitForURL(`${server.url}${prefix}plans/henan-2022/`, { timeout: 5000 });
        assertEqual((await page.locator("h1").first().textContent()).trim(), title, "the plan's title");
        assertNoErrors(errors, old);
      } finally {
        await context.close();
      }
    });
  }
}

test("the redirect page says where the plan went, with a link", async () => {
  const html = fs.readFileSync(path.join(site, "plans", "henan-ip-plan-2022", "index.html"), "utf8");
  assert(!/<script/i.test(html), "no script");
  // Read as the browser parses it (published pages leave out optional
  // quotes and end tags), without following the refresh.
  const { context, page } = await openPage(browser);
  try {
    const found = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, "text/html");
      return {
        canonical: doc.querySelectorAll('link[rel="canonical"]').length,
        link: doc.querySelectorAll('a[href="../../plans/henan-2022/"]').length,
      };
    }, html);
    assertEqual(found.canonical, 1, "a canonical link");
    assert(found.link > 0, "a visible link");
  } finally {
    await context.close();
  }
});

await run({ title: "redirect", teardown: async () => { await browser.close(); await server.close(); } });
