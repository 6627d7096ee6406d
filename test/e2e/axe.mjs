// axe-core in the e2e suites: a check fails with each violation's rule, impact and first nodes.
import AxeBuilder from '@axe-core/playwright';

/** Runs axe on the page (or `include`) and fails with each violation's rule, impact and first nodes. */
export async function noViolations(page, assert, what, include) {
  let builder = new AxeBuilder({ page });
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  const lines = violations.map(
    (v) =>
      `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')} ${(n.failureSummary ?? '').split('\n')[1] ?? ''}`)
        .join(' | ')}`,
  );
  assert(violations.length === 0, `${what}:\n${lines.join('\n')}`);
}
