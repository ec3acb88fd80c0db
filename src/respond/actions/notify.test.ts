import { describe, expect, it } from 'vitest';
import type { Store } from '../../store/types.js';
import { actionContext, actionFor, recordingLogger, storedAlert } from '../respond.fixture.js';
import { notifyExecutor } from './notify.js';

const store = {} as Store;

describe('notify executor', () => {
  it('writes one line with severity, title, subject and alert id to stdout', async () => {
    const lines: string[] = [];
    const alert = storedAlert({ subject: { kind: 'address', chain: 'ethereum', id: '0xabc' } });
    const action = actionFor(alert, { type: 'notify', channel: 'stdout' });
    await notifyExecutor.execute(action, alert, actionContext(store, { stdout: (line) => lines.push(line) }));
    expect(lines).toEqual([
      '[argus] HIGH Withdrawal from a dormant account | address:ethereum:0xabc | alert alt_test1',
    ]);
  });

  it('logs high and critical alerts as warnings, the rest as info', async () => {
    const logger = recordingLogger();
    for (const severity of ['medium', 'critical'] as const) {
      const alert = storedAlert({ severity });
      await notifyExecutor.execute(
        actionFor(alert, { type: 'notify', channel: 'log' }),
        alert,
        actionContext(store, { logger }),
      );
    }
    expect(logger.lines.map((l) => [l.level, l.message.split(' ')[1]])).toEqual([
      ['info', 'MEDIUM'],
      ['warn', 'CRITICAL'],
    ]);
  });
});
