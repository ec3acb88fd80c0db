import { describe, expect, it } from 'vitest';
import { ArgusError } from '../../core/errors.js';
import type { TransferEvent } from '../../core/transferEvent.js';
import type { Incident } from './groundTruth.js';
import { JURISDICTIONS, localHourAt } from './jurisdictions.js';
import { createSimulation } from './simulateTransfers.js';
import { TYPOLOGY_NAMES } from './typologyNames.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

describe('planted typologies', () => {
  const simulation = createSimulation({
    accounts: 1500,
    days: 40,
    seed: 21,
    typologies: Object.fromEntries(TYPOLOGY_NAMES.map((t) => [t, 3])),
  });
  const events = [...simulation.events()];
  const byKey = new Map(events.map((e) => [e.key, e]));
  const incidents = simulation.truth.incidents;
  const of = (typology: string) => incidents.filter((i) => i.typology === typology);
  const malicious = (incident: Incident) => incident.eventKeys.map((k) => byKey.get(k) as TransferEvent);
  /** First time an address appears anywhere in the stream. */
  const firstSeen = new Map<string, number>();
  for (const e of events) {
    if (!firstSeen.has(e.from)) firstSeen.set(e.from, e.time);
    if (!firstSeen.has(e.to)) firstSeen.set(e.to, e.time);
  }
  const involving = (address: string) => events.filter((e) => e.from === address || e.to === address);

  it('records every incident with its events in the stream and exact bounds', () => {
    expect(incidents).toHaveLength(18);
    expect(new Set(incidents.map((i) => i.id)).size).toBe(18);
    const subjects = incidents.flatMap((i) => i.accounts);
    expect(new Set(subjects).size).toBe(subjects.length); // no account in two incidents
    for (const incident of incidents) {
      const planted = malicious(incident);
      expect(planted.every((e) => e !== undefined)).toBe(true);
      expect(incident.start).toBe(Math.min(...planted.map((e) => e.time)));
      expect(incident.end).toBe(Math.max(...planted.map((e) => e.time)));
      expect(incident.start).toBeGreaterThanOrEqual(simulation.streamStart);
      expect(incident.end).toBeLessThan(simulation.streamEnd);
      // Every subject account takes part in the incident's transfers.
      for (const account of incident.accounts) {
        expect(planted.some((e) => e.from === account || e.to === account)).toBe(true);
      }
    }
  });

  it('dormant-drain: silent for at least 30 days, then most of the balance to a new address', () => {
    for (const incident of of('dormant-drain')) {
      const [account] = incident.accounts as [string];
      const drain = malicious(incident);
      expect(drain.length).toBeGreaterThanOrEqual(1);
      expect(drain.length).toBeLessThanOrEqual(3);
      const before = involving(account).filter((e) => e.time < incident.start);
      const lastBefore = Math.max(...before.map((e) => e.time));
      expect(incident.start - lastBefore).toBeGreaterThanOrEqual(30 * DAY);
      // Nothing else happens to the account after the drain either.
      expect(involving(account).filter((e) => e.time > incident.end)).toHaveLength(0);
      const recipients = new Set(drain.map((e) => e.to));
      expect(recipients.size).toBe(1);
      expect(firstSeen.get([...recipients][0] as string)).toBe(incident.start);
      const drained = drain.reduce((s, e) => s + (e.valueUsd as number), 0);
      expect(drained / (incident.details.balanceUsd as number)).toBeGreaterThanOrEqual(0.85 - 1e-6);
    }
  });

  it('coordinated-withdrawal: 5-20 accounts in ≥ 3 jurisdictions pay 1-3 new addresses within minutes', () => {
    for (const incident of of('coordinated-withdrawal')) {
      const planted = malicious(incident);
      expect(incident.accounts.length).toBeGreaterThanOrEqual(5);
      expect(incident.accounts.length).toBeLessThanOrEqual(20);
      expect(new Set(planted.map((e) => e.from))).toEqual(new Set(incident.accounts));
      expect(new Set(planted.map((e) => e.fromJurisdiction)).size).toBeGreaterThanOrEqual(3);
      const recipients = new Set(planted.map((e) => e.to));
      expect(recipients.size).toBeLessThanOrEqual(3);
      for (const r of recipients) expect(firstSeen.get(r)).toBeGreaterThanOrEqual(incident.start);
      expect(incident.end - incident.start).toBeLessThanOrEqual(15 * MINUTE);
    }
  });

  it('structuring: many transfers in [9,000, 10,000) USD over hours or days', () => {
    for (const incident of of('structuring')) {
      const planted = malicious(incident);
      expect(planted.length).toBeGreaterThanOrEqual(8);
      for (const e of planted) {
        expect(e.valueUsd).toBeGreaterThanOrEqual(9000);
        expect(e.valueUsd).toBeLessThan(10_000);
        expect(e.from).toBe(incident.accounts[0]);
      }
      expect(incident.end - incident.start).toBeGreaterThanOrEqual(60 * MINUTE);
    }
  });

  it('peel-chain: fresh hops forward most of what they got and peel a little, minutes apart', () => {
    for (const incident of of('peel-chain')) {
      const planted = malicious(incident);
      for (const hop of incident.accounts) {
        expect(firstSeen.get(hop)).toBeGreaterThanOrEqual(incident.start);
        const received = planted.filter((e) => e.to === hop);
        const sent = planted.filter((e) => e.from === hop).sort((x, y) => y.amount - x.amount);
        expect(received).toHaveLength(1);
        expect(sent).toHaveLength(2);
        const [forward, peel] = sent as [TransferEvent, TransferEvent];
        const inbound = (received[0] as TransferEvent).amount;
        expect(forward.amount / inbound).toBeGreaterThanOrEqual(0.85);
        expect(peel.amount / inbound).toBeLessThanOrEqual(0.1 + 1e-6);
        expect(
          Math.min(forward.time, peel.time) - (received[0] as TransferEvent).time,
        ).toBeGreaterThanOrEqual(2 * MINUTE);
      }
    }
  });

  it('pass-through: ≥ 90% of each arrival leaves within 30 minutes to a new address', () => {
    for (const incident of of('pass-through')) {
      const [account] = incident.accounts as [string];
      const planted = malicious(incident);
      const arrivals = planted.filter((e) => e.to === account);
      expect(arrivals.length).toBeGreaterThanOrEqual(1);
      for (const arrival of arrivals) {
        const out = planted.filter(
          (e) => e.from === account && e.time > arrival.time && e.time - arrival.time <= 30 * MINUTE,
        );
        const share = out.reduce((s, e) => s + e.amount, 0) / arrival.amount;
        expect(share).toBeGreaterThanOrEqual(0.9);
        for (const e of out) expect(firstSeen.get(e.to)).toBeGreaterThan(arrival.time);
      }
    }
  });

  it('takeover-burst: a quiet account sends many transfers to new addresses in its small hours', () => {
    const offsets = new Map(JURISDICTIONS.map((j) => [j.code, j.utcOffset]));
    for (const incident of of('takeover-burst')) {
      const [account] = incident.accounts as [string];
      const planted = malicious(incident);
      expect(planted.length).toBeGreaterThanOrEqual(5);
      const hour = localHourAt(incident.start, offsets.get(planted[0]?.fromJurisdiction as string) ?? 0);
      expect(hour).toBeGreaterThanOrEqual(1);
      expect(hour).toBeLessThan(5);
      const newRecipients = planted.filter((e) => (firstSeen.get(e.to) as number) >= incident.start);
      expect(newRecipients).toHaveLength(planted.length);
      // Quiet: in the stream before the burst it sent at most a few transfers.
      const earlier = events.filter((e) => e.from === account && e.time < incident.start);
      expect(earlier.length).toBeLessThanOrEqual(10);
    }
  });

  it('refuses a population too small for the incidents asked for', () => {
    expect(() =>
      createSimulation({ accounts: 6, days: 10, typologies: { 'coordinated-withdrawal': 2 } }),
    ).toThrow(ArgusError);
  });
});
