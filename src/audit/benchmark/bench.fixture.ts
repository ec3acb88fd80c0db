import type { Finding } from '../../core/finding.js';

/** A finding with only what the scoring reads set to something meaningful. */
export function finding(overrides: Partial<Finding> & Pick<Finding, 'file' | 'startLine'>): Finding {
  return {
    detector: 'test-detector',
    title: 'Test',
    category: 'reentrancy',
    severity: 'high',
    confidence: 'high',
    endLine: overrides.startLine,
    message: 'test',
    recommendation: 'test',
    ...overrides,
  };
}
