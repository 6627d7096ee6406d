/**
 * Telegram HTML parse mode: text must have `<`, `>` and `&` escaped; attribute values (href) also `"`.
 * Escaping is applied to every piece of user or data text; tags are only ever written by the formatter.
 */

/** Telegram's limit for a message text, in characters after entity parsing. */
export const MESSAGE_LIMIT = 4096;
/** Telegram's limit for a photo caption. */
export const CAPTION_LIMIT = 1024;

const TEXT: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTR: Readonly<Record<string, string>> = { ...TEXT, '"': '&quot;' };

/** Escapes text for use between tags. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => TEXT[c] ?? c);
}

/** Escapes a value for use inside a double-quoted attribute (href). */
export function escapeAttr(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ATTR[c] ?? c);
}

/**
 * Escapes `text` and cuts it so the *escaped* result has at most `max` code units, never splitting an
 * entity or a surrogate pair; a cut ends with "…". Telegram counts after parsing, so this is conservative.
 */
export function escapeHtmlTruncated(text: string, max: number): string {
  const full = escapeHtml(text);
  if (full.length <= max) return full;
  let out = '';
  for (const ch of text) {
    const piece = TEXT[ch] ?? ch;
    if (out.length + piece.length + 1 > max) break;
    out += piece;
  }
  return `${out}…`;
}

/** Characters Telegram will count for HTML `html`: tags removed, the four entities count as one. */
export function visibleLength(html: string): number {
  const text = html.replace(/<[^>]*>/g, '').replace(/&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/gi, '_');
  return [...text].length;
}
