/** The chart's notice for a timeframe no stored interval divides, written and recognised in one place. */
import type { Timeframe } from './intervals';

const FINER_DATA = 'needs data finer than the stored';

/** What the chart says when nothing stored divides the timeframe (`finest`: the finest stored interval). */
export function finerDataNotice(timeframe: Timeframe, finest: string): string {
  return `${timeframe} ${FINER_DATA} ${finest} buckets`;
}

/** True for `finerDataNotice`'s text: the frame is empty because of the timeframe, not because nothing is stored. */
export function isFinerDataNotice(notice: string | null): boolean {
  return notice?.includes(FINER_DATA) === true;
}
