#!/usr/bin/env node
// Draws the placeholder app icon (resources/build/icon.png, 512×512 RGBA) with no image tools:
// a dark rounded tile with three linked network nodes. electron-builder derives .ico/.icns from it.
// Run: node resources/build/make-icon.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const S = 512;
const px = new Float64Array(S * S * 4); // premultiplied-free RGBA in 0..1

function blend(x, y, [r, g, b], a) {
  if (a <= 0) return;
  const i = (y * S + x) * 4;
  const da = px[i + 3];
  const oa = a + da * (1 - a);
  for (const [k, c] of [[0, r], [1, g], [2, b]]) px[i + k] = oa ? (c * a + px[i + k] * da * (1 - a)) / oa : 0;
  px[i + 3] = oa;
}
const cover = (d) => Math.max(0, Math.min(1, 0.5 - d)); // signed distance → pixel coverage

function shape(sdf, color) {
  for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) blend(x, y, color, cover(sdf(x + 0.5, y + 0.5)));
}
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  const qx = Math.max(x0 + r - x, x - (x1 - r), 0);
  const qy = Math.max(y0 + r - y, y - (y1 - r), 0);
  const inside = Math.min(Math.max(x0 + r - x, x - (x1 - r), y0 + r - y, y - (y1 - r)), 0);
  return Math.hypot(qx, qy) + inside - r;
};
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const segment = (ax, ay, bx, by, w) => (x, y) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) - w / 2;
};

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
const tile = hex('#0f1419');
const teal = hex('#2dd4bf');
const sky = hex('#38bdf8');

shape(roundRect(24, 24, 488, 488, 96), tile);
const nodes = [
  [256, 150],
  [150, 350],
  [362, 350],
];
for (const [a, b] of [[0, 1], [0, 2], [1, 2]]) shape(segment(...nodes[a], ...nodes[b], 22), teal);
shape(circle(...nodes[0], 58), sky);
for (const n of nodes.slice(1)) shape(circle(...n, 50), teal);
for (const n of nodes) shape(circle(...n, 20), tile);

// PNG: 8-bit RGBA, filter 0 per row
const raw = Buffer.alloc(S * (S * 4 + 1));
for (let y = 0; y < S; y++) {
  raw[y * (S * 4 + 1)] = 0;
  for (let x = 0; x < S * 4; x++) raw[y * (S * 4 + 1) + 1 + x] = Math.round(px[y * S * 4 + x] * 255);
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(S, 0);
ihdr.writeUInt32BE(S, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icon.png');
fs.writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
