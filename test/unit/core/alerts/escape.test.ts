import { describe, expect, it } from 'vitest';
import {
  escapeAttr,
  escapeHtml,
  escapeHtmlTruncated,
  MESSAGE_LIMIT,
  visibleLength,
} from '../../../../src/core/alerts/escape';
import { spikeMessage } from '../../../../src/core/alerts/message';
import { evaluateRules, type SpikeCandidate } from '../../../../src/core/alerts/rules';
import type { SpikeEvent } from '../../../../src/core/events';
import { justAfter, rules, spike, spikeInput } from './fixtures';

describe('escapeHtml', () => {
  it('escapes each of < > & and leaves everything else', () => {
    expect(escapeHtml('<')).toBe('&lt;');
    expect(escapeHtml('>')).toBe('&gt;');
    expect(escapeHtml('&')).toBe('&amp;');
    expect(escapeHtml('"\'`*_[]()~#+-=|{}.!\\')).toBe('"\'`*_[]()~#+-=|{}.!\\');
    expect(escapeHtml('a<b>&amp;c')).toBe('a&lt;b&gt;&amp;amp;c');
    expect(escapeHtml('₿ 🚀 naïve')).toBe('₿ 🚀 naïve');
  });

  it('escapes " too inside attributes', () => {
    expect(escapeAttr('https://x/?a=1&b="<>"')).toBe('https://x/?a=1&amp;b=&quot;&lt;&gt;&quot;');
  });

  it('never leaves a raw special character, for every printable ASCII char', () => {
    for (let c = 32; c < 127; c++) {
      const out = escapeHtml(String.fromCharCode(c).repeat(3));
      expect(out).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
    }
  });

  it('cuts a 5,000-character input within the limit without splitting entities or surrogates', () => {
    const input = '<&>🚀x'.repeat(1000);
    expect(input.length).toBe(6000);
    const five = input.slice(0, 5000);
    const out = escapeHtmlTruncated(five, MESSAGE_LIMIT);
    expect(out.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(out.endsWith('…')).toBe(true);
    expect(out).not.toMatch(/&(?!amp;|lt;|gt;)|&[a-z]*…$/);
    expect(out).not.toMatch(/[\uD800-\uDBFF]…$/);
    expect(escapeHtmlTruncated('short & sweet', 100)).toBe('short &amp; sweet');
  });
});

describe('messages', () => {
  const candidate = (e: SpikeEvent): SpikeCandidate => ({
    kind: 'spike',
    asset: 'BTC',
    key: e.id,
    cooldownKey: 'k',
    cooldownMs: 0,
    event: e,
  });
  it('a spike message lists z, p and the Hawkes-lite p_bg when the event has one', () => {
    const withBg = spikeMessage(
      candidate(spike(3600, { pBg: 0.25, eventClass: 'continuation' })),
      'https://a.test/',
    );
    expect(withBg.body).toContain('· z 7.3 · p 4.0e-4 · p_bg 0.250 · continuation');
    const without = spikeMessage(candidate(spike(3600)), 'https://a.test/');
    expect(without.body).not.toContain('p_bg');
  });

  it('a spike message ends its first line with the long-window rarity, when the event has one', () => {
    const rare = spikeMessage(
      candidate(spike(3600, { minPTail: 1 / 2300, longBars: 2160 })),
      'https://a.test/',
    );
    expect(rare.body.split('\n')[0]).toMatch(/· extreme · 1 in ~96 days$/);
    expect(rare.html).toContain('· extreme · 1 in ~96 days');
    const common = spikeMessage(candidate(spike(3600, { longBars: 2160 })), 'https://a.test/');
    expect(common.body.split('\n')[0]).toMatch(/· extreme · not rare over 90 days$/);
    // built elsewhere (no long baseline): no rarity, rather than "n/a" on every alert
    expect(spikeMessage(candidate(spike(3600)), 'https://a.test/').body.split('\n')[0]).toMatch(/· extreme$/);
  });

  it('a spike scored in bp of open interest says its size in bp too; a USD-scored one does not', () => {
    const bp = spikeMessage(
      candidate(spike(3600, { scoreBasis: 'bpOfOi', bpOfOi: 31.58 })),
      'https://a.test/',
    );
    expect(bp.body.split('\n')[0]).toMatch(/^\$12\.3M \(31\.6 bp of OI\) longs liquidated · z 7\.3/);
    const usd = spikeMessage(candidate(spike(3600, { scoreBasis: 'usd', bpOfOi: 31.58 })), 'https://a.test/');
    expect(usd.body).not.toContain('of OI');
  });

  it('says when the bar is still open: the USD is so far and the price the latest, not a close', () => {
    const e = spike(3600 * 100, { usd: 25_000_000 });
    const input = (nowSec: number) => spikeInput([e], nowSec);
    const [open] = evaluateRules(input(e.firstTime + 17 * 60), rules());
    expect(open?.kind === 'spike' && open.barOpen).toBe(true);
    const [line1, line2] = spikeMessage(open as SpikeCandidate, 'https://a.test/').body.split('\n');
    expect(line1).toMatch(/^\$25\.0M longs liquidated so far · z /);
    expect(line2).toMatch(/^Price [\d,.]+ \(bar still open\) · /);
    const [closed] = evaluateRules(input(justAfter(e.firstTime)), rules());
    const body = spikeMessage(closed as SpikeCandidate, 'https://a.test/').body;
    expect(body).not.toContain('so far');
    expect(body).not.toContain('still open');
  });

  it('stays under 4096 characters even with a 5,000-character hostile field', () => {
    const e = spike(3600 * 100, { eventClass: 'extreme' });
    const [c] = evaluateRules(spikeInput([e], justAfter(e.firstTime)), rules());
    expect(c?.kind).toBe('spike');
    const hostile = { ...(c as SpikeCandidate), event: { ...e, eventClass: '<b>&"'.repeat(1250) } };
    const m = spikeMessage(hostile as unknown as SpikeCandidate, 'https://app.test/"><script>');
    expect(m.html.length).toBeLessThan(4096);
    expect(visibleLength(m.html)).toBeLessThan(4096);
    expect(m.html).toContain('href="https://app.test/&quot;&gt;&lt;script&gt;/?asset=BTC');
    expect(m.html.match(/<b>/g)?.length).toBe(1);
  });
});
