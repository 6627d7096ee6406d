/**
 * Market discovery for the leader: `/future-markets` (and exchange names) when the stored list is older than
 * its TTL. Each call is paid from the budget ledger like any other; a malformed list or a server error is
 * retried after a pause, never stored half.
 */
import type { IDBPDatabase } from 'idb';
import { EXCHANGES_KEY, MalformedResponse, parseExchanges, parseMarkets } from '../../core/coinalyze';
import { readKv, writeKv } from '../../storage/kv-repo';
import type { LiqLabDB } from '../../storage/schema';
import type { Clock } from '../clock';
import type { BudgetLedger } from './budget-ledger';
import type { CallResult } from './coinalyze-client';

/** Market list older than this is refreshed. */
export const MARKETS_TTL_MS = 6 * 3_600_000;

/** What discovery needs. */
export interface MarketDeps {
  db: IDBPDatabase<LiqLabDB>;
  call: (path: string, params: Record<string, string>, signal: AbortSignal) => Promise<CallResult>;
  clock: Clock;
  ledger: BudgetLedger;
  /** Shows a problem on the status line (null clears it). */
  note: (message: string | null) => void;
  /** The market list and exchange names were written. */
  changed: () => void;
}

/** One budgeted call: waits for a token, records it, and gives it back if the request never left. */
async function paidCall(d: MarketDeps, path: string, signal: AbortSignal): Promise<CallResult> {
  await d.clock.sleep(d.ledger.waitFor(1, d.clock.now()), signal);
  const spend = await d.ledger.spend(1, d.clock.now());
  const r = await d.call(path, {}, signal);
  if (r.kind === 'unreachable') await d.ledger.refund(spend);
  if (r.kind === 'rate-limited') await d.ledger.pauseUntil(d.clock.now() + r.retryAfterMs);
  return r;
}

/** Makes sure the market list is fresh; resolves 'unauthorized' on 401, 'ok' otherwise (or when aborted). */
export async function ensureMarkets(d: MarketDeps, signal: AbortSignal): Promise<'ok' | 'unauthorized'> {
  const { db, clock } = d;
  const fetchedAt = await readKv(db, 'markets:fetchedAt', 0);
  if (clock.now() - fetchedAt <= MARKETS_TTL_MS && (await db.count('markets')) > 0) return 'ok';
  for (let attempt = 0; !signal.aborted; attempt++) {
    const r = await paidCall(d, '/future-markets', signal);
    if (r.kind === 'unauthorized') return 'unauthorized';
    let problem: string;
    if (r.kind === 'ok') {
      try {
        const markets = parseMarkets(r.body);
        const tx = db.transaction('markets', 'readwrite');
        // Put, never clear: expired futures keep their row and their stored history.
        for (const m of markets) void tx.store.put(m);
        await tx.done;
        await exchangeNames(d, signal);
        await writeKv(db, 'markets:fetchedAt', clock.now());
        d.changed();
        d.note(null);
        return 'ok';
      } catch (e) {
        if (!(e instanceof MalformedResponse)) throw e;
        problem = `malformed answer (${e.message})`;
      }
    } else
      problem = r.kind === 'bad-request' ? r.message : r.kind === 'rate-limited' ? 'rate limited' : r.reason;
    d.note(`Market list: ${problem}; retrying`);
    const wait = r.kind === 'rate-limited' ? r.retryAfterMs : Math.min(60_000, 5_000 * 2 ** attempt);
    await clock.sleep(wait, signal);
  }
  return 'ok';
}

/** Exchange names for the toolbar, cached with the markets; on failure the UI falls back to codes. */
async function exchangeNames(d: MarketDeps, signal: AbortSignal): Promise<void> {
  const r = await paidCall(d, '/exchanges', signal);
  if (r.kind !== 'ok') return;
  try {
    await writeKv(d.db, EXCHANGES_KEY, parseExchanges(r.body));
  } catch (e) {
    // A malformed list is not worth retrying before the next market refresh.
    if (!(e instanceof MalformedResponse)) throw e;
  }
}
