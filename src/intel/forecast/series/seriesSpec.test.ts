import { describe, expect, it } from 'vitest';
import { ArgusError } from '../../../core/errors.js';
import { parseSeriesSpec, SERIES_FORMS } from './seriesSpec.js';

describe('parseSeriesSpec', () => {
  it('reads every form', () => {
    expect(parseSeriesSpec('alerts')).toEqual({ kind: 'alerts', area: [], detector: [], severity: [] });
    expect(
      parseSeriesSpec('alerts:area=monitor,severity=high,severity=critical,detector=intel.burst'),
    ).toEqual({
      kind: 'alerts',
      area: ['monitor'],
      detector: ['intel.burst'],
      severity: ['high', 'critical'],
    });
    expect(parseSeriesSpec('transfers:USDC')).toEqual({ kind: 'transfers', asset: 'USDC' });
    expect(parseSeriesSpec('transfers:ETH:ethereum')).toEqual({
      kind: 'transfers',
      asset: 'ETH',
      chain: 'ethereum',
    });
    expect(parseSeriesSpec('mentions:technique:flash-loan')).toEqual({
      kind: 'mentions',
      entityKind: 'technique',
      value: 'flash-loan',
    });
    // Only the first colon after the kind separates: the value keeps its own.
    expect(parseSeriesSpec('mentions:package:npm:lodash')).toMatchObject({
      entityKind: 'package',
      value: 'npm:lodash',
    });
    expect(parseSeriesSpec('incidents:text')).toEqual({ kind: 'incidents', source: 'text' });
    expect(parseSeriesSpec('incidents:rss:https://rekt.news/rss')).toEqual({
      kind: 'incidents',
      source: 'rss',
      origin: 'https://rekt.news/rss',
    });
    expect(parseSeriesSpec('csv:data/c:x.csv')).toEqual({ kind: 'csv', file: 'data/c:x.csv' });
  });

  it.each([
    ['', /empty/],
    ['bogus', /unknown series "bogus"/],
    ['alerts:area=nowhere', /unknown area "nowhere"/],
    ['alerts:severity=urgent', /unknown severity "urgent"/],
    ['alerts:colour=red', /unknown alert filter "colour"/],
    ['alerts:area', /is not key=value/],
    ['transfers', /name the asset/],
    ['transfers:USDC:ethereum:extra', /transfers:<asset>\[:<chain>\]/],
    ['mentions:technique', /mentions:<entity kind>:<value>/],
    ['incidents:web', /source one of osv, nvd, rss, text/],
    ['csv:', /csv:<file>/],
  ])('rejects %j with the accepted forms in the hint', (spec, message) => {
    let error: unknown;
    try {
      parseSeriesSpec(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ArgusError);
    expect((error as ArgusError).code).toBe('INPUT_INVALID');
    expect((error as ArgusError).message).toMatch(message);
    for (const form of SERIES_FORMS) expect((error as ArgusError).hint).toContain(form);
  });
});
