// The dashboard speaks the server's own types; these imports are erased at build time.
export type { ActionRecord } from '../../src/core/action.js';
export type { Alert, AlertStatus, Evidence } from '../../src/core/alert.js';
export type { Area } from '../../src/core/area.js';
export type { Severity } from '../../src/core/severity.js';

import type { ActionRecord } from '../../src/core/action.js';
import type { Alert, AlertStatus } from '../../src/core/alert.js';

export const AREAS = ['audit', 'monitor', 'graph', 'intel', 'auth', 'respond'] as const;
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved', 'false-positive'] as const;

export interface AlertPage {
  items: Alert[];
  total: number;
  nextCursor?: string;
}

export interface AlertDetail {
  alert: Alert;
  actions: ActionRecord[];
  statusHistory: { status: AlertStatus; by: string; at: number; note?: string }[];
}
