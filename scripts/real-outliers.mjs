// Prints, for every real dataset in ../shared/data/real, what the default spike settings make of it: the ten
// events holding the largest bars (label, z, long-window tail p, return period), the event classes, and the
// false-alarm rates against what the thresholds promise. The tables in docs/method.md are this output.
// The same numbers are asserted by test/unit/core/spikes/real-data.test.ts.
// Usage: node scripts/real-outliers.mjs
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = async (p) => (await runnerImport(join(root, p), { root, logLevel: 'error' })).module;
const data = await load('test/helpers/real-data.ts');
const rep = await load('test/helpers/real-report.ts');

const table = (head, rows) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

for (const ds of data.realDatasets()) {
  const r = rep.realReport(ds);
  console.log(`\n### ${ds.title}\n`);
  console.log(
    `Events: ${r.events.length} (${Object.entries(r.classes)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}).\n`,
  );
  console.log(
    table(
      ['first bar (UTC)', 'side', 'event USD', 'largest bar', 'label', 'max z', 'tail p', 'rarity'],
      r.largest.map((e) => {
        const [t, side, usd, label, z, p, rarity] = rep.eventRow(e);
        return [t, side, usd, `$${(rep.largestBar(ds, e) / 1e6).toFixed(1)}M`, label, z, p, rarity];
      }),
    ),
  );
  console.log('');
  console.log(
    table(
      [
        'side',
        'local spike bars / scored bars',
        'rate',
        'promise (attainable p)',
        'ratio',
        'extreme events',
        'per day',
        'promise',
        'ratio',
      ],
      r.alarms.map((a) => [
        a.side,
        `${a.localBars} / ${a.scored}`,
        a.localRate.toFixed(4),
        a.localPromise.toFixed(4),
        (a.localRate / a.localPromise).toFixed(2),
        String(a.extremeEvents),
        a.extremePerDay.toFixed(4),
        a.extremePromise.toFixed(4),
        (a.extremePerDay / a.extremePromise).toFixed(2),
      ]),
    ),
  );
  const events = r.alarms.reduce((s, a) => s + a.extremeEvents, 0);
  const sideDays = r.alarms.reduce((s, a) => s + a.days, 0);
  console.log(
    `\nBoth sides: ${events} extreme events in ${sideDays.toFixed(0)} side-days = ${(events / sideDays).toFixed(4)}/day against ${r.alarms[0].extremePromise.toFixed(4)} (ratio ${(events / sideDays / r.alarms[0].extremePromise).toFixed(2)}). Stress days left out: ${ds.stressDays.join(', ')}. Seasonal bars in the long window's top 1 %: ${r.seasonalTopBars} of ${r.seasonalBars}.`,
  );
}
