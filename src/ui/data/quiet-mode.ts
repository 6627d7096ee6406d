/**
 * `?quiet=off` turns the quiet mechanism off, for diagnostics and the idle-CPU bench's baseline: every notice is
 * applied at once (also while hidden), every analysis re-reads the whole frame and the overlays are redrawn whole,
 * as before.
 */
export const quietMode: boolean =
  typeof location === 'undefined' || new URLSearchParams(location.search).get('quiet') !== 'off';
