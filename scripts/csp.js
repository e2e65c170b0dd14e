#!/usr/bin/env node
// Trunk post-build hook (runs before precache.js): moves Trunk's inline module loader into a
// file of its own (named by its content), drops the `window.wasmBindings` global it sets,
// and writes the Content-Security-Policy into index.html, so the page runs with no inline
// script at all: script-src 'self' 'wasm-unsafe-eval'. The README shows the same policy as
// a server header (which can also carry frame-ancestors, ignored in a <meta>).
"use strict";
const fs = require("fs");
const path = require("path");
const crypto = require("crypto");

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error("csp: no TRUNK_STAGING_DIR and no directory argument");
  process.exit(1);
}
const page = path.join(dir, "index.html");
let html = fs.readFileSync(page, "utf8");

const inline = /<script type="module">([\s\S]*?)<\/script>/;
const found = html.match(inline);
if (!found) {
  console.error("csp: Trunk's inline module loader was not found in index.html");
  process.exit(1);
}
// The app starts after the page's first frame (or 100 ms, for a tab opened in the
// background, where frames wait): the static splash in index.html paints first, instead of
// waiting for the app's first render.
const firstPaint = "await new Promise((go) => { requestAnimationFrame(() => setTimeout(go, 0)); setTimeout(go, 100); });\n";
const loader = firstPaint + found[1].replace(/^\s*window\.wasmBindings\s*=\s*bindings;\s*$/m, "").trim() + "\n";
const name = `loader-${crypto.createHash("sha256").update(loader).digest("hex").slice(0, 16)}.js`;
fs.writeFileSync(path.join(dir, name), loader);
html = html.replace(inline, `<script type="module" src="./${name}"></script>`);

if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
  console.error("csp: index.html still has an inline script; move it into public/");
  process.exit(1);
}

// Sync talks to the team's CouchDB server: any https origin, or a server on this machine
// (a local CouchDB or pouchdb-server). A team pins it to its own server at build time:
// PURSUIT_SYNC_ORIGIN=https://couch.example.com trunk build --release
const sync = process.env.PURSUIT_SYNC_ORIGIN || "https: http://127.0.0.1:* http://localhost:*";
if (!/^[a-zA-Z0-9:/.*\- ]+$/.test(sync)) {
  console.error(`csp: PURSUIT_SYNC_ORIGIN must be origins separated by spaces, not ${JSON.stringify(sync)}`);
  process.exit(1);
}

// Styles: the app sets a few widths (progress bars) through style attributes.
const policy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  `connect-src 'self' ${sync}`,
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");
html = html.replace("<head>", `<head>\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
fs.writeFileSync(page, html);
console.log(`csp: loader moved to ${name}; policy written`);
