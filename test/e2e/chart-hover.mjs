// Reading the chart the way a user does: put the crosshair on a bar and read the legend above the chart.

const HOUR = 3600;
export const legendLabel = (t) => `${new Date(t * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Hovers the chart at `x` pixels from its left edge and returns the legend text. */
async function legendAt(page, box, x) {
  await page.mouse.move(box.x + x, box.y + box.height * 0.3);
  await page.waitForTimeout(30);
  return page.getByTestId('legend').innerText();
}

/** Time under the crosshair at pixel `x`, read from the legend. */
async function timeAt(page, box, x) {
  const text = await legendAt(page, box, x);
  const m = /(\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC/.exec(text);
  if (!m) throw new Error(`no time in legend: ${text}`);
  return Date.parse(`${m[1].replace(' ', 'T')}:00Z`) / 1000;
}

/**
 * The legend over the first of `times` (unix seconds, hourly bars) that is on screen, panning towards them up to
 * 24 times to bring one into view. Returns { t, text }.
 */
export async function legendOverOneOf(page, times) {
  const box = await page.locator('#chart').boundingBox();
  for (let pans = 0; pans < 24; pans++) {
    const x1 = 100;
    const x2 = box.width - 160; // clear of the price scale
    const t1 = await timeAt(page, box, x1);
    const t2 = await timeAt(page, box, x2);
    const t = times.find((s) => s > t1 + 2 * HOUR && s < t2 - 2 * HOUR);
    if (t !== undefined) {
      const perHour = (x2 - x1) / ((t2 - t1) / HOUR);
      const guess = x1 + ((t - t1) / HOUR) * perHour;
      for (const dx of [0, -perHour, perHour, -2 * perHour, 2 * perHour]) {
        const text = await legendAt(page, box, guess + dx);
        if (text.includes(legendLabel(t))) return { t, text };
      }
      throw new Error(`could not put the crosshair on ${legendLabel(t)}`);
    }
    // The page's own ← / →, towards the times: nothing focused may keep the key (a dialog's field, the panel's
    // tabs). The view may be before them (the demo opens on the 2024-08-05 cascade) or after them.
    await page.evaluate(() =>
      document.activeElement instanceof HTMLElement ? document.activeElement.blur() : 0,
    );
    await page.keyboard.press(times.every((s) => s >= t2 - 2 * HOUR) ? 'ArrowRight' : 'ArrowLeft');
    await page.waitForTimeout(100);
  }
  throw new Error('none of the times came into view');
}

/** Polls `legendOverOneOf` until the legend matches `re` (the chart redraws asynchronously). */
export async function waitForLegend(page, times, re, tries = 40) {
  let last = null;
  for (let i = 0; i < tries; i++) {
    try {
      last = await legendOverOneOf(page, times);
      if (re.test(last.text)) return last;
    } catch (e) {
      last = { text: String(e) };
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`legend never matched ${re}: ${last?.text}`);
}
