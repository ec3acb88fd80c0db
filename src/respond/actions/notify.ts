import type { Alert } from '../../core/alert.js';
import { severityRank } from '../../core/severity.js';
import { type ActionExecutor, specOf } from './executor.js';

function notificationLine(alert: Alert): string {
  const subject = [alert.subject.kind, alert.subject.chain, alert.subject.id].filter(Boolean).join(':');
  return `[argus] ${alert.severity.toUpperCase()} ${alert.title} | ${subject} | alert ${alert.id}`;
}

const HIGH = severityRank('high');

/** Writes one line about the alert to the logger (high and critical as warnings) or to stdout. */
export const notifyExecutor: ActionExecutor = {
  async execute(action, alert, ctx) {
    const spec = specOf(action, 'notify');
    const line = notificationLine(alert);
    if (spec.channel === 'stdout') ctx.stdout(line);
    else if (severityRank(alert.severity) >= HIGH) ctx.logger.warn(line);
    else ctx.logger.info(line);
    return { channel: spec.channel };
  },
};
