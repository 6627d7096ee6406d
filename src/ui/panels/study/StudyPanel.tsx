/** The "Study" side-panel tab: runs the reaction study in the compute worker and shows table, plots and events. */
import './study.css';
import { proxy } from 'comlink';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatBp } from '../../../core/context/liq-bp';
import type { Side } from '../../../core/events';
import { bpBucketLabel, isBpBucket } from '../../../core/study/bp-groups';
import { eventsCsv, summaryCsv } from '../../../core/study/csv';
import type { MagnitudeBucket, StudyGroupBy, StudyResult } from '../../../core/study/types';
import { referenceFor, studyCompute } from '../../app/services';
import { TableScroll } from '../../common/TableScroll';
import { plural } from '../../format/plural';
import { loadSettings } from '../../settings/settings-store';
import type { PanelProps } from '../SidePanel';
import { drawCaar, drawDose, drawScatter } from './plots';
import { RespectTable, SummaryTable } from './tables';

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** How a size group reads in the tables: z buckets as they are, bp groups with their tertile edges. */
function bucketLabel(result: StudyResult): (b: MagnitudeBucket | 'all') => string {
  return (b) => (isBpBucket(b) ? bpBucketLabel(b, result.bpEdges) : b);
}

/** The last "study these events" request already run (module-wide, so reopening the tab does not re-run it). */
let handledRequest = 0;

