#!/usr/bin/env node
// Draws the app icons as PNG from the same design as public/favicon.svg (a navy rounded
// square with an orange "P" stroke): 192 and 512 px, and a 512 px maskable one whose glyph
// sits inside the safe circle on a full-bleed background. Run once when the design changes:
//     node scripts/icons.js
// The PNGs are committed in public/ and copied into every build unchanged (no hash), so the
// manifest's icon paths stay valid.
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const NAVY = [0x14, 0x21, 0x3d];
const ORANGE = [0xfc, 0xa3, 0x11];

// The "P" in the favicon's 64-unit space: two lines and a half circle, 6 units wide.
function glyphDistance(x, y) {
  const seg = (ax, ay, bx, by) => {
    const dx = bx - ax, dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - ax - t * dx, y - ay - t * dy);
  };
  const arc = () => {
    const qx = x - 35, qy = y - 26;
    if (qx >= 0) return Math.abs(Math.hypot(qx, qy) - 10);
    return Math.min(Math.hypot(x - 35, y - 16), Math.hypot(x - 35, y - 36));
  };
  return Math.min(seg(22, 48, 22, 16), seg(22, 16, 35, 16), arc(), seg(35, 36, 29, 36));
}

function insideRoundedSquare(x, y, r) {
  const cx = Math.max(r, Math.min(64 - r, x));
  const cy = Math.max(r, Math.min(64 - r, y));
  return x >= 0 && x <= 64 && y >= 0 && y <= 64 && Math.hypot(x - cx, y - cy) <= r;
}

function draw(size, maskable) {
  const px = Buffer.alloc(size * size * 4);
  const n = 4; // samples per axis
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let bg = 0, fg = 0;
      for (let sj = 0; sj < n; sj++) {
        for (let si = 0; si < n; si++) {
          const x = ((i + (si + 0.5) / n) / size) * 64;
          const y = ((j + (sj + 0.5) / n) / size) * 64;
          const back = maskable || insideRoundedSquare(x, y, 14);
          // The maskable glyph is scaled to 70 % around the centre, inside the safe zone.
          const s = maskable ? 0.7 : 1;
          const gx = 32 + (x - 32) / s, gy = 32 + (y - 32) / s;
          if (back) bg++;
          if (back && glyphDistance(gx, gy) <= 3) fg++;
        }
      }
      const total = n * n;
      const o = (j * size + i) * 4;
      const a = bg / total, f = bg ? fg / bg : 0;
      for (let c = 0; c < 3; c++) px[o + c] = Math.round(NAVY[c] * (1 - f) + ORANGE[c] * f);
      px[o + 3] = Math.round(a * 255);
    }
  }
  return png(size, px);
}

const CRC = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let j = 0; j < size; j++) rgba.copy(rows, j * (size * 4 + 1) + 1, j * size * 4, (j + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const out = path.resolve(__dirname, "..", "public");
for (const [name, size, maskable] of [["icon-192.png", 192, false], ["icon-512.png", 512, false], ["icon-maskable-512.png", 512, true]]) {
  fs.writeFileSync(path.join(out, name), draw(size, maskable));
  console.log(`icons: ${name}`);
}
