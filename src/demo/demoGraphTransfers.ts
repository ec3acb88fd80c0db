import { createHash } from 'node:crypto';
import type { Label } from '../core/label.js';
import type { TransferEventInput } from '../core/transferEvent.js';
import { seededRandom } from '../ml/random.js';
import { type DemoStep, demoScenario } from './scenario.js';

/** The addresses the scripted scenario names, read from it so the graph and the alerts agree. */
export interface ScenarioAddresses {
  /** The exchange wallet every scripted withdrawal leaves from. */
  hotWallet: string;
  /** Subjects of the scripted sanctions alerts. */
  sanctioned: string[];
  /** Where the scripted withdrawals go that are not sanctioned. */
  destinations: string[];
  /** Every address subject of a scripted alert and every node of its path evidence. */
  alertAddresses: string[];
}

export function scenarioAddresses(steps: readonly DemoStep[] = demoScenario): ScenarioAddresses {
  const transfers = steps.flatMap((s) => (s.kind === 'transfer' ? [s.transfer] : []));
  const alerts = steps.flatMap((s) => (s.kind === 'alert' ? [s.alert] : []));
  const hotWallet = transfers[0]?.from.toLowerCase();
  if (hotWallet === undefined || transfers.some((t) => t.from.toLowerCase() !== hotWallet)) {
    throw new Error('the demo scenario should send every withdrawal from one hot wallet');
  }
  const sanctioned = alerts
    .filter((a) => a.detector.startsWith('sanctioned-') && a.subject.kind === 'address')
    .map((a) => a.subject.id.toLowerCase());
  const alertAddresses = new Set<string>();
  for (const a of alerts) {
    if (a.subject.kind === 'address') alertAddresses.add(a.subject.id.toLowerCase());
    for (const e of a.evidence ?? [])
      if (e.kind === 'path') for (const n of e.nodes) alertAddresses.add(n.toLowerCase());
  }
  const destinations = transfers.map((t) => t.to.toLowerCase()).filter((to) => !sanctioned.includes(to));
  return { hotWallet, sanctioned, destinations, alertAddresses: [...alertAddresses] };
}

