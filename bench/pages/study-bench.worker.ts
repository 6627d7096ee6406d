/** Worker side of the study bench: builds one year of synthetic 15-minute bars once, then times runStudy. */
import { defaultStudyParams, runStudy, type StudyInput } from '../../src/core/study';
import { syntheticStudyInput } from '../../test/helpers/study-synthetic';

let input: StudyInput | null = null;

self.onmessage = (e: MessageEvent<string>) => {
  try {
    if (e.data === 'prepare') {
      input = syntheticStudyInput({ bars: 35_040, step: 900, seed: 42, eventEvery: 80, longDrift: 0.0002 });
      self.postMessage({ ms: 0, events: input.events.length, bars: 35_040 });
      return;
    }
    if (!input) throw new Error('not prepared');
    const t0 = performance.now();
    const r = runStudy(input, defaultStudyParams('15m', { placeboDraws: 2000, seed: 7 }));
    self.postMessage({ ms: performance.now() - t0, events: r.events.length, bars: r.bars });
  } catch (err) {
    self.postMessage({ error: String(err) });
  }
};
