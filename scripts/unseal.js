#!/usr/bin/env node
// Opens a sealed Pursuit file without Pursuit, with Node's built-in crypto (OpenSSL) only:
//
//   PURSUIT_PASSPHRASE='…' node scripts/unseal.js deal.pursuit > deal.json
//
// Without PURSUIT_PASSPHRASE it asks for the passphrase on the terminal. It writes the plain
// Pursuit file (JSON) to standard output, and nothing at all unless the file authenticates.
// The envelope is documented in docs/file-format.md ("Sealed files").
"use strict";
const crypto = require("crypto");
const fs = require("fs");

const MAX_HEADER_BYTES = 1024;
const TAG_BYTES = 16;

function fail(message) {
  process.stderr.write(`unseal: ${message}\n`);
  process.exit(1);
}

/** The header line (the associated data), the checked header and the sealed body. */
function envelope(bytes) {
  const end = bytes.subarray(0, MAX_HEADER_BYTES + 1).indexOf(0x0a);
  if (end < 0) fail(`no header line within the first ${MAX_HEADER_BYTES} bytes`);
  const line = bytes.subarray(0, end);
  let h;
  try {
    h = JSON.parse(line.toString("utf8"));
  } catch (e) {
    fail(`the header is not JSON: ${e.message}`);
  }
  if (h.format !== "pursuit-sealed" || h.sealed !== true) fail("not a sealed Pursuit file");
  if (h.version !== 1) fail(`envelope version ${h.version}; this script opens version 1`);
  if (h.kdf !== "PBKDF2-HMAC-SHA-256") fail(`unknown key derivation ${h.kdf}`);
  if (h.cipher !== "AES-256-GCM") fail(`unknown cipher ${h.cipher}`);
  if (!Number.isInteger(h.iterations) || h.iterations < 600000 || h.iterations > 10000000) fail(`iterations ${h.iterations} out of range`);
  const hex = (s, what) => (typeof s === "string" && /^([0-9a-fA-F]{2})+$/.test(s) ? Buffer.from(s, "hex") : fail(`the ${what} is not hex`));
  const salt = hex(h.salt, "salt");
  const nonce = hex(h.nonce, "nonce");
  if (salt.length < 16 || salt.length > 64) fail(`salt of ${salt.length} bytes`);
  if (nonce.length !== 12) fail(`nonce of ${nonce.length} bytes`);
  const body = bytes.subarray(end + 1);
  if (body.length < TAG_BYTES) fail("truncated: no authentication tag");
  return { line, iterations: h.iterations, salt, nonce, body };
}

function unseal(bytes, passphrase) {
  const e = envelope(bytes);
  const key = crypto.pbkdf2Sync(Buffer.from(passphrase.normalize("NFC"), "utf8"), e.salt, e.iterations, 32, "sha256");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, e.nonce);
  decipher.setAAD(e.line);
  decipher.setAuthTag(e.body.subarray(e.body.length - TAG_BYTES));
  const parts = [decipher.update(e.body.subarray(0, e.body.length - TAG_BYTES))];
  try {
    parts.push(decipher.final()); // throws unless the tag authenticates header and body
  } catch {
    fail("wrong passphrase, or the file was changed after it was sealed");
  }
  return Buffer.concat(parts);
}

async function passphrase() {
  if (process.env.PURSUIT_PASSPHRASE !== undefined) return process.env.PURSUIT_PASSPHRASE;
  const readline = require("readline");
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  rl._writeToOutput = () => {}; // do not echo it
  process.stderr.write("Passphrase: ");
  const answer = await new Promise((resolve) => rl.question("", resolve));
  rl.close();
  process.stderr.write("\n");
  return answer;
}

async function main() {
  const file = process.argv[2];
  if (!file) fail("usage: node scripts/unseal.js <file.pursuit> > plain.json");
  const bytes = fs.readFileSync(file);
  process.stdout.write(unseal(bytes, await passphrase()));
}

if (require.main === module) main();
module.exports = { unseal };