/** Study tab. */
export function StudyPanel({ source, asset, timeframe, onJump, filter, studyRequest }: PanelProps) {
  const [result, setResult] = useState<StudyResult | null>(null);
  const [progress, setProgress] = useState<{ f: number; stage: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [side, setSide] = useState<Side>('long');
  const [k, setK] = useState(0);
  const [groupBy, setGroupBy] = useState<StudyGroupBy>('z');
  const abort = useRef<AbortController | null>(null);
  const caar = useRef<HTMLCanvasElement>(null);
  const scatter = useRef<HTMLCanvasElement>(null);
  const dose = useRef<HTMLCanvasElement>(null);

  const run = () => {
    if (!source) return;
    abort.current?.abort();
    const ctl = new AbortController();
    abort.current = ctl;
    setError(null);
    setProgress({ f: 0, stage: 'starting' });
    const onProgress = proxy((f: number, stage: string) => setProgress({ f, stage }));
    loadSettings()
      .then((s) =>
        studyCompute.call(ctl.signal, (api, id) =>
          api.runStudy(
            {
              source,
              asset,
              timeframe,
              filter,
              referenceSymbol: referenceFor(source, s, asset),
              params: { groupBy },
              detection: { spikes: s.spikes, levels: s.levels },
            },
            onProgress,
            id,
          ),
        ),
      )
      .then((r) => {
        setResult(r);
        setK(Math.min(k, r.params.horizons.length - 1));
      })
      .catch((e: unknown) => {
        if (!ctl.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      })
      .finally(() => {
        if (abort.current === ctl) setProgress(null);
      });
  };
  const cancel = () => {
    abort.current?.abort();
    setProgress(null);
  };
  useEffect(() => () => abort.current?.abort(), []);
  useEffect(() => {
    // Asked for from the intro strip: run as soon as the data is there.
    if (studyRequest > handledRequest && source) {
      handledRequest = studyRequest;
      run();
    }
  }, [studyRequest, source]);

  const horizon = result?.params.horizons[k] ?? 0;
  const sideEvents = result?.events.filter((e) => e.side === side) ?? [];
  useEffect(() => {
    if (!result) return;
    const curve = result.caar.find((c) => c.side === side);
    if (caar.current && curve) drawCaar(caar.current, curve);
    if (scatter.current) drawScatter(scatter.current, sideEvents, k, horizon);
    const doseRows = result.summary.filter(
      (r) => r.side === side && r.eventClass === 'all' && r.bucket !== 'all' && r.horizon === horizon,
    );
    const name = bucketLabel(result);
    const byBp = result.params.groupBy === 'bpOfOi';
    if (dose.current)
      drawDose(
        dose.current,
        doseRows,
        (r) => name(r.bucket),
        byBp ? 'mean signed AR bp by size in bp of OI' : undefined,
      );
  });

  return (
    <div class="study-panel">
      <div class="study-controls">
        <label>
          Group events by{' '}
          <select
            value={groupBy}
            onChange={(e) => setGroupBy(e.currentTarget.value === 'bpOfOi' ? 'bpOfOi' : 'z')}
          >
            <option value="z">peak z</option>
            <option value="bpOfOi">size in bp of open interest</option>
          </select>
        </label>
        <button type="button" onClick={run} disabled={!source || progress !== null}>
          Run study
        </button>
        {progress && (
          <button type="button" onClick={cancel}>
            Cancel study
          </button>
        )}
        {result && (
          <>
            <button
              type="button"
              onClick={() => download(`liqlab-${asset}-study-${timeframe}.csv`, summaryCsv(result))}
            >
              Export study CSV
            </button>
            <button
              type="button"
              onClick={() => download(`liqlab-${asset}-events-${timeframe}.csv`, eventsCsv(result))}
            >
              Export events CSV
            </button>
          </>
        )}
      </div>
      {progress && (
        <div class="study-progress" role="status">
          <progress value={progress.f} max={1} /> {progress.stage} {Math.round(progress.f * 100)}%
        </div>
      )}
      {error && (
        <div class="study-error" role="alert">
          {error}
        </div>
      )}
      {result && (
        <>
          <div class="study-controls">
            <label>
              Side{' '}
              <select value={side} onChange={(e) => setSide(e.currentTarget.value as Side)}>
                <option value="long">long liquidations</option>
                <option value="short">short liquidations</option>
              </select>
            </label>
            <label>
              Horizon{' '}
              <select value={k} onChange={(e) => setK(Number(e.currentTarget.value))}>
                {result.params.horizons.map((h, i) => (
                  <option key={h} value={i}>
                    {plural(h, 'bar')}
                  </option>
                ))}
              </select>
            </label>
            <span class="study-meta">
              {plural(result.events.length, 'event')} · {plural(result.bars, 'bar')} · M=
              {result.params.placeboDraws} · seed {result.params.seed} · {Math.round(result.elapsedMs)} ms
            </span>
          </div>
          <SummaryTable rows={result.summary.filter((r) => r.side === side)} label={bucketLabel(result)} />
          <canvas ref={caar} class="study-plot" data-plot="caar" aria-label="CAAR in event time" />
          <canvas ref={scatter} class="study-plot" data-plot="scatter" aria-label="MFE versus MAE scatter" />
          <canvas
            ref={dose}
            class="study-plot"
            data-plot="dose"
            aria-label={`Dose response by ${result.params.groupBy === 'bpOfOi' ? 'bp of open interest' : 'z bucket'}`}
          />
          <RespectTable rows={result.respect} />
          <TableScroll label="Study events">
            <table class="study-events" aria-label="Study events">
              <thead>
                <tr>
                  <th scope="col">time (UTC)</th>
                  <th scope="col">bucket</th>
                  <th scope="col">class</th>
                  <th scope="col">rarity</th>
                  <th scope="col">of OI</th>
                  <th scope="col">signed bp @{horizon}</th>
                  <th scope="col">outcome</th>
                </tr>
              </thead>
              <tbody>
                {sideEvents
                  .slice(-200)
                  .reverse()
                  .map((e) => {
                    const when = new Date(e.time * 1000).toISOString().slice(0, 16).replace('T', ' ');
                    return (
                      <tr key={e.id} class="study-event" data-time={e.time} onClick={() => onJump(e.time)}>
                        <th scope="row">
                          <button
                            type="button"
                            class="cell-link"
                            aria-label={`${when}: show on the chart`}
                            onClick={(ev) => {
                              ev.stopPropagation();
                              onJump(e.time);
                            }}
                          >
                            {when}
                          </button>
                        </th>
                        <td>{bucketLabel(result)(e.bucket)}</td>
                        <td>{e.eventClass}</td>
                        <td>{e.rarity}</td>
                        <td>{formatBp(e.bpOfOi)}</td>
                        <td>{Number.isFinite(e.signedBp[k]) ? (e.signedBp[k] ?? 0).toFixed(1) : '–'}</td>
                        <td>{e.outcome}</td>
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </div>
  );
}
