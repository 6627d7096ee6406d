// In-page pixel probes on the chart's canvases: what is actually drawn, pane by pane.

/** Counts pixels close to each given colour in the canvases of the chart's top and bottom panes. */
export async function paneColourCounts(page, colours) {
  return page.evaluate((targets) => {
    const chart = document.querySelector('#chart');
    if (!chart) return null;
    const box = chart.getBoundingClientRect();
    const rgb = (hex) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
    const wanted = Object.entries(targets).map(([name, hex]) => [name, rgb(hex)]);
    const out = { top: {}, bottom: {} };
    for (const [name] of wanted) {
      out.top[name] = 0;
      out.bottom[name] = 0;
    }
    for (const canvas of chart.querySelectorAll('canvas')) {
      const r = canvas.getBoundingClientRect();
      if (r.width < 100 || r.height < 40) continue; // axes and corners
      const pane = r.top + r.height / 2 < box.top + box.height * 0.6 ? 'top' : 'bottom';
      const ctx = canvas.getContext('2d');
      if (!ctx) continue;
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < data.length; i += 4) {
        for (const [name, [R, G, B]] of wanted) {
          if (
            Math.abs(data[i] - R) < 12 &&
            Math.abs(data[i + 1] - G) < 12 &&
            Math.abs(data[i + 2] - B) < 12
          ) {
            out[pane][name]++;
          }
        }
      }
    }
    return out;
  }, colours);
}

/** A cheap fingerprint of everything drawn on the chart's canvases (changes when the view moves). */
export async function chartFingerprint(page) {
  return page.evaluate(() => {
    let h = 0;
    for (const canvas of document.querySelectorAll('#chart canvas')) {
      const ctx = canvas.getContext('2d');
      if (!ctx || canvas.width === 0) continue;
      const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < d.length; i += 97) h = (h * 31 + d[i]) | 0;
    }
    return h;
  });
}
