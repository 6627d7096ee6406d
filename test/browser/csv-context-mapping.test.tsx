import { render } from 'preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { sniff } from '../../src/core/csv/detect';
import { mappingProblem } from '../../src/core/csv/generic';
import type { GenericMapping } from '../../src/core/csv/mapping';
import { MappingForm } from '../../src/ui/csv/MappingForm';

/** 2024-08-01T00:00:00Z. */
const T0 = 1_722_470_400;

// A Binance-shaped funding history: the header does not say whether the rate is a fraction or a percent.
const text = [
  'symbol,fundingTime,fundingRate,markPrice',
  ...Array.from({ length: 12 }, (_, i) => `BTCUSDT,${(T0 + i * 8 * 3600) * 1000},0.0001,60000`),
].join('\n');

describe('mapping form: open interest and funding columns', () => {
  const host = document.createElement('div');
  document.body.append(host);
  afterEach(() => render(null, host));
  const sniffed = sniff(text, 'binance_funding.csv');
  let latest: GenericMapping | null = null;

  function Form() {
    const [m, setM] = useState(sniffed.mapping as GenericMapping);
    latest = m;
    return <MappingForm sniffed={sniffed} mapping={m} asset="BTC" onChange={setM} />;
  }

  it('asks for the unit the header does not give, and the import is refused until it is chosen', async () => {
    render(<Form />, host);
    const kind = page.getByLabelText('Column “fundingRate” is');
    await expect.element(kind).toHaveValue('funding');
    const unit = page.getByLabelText('Unit of “fundingRate”');
    await expect.element(unit).toHaveValue('');
    const problem = page.getByText(/^Choose whether funding "fundingRate" is in percent/);
    await expect.element(problem).toBeVisible();
    expect(latest && mappingProblem(latest)).toMatch(/^choose whether funding/);
    await userEvent.selectOptions(unit, 'fraction');
    await expect.element(problem).not.toBeInTheDocument();
    expect(latest && mappingProblem(latest)).toBeNull();
    await expect
      .element(page.getByLabelText('“fundingRate” stored as'))
      .toHaveValue('CSV_AGG_BINANCE_FUNDING');
  });

  it('a column can be left out, or another one added as open interest', async () => {
    render(<Form />, host);
    await userEvent.selectOptions(page.getByLabelText('Column “fundingRate” is'), 'not imported');
    await expect.element(page.getByLabelText('Column “fundingRate” is')).not.toBeInTheDocument();
    expect(latest?.context).toEqual([]);
    await userEvent.selectOptions(
      page.getByLabelText('Add a column as open interest or funding'),
      'markPrice',
    );
    await expect.element(page.getByLabelText('Column “markPrice” is')).toHaveValue('oi');
    expect(latest?.context).toEqual([
      { kind: 'oi', label: 'markPrice', column: 3, symbol: 'CSV_AGG_BINANCE_FUNDING', unit: null },
    ]);
    // 1hour is a grid open interest is read at; the unit is still to choose.
    await expect
      .element(page.getByText(/^Choose whether open interest "markPrice" is in USD or in coins/))
      .toBeVisible();
  });
});
