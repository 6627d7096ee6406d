/**
 * The README as the app's guide page (guide.html): a small Markdown subset to HTML (headings with GitHub's
 * anchor ids, paragraphs, nested lists, fenced code, tables, inline code/bold/italic/links). The intro strip links
 * to its sections; built at build time so it works offline like the rest of the app.
 */

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. Spaces are not trimmed after
 * the punctuation goes, as GitHub does not: "Assets (BTC, ETH, SOL, …)" is `assets-btc-eth-sol-`.
 */
export function headingId(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

/** Inline Markdown to HTML: code spans first (their content is literal), then images, links, bold, italic. */
export function inline(text: string): string {
  const parts = text.split(/(`[^`]+`)/);
  return parts
    .map((part) => {
      if (/^`[^`]+`$/.test(part)) return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      let s = escapeHtml(part);
      // Images live in the repository, not in the app: their description stands in.
      s = s.replace(/!\[([^\]]*)\]\([^)]*\)/g, '<em>[$1: see the repository]</em>');
      s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, href: string) =>
        /^(https?:|#)/.test(href) ? `<a href="${href}">${label}</a>` : `${label} (<code>${href}</code>)`,
      );
      s = s.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
      s = s.replace(/(^|[^*\w])\*([^*\s][^*]*)\*(?!\w)/g, '$1<em>$2</em>');
      return s;
    })
    .join('');
}

function tableRow(line: string, cell: 'th' | 'td'): string {
  const cells = line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => `<${cell}>${inline(c.trim())}</${cell}>`);
  return `<tr>${cells.join('')}</tr>`;
}

/** Converts Markdown text to an HTML fragment. */
export function markdownToHtml(md: string): string {
  const lines = md.split(/\r?\n/);
  const out: string[] = [];
  let para: string[] = [];
  const lists: Array<{ indent: number; tag: 'ul' | 'ol' }> = [];
  const flushPara = () => {
    if (para.length) out.push(`<p>${inline(para.join(' '))}</p>`);
    para = [];
  };
  const closeLists = (toIndent = -1) => {
    while (lists.length && (lists[lists.length - 1]?.indent ?? 0) > toIndent) {
      out.push(`</li></${lists.pop()?.tag}>`);
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = /^(\s*)```/.exec(line);
    if (fence) {
      flushPara();
      const body: string[] = [];
      for (i++; i < lines.length && !/^\s*```/.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
      out.push(`<pre><code>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flushPara();
      closeLists();
      const level = heading[1]?.length ?? 1;
      const text = heading[2] ?? '';
      out.push(`<h${level} id="${headingId(text)}">${inline(text)}</h${level}>`);
      continue;
    }
    if (/^\s*\|.*\|\s*$/.test(line) && /^\s*\|[\s:|-]+\|\s*$/.test(lines[i + 1] ?? '')) {
      flushPara();
      closeLists();
      const rows = [`<thead>${tableRow(line, 'th')}</thead><tbody>`];
      for (i += 2; i < lines.length && /^\s*\|/.test(lines[i] ?? ''); i++)
        rows.push(tableRow(lines[i] ?? '', 'td'));
      i--;
      out.push(`<div class="table"><table>${rows.join('')}</tbody></table></div>`);
      continue;
    }
    const item = /^(\s*)([-*]|\d+\.)\s+(.*)$/.exec(line);
    if (item) {
      flushPara();
      const indent = item[1]?.length ?? 0;
      const tag = /\d/.test(item[2] ?? '') ? 'ol' : 'ul';
      const top = lists[lists.length - 1];
      if (!top || indent > top.indent) {
        lists.push({ indent, tag });
        out.push(`<${tag}><li>`);
      } else {
        closeLists(indent);
        out.push('</li><li>');
      }
      out.push(inline(item[3] ?? ''));
      continue;
    }
    if (line.trim() === '') {
      flushPara();
      // A blank line inside a list keeps the list open; anything else not indented closes it below.
      continue;
    }
    if (lists.length && /^\s+\S/.test(line)) {
      out.push(` ${inline(line.trim())}`);
      continue;
    }
    closeLists();
    para.push(line.trim());
  }
  flushPara();
  closeLists();
  return out.join('\n');
}

/** The whole guide page around the converted README. */
export function guidePage(md: string, appUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="UTF-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="description" content="How LiqLab works: the chart, spikes, levels, the study, sharing and accessibility." />
<title>LiqLab guide</title>
<style>
:root { color-scheme: light dark; --bg: #ffffff; --text: #131722; --muted: #5d606b; --link: #1d4ed8; --code: #f1f3f7; --border: #e0e3eb; }
@media (prefers-color-scheme: dark) { :root { --bg: #131722; --text: #d1d4dc; --muted: #9598a1; --link: #5b8cff; --code: #1e222d; --border: #2a2e39; } }
body { margin: 0 auto; max-width: 860px; padding: 16px 20px 48px; background: var(--bg); color: var(--text); font: 15px/1.55 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Ubuntu, sans-serif; }
a { color: var(--link); }
code { background: var(--code); padding: 0 3px; border-radius: 3px; font-size: 0.92em; }
pre { background: var(--code); padding: 10px 12px; overflow-x: auto; border-radius: 6px; }
pre code { padding: 0; }
.table { overflow-x: auto; }
table { border-collapse: collapse; font-size: 14px; }
th, td { border: 1px solid var(--border); padding: 4px 8px; text-align: left; vertical-align: top; }
nav { font-size: 14px; color: var(--muted); }
</style>
</head>
<body>
<nav><a href="${appUrl}">← Back to the chart</a></nav>
<main>
${markdownToHtml(md)}
</main>
</body>
</html>
`;
}
