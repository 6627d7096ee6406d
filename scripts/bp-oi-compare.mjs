// Prints how the flagged events differ between the USD score and the bp-of-open-interest score on real data:
// the daily liquidation files of ../shared/data/real against the real daily open interest bundled in
// test/fixtures/real-oi (provenance in its README). The tables in docs/method.md ("USD or bp of open interest")
// are this output; test/unit/core/spikes/bp-oi-real.test.ts asserts the same numbers.
// Usage: node scripts/bp-oi-compare.mjs
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = async (p) => (await runnerImport(join(root, p), { root, logLevel: 'error' })).module;
const data = await load('test/helpers/real-data.ts');
const oi = await load('test/helpers/real-oi.ts');
const cmp = await load('test/helpers/bp-compare.ts');

const day = (t) => new Date(t * 1000).toISOString().slice(0, 10);
const usd = (v) => `$${(v / 1e6).toFixed(1)}M`;
const bp = (v) => (Number.isFinite(v) ? v.toFixed(0) : '–');
const table = (head, rows) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

const sets = [
  [
    '12 BTC perps on 7 exchanges, daily (OI summed over the same 12 contracts)',
    data.loadMultiDaily(),
    undefined,
  ],
  ['Binance BTCUSDT perp, daily (OI of that contract)', data.loadBinanceDaily(), [oi.BINANCE_USDT]],
];
for (const [title, frame, cols] of sets) {
  const open = oi.realOiOpen(frame, cols);
  const c = cmp.compareScores(frame, open, '1D');
  const at = (e) => open[e.firstIndex];
  const row = (e) => [day(e.firstTime), e.side, usd(e.usd), `$${(at(e) / 1e9).toFixed(1)}B`, bp(e.bpOfOi)];
  console.log(`\n### ${title}\n`);
  console.log(
    `Compared ${day(frame.start + c.from * 86400)} → ${day(frame.start + (c.to - 1) * 86400)} (${c.to - c.from} days): ` +
      `USD score ${c.usd.length} events, bp score ${c.bp.length}; ${c.both.length} in both, ${c.usdOnly.length} ` +
      `only in USD, ${c.bpOnly.length} only in bp.\n`,
  );
  const head = ['first day', 'side', 'event USD', 'OI at open', 'bp of OI', 'label', 'max z'];
  console.log('Only the USD score flags:\n');
  console.log(
    table(
      head,
      c.usdOnly.map((e) => [...row(e), e.eventClass, e.maxZ.toFixed(1)]),
    ),
  );
  console.log('\nOnly the bp score flags:\n');
  console.log(
    table(
      head,
      c.bpOnly.map((e) => [...row(e), e.eventClass, e.maxZ.toFixed(1)]),
    ),
  );
  const relabelled = c.both.filter(
    (p) => p.usd.eventClass !== p.bp.eventClass || p.usd.firstTime !== p.bp.firstTime,
  );
  console.log('\nFlagged by both, with another first day or label:\n');
  console.log(
    table(
      ['USD: first day', 'side', 'event USD', 'label', 'bp: first day', 'event USD', 'bp of OI', 'label'],
      relabelled.map((p) => [
        day(p.usd.firstTime),
        p.usd.side,
        usd(p.usd.usd),
        p.usd.eventClass,
        day(p.bp.firstTime),
        usd(p.bp.usd),
        bp(p.bp.bpOfOi),
        p.bp.eventClass,
      ]),
    ),
  );
}
