import { simulationRandom } from '../../ml/simulationRandom.js';
import { mix32 } from '../hash32.js';
import { ASSET_SHARES, ASSETS } from './assets.js';
import { cumulativeOf, logNormal, pareto, pickCumulative, uniform, uniformInt } from './draws.js';
import { DOMAIN, hashAddress } from './hash.js';
import { JURISDICTION_CUMULATIVE } from './jurisdictions.js';
import type { ResolvedSimulationOptions } from './options.js';

export const ACTIVITY = { active: 0, occasional: 1, dormant: 2 } as const;

/** Well-known contracts customers call (routers, bridges, lending pools), most popular first. */
const KNOWN_CONTRACTS = 60;

/**
 * The simulated exchange's customers, one slot per account in typed arrays (a million accounts cost
 * tens of megabytes, not a million objects). Counterparty lists are CSR: the addresses of account a
 * are list[start[a]] .. list[start[a+1]-1].
 */
export interface Population {
  size: number;
  addresses: string[];
  userIds: string[];
  /** Index into JURISDICTIONS. */
  jurisdiction: Uint8Array;
  /** ACTIVITY.*. */
  activity: Uint8Array;
  /** Expected transfers per day (while awake, for dormant accounts). */
  ratePerDay: Float64Array;
  /** Dormant accounts are awake on day d when (d + wakePhase) mod wakePeriod < wakeLength. */
  wakePeriod: Uint16Array;
  wakeLength: Uint16Array;
  wakePhase: Uint16Array;
  /** Median transfer value in USD; Pareto across accounts, so a few accounts move most of the money. */
  scaleUsd: Float64Array;
  /** Log-normal spread of the account's own transfer values. */
  sigma: Float64Array;
  depositShare: Float32Array;
  contractShare: Float32Array;
  internalShare: Float32Array;
  newShare: Float32Array;
  roundShare: Float32Array;
  /** Index into ASSETS. */
  primaryAsset: Uint8Array;
  recipientStart: Uint32Array;
  recipients: string[];
  fundingStart: Uint32Array;
  funding: string[];
  contractStart: Uint32Array;
  /** Indices into knownContracts. */
  contracts: Uint8Array;
  knownContracts: string[];
  /** One hot wallet per asset, and one cold wallet per asset. */
  hotWallets: string[];
  coldWallets: string[];
  /** Background activity of account a is suppressed in [quietFrom[a], quietUntil[a]] (set by injected incidents). */
  quietFrom: Float64Array;
  quietUntil: Float64Array;
}

export function isQuiet(p: Population, account: number, time: number): boolean {
  return time >= (p.quietFrom[account] as number) && time <= (p.quietUntil[account] as number);
}

const ASSET_CUMULATIVE = cumulativeOf(ASSET_SHARES);

export function buildPopulation(o: ResolvedSimulationOptions): Population {
  const n = o.accounts;
  const r = o.rates;
  const random = simulationRandom(mix32(o.seed ^ 0x51ab1e));
  const p: Population = {
    size: n,
    addresses: new Array<string>(n),
    userIds: new Array<string>(n),
    jurisdiction: new Uint8Array(n),
    activity: new Uint8Array(n),
    ratePerDay: new Float64Array(n),
    wakePeriod: new Uint16Array(n),
    wakeLength: new Uint16Array(n),
    wakePhase: new Uint16Array(n),
    scaleUsd: new Float64Array(n),
    sigma: new Float64Array(n),
    depositShare: new Float32Array(n),
    contractShare: new Float32Array(n),
    internalShare: new Float32Array(n),
    newShare: new Float32Array(n),
    roundShare: new Float32Array(n),
    primaryAsset: new Uint8Array(n),
    recipientStart: new Uint32Array(n + 1),
    recipients: [],
    fundingStart: new Uint32Array(n + 1),
    funding: [],
    contractStart: new Uint32Array(n + 1),
    contracts: new Uint8Array(0),
    knownContracts: Array.from({ length: KNOWN_CONTRACTS }, (_, i) =>
      hashAddress(o.seed, DOMAIN.knownContract, i, 0),
    ),
    hotWallets: ASSETS.map((_, i) => hashAddress(o.seed, DOMAIN.exchangeWallet, i, 0)),
    coldWallets: ASSETS.map((_, i) => hashAddress(o.seed, DOMAIN.exchangeWallet, i, 1)),
    quietFrom: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
    quietUntil: new Float64Array(n).fill(Number.NEGATIVE_INFINITY),
  };
  const contractList: number[] = [];
  const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
  const pad = String(n - 1).length;
  for (let a = 0; a < n; a++) {
    p.addresses[a] = hashAddress(o.seed, DOMAIN.customer, a, 0);
    p.userIds[a] = `u${String(a).padStart(pad, '0')}`;
    p.jurisdiction[a] = pickCumulative(JURISDICTION_CUMULATIVE, random);
    const u = random.next();
    if (u < r.activeShare) {
      p.activity[a] = ACTIVITY.active;
      p.ratePerDay[a] = r.activePerDay * logNormal(random, 0, 0.8);
    } else if (u < r.activeShare + r.dormantShare) {
      p.activity[a] = ACTIVITY.dormant;
      p.ratePerDay[a] = r.dormantPerDay * logNormal(random, 0, 0.7);
      p.wakePeriod[a] = uniformInt(random, 30, 150);
      p.wakeLength[a] = uniformInt(random, 1, 7);
      p.wakePhase[a] = random.int(p.wakePeriod[a] as number);
    } else {
      p.activity[a] = ACTIVITY.occasional;
      p.ratePerDay[a] = r.occasionalPerDay * logNormal(random, 0, 1);
    }
    // Pareto(α = 1.16) is the "80/20" tail: a handful of whales next to many small retail accounts.
    p.scaleUsd[a] = Math.min(2_000_000, pareto(random, 40, 1.16));
    p.sigma[a] = uniform(random, 0.4, 1.4);
    p.depositShare[a] = clamp01(r.depositShare * uniform(random, 0.7, 1.3));
    p.contractShare[a] = clamp01(r.contractShare * 2 * random.next());
    p.internalShare[a] = clamp01(r.internalShare * 2 * random.next());
    // Most accounts rarely pay someone new; a few (merchants, OTC desks) often do: mean stays at the rate.
    p.newShare[a] = clamp01(r.newCounterpartyShare * 3 * random.next() ** 2);
    p.roundShare[a] = clamp01(r.roundShare * 2 * random.next());
    p.primaryAsset[a] = pickCumulative(ASSET_CUMULATIVE, random);

    // Habitual counterparties: a few own wallets to withdraw to, a few funding sources, favourite dapps.
    const recipients = 1 + Math.min(7, Math.floor(-Math.log(1 - random.next()) * 2));
    for (let k = 0; k < recipients; k++) {
      p.recipients.push(hashAddress(o.seed, DOMAIN.habitualRecipient, a, k));
    }
    p.recipientStart[a + 1] = p.recipients.length;
    const sources = uniformInt(random, 1, 3);
    for (let k = 0; k < sources; k++) p.funding.push(hashAddress(o.seed, DOMAIN.fundingSource, a, k));
    p.fundingStart[a + 1] = p.funding.length;
    const favourites = random.int(4);
    for (let k = 0; k < favourites; k++) {
      contractList.push(Math.floor(KNOWN_CONTRACTS * random.next() ** 2));
    }
    p.contractStart[a + 1] = contractList.length;
  }
  p.contracts = Uint8Array.from(contractList);
  return p;
}
