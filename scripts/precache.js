#!/usr/bin/env node
// Trunk post-build hook: writes into the service worker the list of every file of this
// build and a build id made from their contents, so the first visit caches the whole app
// (the hashed .wasm, .js and .css included) and a new build gets a cache of its own.
"use strict";
const fs = require("fs");
const path = require("path");
const crypto = require("crypto");

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error("precache: no TRUNK_STAGING_DIR and no directory argument");
  process.exit(1);
}
const worker = path.join(dir, "sw.js");

function walk(at, prefix = "") {
  return fs.readdirSync(at, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) return walk(path.join(at, entry.name), rel + "/");
    return [rel];
  });
}

const files = walk(dir).filter((f) => f !== "sw.js").sort();
const hash = crypto.createHash("sha256");
for (const file of files) {
  hash.update(file);
  hash.update(fs.readFileSync(path.join(dir, file)));
}
const build = hash.digest("hex").slice(0, 16);
const source = fs.readFileSync(worker, "utf8");
if (!source.includes('"__PURSUIT_BUILD__"') || !source.includes("/*__PURSUIT_FILES__*/")) {
  console.error("precache: sw.js has no placeholders to fill");
  process.exit(1);
}
const list = ["./", ...files.map((f) => "./" + f)];
fs.writeFileSync(
  worker,
  source
    .replace('"__PURSUIT_BUILD__"', JSON.stringify(build))
    .replace("/*__PURSUIT_FILES__*/", list.map((f) => JSON.stringify(f)).join(", ")),
);
console.log(`precache: ${files.length} files, build ${build}`);
