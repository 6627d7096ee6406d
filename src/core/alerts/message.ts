/**
 * Alert messages in Telegram HTML: a bold headline, the numbers, and a link back to the app at the bar.
 * Every dynamic piece goes through escapeHtml/escapeAttr; the result is always within Telegram's limit.
 */
import { formatBp } from '../context/liq-bp';
import { eventRarity, RARITY_UNKNOWN } from '../spikes/rarity';
import { isoUtc } from '../time';
import { escapeAttr, escapeHtml, escapeHtmlTruncated, MESSAGE_LIMIT } from './escape';
import { buildDeepLink } from './link';
import type { AlertCandidate, SpikeCandidate, TouchCandidate } from './rules';
import { eventP } from './rules';

/** A formatted alert: HTML for Telegram, plain text for a browser notification. */
export interface AlertMessage {
  /** Plain-text headline (notification title, log). */
  title: string;
  /** Plain-text body (notification body). */
  body: string;
  /** Telegram HTML (parse_mode=HTML), at most MESSAGE_LIMIT characters. */
  html: string;
  /** Bar time the alert is about (unix seconds). */
  time: number;
}

/** "$12.3M"-style USD, compact. */
export function compactUsd(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `$${(v / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `$${(v / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `$${(v / 1e3).toFixed(0)}K`;
  return `$${v.toFixed(0)}`;
}

/** Price with thousands separators and up to two decimals (no Intl: the output must not depend on locale). */
export function formatPrice(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const [int = '0', dec] = Math.abs(v).toFixed(2).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = dec && dec !== '00' ? `.${dec}` : '';
  return `${v < 0 ? '-' : ''}${grouped}${frac}`;
}

function formatP(p: number): string {
  if (!Number.isFinite(p)) return 'n/a';
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}

// Events built outside the compute worker have no p_bg; leave it out rather than print "n/a" on every alert.
function pBgText(p: number | undefined): string {
  return p !== undefined && Number.isFinite(p) ? ` · p_bg ${formatP(p)}` : '';
}

// The long-window return period ("1 in ~40 days"); left out for events built without a long baseline.
function rarityText(e: SpikeCandidate['event']): string {
  const words = eventRarity(e);
  return words === RARITY_UNKNOWN ? '' : ` · ${words}`;
}

// Where the spike was scored in bp of open interest, the alert says how large it was in that unit too.
function bpText(e: SpikeCandidate['event']): string {
  return e.scoreBasis === 'bpOfOi' && e.bpOfOi !== undefined && Number.isFinite(e.bpOfOi)
    ? ` (${formatBp(e.bpOfOi)} of OI)`
    : '';
}

function when(t: number): string {
  return isoUtc(t).replace('T', ' ').replace(/:00Z$/, ' UTC');
}

function assemble(title: string, lines: string[], link: string, time: number): AlertMessage {
  const head = `<b>${escapeHtml(title)}</b>`;
  const tail = `<a href="${escapeAttr(link)}">Open in LiqLab</a>`;
  // Body lines are data, not markup: escape them, and cut them if a pathological input is huge.
  const room = MESSAGE_LIMIT - 1 - head.length - tail.length - 2;
  const body = escapeHtmlTruncated(lines.join('\n'), Math.max(0, room));
  return { title, body: lines.join('\n'), html: `${head}\n${body}\n${tail}`, time };
}

/** Message for a spike alert. */
export function spikeMessage(c: SpikeCandidate, appUrl: string): AlertMessage {
  const e = c.event;
  const who = e.side === 'long' ? 'Long' : 'Short';
  const title = `${c.asset} ${who.toLowerCase()} liquidation spike · ${e.timeframe}`;
  // On a bar still open the figures are those so far, and a one-bar event's price is the latest, not a close.
  const soFar = c.barOpen === true ? ' so far' : '';
  const latest = c.barOpen === true && e.firstTime === e.lastTime ? ' (bar still open)' : '';
  const lines = [
    `${compactUsd(e.usd)}${bpText(e)} ${e.side}s liquidated${soFar} · z ${e.maxZ.toFixed(1)} · p ${formatP(eventP(e))}${pBgText(e.pBg)} · ${e.eventClass}${rarityText(e)}`,
    `Price ${formatPrice(e.closeAtFirst)}${latest} · ${when(e.firstTime)}`,
  ];
  return assemble(title, lines, buildDeepLink(appUrl, c.asset, e.firstTime, e.timeframe), e.firstTime);
}

/** Message for a level-touch alert. */
export function touchMessage(c: TouchCandidate, appUrl: string): AlertMessage {
  const { level, touch } = c;
  const what = level.kind === 'support' ? 'Support' : 'Resistance';
  const title = `${c.asset} ${what.toLowerCase()} touched · ${c.timeframe}`;
  const sign = c.distancePct >= 0 ? '+' : '';
  const lines = [
    `Level ${formatPrice(level.price)} (zone ${formatPrice(level.zoneLow)}–${formatPrice(level.zoneHigh)}) · strength ${level.strength.toFixed(1)} · touch #${touch.touchNumber}`,
    `Price ${formatPrice(touch.price)} (${sign}${c.distancePct.toFixed(2)}% from level) · ${when(touch.time)}`,
  ];
  return assemble(title, lines, buildDeepLink(appUrl, c.asset, touch.time, c.timeframe), touch.time);
}

/** Message for any candidate. */
export function alertMessage(c: AlertCandidate, appUrl: string): AlertMessage {
  return c.kind === 'spike' ? spikeMessage(c, appUrl) : touchMessage(c, appUrl);
}

/** The "Send test message" text. */
export function testMessage(appUrl: string, nowSec: number): AlertMessage {
  return assemble(
    'LiqLab test message',
    ['Alerts will arrive in this chat while LiqLab is open (a tab or the installed app).'],
    appUrl,
    nowSec,
  );
}
