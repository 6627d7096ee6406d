import { describe, expect, it } from 'vitest';
import type { Level } from '../../../../src/core/events';
import { EVENT_CLASS_COLOURS, SNAPSHOT_PALETTE, zoneColour } from '../../../../src/core/snapshot/palette';
import { LevelZones } from '../../../../src/ui/chart/level-zones';
import { CLASS_COLOURS } from '../../../../src/ui/chart/spike-markers';
import { CHART_THEMES } from '../../../../src/ui/chart/theme';
import { level } from '../alerts/fixtures';

/** The fills the chart's zone primitive paints for `levels` (a recording stand-in for the canvas target). */
function chartZoneFills(levels: Level[]): string[] {
  const zones = new LevelZones();
  const series = { priceToCoordinate: (p: number) => 1000 - p / 100 };
  // A chart whose bar 0 sits at x = 0, 100 px wide: each zone runs from its creation to the right edge.
  const chart = {
    timeScale: () => ({ width: () => 100, timeToIndex: () => 0, logicalToCoordinate: (l: number) => l }),
    panes: () => [{ getHeight: () => 1000 }],
  };
  zones.attached({ series, chart, requestUpdate: () => {} } as unknown as Parameters<
    LevelZones['attached']
  >[0]);
  zones.setLevels(levels, { start: Math.min(...levels.map((l) => l.createdTime)), step: 60 });
  zones.updateAllViews();
  const fills: string[] = [];
  const context = {
    fillStyle: '',
    strokeStyle: '',
    font: '',
    textAlign: '',
    lineWidth: 1,
    fillRect() {
      fills.push(String(this.fillStyle));
    },
    fillText() {
      fills.push(`text:${String(this.fillStyle)}`);
    },
    beginPath() {},
    moveTo() {},
    lineTo() {},
    stroke() {},
  };
  const target = {
    useMediaCoordinateSpace: (f: (s: unknown) => void) => f({ context, mediaSize: { width: 100 } }),
  };
  const renderer = zones.paneViews()[0]?.renderer();
  if (!renderer?.drawBackground) throw new Error('the zones primitive no longer draws in the background');
  renderer.drawBackground(target as never);
  return fills;
}

// The snapshot must look like the chart: these guard against one palette changing without the other.
describe('snapshot palette = the chart', () => {
  it('uses the dark chart theme colours, shorts green and longs red', () => {
    const dark = CHART_THEMES.dark;
    for (const k of ['background', 'text', 'grid', 'up', 'down', 'shortLiq', 'longLiq'] as const) {
      expect(SNAPSHOT_PALETTE[k], k).toBe(dark[k]);
    }
  });

  it('marks events in the spike markers’ class colours', () => {
    expect(EVENT_CLASS_COLOURS).toEqual(CLASS_COLOURS);
  });

  it('shades zones exactly as the chart’s level-zone primitive, relative to the strongest level', () => {
    const levels = [
      level(60_000, { strength: 4 }),
      level(62_000, { kind: 'resistance', strength: 1 }),
      level(58_000, { strength: 0.5 }),
    ];
    const fills = chartZoneFills(levels);
    const ours = levels.map((l) => zoneColour(l.kind, l.strength, 4));
    expect(fills.filter((f) => !f.startsWith('text:'))).toEqual(ours);
    expect(fills.find((f) => f.startsWith('text:'))).toBe(`text:${SNAPSHOT_PALETTE.zoneLabel}`);
    expect(ours[0]).toBe('rgba(34,197,94,0.380)');
  });
});
