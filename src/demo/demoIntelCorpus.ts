import { bucketStart, bucketsBefore, nextBucketStart } from '../intel/forecast/calendarBuckets.js';
import type { Random } from '../ml/random.js';
import { simulationRandom } from '../ml/simulationRandom.js';
import { poisson } from '../monitor/simulate/draws.js';

/**
 * The demo's threat-intel corpus: short advisories and post-mortems about fictional projects, written
 * so that the real entity extractor finds techniques, protocols, packages and (made-up, year 2099)
 * CVE and GHSA ids in them. Only the rates are planned: each technique has a weekly baseline, one
 * (flash loans used to manipulate an oracle) surges in the last weeks and another (signature replay)
 * had a burst three months ago. Which weeks count as bursts is for the detector to find.
 */
export interface DemoArticle {
  /** Stable across runs with the same `now`: the item's guid. */
  guid: string;
  title: string;
  body: string;
  link: string;
  publishedAt: number;
}

/** Weeks of history, the open week included. */
export const DEMO_CORPUS_WEEKS = 26;
export const DEMO_SURGE_TECHNIQUE = 'flash-loan';
export const DEMO_PAST_BURST_TECHNIQUE = 'signature-replay';
/** Where the past burst peaks, in weeks before the open one. */
export const DEMO_PAST_BURST_WEEKS_AGO = 12;

const WEEK = 7 * 86_400_000;
export const DEMO_LINK_BASE = 'https://demo.argus.invalid/intel/';

interface TechniqueText {
  /** Articles per week at baseline. */
  rate: number;
  headline: readonly string[];
  /** Sentences naming the technique as the extractor's patterns expect. */
  sentences: readonly string[];
  /** Techniques often named beside it. */
  with?: readonly string[];
}

const TECHNIQUES: Record<string, TechniqueText> = {
  reentrancy: {
    rate: 2.4,
    headline: ['reentrancy in the withdraw path', 'drained through reentrancy'],
    sentences: [
      'A reentrancy in the withdraw function let the attacker claim the same balance repeatedly.',
      'The attacker re-entered the vault through a token callback before the balance was updated.',
    ],
  },
  'access-control': {
    rate: 2.3,
    headline: ['missing access control', 'unprotected initializer exploited'],
    sentences: [
      'Missing access control on the setRewards function allowed anyone to redirect emissions.',
      'An unprotected initializer on the implementation contract was called by the attacker.',
    ],
  },
  'oracle-manipulation': {
    rate: 1.2,
    headline: ['oracle manipulation', 'TWAP oracle manipulated'],
    sentences: [
      'The TWAP oracle was manipulated over a few blocks and collateral was overvalued.',
      'The price oracle read a thin pool, so the oracle was manipulated with little capital.',
    ],
  },
  'price-manipulation': {
    rate: 1.0,
    headline: ['donation attack on vault shares', 'pool manipulation'],
    sentences: [
      'A donation attack inflated the share price of a freshly deployed vault.',
      'Pool manipulation skewed the exchange rate used to mint shares.',
    ],
  },
  'flash-loan': {
    rate: 1.4,
    headline: ['flash loan attack', 'flash-loan-funded exploit'],
    sentences: [
      'The attacker took a flash loan from Balancer to fund the attack.',
      'A flash loan from Aave supplied the capital for the exploit.',
      'The attack was funded with a flash swap on Uniswap v3.',
    ],
    with: ['oracle-manipulation', 'oracle-manipulation', 'price-manipulation'],
  },
  'signature-replay': {
    rate: 1.1,
    headline: ['signature replay across chains', 'replayed withdrawal signatures'],
    sentences: [
      'Withdrawal messages did not bind the chain id, which made a signature replay on another chain possible.',
      'A replay attack reused signed permits after the nonce was reset.',
    ],
  },
  'front-running': {
    rate: 1.5,
    headline: ['sandwich attacks on rebalances', 'front-running of liquidations'],
    sentences: [
      'Searchers ran a sandwich attack on every rebalance of the vault.',
      'Bots front-ran the liquidation calls and captured the bonus.',
    ],
  },
  'integer-overflow': {
    rate: 0.7,
    headline: ['unsafe downcast', 'integer overflow in reward math'],
    sentences: [
      'An unsafe downcast to uint96 truncated large deposits.',
      'An integer overflow in the reward math minted far more tokens than intended.',
    ],
  },
  'logic-error': {
    rate: 1.9,
    headline: ['rounding error in share accounting', 'incorrect fee calculation'],
    sentences: [
      'A rounding error in share accounting let small withdrawals take more than their share.',
      'An incorrect fee calculation charged the protocol instead of the user.',
    ],
  },
  'private-key-compromise': {
    rate: 1.4,
    headline: ['compromised private key', 'deployer key leaked'],
    sentences: [
      'A compromised private key of a multisig signer approved the malicious upgrade.',
      'The deployer key was leaked from a build server and used to drain the treasury.',
    ],
  },
  'governance-attack': {
    rate: 0.5,
    headline: ['malicious proposal passed', 'governance takeover'],
    sentences: ['A malicious proposal passed with borrowed votes and moved the treasury.'],
  },
  'denial-of-service': {
    rate: 0.6,
    headline: ['griefing blocks withdrawals', 'unbounded loop in the queue'],
    sentences: [
      'Griefing with dust deposits blocked withdrawals for every user.',
      'An unbounded loop over the queue exceeded the block gas limit.',
    ],
  },
  'arbitrary-call': {
    rate: 0.8,
    headline: ['arbitrary external call in the router'],
    sentences: ['An arbitrary external call in the router let the attacker spend approvals given to it.'],
  },
  'rug-pull': {
    rate: 0.5,
    headline: ['rug pull'],
    sentences: ['The team removed the liquidity in a rug pull hours after launch.'],
  },
};

