/** Reading back a PNG's pixels in the browser, and colour comparisons for pixel assertions. */

/** RGB triple. */
export type Rgb = readonly [number, number, number];

/** Decoded RGBA pixels of an image. */
export interface Pixels {
  width: number;
  height: number;
  at(x: number, y: number): Rgb;
}

/** Decodes `png` the way a viewer would (createImageBitmap) and returns its pixels. */
export async function pixelsOf(png: Blob): Promise<Pixels> {
  const bitmap = await createImageBitmap(png);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D context');
  ctx.drawImage(bitmap, 0, 0);
  const { data, width, height } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  return {
    width,
    height,
    at(x, y) {
      if (x < 0 || y < 0 || x >= width || y >= height)
        throw new Error(`pixel ${x},${y} is outside the image`);
      const k = (y * width + x) * 4;
      return [data[k] ?? 0, data[k + 1] ?? 0, data[k + 2] ?? 0];
    },
  };
}

/** `#rrggbb` as RGB. */
export function hex(colour: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!m) throw new Error(`not a #rrggbb colour: ${colour}`);
  return [Number.parseInt(m[1] ?? '', 16), Number.parseInt(m[2] ?? '', 16), Number.parseInt(m[3] ?? '', 16)];
}

/** `top` painted over `base` with opacity `alpha`. */
export function blend(base: Rgb, top: Rgb, alpha: number): Rgb {
  return [0, 1, 2].map((k) =>
    Math.round((base[k] ?? 0) * (1 - alpha) + (top[k] ?? 0) * alpha),
  ) as unknown as Rgb;
}

/** True when every channel differs by at most `tolerance`. */
export function same(a: Rgb, b: Rgb, tolerance = 0): boolean {
  return (
    Math.abs(a[0] - b[0]) <= tolerance &&
    Math.abs(a[1] - b[1]) <= tolerance &&
    Math.abs(a[2] - b[2]) <= tolerance
  );
}

/** Pixels of `colour` inside a rectangle. */
export function count(
  px: Pixels,
  r: { x: number; y: number; w: number; h: number },
  colour: Rgb,
  tolerance = 0,
): number {
  let n = 0;
  for (let y = Math.max(0, r.y); y < Math.min(px.height, r.y + r.h); y++) {
    for (let x = Math.max(0, r.x); x < Math.min(px.width, r.x + r.w); x++) {
      if (same(px.at(x, y), colour, tolerance)) n++;
    }
  }
  return n;
}
