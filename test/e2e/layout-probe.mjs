// In-page probes of the layout: what is cut off, and where things are.

/**
 * Elements matching `selector` that are cut off: partly outside the viewport, or outside an ancestor that hides its
 * overflow, or with their own text overflowing them. Inside a scrollable ancestor an element counts as reachable on
 * that axis (it scrolls into view), and then that ancestor's box must itself be visible. Hidden elements
 * (display:none, e.g. a folded menu) are skipped. Returns one line per clipped element.
 */
export async function clippedElements(page, selector) {
  return page.evaluate((sel) => {
    const out = [];
    const name = (el) =>
      `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
    for (const el of document.querySelectorAll(sel)) {
      const r0 = el.getBoundingClientRect();
      if (r0.width === 0 && r0.height === 0) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      const r = { left: r0.left, right: r0.right, top: r0.top, bottom: r0.bottom };
      let problem = null;
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
        problem = `its content is ${el.scrollWidth - el.clientWidth}px wider than its box`;
      for (let a = el.parentElement; a && a !== document.documentElement && !problem; a = a.parentElement) {
        const cs = getComputedStyle(a);
        const box = a.getBoundingClientRect();
        for (const [axis, lo, hi, overflow] of [
          ['x', 'left', 'right', cs.overflowX],
          ['y', 'top', 'bottom', cs.overflowY],
        ]) {
          if (overflow === 'visible') continue;
          if (overflow === 'auto' || overflow === 'scroll') {
            r[lo] = Math.max(r[lo], box[lo]);
            r[hi] = Math.min(r[hi], box[hi]);
            if (r[hi] <= r[lo]) {
              // Scrolled out of view inside a scroll box: reachable; judge the box instead.
              r[lo] = box[lo];
              r[hi] = box[hi];
            }
          } else if (r[lo] < box[lo] - 1 || r[hi] > box[hi] + 1) {
            problem = `cut off on ${axis} by ${a.tagName.toLowerCase()}.${a.className}`;
          }
        }
      }
      if (!problem && (r.left < -1 || r.top < -1 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1))
        problem = `outside the viewport (${Math.round(r.left)},${Math.round(r.top)})–(${Math.round(r.right)},${Math.round(r.bottom)})`;
      if (problem) out.push(`${name(el)}: ${problem}`);
    }
    return out;
  }, selector);
}

/** True when the page itself scrolls sideways. */
export async function scrollsSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

/**
 * Per chart pane (top to bottom): how far (CSS px) the nearest label ink on its price axis is from the pane's top
 * and bottom edge, and the count of axis pixels close to each of `colours`.
 */
export async function axisEdges(page, colours = {}) {
  return page.evaluate((targets) => {
    const rgb = (hex) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
    const rows = [...document.querySelectorAll('#chart table tr')].filter(
      (tr) => tr.children.length === 3 && tr.getBoundingClientRect().height > 40,
    );
    return rows.map((tr) => {
      const canvas = tr.children[2]?.querySelector('canvas');
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) return null;
      const { width, height } = canvas;
      const d = ctx.getImageData(0, 0, width, height).data;
      const scale = height / canvas.getBoundingClientRect().height;
      const inked = (y) => {
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4;
          if (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]) > 90) return true;
        }
        return false;
      };
      let top = 0;
      while (top < height && !inked(top)) top++;
      let bottom = 0;
      while (bottom < height && !inked(height - 1 - bottom)) bottom++;
      const found = {};
      for (const [name, hex] of Object.entries(targets)) {
        const [R, G, B] = rgb(hex);
        let n = 0;
        for (let i = 0; i < d.length; i += 4)
          if (Math.abs(d[i] - R) < 10 && Math.abs(d[i + 1] - G) < 10 && Math.abs(d[i + 2] - B) < 10) n++;
        found[name] = n;
      }
      return { top: top / scale, bottom: bottom / scale, ...found };
    });
  }, colours);
}