/** How much the planned surge and past burst multiply a technique's rate, weeks before the open one. */
function plannedFactor(technique: string, weeksAgo: number): number {
  if (technique === DEMO_SURGE_TECHNIQUE || technique === 'oracle-manipulation') {
    const rise = [7, 6, 1.8, 1.3];
    return weeksAgo < rise.length ? (rise[weeksAgo] as number) : 1;
  }
  if (technique === DEMO_PAST_BURST_TECHNIQUE) {
    // The peak week, then two weeks of dying down.
    const after = DEMO_PAST_BURST_WEEKS_AGO - weeksAgo;
    return ([9, 6, 2] as const)[after] ?? 1;
  }
  return 1;
}

/** Where the (fictional) projects keep funds and get prices: protocols as venues, never as victims. */
const VENUES = [
  'Collateral was priced off a Curve pool.',
  'The stolen funds were swapped on Uniswap and bridged out through Wormhole.',
  'The market is a fork of Compound v2.',
  'Most deposits were stETH.',
  'The protocol used a Chainlink feed for its main markets only.',
  'Treasury funds sat in a Gnosis Safe.',
  'Rewards were staked on Convex.',
  'Liquidity sat in a Balancer v2 pool.',
];

const TOOLING = [
  'The fix uses @openzeppelin/contracts for its guards.',
  'A proof of concept runs on foundry.',
  'A hardhat test reproduces the issue.',
  'Integrators using ethers should refresh their ABIs.',
  'The front end, built on viem, now warns before signing.',
];

const CLOSINGS = [
  'The team paused the contracts and published a fix.',
  'Users should revoke approvals given to the affected contracts.',
  'Losses are estimated at a few hundred thousand dollars; part was returned.',
  'No user funds were lost; the bug was reported through the bounty program.',
];

const PROJECTS = [
  'Harbor Lend',
  'Quill Swap',
  'Lumen Vault',
  'Orchid Bridge',
  'Basalt Perps',
  'Tundra Yield',
];

const DEMO_NOTE = 'Synthetic text generated by the Argus demo; the project is fictional.';

