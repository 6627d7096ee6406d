/**
 * The "what you're looking at" strip under the toolbar: one line per thing on the chart, each linking to its
 * section of the guide (the README, built into guide.html), and the reaction study one click away. Dismissed
 * once, it stays dismissed (the layout remembers it).
 */

/** Props: open the study; dismiss the strip. */
export interface IntroStripProps {
  onStudy: () => void;
  onDismiss: () => void;
}

const GUIDE = `${import.meta.env.BASE_URL}guide.html`;

/** Renders the strip. */
export function IntroStrip({ onStudy, onDismiss }: IntroStripProps) {
  return (
    <section class="intro-strip" aria-label="What you're looking at">
      <p>
        <strong>What you're looking at:</strong> the liquidation <a href={`${GUIDE}#using-it`}>histogram</a>{' '}
        under the candles (longs red, down; shorts green, up) ·{' '}
        <a href={`${GUIDE}#spikes-levels-and-oscillators`}>markers</a>: unusual liquidation events · shaded{' '}
        <a href={`${GUIDE}#spikes-levels-and-oscillators`}>zones</a>: the support/resistance they left ·
        dashed <a href={`${GUIDE}#spikes-levels-and-oscillators`}>EdgeLine</a>: average liquidation price of
        longs / shorts.
      </p>
      <button type="button" class="primary" onClick={onStudy}>
        Study these events
      </button>
      <button type="button" class="intro-close" aria-label="Dismiss the introduction" onClick={onDismiss}>
        ×
      </button>
    </section>
  );
}