export interface DemoGraphData {
  /** Time-ordered, as the monitor's stream delivers them. */
  transfers: TransferEventInput[];
  labels: Label[];
  addresses: ScenarioAddresses & { exploiter: string; drainer: string; otherExchange: string };
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** What the scripted withdrawals are worth, to value them like the rest of the graph (USD). */
const USD_PER_UNIT: Readonly<Record<string, number>> = { ETH: 3_000, USDC: 1 };

/** A stable, valid-looking EVM address for a demo role: the same name gives the same address. */
export function demoAddress(name: string): string {
  return `0x${createHash('sha256').update(`argus-demo:${name}`).digest('hex').slice(0, 40)}`;
}

/**
 * A month of an exchange's on-chain life, ending at `now`: forty customers paying into their deposit
 * addresses, sweeps to the hot wallet and withdrawals out of it; a bridge exploiter laundering through
 * the sanctioned Tornado router and layering addresses, some of it back into the exchange and into the
 * address the scripted dormant account withdraws to; a phishing drainer fed by customers; and the
 * scenario's own withdrawals. Deterministic for a given `now`.
 */
export function demoGraphData(now: number, steps: readonly DemoStep[] = demoScenario): DemoGraphData {
  const scenario = scenarioAddresses(steps);
  const hot = scenario.hotWallet;
  const tornado = scenario.sanctioned[0] ?? demoAddress('tornado-router');
  const exploiter = demoAddress('bridge-exploiter');
  const drainer = demoAddress('airdrop-drainer');
  const otherExchange = demoAddress('other-exchange-hot-wallet');
  const random = seededRandom(8).next;
  const start = now - 30 * DAY;
  const at = (day: number, jitterHours = 20) => Math.round(start + day * DAY + random() * jitterHours * HOUR);
  const usd = (low: number, high: number) => Math.round(low + random() * (high - low));
  const transfers: TransferEventInput[] = [];
  const send = (from: string, to: string, valueUsd: number, time: number, asset = 'USDC') => {
    transfers.push({ chain: 'ethereum', from, to, asset, amount: valueUsd, valueUsd, time });
  };

  const customers = Array.from({ length: 40 }, (_, i) => ({
    wallet: demoAddress(`customer-${i}`),
    deposit: demoAddress(`deposit-${i}`),
  }));
  const depositOf = (i: number) => demoAddress(`deposit-${i}`);
  const walletOf = (i: number) => demoAddress(`customer-${i}`);
  for (const c of customers) {
    const deposits = 1 + Math.floor(random() * 3);
    for (let k = 0; k < deposits; k++) {
      const t = at(random() * 28);
      const value = usd(200, 20_000);
      send(c.wallet, c.deposit, value, t);
      send(c.deposit, hot, value, t + usd(5, 40) * 60_000);
    }
    const withdrawals = Math.floor(random() * 3);
    for (let k = 0; k < withdrawals; k++) send(hot, c.wallet, usd(100, 15_000), at(random() * 29), 'ETH');
    if (random() < 0.25) send(c.wallet, otherExchange, usd(500, 5_000), at(random() * 29));
  }

  // The exploit, twelve days ago: the bridge pays out, the exploiter launders.
  const bridge = demoAddress('bridge-vault');
  send(bridge, exploiter, 2_400_000, at(18, 1), 'ETH');
  for (let k = 0; k < 8; k++) send(exploiter, tornado, 100_000, at(18 + k * 0.4, 2), 'ETH');
  const [layer0, layer1, layer2] = [0, 1, 2].map((i) => demoAddress(`layer-${i}`)) as [
    string,
    string,
    string,
  ];
  const layers = [layer0, layer1, layer2];
  for (const [i, layer] of layers.entries())
    send(exploiter, layer, 250_000 + i * 40_000, at(19 + i, 4), 'ETH');
  // Layer 0 cashes out through a customer's deposit address; layer 1 funds the scripted destination.
  send(layer0, depositOf(7), 180_000, at(22, 4), 'ETH');
  send(depositOf(7), hot, 180_000, at(22.5, 2), 'ETH');
  for (const destination of scenario.destinations) {
    send(layer1, destination, 180_000, at(27, 6), 'ETH');
    send(layer1, destination, 60_000, at(28, 6), 'ETH');
  }
  send(layer2, otherExchange, 120_000, at(25, 6), 'ETH');

  // The Tornado router: depositors in, withdrawals out to fresh addresses, one of which pays the exchange.
  for (let i = 0; i < 20; i++)
    send(demoAddress(`tornado-depositor-${i}`), tornado, usd(1_000, 100_000), at(random() * 29), 'ETH');
  const fresh = Array.from({ length: 14 }, (_, i) => demoAddress(`tornado-withdrawal-${i}`));
  for (const f of fresh) send(tornado, f, usd(5_000, 90_000), at(18 + random() * 10), 'ETH');
  send(demoAddress('tornado-withdrawal-0'), depositOf(12), 60_000, at(26, 4), 'ETH');
  send(depositOf(12), hot, 60_000, at(26.5, 2), 'ETH');

  // A fake airdrop drains six customers' wallets; the drainer washes it through the router.
  for (let i = 0; i < 6; i++) send(walletOf(i * 5), drainer, usd(300, 8_000), at(10 + i * 2));
  send(drainer, tornado, 20_000, at(24), 'ETH');

  // The scripted withdrawals, as the replay will register them.
  for (const step of steps) {
    if (step.kind !== 'transfer') continue;
    const { from, to, asset, amount } = step.transfer;
    const value = Math.round(Number(amount) * (USD_PER_UNIT[asset.symbol] ?? 1));
    send(from.toLowerCase(), to.toLowerCase(), value, now + step.at, asset.symbol);
  }

  transfers.sort((a, b) => a.time - b.time);
  const importedAt = new Date(now).toISOString();
  const label = (address: string, category: Label['category'], text: string): Label => ({
    chain: 'ethereum',
    address,
    category,
    label: text,
    source: 'manual',
    sourceRef: 'argus demo data',
    importedAt,
  });
  const labels = [
    label(hot, 'exchange', 'Demo Exchange: hot wallet'),
    label(otherExchange, 'exchange', 'Other Exchange: hot wallet'),
    ...scenario.sanctioned.map((s) => label(s, 'sanctions', 'Tornado Cash: Router (OFAC SDN)')),
    label(exploiter, 'hack', 'Demo Bridge exploiter'),
    label(drainer, 'phishing', 'Fake airdrop drainer'),
  ];
  return { transfers, labels, addresses: { ...scenario, exploiter, drainer, otherExchange } };
}
