import type { TransferGraphView } from '../transferGraphView.js';
import type { Heuristic, LinkLog } from './linkLog.js';
import { type MixerEvent, type MixerPairOptions, matchMixerPairs } from './mixerPairs.js';

export interface LinkabilityOptions {
  /** Activity measured by value moved (default) or by number of transfers. */
  measure?: 'value' | 'transfers';
  mixer?: {
    deposits: readonly MixerEvent[];
    withdrawals: readonly MixerEvent[];
    pairs?: MixerPairOptions;
    /** Pool contract addresses: their graph edges are left out, the mixer events stand for them. */
    poolAddresses?: readonly string[];
  };
}

export interface NamedLink {
  heuristic: Heuristic | 'mixerPair';
  other: string;
  evidence: string;
}

export interface Linkability {
  address: string;
  /** linkedActivity / totalActivity, in [0, 1]; 0 for an address without activity. */
  score: number;
  linkedActivity: number;
  totalActivity: number;
  links: NamedLink[];
}

export interface LinkabilityIndex {
  linkabilityOf(address: string): Linkability;
}

/**
 * Privacy view of the clustering: how much of an address's activity the heuristics tie to other
 * addresses. A transfer counts as linked when its counterparty is linked to the address (or is the
 * funder or deposit address that links it); a mixer deposit or withdrawal counts when it is paired.
 * The link index is built once, in typed arrays; each query walks only the address's edges and links.
 */
export function createLinkabilityIndex(
  graph: TransferGraphView,
  links: LinkLog,
  options: LinkabilityOptions = {},
): LinkabilityIndex {
  const byValue = (options.measure ?? 'value') === 'value';
  const n = graph.nodeCount;
  // CSR: the links touching each node.
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < links.length; i++) {
    offsets[links.aAt(i) + 1] = (offsets[links.aAt(i) + 1] as number) + 1;
    offsets[links.bAt(i) + 1] = (offsets[links.bAt(i) + 1] as number) + 1;
  }
  for (let v = 0; v < n; v++) offsets[v + 1] = (offsets[v + 1] as number) + (offsets[v] as number);
  const linkIds = new Int32Array(offsets[n] as number);
  const cursor = offsets.slice(0, n);
  const place = (node: number, link: number): void => {
    linkIds[cursor[node] as number] = link;
    cursor[node] = (cursor[node] as number) + 1;
  };
  for (let i = 0; i < links.length; i++) {
    place(links.aAt(i), i);
    place(links.bAt(i), i);
  }

  const mixer = options.mixer;
  const pairs = mixer ? matchMixerPairs(mixer.deposits, mixer.withdrawals, mixer.pairs) : [];
  const pools = new Set((mixer?.poolAddresses ?? []).map((a) => graph.nodeOf(a)).filter((v) => v >= 0));
  const pairedDeposit = new Map(pairs.map((p) => [p.deposit, p]));
  const pairedWithdrawal = new Map(pairs.map((p) => [p.withdrawal, p]));

  const weight = (e: number): number => (byValue ? graph.edgeValue(e) : graph.edgeTransfers(e));
  const name = (v: number): string => graph.addressOf(v);

  return {
    linkabilityOf(address) {
      const node = graph.nodeOf(address);
      const named: NamedLink[] = [];
      const counterparts = new Set<number>();
      if (node >= 0) {
        for (let k = offsets[node] as number; k < (offsets[node + 1] as number); k++) {
          const i = linkIds[k] as number;
          const heuristic = links.heuristicAt(i);
          const other = links.aAt(i) === node ? links.bAt(i) : links.aAt(i);
          const via = links.viaAt(i);
          const detail = links.detailAt(i);
          counterparts.add(other);
          if (heuristic === 'commonFunding') {
            counterparts.add(via);
            named.push({
              heuristic,
              other: name(other),
              evidence: `both first funded by ${name(via)}, ${Math.round(detail / 1000)} s apart`,
            });
          } else if (heuristic === 'multiInput') {
            named.push({
              heuristic,
              other: name(other),
              evidence: `spent together as inputs of transaction #${via} (${detail} input addresses)`,
            });
          } else {
            const pct = Math.round(detail * 100);
            if (via === node) {
              named.push({
                heuristic,
                other: name(other),
                evidence: `pays into this deposit address (forwards ${pct}% to a hot wallet)`,
              });
            } else {
              named.push({
                heuristic,
                other: name(other),
                evidence: `is the deposit address it pays into (forwards ${pct}% to a hot wallet)`,
              });
              // Everyone else paying into the same deposit address is the same customer.
              for (let j = offsets[via] as number; j < (offsets[via + 1] as number); j++) {
                const l = linkIds[j] as number;
                if (links.heuristicAt(l) !== 'depositReuse' || links.aAt(l) !== via) continue;
                const coUser = links.bAt(l);
                if (coUser === node) continue;
                named.push({
                  heuristic,
                  other: name(coUser),
                  evidence: `shares deposit address ${name(via)}`,
                });
              }
            }
          }
        }
      }

      let total = 0;
      let linked = 0;
      const count = (e: number, counterpart: number): void => {
        if (pools.has(counterpart)) return;
        const w = weight(e);
        total += w;
        if (counterparts.has(counterpart)) linked += w;
      };
      if (node >= 0) {
        graph.forEachOut(node, (e) => count(e, graph.edgeTo(e)));
        graph.forEachIn(node, (e) => count(e, graph.edgeFrom(e)));
      }
      if (mixer) {
        mixer.deposits.forEach((d, i) => {
          if (d.address !== address) return;
          const w = byValue ? d.amount : 1;
          total += w;
          const pair = pairedDeposit.get(i);
          if (!pair) return;
          linked += w;
          const out = mixer.withdrawals[pair.withdrawal] as MixerEvent;
          named.push({
            heuristic: 'mixerPair',
            other: out.address,
            evidence: describePair('deposit', d, out, pair.reason, pair.gasPriceMatched),
          });
        });
        mixer.withdrawals.forEach((wd, i) => {
          if (wd.address !== address) return;
          const w = byValue ? wd.amount : 1;
          total += w;
          const pair = pairedWithdrawal.get(i);
          if (!pair) return;
          linked += w;
          const dep = mixer.deposits[pair.deposit] as MixerEvent;
          named.push({
            heuristic: 'mixerPair',
            other: dep.address,
            evidence: describePair('withdrawal', dep, wd, pair.reason, pair.gasPriceMatched),
          });
        });
      }
      const score = total > 0 ? Math.min(1, linked / total) : 0;
      return { address, score, linkedActivity: linked, totalActivity: total, links: named };
    },
  };
}

function describePair(
  side: 'deposit' | 'withdrawal',
  deposit: MixerEvent,
  withdrawal: MixerEvent,
  reason: 'sameAddress' | 'uniqueMatch',
  gasPriceMatched: boolean,
): string {
  const delay = `${Math.round((withdrawal.time - deposit.time) / 60_000)} min`;
  const head =
    side === 'deposit'
      ? `mixer deposit of ${deposit.amount} withdrawn ${delay} later as ${withdrawal.amount}`
      : `mixer withdrawal of ${withdrawal.amount} ${delay} after a deposit of ${deposit.amount}`;
  if (reason === 'sameAddress') return `${head} to the depositing address`;
  return `${head}: the only match by amount and timing${gasPriceMatched ? ' and gas price' : ''}`;
}
