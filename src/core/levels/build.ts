/** Support/resistance levels from spike events (statistics.md §2.2): the entry point other modules import. */
import type { Level, LevelTouch, SpikeEvent } from '../events';
import type { Timeframe } from '../intervals';
import type { BarFrame } from '../series';
import { type BookState, bookRun, emptyBook, stepBook } from './book';
import type { LevelParams } from './params';

export { DEFAULT_LEVEL_PARAMS, type LevelParams } from './params';

/** Events grouped by the bar they end on (their level is created at that bar's close). */
export function eventsByLastIndex(events: readonly SpikeEvent[]): Map<number, SpikeEvent[]> {
  const m = new Map<number, SpikeEvent[]>();
  const sorted = [...events].sort(
    (a, b) =>
      (a.lastIndex ?? a.firstIndex) - (b.lastIndex ?? b.firstIndex) ||
      a.firstIndex - b.firstIndex ||
      (a.side < b.side ? -1 : 1),
  );
  for (const e of sorted) {
    const k = e.lastIndex ?? e.firstIndex;
    const list = m.get(k);
    if (list) list.push(e);
    else m.set(k, [e]);
  }
  return m;
}

/** The events of a bar where none ends (shared: most bars have none, and a fresh [] each was garbage). */
const NO_EVENTS: readonly SpikeEvent[] = [];

/** Runs the book over bars [from, to) of the frame. */
export function runBook(
  book: BookState,
  frame: BarFrame,
  from: number,
  to: number,
  byLast: Map<number, SpikeEvent[]>,
  timeframe: Timeframe,
  params: LevelParams,
): BookState {
  const run = bookRun(frame, timeframe, params);
  for (let i = from; i < to; i++) stepBook(book, run, i, byLast.get(i) ?? NO_EVENTS);
  return book;
}

/** The levels and touches as copies of the book's current state. */
export function bookResult(book: BookState): { levels: Level[]; touches: LevelTouch[] } {
  return {
    levels: book.levels.map((s) => ({ ...s.level, sourceEventIds: [...s.level.sourceEventIds] })),
    touches: book.touches.map((t) => ({ ...t })),
  };
}

/**
 * Builds levels bar by bar: a level is created at its event's last bar and can be touched or broken only from
 * the next bar on. Merging is deterministic because events are processed in time order.
 */
export function buildLevels(
  frame: BarFrame,
  events: readonly SpikeEvent[],
  timeframe: Timeframe,
  params: LevelParams,
): { levels: Level[]; touches: LevelTouch[] } {
  const n = frame.candles.close.length;
  return bookResult(runBook(emptyBook(), frame, 0, n, eventsByLastIndex(events), timeframe, params));
}
