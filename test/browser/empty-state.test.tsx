import '../../src/ui/styles.css';
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ALL_CONTRACTS, type ContractFilter } from '../../src/core/market';
import type { FetchStatus } from '../../src/core/notices';
import { AssetEmpty } from '../../src/ui/app/AssetEmpty';
import { toStatusInfo } from '../../src/ui/data/use-live';
import { StatusBar, type StatusInfo } from '../../src/ui/status/StatusBar';
import { renderHosts } from './helpers/hosts';

const connecting: StatusInfo = {
  source: 'Live',
  lastUpdate: null,
  callsUsed: 0,
  callsBudget: 40,
  backfill: null,
  message: 'Connecting to Coinalyze…',
};
const rejected: FetchStatus = {
  state: 'key-rejected',
  callsUsed: 1,
  callsBudget: 40,
  backfill: null,
  lastUpdate: null,
  message: 'Coinalyze rejected the API key (401). Check it in Settings → Data.',
};

describe('empty states and the source label', () => {
  const newHost = renderHosts();

  it('after Coinalyze rejects the key: the empty chart says so (not "fetching…") and the source is not Live', async () => {
    const info = toStatusInfo(rejected, connecting);
    let opened = 0;
    const host = newHost();
    render(
      <>
        <AssetEmpty
          asset="BTC"
          mode="live"
          live
          keyRejected={info.keyRejected === true}
          filter={ALL_CONTRACTS}
          onSettings={() => opened++}
          onAllContracts={() => {}}
        />
        <StatusBar asset="BTC" info={info} />
      </>,
      host,
    );
    const empty = page.getByTestId('asset-empty');
    await expect.element(empty).toHaveTextContent('Coinalyze refused the saved API key (401)');
    expect(empty.element().textContent).not.toContain('fetching');
    const source = page.getByTestId('status-source');
    expect(source.element().textContent).not.toContain('Live');
    expect(source.element().textContent).toBe('Offline');
    await userEvent.click(page.getByRole('button', { name: 'Open Settings…' }));
    expect(opened).toBe(1);
  });

  it('a contract filter that matches nothing stored names the filter and offers all contracts, not "add a key"', async () => {
    let filter: ContractFilter = { kind: 'margin', margin: 'COIN' };
    render(
      <AssetEmpty
        asset="BTC"
        mode="demo"
        live={false}
        keyRejected={false}
        filter={filter}
        onSettings={() => {}}
        onAllContracts={() => {
          filter = ALL_CONTRACTS;
        }}
      />,
      newHost(),
    );
    const empty = page.getByTestId('asset-empty');
    await expect.element(empty).toHaveTextContent('No BTC data stored for COIN-margined contracts.');
    expect(empty.element().textContent).not.toContain('add a Coinalyze key');
    await userEvent.click(page.getByRole('button', { name: 'Show all contracts' }));
    expect(filter).toEqual(ALL_CONTRACTS);
  });
});
