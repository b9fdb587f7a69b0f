// Shared harness for plansite's browser tests: a small static file server for
// a built site, a headless-Chromium launcher (system Chromium through
// playwright-core, no downloaded browsers) and a minimal sequential test
// runner. Nothing here knows about a particular page.

import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual, inspect } from "node:util";
import { chromium } from "playwright-core";

// ---------------------------------------------------------------- server

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
  ".wasm": "application/wasm",
};

export function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] || "application/octet-stream";
}

/**
 * Serve `dir` on 127.0.0.1 at a free port. `/a/` maps to `/a/index.html`,
 * `/a` (a directory) redirects to `/a/`; anything else missing is 404; paths
 * with a `..` segment are refused; a single `Range: bytes=a-b` gets a 206.
 * Resolves to { url, port, close() } where
 * `url` ends with a slash.
 */
export async function serve(dir) {
  const root = fs.realpathSync(dir);
  if (!fs.statSync(root).isDirectory()) throw new Error(`not a directory: ${dir}`);

  const server = http.createServer((req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "method not allowed\n", { allow: "GET, HEAD" });

    const rawPath = (req.url || "/").split(/[?#]/, 1)[0];
    const query = (req.url || "").slice(rawPath.length);
    let rel;
    try { rel = decodeURIComponent(rawPath); } catch { return send(400, "bad request\n"); }
    if (!rel.startsWith("/") || rel.includes("\0")) return send(400, "bad request\n");
    if (rel.split(/[/\\]/).includes("..")) return send(403, "forbidden\n");

    let file = path.join(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) return send(403, "forbidden\n");

    let st;
    try { st = fs.statSync(file); } catch { return send(404, "not found\n"); }
    if (st.isDirectory()) {
      if (!rel.endsWith("/")) return send(301, "moved\n", { location: rawPath + "/" + query });
      file = path.join(file, "index.html");
      try { st = fs.statSync(file); } catch { return send(404, "not found\n"); }
    }
    if (!st.isFile()) return send(404, "not found\n");
    // Resolve symlinks and make sure we are still inside the root.
    let real;
    try { real = fs.realpathSync(file); } catch { return send(404, "not found\n"); }
    if (real !== root && !real.startsWith(root + path.sep)) return send(403, "forbidden\n");

    // One `bytes=a-b` range, as static hosts answer it (search reads posting
    // lists this way); anything else gets the whole file.
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range || "");
    if (range && +range[1] <= +range[2] && +range[1] < st.size) {
      const start = +range[1], end = Math.min(+range[2], st.size - 1);
      res.writeHead(206, {
        "content-type": contentType(real), "content-length": end - start + 1,
        "content-range": `bytes ${start}-${end}/${st.size}`, "accept-ranges": "bytes", "cache-control": "no-store",
      });
      if (req.method === "HEAD") return res.end();
      fs.createReadStream(real, { start, end }).on("error", () => res.destroy()).pipe(res);
      return;
    }
    res.writeHead(200, { "content-type": contentType(real), "content-length": st.size, "accept-ranges": "bytes", "cache-control": "no-store" });
    if (req.method === "HEAD") return res.end();
    fs.createReadStream(real).on("error", () => res.destroy()).pipe(res);
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

// ---------------------------------------------------------------- browser

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Start the system Chromium ($CHROMIUM, default /usr/bin/chromium) headless. */
export async function launch(options = {}) {
  const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath} (install it, or set CHROMIUM=/path/to/chromium)`);
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, ...options });
}

/**
 * A fresh browser context and page. `errors` collects uncaught page errors,
 * console errors and HTTP responses >= 400, so a test can assert a clean run
 * with assertNoErrors(errors).
 */
export async function openPage(browser, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    // Failed loads are reported below with their URL (and Chromium's own
    // /favicon.ico probe is not the page's doing), so skip the URL-less copy.
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(`console error: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && !new URL(r.url()).pathname.endsWith("/favicon.ico")) errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
  return { context, page, errors };
}

export function assertNoErrors(errors, what = "page") {
  assert(errors.length === 0, `${what} reported errors:\n  ${errors.join("\n  ")}`);
}

// ---------------------------------------------------------------- assertions

export class AssertionError extends Error {
  constructor(message) { super(message); this.name = "AssertionError"; }
}

export function assert(condition, message = "assertion failed") {
  if (!condition) throw new AssertionError(typeof message === "function" ? message() : message);
}

const show = (v) => inspect(v, { depth: 6, breakLength: 120 });

export function assertEqual(actual, expected, message = "values differ") {
  if (!isDeepStrictEqual(actual, expected)) {
    throw new AssertionError(`${message}\n    expected: ${show(expected)}\n    actual:   ${show(actual)}`);
  }
}

// ---------------------------------------------------------------- runner

const tests = [];

/** Register a named async test; tests run in order of registration. */
export function test(name, fn) {
  tests.push({ name, fn });
}

function withTimeout(promise, ms, name) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${name}`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Run every registered test (optionally only names containing $TEST_FILTER),
 * print `ok`/`FAIL` per test and a summary, call `teardown`, and set a
 * non-zero exit code on any failure or when nothing ran.
 */
export async function run({ teardown, timeoutMs = 60_000, title = "" } = {}) {
  const filter = process.env.TEST_FILTER || "";
  const selected = tests.filter((t) => t.name.includes(filter));
  let passed = 0, failed = 0;
  try {
    for (const t of selected) {
      const start = Date.now();
      try {
        await withTimeout(Promise.resolve().then(t.fn), timeoutMs, t.name);
        passed++;
        console.log(`ok   ${t.name} (${Date.now() - start} ms)`);
      } catch (e) {
        failed++;
        console.log(`FAIL ${t.name}`);
        console.log(String(e && e.stack ? e.stack : e).replace(/^/gm, "     "));
      }
    }
  } finally {
    if (teardown) {
      try { await teardown(); } catch (e) { failed++; console.log(`FAIL teardown: ${e && e.stack ? e.stack : e}`); }
    }
  }
  console.log(`${title ? title + ": " : ""}${passed} passed, ${failed} failed${filter ? ` (filter "${filter}")` : ""}`);
  if (selected.length === 0) console.log("no tests ran");
  process.exitCode = failed > 0 || selected.length === 0 ? 1 : 0;
  return failed === 0;
}
