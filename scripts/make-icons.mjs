// Draws the app icons (histogram bars: shorts up in green, longs down in red) as PNGs without image tools.
// Usage: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

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
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};

function png(size, safeZone) {
  const px = Buffer.alloc(size * (size * 4 + 1));
  const set = (x, y, [r, g, b]) => {
    const i = y * (size * 4 + 1) + 1 + x * 4;
    px[i] = r;
    px[i + 1] = g;
    px[i + 2] = b;
    px[i + 3] = 255;
  };
  const bars = [0.35, 0.6, 0.25, 0.9, 0.45, 0.7];
  const inset = Math.round((size * (1 - safeZone)) / 2);
  const w = size - 2 * inset;
  const mid = Math.round(size / 2);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) set(x, y, [0x13, 0x17, 0x22]);
  bars.forEach((h, k) => {
    const x0 = inset + Math.round(((k + 0.2) * w) / bars.length);
    const x1 = inset + Math.round(((k + 0.8) * w) / bars.length);
    const up = Math.round((h * w) / 2.4);
    const down = Math.round(((1 - h) * w) / 2.6);
    for (let x = x0; x < x1; x++) {
      for (let y = mid - up; y < mid - 2; y++) set(x, y, [0x26, 0xa6, 0x9a]);
      for (let y = mid + 2; y < mid + down; y++) set(x, y, [0xef, 0x53, 0x50]);
    }
  });
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(px)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

writeFileSync('public/icons/icon-192.png', png(192, 0.9));
writeFileSync('public/icons/icon-512.png', png(512, 0.9));
writeFileSync('public/icons/maskable-512.png', png(512, 0.7));
console.log('icons written');
