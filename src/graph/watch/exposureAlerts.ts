import type { AlertInput, Evidence } from '../../core/alert.js';
import type { Chain } from '../../core/chain.js';
import type { Label } from '../../core/label.js';
import type { Severity } from '../../core/severity.js';
import type { TransferEvent } from '../../core/transferEvent.js';
import type { ScreeningResult } from '../exposure/exposureScreener.js';

/** Severity of touching a source of this weight: sanctions are critical, stolen funds and fraud high. */
export function directSeverity(weight: number): Severity {
  if (weight >= 1) return 'critical';
  if (weight >= 0.7) return 'high';
  if (weight >= 0.4) return 'medium';
  return 'low';
}

function short(address: string): string {
  return address.length > 14 ? `${address.slice(0, 8)}…${address.slice(-4)}` : address;
}

function amountText(event: TransferEvent): string {
  const amount = `${event.amount.toLocaleString('en-US', { maximumFractionDigits: 6 })} ${event.asset}`;
  return event.valueUsd === undefined
    ? amount
    : `${amount} (~$${Math.round(event.valueUsd).toLocaleString('en-US')})`;
}

function contextOf(event: TransferEvent): NonNullable<AlertInput['context']> {
  return {
    transferId: event.key,
    wallet: event.from,
    asset: event.asset,
    ...(event.txHash ? { txHash: event.txHash } : {}),
    ...(event.userId ? { userId: event.userId } : {}),
  };
}

function labelFacts(labels: readonly Label[]): Evidence[] {
  return labels.slice(0, 20).flatMap((l): Evidence[] => [
    { kind: 'fact', name: `label.${l.source}`, value: `${l.label} (${l.category})` },
    {
      kind: 'fact',
      name: `label.${l.source}.ref`,
      value: l.listedAt ? `${l.sourceRef}, listed ${l.listedAt}` : l.sourceRef,
    },
  ]);
}

export interface DirectExposureInput {
  event: TransferEvent;
  chain: Chain;
  /** The side of the transfer that is labelled. */
  side: 'from' | 'to';
  /** Canonical addresses of the two sides. */
  from: string;
  to: string;
  labels: readonly Label[];
  /** The heaviest of the labels' category weights. */
  weight: number;
}

/**
 * A transfer touched a labelled address. The subject is the other side, whose exposure it is (our
 * customer paying a sanctioned address, or receiving from a hacker); the context names the transfer so
 * a policy can hold it.
 */
export function directExposureAlert(input: DirectExposureInput): AlertInput {
  const { event, side, labels, weight } = input;
  const labelled = side === 'to' ? input.to : input.from;
  const other = side === 'to' ? input.from : input.to;
  const heaviest = labels[0] as Label;
  const names = [...new Set(labels.map((l) => `${l.label} (${l.category}, ${l.source})`))].join('; ');
  const verb = side === 'to' ? 'sent' : 'received';
  const preposition = side === 'to' ? 'to' : 'from';
  return {
    area: 'graph',
    detector: 'graph.direct-exposure',
    subject: {
      kind: 'address',
      id: other,
      chain: input.chain,
      attributes: {
        counterparty: labelled,
        category: heaviest.category,
        relation: side === 'to' ? 'sent-to' : 'received-from',
        valueUsd: event.valueUsd ?? event.amount,
      },
    },
    severity: directSeverity(weight),
    score: Math.min(1, Math.max(0, weight)),
    title:
      `${side === 'to' ? 'Transfer to' : 'Transfer from'} a ${heaviest.category} address: ${heaviest.label}`.slice(
        0,
        300,
      ),
    explanation:
      `${short(other)} ${verb} ${amountText(event)} ${preposition} ${labelled}, which is labelled ${names}.`.slice(
        0,
        10_000,
      ),
    evidence: [
      {
        kind: 'path',
        nodes: [input.from, input.to],
        share: 1,
        label: `${heaviest.source}: ${heaviest.label}`,
      },
      ...labelFacts(labels),
    ],
    context: contextOf(event),
    occurredAt: event.time,
  };
}

