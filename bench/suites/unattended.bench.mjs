// Unattended operation in real Chromium against the fake Coinalyze and fake Telegram behind `vite preview`:
//  - live.budget_use: symbol-calls per minute during a 40-contract backfill ÷ 40 (target ≥ 0.9, zero 429);
//  - live.spike_to_alert_ms: from the fake sending the answer that carries a planted 1m spike to the fake Telegram
//    receiving its alert, median over SPIKES planted spikes (default 20; target ≤ 500 ms). The runs rule merges
//    spikes of one side closer than its gap, so the gap is set to one bar and the sides alternate: two spikes every
//    three minutes, each its own event (about half an hour for 20).
// Both are measured outside the app (the fakes' own clocks on this machine), so they include the loopback hops.
import { spawn } from 'node:child_process';
import { makeMarkets } from '../../test/fakes/coinalyze/data.mjs';
import { createFakeCoinalyze } from '../../test/fakes/coinalyze/server.mjs';
import { startFakeTelegram } from '../../test/fakes/telegram.mjs';

const TOKEN = '123456:BENCH-fake-token';
const CHAT = 4242;
const PORT = Number(process.env.BENCH_LIVE_PORT ?? 4192);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function waitFor(cond, ms, what) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function preview(root, env) {
  const child = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: 'ignore',
      detached: true,
    },
  );
  const url = `http://127.0.0.1:${PORT}/`;
  await waitFor(async () => (await fetch(url).catch(() => null))?.ok, 30_000, 'vite preview');
  return {
    url,
    stop: () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

/** Opens the app, saves the key (and Telegram + alert rules when given), and waits for Live. */
async function goLive(launch, url, alerts) {
  const ctx = await launch();
  const page = await ctx.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Coinalyze API key').fill('bench-key');
  if (alerts) {
    await dialog.getByLabel('Telegram bot token').fill(TOKEN);
    await dialog.getByLabel('Telegram chat ID').fill(String(CHAT));
    await dialog.getByLabel('Telegram API base URL').fill('/telegram');
    await dialog.getByLabel('Enable alerts').check();
    for (const tf of ['15m', '1h', '4h']) await dialog.getByLabel(`Spike alerts on ${tf}`).uncheck();
    await dialog.getByLabel('Spike alerts on 1m').check();
    const classes = dialog.getByRole('group', { name: 'Event classes' });
    for (const c of ['seasonal', 'continuation', 'onset', 'extreme']) await classes.getByLabel(c).check();
    await dialog.getByLabel('Spike cooldown (min)').fill('0');
    await dialog.getByLabel('Runs-rule gap (seconds)').fill('60');
  }
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('status-source').filter({ hasText: 'Live' }).waitFor({ timeout: 15_000 });
  return { ctx, page };
}

async function budgetUse({ launch, root }) {
  const fake = createFakeCoinalyze({ keys: ['bench-key'], listedDaysAgo: 20 });
  const upstream = await fake.listen(0);
  const app = await preview(root, { COINALYZE_UPSTREAM: upstream });
  const { ctx, page } = await goLive(launch, app.url, false);
  try {
    // "idle" also shows before the first status arrives: see the backfill running first, then finished.
    await page.getByTestId('status-backfill').filter({ hasText: /\d+%/ }).waitFor({ timeout: 60_000 });
    await page.getByTestId('status-backfill').filter({ hasText: 'idle' }).waitFor({ timeout: 900_000 });
    const history = fake.log.filter((r) => r.status === 200 && r.path.includes('history'));
    const first = fake.log[0]?.at ?? 0;
    const last = history.at(-1)?.at ?? first;
    const calls = fake.log.filter((r) => r.status === 200).reduce((a, r) => a + (r.weight ?? 0), 0);
    // The window a call occupies is one minute: the span is last − first plus that last minute.
    const minutes = (last - first) / 60_000 + 1;
    const refused = fake.log.filter((r) => r.status === 429).length;
    console.log(`  backfill: ${calls} calls in ${minutes.toFixed(2)} min, ${refused} × 429`);
    if (refused > 0) throw new Error(`${refused} requests were refused with 429`);
    return {
      'live.budget_use': {
        value: calls / minutes / 40,
        unit: 'of 40/min',
        note: `40-contract backfill: ${calls} symbol-calls in ${minutes.toFixed(1)} min, 0 × 429 (target ≥ 0.9)`,
      },
    };
  } finally {
    await ctx.close();
    app.stop();
    await fake.close();
  }
}

async function spikeToAlert({ launch, root }) {
  const n = Number(process.env.SPIKES ?? 20);
  const nowSec = Math.floor(Date.now() / 1000);
  const markets = makeMarkets(nowSec).filter((m) => m.exchange === 'A' && m.base_asset === 'BTC');
  const fake = createFakeCoinalyze({ keys: ['bench-key'], listedDaysAgo: 20, markets });
  const upstream = await fake.listen(0);
  const tg = await startFakeTelegram({ tokens: [TOKEN], chats: [String(CHAT)] });
  const app = await preview(root, { COINALYZE_UPSTREAM: upstream, TELEGRAM_UPSTREAM: tg.url });
  const { ctx, page } = await goLive(launch, app.url, true);
  const symbol = 'BTCUSDT_PERP.A';
  const latencies = [];
  try {
    // Four contracts backfill in seconds; give the history behind the 1m baseline time to land.
    await page.waitForTimeout(20_000);
    await page.getByTestId('status-backfill').filter({ hasText: 'idle' }).waitFor({ timeout: 300_000 });
    for (let k = 0, minute = 0; k < n; minute++) {
      // Just after a minute closes, plant a burst in it: the next poll of the contract carries it, closed.
      const next = (Math.floor(Date.now() / 60_000) + 1) * 60_000;
      await new Promise((r) => setTimeout(r, next - Date.now() + 500));
      if (minute % 3 === 2) continue; // a quiet minute, so the next spike of each side starts a new event
      const side = minute % 3 === 0 ? 'long' : 'short';
      const t = next / 1000 - 60;
      const planted = Date.now();
      fake.plant(symbol, t, side === 'long' ? 40_000_000 : 0, side === 'short' ? 40_000_000 : 0);
      const when = new Date(t * 1000).toISOString().slice(0, 16).replace('T', ' ');
      const title = side === 'long' ? 'Long liquidation spike · 1m' : 'Short liquidation spike · 1m';
      const alert = () =>
        tg.delivered().find((r) => r.params.text.includes(title) && r.params.text.includes(when));
      await waitFor(() => alert() !== undefined, 150_000, `the ${side} alert for ${when}`);
      const carrier = fake.log.find(
        (r) =>
          r.status === 200 &&
          r.at >= planted &&
          r.path === '/v1/liquidation-history' &&
          r.interval === '1min' &&
          r.symbols?.includes(symbol),
      );
      if (!carrier) throw new Error(`no answer carried the spike at ${when}`);
      latencies.push((alert()?.at ?? 0) - carrier.at);
      k++;
      console.log(`  spike ${k}/${n} (${side}): ${latencies.at(-1)} ms`);
    }
    return {
      'live.spike_to_alert_ms': {
        value: median(latencies),
        unit: 'ms',
        note: `median of ${n} planted 1m spikes, answer sent → Telegram request received (target ≤ 500); max ${Math.max(...latencies)} ms`,
      },
    };
  } finally {
    await ctx.close();
    app.stop();
    await fake.close();
    await tg.close();
  }
}

export async function run(ctx) {
  return { ...(await spikeToAlert(ctx)), ...(await budgetUse(ctx)) };
}
