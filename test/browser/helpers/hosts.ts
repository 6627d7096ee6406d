/** DOM hosts for rendering Preact trees in a browser test, unmounted and removed after each test. */
import { render } from 'preact';
import { afterEach } from 'vitest';

/** Registers the cleanup in the calling `describe`; returns a maker of hosts (`css`: the host's inline style). */
export function renderHosts(): (css?: string) => HTMLElement {
  const hosts: HTMLElement[] = [];
  afterEach(() => {
    for (const h of hosts.splice(0)) {
      render(null, h);
      h.remove();
    }
  });
  return (css = '') => {
    const h = document.createElement('div');
    h.style.cssText = css;
    document.body.append(h);
    hosts.push(h);
    return h;
  };
}