/** Advisories on fictional packages, published in a cluster some weeks back: a CVE burst of its own. */
const ADVISORIES = [
  {
    weeksAgo: 7,
    copies: 4,
    title: 'demo-price-feed-sdk returns stale prices (CVE-2099-10001)',
    body:
      'The fictional package demo-price-feed-sdk@2.1.0 returns the last cached price when the upstream ' +
      'feed stalls, which makes oracle manipulation cheaper for integrators. Tracked as CVE-2099-10001 ' +
      'and GHSA-2222-3333-4444; upgrade to demo-price-feed-sdk@2.1.1.',
  },
  {
    weeksAgo: DEMO_PAST_BURST_WEEKS_AGO,
    copies: 3,
    title: 'fictional-bridge-relayer accepts replayed messages (CVE-2099-10002)',
    body:
      'The fictional package fictional-bridge-relayer@0.9.3 does not check the destination chain, so ' +
      'a signature replay moves the same withdrawal twice. Tracked as CVE-2099-10002 and ' +
      'GHSA-5555-6666-7777; upgrade to fictional-bridge-relayer@0.9.4.',
  },
];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[random.int(items.length)] as T;
}

/**
 * Articles in a week: Poisson around the rate with its spread shrunk, as a steady news desk writes.
 * With the full Poisson spread a dozen small series would throw up a chance burst every few weeks and
 * bury the planned ones.
 */
function weeklyCount(random: Random, rate: number): number {
  return Math.max(0, Math.round(rate + 0.6 * (poisson(random, rate) - rate)));
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

function article(random: Random, technique: string, text: TechniqueText): { title: string; body: string } {
  const project = pick(random, PROJECTS);
  const parts = [pick(random, text.sentences)];
  const second = text.with && random.next() < 0.7 ? pick(random, text.with) : undefined;
  if (second && second !== technique) parts.push(pick(random, TECHNIQUES[second]?.sentences ?? []));
  if (random.next() < 0.45) parts.push(pick(random, VENUES));
  if (random.next() < 0.25) parts.push(pick(random, TOOLING));
  parts.push(pick(random, CLOSINGS), DEMO_NOTE);
  const kind = random.next() < 0.5 ? 'Post-mortem' : 'Incident note';
  return { title: `[demo] ${kind}: ${project}, ${pick(random, text.headline)}`, body: parts.join(' ') };
}

/**
 * The articles of the DEMO_CORPUS_WEEKS weeks ending at `now` (the open week only up to it), oldest
 * first. The same `now` and seed give the same corpus.
 */
export function demoIntelCorpus(now: number, seed = 7): DemoArticle[] {
  const random = simulationRandom(seed);
  const open = bucketStart(now, 'week');
  const out: DemoArticle[] = [];
  const add = (weekStart: number, title: string, body: string) => {
    const span = Math.min(WEEK, now - weekStart);
    const n = out.length;
    out.push({
      guid: `urn:argus-demo:intel:${weekStart}:${n}`,
      title,
      body,
      link: `${DEMO_LINK_BASE}${n}-${slug(title.replace('[demo] ', ''))}`,
      publishedAt: weekStart + Math.floor(random.next() * Math.max(1, span - 60_000)),
    });
  };
  for (let weeksAgo = DEMO_CORPUS_WEEKS - 1; weeksAgo >= 0; weeksAgo--) {
    const weekStart = bucketsBefore(open, 'week', weeksAgo);
    // The open week has had only part of its time to collect articles.
    const elapsed = Math.min(1, (now - weekStart) / (nextBucketStart(weekStart, 'week') - weekStart));
    for (const [technique, text] of Object.entries(TECHNIQUES)) {
      const count = weeklyCount(random, text.rate * plannedFactor(technique, weeksAgo) * elapsed);
      for (let i = 0; i < count; i++) {
        const { title, body } = article(random, technique, text);
        add(weekStart, title, body);
      }
    }
    for (const advisory of ADVISORIES) {
      if (advisory.weeksAgo !== weeksAgo) continue;
      for (let copy = 0; copy < advisory.copies; copy++) {
        const prefix = copy === 0 ? 'Advisory' : `Follow-up ${copy}`;
        add(weekStart, `[demo] ${prefix}: ${advisory.title}`, `${advisory.body} ${DEMO_NOTE}`);
      }
    }
  }
  return out.sort((a, b) => a.publishedAt - b.publishedAt);
}
