import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { useDocumentTitle } from '../../src/ui/app/document-title';
import { renderHosts } from './helpers/hosts';

describe('tab title', () => {
  const newHost = renderHosts();

  it('follows the asset on screen', async () => {
    function Shell({ asset }: { asset: string }) {
      useDocumentTitle(asset);
      return null;
    }
    const host = newHost();
    render(<Shell asset="ETH" />, host);
    await expect.poll(() => document.title).toBe('LiqLab — ETH liquidations');
    render(<Shell asset="SOL" />, host);
    await expect.poll(() => document.title).toBe('LiqLab — SOL liquidations');
  });
});
