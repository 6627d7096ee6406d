// Shared by the deploy suites: a user enters the key (and the API base URL), checks it with "Send test request",
// saves, and the app goes Live with bars from the fake Coinalyze on the chart.

/** Opens Settings, fills the key and base URL, runs the test request, saves; returns the test's message. */
export async function enterKey(page, { key, baseUrl }) {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Coinalyze API key').fill(key);
  if (baseUrl) await page.getByLabel('API base URL', { exact: true }).fill(baseUrl);
  await page.getByRole('button', { name: 'Send test request' }).click();
  const status = page.getByTestId('coinalyze-test');
  await page.waitForFunction(
    () => !/^(|Asking .*)$/.test(document.querySelector('[data-testid=coinalyze-test]')?.textContent ?? ''),
    null,
    { timeout: 20_000 },
  );
  const message = (await status.textContent()) ?? '';
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  return message;
}

/** Waits until the status bar says Live and the chart holds bars from today's archive (not the 2024 demo). */
export async function waitLiveWithBars(page, assert) {
  await page.getByTestId('status-source').filter({ hasText: 'Live' }).waitFor({ timeout: 20_000 });
  await page.waitForFunction(
    () => {
      const chart = document.querySelector('#chart');
      const updated = document.querySelector('[data-testid=status-updated]')?.textContent ?? '';
      return (
        chart?.getAttribute('data-ready') === 'true' &&
        Number(chart.getAttribute('data-bars')) > 0 &&
        /\d{4}-/.test(updated)
      );
    },
    null,
    { timeout: 60_000 },
  );
  const updated = (await page.getByTestId('status-updated').textContent()) ?? '';
  const day = (ms) => new Date(ms).toISOString().slice(0, 10);
  assert(
    updated.includes(day(Date.now())) || updated.includes(day(Date.now() - 86_400_000)),
    `last update is not today's: ${updated}`,
  );
  return Number(await page.locator('#chart').getAttribute('data-bars'));
}
