/**
 * The whole compute pass (spikes → levels → oscillators) as one incremental object. A full pass is `update` on a
 * fresh Analyzer; a live update commits newly closed bars and re-derives only the open tail, so both give the
 * same numbers by construction (and the tests check it).
 */
import type { Level, LevelTouch } from '../events';
import type { Timeframe } from '../intervals';
import { type BookState, cloneBook, emptyBook } from '../levels/book';
import { bookResult, eventsByLastIndex, runBook } from '../levels/build';
import type { LevelParams } from '../levels/params';
import { emptyBar, type OscillatorBar, OscillatorEngine } from '../oscillators/engine';
import type { OscillatorParams } from '../oscillators/params';
import type { BarFrame } from '../series';
import { detectionOf, type SpikeDetection } from '../spikes/detect';
import { SpikeEngine } from '../spikes/engine';
import { resolveWindow, type SpikeParams } from '../spikes/params';

/** Parameters of every stage. */
export interface AnalysisParams {
  spikes: SpikeParams;
  levels: LevelParams;
  oscillators: OscillatorParams;
}

/** Oscillator series, indexed like the frame's bars. */
export interface OscillatorSeries {
  lsi: Float64Array;
  cldDay: Float64Array;
  cldZ: Float64Array;
  edgeLong: Float64Array;
  edgeShort: Float64Array;
}

/** Names of the oscillator pane's choices (pressure and heat come from the spike scores). */
export const OSCILLATOR_KEYS = ['lsi', 'cldDay', 'cldZ', 'pressure', 'heat'] as const;

/** Everything one pass produces. */
export interface Analysis {
  detection: SpikeDetection;
  levels: Level[];
  touches: LevelTouch[];
  oscillators: OscillatorSeries;
}

/** Incremental analysis of one frame (same start and step, growing or with its last bar revised). */
export class Analyzer {
  private readonly spikes: SpikeEngine;
  private readonly osc: OscillatorEngine;
  private book: BookState = emptyBook();
  private bookDone = 0;
  private oscDone = 0;
  private n = 0;
  private view: BookState = emptyBook();
  private series: OscillatorSeries = alloc(0);
  /** The oscillator engine writes each bar here before it is copied into `series` (no object per bar). */
  private readonly bar: OscillatorBar = emptyBar();

  constructor(
    readonly timeframe: Timeframe,
    readonly params: AnalysisParams,
    step: number,
    window: number,
  ) {
    this.spikes = new SpikeEngine(timeframe, params.spikes, window, step);
    const minPeriods = Math.max(1, Math.ceil(window * params.spikes.minPeriodsFraction));
    this.osc = new OscillatorEngine(params.oscillators, step, window, minPeriods);
  }

  /** A fresh analyzer sized for `frame` (the auto window is fixed from the frame's length at this point). */
  static for(frame: BarFrame, timeframe: Timeframe, params: AnalysisParams): Analyzer {
    return new Analyzer(
      timeframe,
      params,
      frame.step,
      resolveWindow(params.spikes, frame.step, frame.liq.long.length),
    );
  }

  /** Processes new bars and the open last bar. */
  update(frame: BarFrame): void {
    const n = frame.liq.long.length;
    this.spikes.update(frame);
    this.n = n;
    if (n > this.series.lsi.length) this.series = alloc(Math.max(n, this.series.lsi.length * 2), this.series);
    this.oscillate(frame, this.oscDone, n);
    this.oscDone = Math.max(this.oscDone, n - 1);
    const events = this.spikes.events();
    const byLast = eventsByLastIndex(events);
    const safe = Math.min(n - 1, this.spikes.provisionalFrom);
    if (safe > this.bookDone) {
      runBook(this.book, frame, this.bookDone, safe, byLast, this.timeframe, this.params.levels);
      this.bookDone = safe;
    }
    this.view = runBook(
      cloneBook(this.book),
      frame,
      this.bookDone,
      n,
      byLast,
      this.timeframe,
      this.params.levels,
    );
  }

  /** Oscillator values of the bars not yet committed; a loop on its own for V8, as SpikeEngine.scoreRange. */
  private oscillate(frame: BarFrame, from: number, n: number): void {
    const { liq, candles, start, step } = frame;
    for (let i = from; i < n; i++) {
      const time = start + i * step;
      write(this.series, i, this.osc.peekBar(liq, candles, time, i, this.bar));
      if (i < n - 1) this.osc.commitBar(liq, candles, time, i);
    }
  }

  /** The current result (array views of length n). */
  result(): Analysis {
    const n = this.n;
    const o = this.series;
    return {
      detection: detectionOf(this.spikes),
      ...bookResult(this.view),
      oscillators: {
        lsi: o.lsi.subarray(0, n),
        cldDay: o.cldDay.subarray(0, n),
        cldZ: o.cldZ.subarray(0, n),
        edgeLong: o.edgeLong.subarray(0, n),
        edgeShort: o.edgeShort.subarray(0, n),
      },
    };
  }
}

function alloc(n: number, old?: OscillatorSeries): OscillatorSeries {
  const grown = (prev: Float64Array | undefined) => {
    const a = new Float64Array(n);
    if (prev) a.set(prev.subarray(0, Math.min(n, prev.length)));
    return a;
  };
  // One object literal: built key by key, the object's shape made every per-bar store a generic one.
  return {
    lsi: grown(old?.lsi),
    cldDay: grown(old?.cldDay),
    cldZ: grown(old?.cldZ),
    edgeLong: grown(old?.edgeLong),
    edgeShort: grown(old?.edgeShort),
  };
}

// Field by field: a loop over the keys was a generic keyed store per field and bar.
function write(s: OscillatorSeries, i: number, v: OscillatorBar): void {
  s.lsi[i] = v.lsi;
  s.cldDay[i] = v.cldDay;
  s.cldZ[i] = v.cldZ;
  s.edgeLong[i] = v.edgeLong;
  s.edgeShort[i] = v.edgeShort;
}

/** One-shot full pass. */
export function analyze(frame: BarFrame, timeframe: Timeframe, params: AnalysisParams): Analysis {
  const a = Analyzer.for(frame, timeframe, params);
  a.update(frame);
  return a.result();
}
