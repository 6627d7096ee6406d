import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guidePage, headingId, inline, markdownToHtml } from '../../../scripts/guide/markdown';

describe('README to guide.html', () => {
  it('gives headings GitHub’s anchors', () => {
    expect(headingId('Spikes, levels and oscillators')).toBe('spikes-levels-and-oscillators');
    expect(headingId('Why a proxy (CORS)')).toBe('why-a-proxy-cors');
    expect(headingId('Layout, keyboard and touch')).toBe('layout-keyboard-and-touch');
    // Punctuation at the end leaves its space behind, as on GitHub (the README links to this anchor).
    expect(headingId('Assets (BTC, ETH, SOL, …)')).toBe('assets-btc-eth-sol-');
    expect(markdownToHtml('## Using it')).toBe('<h2 id="using-it">Using it</h2>');
  });

  it('escapes text, keeps code literal, links only absolute and in-page targets', () => {
    expect(inline('a <b> & `x<y>` **bold** *em*')).toBe(
      'a &lt;b&gt; &amp; <code>x&lt;y&gt;</code> <strong>bold</strong> <em>em</em>',
    );
    expect(inline('[site](https://x.test) [here](#a) [doc](docs/method.md)')).toBe(
      '<a href="https://x.test">site</a> <a href="#a">here</a> doc (<code>docs/method.md</code>)',
    );
    expect(inline('![shot](docs/screens/a.png)')).toBe('<em>[shot: see the repository]</em>');
    expect(inline('2 * 3 and 4 * 5')).toBe('2 * 3 and 4 * 5');
  });

  it('converts nested lists, tables and fenced code', () => {
    const html = markdownToHtml(
      [
        '- one',
        '  - nested',
        '- two',
        '',
        '| a | b |',
        '| - | - |',
        '| 1 | 2 |',
        '',
        '```sh',
        'npm ci <x>',
        '```',
      ].join('\n'),
    );
    expect(html).toContain('<ul><li>\none\n<ul><li>\nnested\n</li></ul>\n</li><li>\ntwo\n</li></ul>');
    expect(html).toContain(
      '<thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr>',
    );
    expect(html).toContain('<pre><code>npm ci &lt;x&gt;</code></pre>');
  });

  it('the real README has every section the intro strip links to', () => {
    const page = guidePage(readFileSync(resolve(__dirname, '../../../README.md'), 'utf8'), '/');
    for (const id of [
      'using-it',
      'spikes-levels-and-oscillators',
      'layout-keyboard-and-touch',
      'sharing-a-view',
      'accessibility',
    ])
      expect(page).toContain(`id="${id}"`);
    expect(page).not.toMatch(/<script/i);
  });
});

describe('the README as the guide', () => {
  it('every link to a section of the README lands on a heading of the guide', () => {
    const readme = readFileSync(resolve(__dirname, '../../../README.md'), 'utf8');
    const ids = new Set(
      readme
        .split('\n')
        .filter((l) => /^#{1,6} /.test(l))
        .map((l) => headingId(l.replace(/^#{1,6} /, ''))),
    );
    const targets = [...readme.matchAll(/\]\(#([^)\s]+)\)/g)].map((m) => m[1] ?? '');
    expect(targets.length).toBeGreaterThan(3);
    expect(targets.filter((t) => !ids.has(t))).toEqual([]);
  });
});
