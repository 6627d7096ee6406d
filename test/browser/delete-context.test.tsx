import { render } from 'preact';
import { afterAll, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { marketFromSymbol } from '../../src/core/csv/contracts';
import { writeContextRange } from '../../src/storage/context-repo';
import { ARCHIVE_DB, openLiqLabDb } from '../../src/storage/open';
import { fetcher } from '../../src/ui/app/services';
import { DeleteStoredData } from '../../src/ui/settings/DeleteStoredData';

/** 2024-06-03T00:00:00Z. */
const T0 = 1_717_372_800;
const H = 3600;
const SYMBOL = 'BTCUSDT_PERP.3';

// The real panel, the real fetch worker and the real archive: a contract that only has open interest and funding
// is offered, what will go is counted by kind, and the delete leaves nothing of them.
describe('Settings → Data, Delete stored data, with open interest and funding', () => {
  const host = document.createElement('div');
  document.body.append(host);
  afterAll(async () => {
    render(null, host);
    host.remove();
    fetcher.terminate();
    // Only what this test added (the archive is shared with other browser test files).
    const db = await openLiqLabDb(ARCHIVE_DB);
    await db.delete('markets', SYMBOL);
    db.close();
  });

  it('offers the contract, counts its open interest and funding, and deletes them', async () => {
    const db = await openLiqLabDb(ARCHIVE_DB);
    await db.put('markets', marketFromSymbol(SYMBOL));
    const bar = (t: number, c: number) => ({ t, o: c, h: c, l: c, c });
    const day = Array.from({ length: 24 }, (_, h) => bar(T0 + h * H, 4e9 + h));
    await writeContextRange(db, 'oi', SYMBOL, '1hour', T0, T0 + 24 * H, day);
    await writeContextRange(db, 'funding', SYMBOL, '1hour', T0, T0 + 24 * H, day.slice(0, 8));
    db.close();

    render(<DeleteStoredData />, host);
    await userEvent.selectOptions(page.getByLabelText('Contract to delete'), SYMBOL);
    const count = page.getByTestId('delete-count');
    // The funding hours the API left out inside its fetched day are known gaps: they count too.
    await expect
      .element(count)
      .toHaveTextContent(
        'Will remove 0 liquidation points, 0 candles, 24 open interest points and 24 funding rates in 2 series',
      );
    await userEvent.click(page.getByRole('button', { name: 'Delete stored data…' }));
    await userEvent.click(page.getByRole('button', { name: 'Delete', exact: true }));
    await expect
      .element(page.getByRole('status'))
      .toHaveTextContent(
        'Deleted 0 liquidation points, 0 candles, 24 open interest points and 24 funding rates',
      );
    const after = await openLiqLabDb(ARCHIVE_DB);
    expect(await after.getAll('ctxChunks')).toEqual([]);
    expect(await after.getAll('ctxCoverage')).toEqual([]);
    expect(await after.getAll('oiGroups')).toEqual([]);
    after.close();
  });
});
