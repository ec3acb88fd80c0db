import { describe, expect, it } from 'vitest';
import { exitCodeFor } from './exitCode.js';
import { finding } from './sample.fixture.js';

describe('exitCodeFor', () => {
  const findings = [finding({ severity: 'low' }), finding({ severity: 'medium' })];

  it('fails when a finding is at the threshold or above it', () => {
    expect(exitCodeFor({ findings }, 'medium')).toBe(1);
    expect(exitCodeFor({ findings }, 'low')).toBe(1);
    expect(exitCodeFor({ findings }, 'info')).toBe(1);
  });

  it('passes when every finding is below the threshold', () => {
    expect(exitCodeFor({ findings }, 'high')).toBe(0);
  });

  it('passes with no findings, and always with none', () => {
    expect(exitCodeFor({ findings: [] }, 'info')).toBe(0);
    expect(exitCodeFor({ findings: [finding({ severity: 'high' })] }, 'none')).toBe(0);
  });
});
