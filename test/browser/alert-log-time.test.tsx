import { render } from 'preact';
import { afterAll, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { logAlert } from '../../src/storage/alert-repo';
import { sharedDatabase } from '../../src/storage/connection';
import { ARCHIVE_DB } from '../../src/storage/db-names';
import { AlertsPanel } from '../../src/ui/alerts/AlertsPanel';
import { renderHosts } from './helpers/hosts';
import { panelProps } from './helpers/panel-props';

const ALERT_ID = 'alert-log-time-test';

describe('alert log', () => {
  const newHost = renderHosts();
  // The archive is shared with the other test files: leave its outbox as it was.
  afterAll(async () => (await sharedDatabase(ARCHIVE_DB)).delete('outbox', ALERT_ID));

  it('shows UTC times, labelled, like the rest of the app', async () => {
    const db = await sharedDatabase(ARCHIVE_DB);
    const createdAt = Date.UTC(2026, 11, 1, 6, 14, 9);
    await logAlert(db, {
      id: ALERT_ID,
      createdAt,
      status: 'sent',
      attempts: 1,
      nextAttemptAt: createdAt,
      payload: { kind: 'test', title: 'Test message', html: 'Test', time: createdAt / 1000 },
    });
    render(<AlertsPanel {...panelProps({ source: 'demo' })} />, newHost());
    await expect
      .element(page.getByRole('list', { name: 'Alert log' }))
      .toHaveTextContent('2026-12-01 06:14:09 UTC');
  });
});
