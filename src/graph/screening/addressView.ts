// The shapes of GET /v1/addresses/:chain/:address. Types only, so the dashboard can import them too.
import type { Chain } from '../../core/chain.js';
import type { Label } from '../../core/label.js';

export type ActivityBucketSize = 'hour' | 'day';

export interface AddressViewRequest {
  chain: string;
  address: string;
  /** How many transfers away from the address the drawn neighbourhood reaches (1..3, default 2). */
  hops?: number;
  /** At most this many addresses are drawn, the address itself included (default 60). */
  maxNodes?: number;
  /** Activity bucket; auto picks hours for up to three days of activity, days beyond. */
  bucket?: ActivityBucketSize | 'auto';
}

/** What a label says, without where it was imported from (the page names the source, not the file row). */
export interface NodeLabel {
  category: string;
  label: string;
  source: string;
}

export interface ActivityBucket {
  /** Epoch ms of the bucket's start (UTC hour or day). */
  start: number;
  inCount: number;
  outCount: number;
  inValue: number;
  outValue: number;
}

export interface AddressActivity {
  bucket: ActivityBucketSize;
  bucketMs: number;
  /** Every bucket from the first activity to the last, empty ones included, oldest first. */
  buckets: ActivityBucket[];
  totals: {
    inCount: number;
    outCount: number;
    inValue: number;
    outValue: number;
    /** Distinct addresses that paid it / that it paid. */
    senders: number;
    receivers: number;
    firstSeen: number;
    lastSeen: number;
  };
  /**
   * True when some counterparty's repeated transfers spanned several buckets: the graph keeps per
   * counterparty only the count, the sum and the first and last time, so those transfers are spread
   * evenly between first and last (count and value). Single transfers are always exact.
   */
  estimated: boolean;
  /** True when activity older than the oldest bucket shown was left out of buckets (not of totals). */
  truncated: boolean;
}

export interface NeighbourhoodNode {
  address: string;
  /** Fewest transfers from the centre within the drawn neighbourhood (0 for the centre). */
  hops: number;
  isCenter: boolean;
  labels: NodeLabel[];
  /** The heaviest label category (sanctions over hack over scam ... over exchange), when labelled. */
  category?: string;
  /** The exposure screener's risk score in [0, 1], as /v1/screen gives it. */
  risk: number;
  inDegree: number;
  outDegree: number;
}

export interface NeighbourhoodEdge {
  from: string;
  to: string;
  /** Sum of the transfers' values (USD when the source knew it, else the amount). */
  value: number;
  transfers: number;
  firstTime: number;
  lastTime: number;
}

export interface AddressNeighbourhood {
  hops: number;
  maxNodes: number;
  nodes: NeighbourhoodNode[];
  /** Every stored edge between two drawn addresses. */
  edges: NeighbourhoodEdge[];
  /** True when addresses within `hops` were left out (maxNodes, or hubs too big to expand). */
  truncated: boolean;
  /** Distinct addresses met within `hops` while choosing what to draw (a lower bound when hubs were skipped). */
  seen: number;
}

export interface RiskSource {
  source: string;
  category: string;
  /** self: the address is labelled; received/sent: a direct counterparty; traced: funds reached it over `hops`. */
  relation: 'self' | 'received' | 'sent' | 'traced';
  hops: number;
  /** Share of the address's inflow traced to the source (traced, and received when the trace agrees). */
  share?: number;
  /** Value of the direct edge (received/sent only). */
  value?: number;
  /** The heaviest explaining path, source first (traced only). */
  path?: string[];
  /** The source's label text, when it has one. */
  label?: string;
}

export interface AddressRisk {
  /** The screener's risk score in [0, 1] (3 hops back, as /v1/screen by default). */
  score: number;
  hops: number;
  /** Direct sources first, then traced ones by share; at most ten. */
  sources: RiskSource[];
  /** More sources were found than listed. */
  moreSources: number;
  /** The screen stopped at its work bound, so the score may be too low. */
  truncated: boolean;
}

export interface AddressCluster {
  /** Addresses the clustering heuristics tie to this one (itself included). */
  size: number;
  /** Up to 25 other members. */
  members: string[];
  /** Why: each link that ties it to another address (up to 25). */
  links: { heuristic: string; other: string; evidence: string }[];
}

export interface AddressView {
  chain: Chain;
  address: string;
  graph: { revision: number; savedAt: number; nodes: number; edges: number };
  /** Every stored label of the address, with category and source. */
  labels: Label[];
  /** The entity cluster, or null (with clusterNote) when clustering this graph is not cheap enough per request. */
  cluster: AddressCluster | null;
  clusterNote?: string;
  risk: AddressRisk;
  activity: AddressActivity;
  neighbourhood: AddressNeighbourhood;
}