export interface IndirectExposureInput {
  event: TransferEvent;
  chain: Chain;
  /**
   * 'received': the screened address just received funds and its exposure rose past the threshold;
   * 'paid': the sender paid an address already exposed (a withdrawal to a launderer's address).
   */
  kind: 'received' | 'paid';
  /** The screen of the receiving address. */
  result: ScreeningResult;
  /** Labels by canonical address, to name sources on the paths. */
  labelsOf: (address: string) => readonly Label[];
  maxHops: number;
}

/** Funds that reached an address trace back to labelled sources within k hops; the paths explain it. */
export function indirectExposureAlert(input: IndirectExposureInput): AlertInput {
  const { event, result } = input;
  const hits = [...result.indirect].sort((a, b) => b.haircutShare - a.haircutShare || a.hops - b.hops);
  const top = hits[0];
  const nameOf = (address: string): string => {
    const label = input.labelsOf(address)[0];
    return label ? `${label.label} (${label.category}, ${label.source})` : address;
  };
  const title = top
    ? `Funds traced to a ${top.category} source within ${top.hops} hop${top.hops === 1 ? '' : 's'} (${pct(top.haircutShare)} of inflow)`
    : `Risk score ${result.riskScore.toFixed(2)} from labelled sources within ${input.maxHops} hops`;
  const lines = hits
    .slice(0, 5)
    .map(
      (h) =>
        `${nameOf(h.source)}: ${pct(h.haircutShare)} of its inflow, ${h.hops} hop${h.hops === 1 ? '' : 's'} away, ${h.pathCount} path${h.pathCount === 1 ? '' : 's'}`,
    );
  const paths: Evidence[] = hits.slice(0, 5).flatMap((h) =>
    h.paths.map(
      (p): Evidence => ({
        kind: 'path',
        nodes: p.nodes,
        share: Math.min(1, Math.max(0, p.share)),
        label: nameOf(h.source),
      }),
    ),
  );
  const evidence: Evidence[] = [{ kind: 'fact', name: 'riskScore', value: round(result.riskScore) }];
  if (result.explored.truncated) evidence.push({ kind: 'fact', name: 'truncated', value: true });
  evidence.push(...paths);
  const traced = `Traced within ${input.maxHops} hops:\n${lines.join('\n')}`;
  const severity = result.riskScore >= 0.8 ? 'high' : 'medium';
  if (input.kind === 'paid') {
    return {
      area: 'graph',
      detector: 'graph.counterparty-exposure',
      subject: {
        kind: 'address',
        id: event.from,
        chain: input.chain,
        attributes: {
          counterparty: result.address,
          riskScore: round(result.riskScore),
          hops: top?.hops ?? 0,
        },
      },
      severity,
      score: Math.min(1, Math.max(0, result.riskScore)),
      title: `Payment to an address exposed to ${top ? `a ${top.category} source` : 'labelled sources'} (risk ${result.riskScore.toFixed(2)})`,
      explanation: `${short(event.from)} sent ${amountText(event)} to ${result.address}, whose risk score is ${result.riskScore.toFixed(2)}. ${traced}`,
      evidence: evidence.slice(0, 200),
      context: contextOf(event),
      occurredAt: event.time,
    };
  }
  return {
    area: 'graph',
    detector: 'graph.indirect-exposure',
    subject: {
      kind: 'address',
      id: result.address,
      chain: input.chain,
      attributes: { riskScore: round(result.riskScore), hops: top?.hops ?? 0 },
    },
    severity,
    score: Math.min(1, Math.max(0, result.riskScore)),
    title: title.slice(0, 300),
    explanation: `${short(result.address)} received ${amountText(event)} from ${short(event.from)}; its risk score rose to ${result.riskScore.toFixed(2)}. ${traced}`,
    evidence: evidence.slice(0, 200),
    context: contextOf(event),
    occurredAt: event.time,
  };
}

function pct(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
