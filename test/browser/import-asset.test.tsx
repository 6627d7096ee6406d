import { render } from 'preact';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { marketFromSymbol } from '../../src/core/csv/contracts';
import { ALL_CONTRACTS } from '../../src/core/market';
import type { BarFrame } from '../../src/core/series';
import { sharedDatabase } from '../../src/storage/connection';
import { deleteStored } from '../../src/storage/delete-range';
import { ARCHIVE_DB } from '../../src/storage/open';
import { writeLiqRange } from '../../src/storage/series-repo';
import { ImportDialog } from '../../src/ui/csv/ImportDialog';
import { loadFrame } from '../../src/workers/compute/frame-loader';

// The real import dialog, its real fetch worker and the real archive database (shared with the other browser test
// files: this one works in March 2021 under its own symbols, and removes them afterwards).
const H = 3600;
/** 2021-03-01T00:00:00Z. */
const T0 = 1_614_556_800;
const HOURS = 24;
const TAG = Math.random().toString(36).slice(2, 8);
/** BTC's contract with data over the same hours: it must not change. */
const BTC_SYMBOL = 'BTCUSDT_PERP.Q';

/** A CoinGlass-shaped hourly ETH file (its columns name no contract; the file name says ETH). */
function ethFile(name: string): File {
  const rows = Array.from({ length: HOURS }, (_, i) => {
    const p = 1500 + i;
    return `${(T0 + i * H) * 1000},${p},${p + 10},${p - 10},${p + 5},${1000 * (i + 1)},${500 * (i + 1)}`;
  });
  const text = [
    'time,price_open,price_high,price_low,price_close,liquidation_long_usd,liquidation_short_usd',
    ...rows,
  ].join('\n');
  return new File([text], name, { type: 'text/csv' });
}

/** The 1h bars of `asset` over the file's hours, as the chart reads them: long, short and close per hour. */
async function barsOf(asset: string): Promise<Array<[number, number, number]>> {
  const db = await sharedDatabase(ARCHIVE_DB);
  const { frame } = await loadFrame(db, {
    source: 'archive',
    asset,
    timeframe: '1h',
    filter: ALL_CONTRACTS,
    referenceSymbol: `${asset}USDT_PERP.A`,
  });
  return Array.from({ length: HOURS }, (_, k) => at(frame, T0 + k * H));
}

function at(frame: BarFrame, t: number): [number, number, number] {
  const i = (t - frame.start) / frame.step;
  if (i < 0 || i >= frame.liq.long.length) return [Number.NaN, Number.NaN, Number.NaN];
  const covered = frame.liq.covered[i] === 1;
  return covered
    ? [
        frame.liq.long[i] ?? Number.NaN,
        frame.liq.short[i] ?? Number.NaN,
        frame.candles.close[i] ?? Number.NaN,
      ]
    : [Number.NaN, Number.NaN, frame.candles.close[i] ?? Number.NaN];
}

const FILE_BARS = Array.from({ length: HOURS }, (_, i) => [1000 * (i + 1), 500 * (i + 1), 1505 + i]);

describe('import dialog: the asset a file is stored under', () => {
  const host = document.createElement('div');
  const imported: string[] = [];
  let btcBefore: Array<[number, number, number]> = [];

  beforeAll(async () => {
    document.body.append(host);
    const db = await sharedDatabase(ARCHIVE_DB);
    await db.put('markets', marketFromSymbol(BTC_SYMBOL, 'STABLE'));
    const points = Array.from({ length: HOURS }, (_, i) => ({ t: T0 + i * H, l: 9e5 + i, s: 4e5 }));
    await writeLiqRange(db, BTC_SYMBOL, '1hour', T0, T0 + HOURS * H, points);
    btcBefore = await barsOf('BTC');
  });
  afterEach(() => render(null, host));
  afterAll(async () => {
    host.remove();
    const db = await sharedDatabase(ARCHIVE_DB);
    for (const symbol of [...imported, BTC_SYMBOL]) await deleteStored(db, { symbol, from: null, to: null });
    await db.delete('markets', BTC_SYMBOL);
  });

  it('an ETH file imported with ETH on screen is stored as ETH’s: the ETH chart shows it, BTC’s buckets are unchanged', async () => {
    const name = `eth_liquidations_${TAG}.csv`;
    const symbol = `CSV_AGG_ETH_LIQUIDATIONS_${TAG.toUpperCase()}`;
    imported.push(symbol);
    render(<ImportDialog file={ethFile(name)} asset="ETH" onClose={() => {}} onImported={() => {}} />, host);
    await expect.element(page.getByTestId('import-asset')).toHaveTextContent("Stored as ETH's data.");
    await expect.element(page.getByLabelText('Store under asset')).toHaveValue('ETH');
    await expect.element(page.getByLabelText(/^Contract for/)).toHaveValue(symbol);
    await userEvent.click(page.getByRole('button', { name: 'Check import' }));
    await expect.element(page.getByText(/^24 rows: 48 new points/)).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Import changes' }));
    await expect
      .element(page.getByRole('status'))
      .toHaveTextContent("Imported as ETH's data: 48 new, 0 overwritten, 0 unchanged.");
    // Already on screen: nothing to switch to.
    await expect.element(page.getByRole('button', { name: 'Show ETH' })).not.toBeInTheDocument();
    const db = await sharedDatabase(ARCHIVE_DB);
    expect((await db.get('markets', symbol))?.baseAsset).toBe('ETH');
    expect(await barsOf('ETH')).toEqual(FILE_BARS);
    expect(await barsOf('BTC')).toEqual(btcBefore);
  });

  it('changing the asset after the dry run runs it again and files the import under the new asset', async () => {
    const name = `eth_liquidations_${TAG}_b.csv`;
    const symbol = `CSV_AGG_ETH_LIQUIDATIONS_${TAG.toUpperCase()}_B`;
    imported.push(symbol);
    const shown: string[] = [];
    const ethBefore = await barsOf('ETH');
    render(
      <ImportDialog
        file={ethFile(name)}
        asset="ETH"
        onClose={() => {}}
        onImported={() => {}}
        onShowAsset={(a) => shown.push(a)}
      />,
      host,
    );
    await userEvent.click(page.getByRole('button', { name: 'Check import' }));
    await expect.element(page.getByText(/^24 rows: 48 new points/)).toBeVisible();
    await userEvent.selectOptions(page.getByLabelText('Store under asset'), 'SOL');
    await expect
      .element(page.getByTestId('import-asset'))
      .toHaveTextContent("Stored as SOL's data (the chart shows ETH: switch to SOL to see it).");
    await expect.element(page.getByText(/^24 rows: 48 new points/)).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Import changes' }));
    await expect.element(page.getByRole('status')).toHaveTextContent(/^Imported as SOL's data: 48 new/);
    const db = await sharedDatabase(ARCHIVE_DB);
    expect((await db.get('markets', symbol))?.baseAsset).toBe('SOL');
    expect(await barsOf('SOL')).toEqual(FILE_BARS);
    // Neither ETH's bars nor BTC's changed.
    expect(await barsOf('ETH')).toEqual(ethBefore);
    expect(await barsOf('BTC')).toEqual(btcBefore);
    await userEvent.click(page.getByRole('button', { name: 'Show SOL' }));
    expect(shown).toEqual(['SOL']);
  });
});
