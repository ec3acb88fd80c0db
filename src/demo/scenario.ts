import type { AlertInput } from '../core/alert.js';
import type { TransferInput } from '../core/transfer.js';

/**
 * A scripted morning at an exchange, replayed by `argus serve --demo`. The alerts are what the
 * monitor, graph, auth, audit and intel detectors emit; here they are scripted so a new user sees
 * every response type fire within seconds, before any detector is configured.
 */
export type DemoStep =
  | { at: number; kind: 'transfer'; transfer: TransferInput & { id: string } }
  | { at: number; kind: 'alert'; alert: AlertInput };

const ETH = { symbol: 'ETH', decimals: 18 };
const USDC = { symbol: 'USDC', contract: '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', decimals: 6 };
const HOT_WALLET = '0x28c6c06298d514db089934071355e5743bf21d60';
const TORNADO_ROUTER = '0xd90e2f925da726b50c4ed8d0fb90ad053324f31b';

export const demoScenario: DemoStep[] = [
  {
    at: 300,
    kind: 'transfer',
    transfer: {
      id: 'wd-1042-0001',
      chain: 'ethereum',
      from: HOT_WALLET,
      to: '0x4e5b2e1dc63f6b91cb6cd759936495434c7e972f',
      asset: ETH,
      amount: '250',
      fromAccount: { id: 'acct-1042', kind: 'customer', jurisdiction: 'DE', userId: 'u-1042' },
    },
  },
  {
    at: 800,
    kind: 'alert',
    alert: {
      area: 'monitor',
      detector: 'dormant-high-value',
      subject: {
        kind: 'account',
        id: 'acct-1042',
        chain: 'ethereum',
        attributes: { jurisdiction: 'DE', tier: 'retail' },
      },
      severity: 'high',
      score: 0.93,
      title: 'Dormant account withdraws 250 ETH',
      explanation:
        'Account acct-1042 was inactive for 212 days and now requests a 250 ETH withdrawal to an address it has never paid, 41 times its largest past transfer.',
      evidence: [
        { kind: 'feature', name: 'dormancy_days', value: 212, baseline: 3 },
        { kind: 'feature', name: 'amount_zscore', value: 11.4, baseline: 0 },
        { kind: 'feature', name: 'new_counterparty_share', value: 1, baseline: 0.12 },
      ],
      context: { transferId: 'wd-1042-0001', userId: 'u-1042', asset: 'ETH' },
    },
  },
  {
    at: 1_600,
    kind: 'alert',
    alert: {
      area: 'auth',
      detector: 'impossible-travel',
      subject: { kind: 'user', id: 'u-2210', attributes: { tier: 'vip' } },
      severity: 'high',
      score: 0.88,
      title: 'Login from Singapore 38 minutes after a login from Berlin',
      explanation:
        'Two successful logins 10,090 km apart within 38 minutes imply 15,900 km/h, above the 805 km/h limit.',
      evidence: [
        { kind: 'feature', name: 'speed_kmh', value: 15_900, baseline: 805 },
        { kind: 'fact', name: 'previous_ip_country', value: 'DE' },
        { kind: 'fact', name: 'ip_country', value: 'SG' },
      ],
      context: { userId: 'u-2210' },
    },
  },
  {
    at: 2_200,
    kind: 'transfer',
    transfer: {
      id: 'wd-3307-0001',
      chain: 'ethereum',
      from: HOT_WALLET,
      to: TORNADO_ROUTER,
      asset: USDC,
      amount: '48000',
      fromAccount: { id: 'acct-3307', kind: 'customer', jurisdiction: 'US', userId: 'u-3307' },
    },
  },
  {
    at: 2_600,
    kind: 'alert',
    alert: {
      area: 'graph',
      detector: 'sanctioned-counterparty',
      subject: { kind: 'address', id: TORNADO_ROUTER, chain: 'ethereum', attributes: { list: 'OFAC SDN' } },
      severity: 'critical',
      score: 1,
      title: 'Withdrawal to an OFAC-sanctioned address',
      explanation: `Withdrawal wd-3307-0001 sends 48,000 USDC to ${TORNADO_ROUTER}, listed on the OFAC SDN list (Tornado Cash).`,
      evidence: [{ kind: 'path', nodes: [HOT_WALLET, TORNADO_ROUTER], share: 1, label: 'direct exposure' }],
      context: { transferId: 'wd-3307-0001', userId: 'u-3307', asset: 'USDC' },
    },
  },
  {
    at: 3_400,
    kind: 'alert',
    alert: {
      area: 'monitor',
      detector: 'coordinated-withdrawals',
      subject: { kind: 'address', id: HOT_WALLET, chain: 'ethereum', attributes: { wallet: 'hot' } },
      severity: 'critical',
      score: 0.97,
      title: '7 accounts in 5 jurisdictions drain the hot wallet within 90 seconds',
      explanation:
        'Seven customer accounts in DE, US, BR, NG and VN requested withdrawals totalling 1,840 ETH within 90 s, 9% of the hot wallet, a pattern of a compromised batch of accounts.',
      evidence: [
        { kind: 'feature', name: 'accounts', value: 7, baseline: 1 },
        { kind: 'feature', name: 'jurisdictions', value: 5, baseline: 1 },
        { kind: 'feature', name: 'window_seconds', value: 90 },
      ],
      context: { wallet: HOT_WALLET, asset: 'ETH' },
    },
  },
  ...[4_000, 4_600, 5_200].map(
    (at, i): DemoStep => ({
      at,
      kind: 'alert',
      alert: {
        area: 'monitor',
        detector: 'velocity-limit',
        subject: { kind: 'account', id: 'acct-5120', chain: 'ethereum', attributes: { jurisdiction: 'GB' } },
        severity: 'medium',
        score: 0.6 + i * 0.05,
        title: 'More than 20 withdrawals in an hour',
        explanation: `Account acct-5120 made ${21 + i * 3} withdrawals in the last hour; its usual rate is 2 per day.`,
        evidence: [{ kind: 'feature', name: 'withdrawals_1h', value: 21 + i * 3, baseline: 0.1 }],
        context: { userId: 'u-5120' },
      },
    }),
  ),
  {
    at: 5_800,
    kind: 'alert',
    alert: {
      area: 'audit',
      detector: 'reentrancy-eth',
      subject: { kind: 'contract', id: 'contracts/Vault.sol:Vault', attributes: { repo: 'treasury' } },
      severity: 'high',
      score: 0.9,
      title: 'Reentrancy in Vault.withdraw (state written after an external call with value)',
      explanation:
        'withdraw() sends ether with msg.sender.call{value: amount}("") before setting balances[msg.sender] = 0; a contract receiver can call withdraw() again and drain the vault.',
      evidence: [
        {
          kind: 'code',
          file: 'contracts/Vault.sol',
          startLine: 18,
          endLine: 22,
          excerpt:
            '(bool ok, ) = msg.sender.call{value: amount}("");\nrequire(ok);\nbalances[msg.sender] = 0;',
        },
      ],
    },
  },
  {
    at: 6_500,
    kind: 'alert',
    alert: {
      area: 'intel',
      detector: 'advisory-match',
      subject: { kind: 'package', id: 'npm:axios@1.6.0' },
      severity: 'medium',
      score: 0.7,
      title: 'GHSA-wf5p-g6vw-rhxx affects axios 1.6.0 in wallet-backend (fixed in 1.6.3)',
      explanation:
        'package-lock.json of wallet-backend resolves axios 1.6.0, inside the affected range >=0.8.1 <1.6.3.',
      evidence: [{ kind: 'fact', name: 'fixed_version', value: '1.6.3' }],
    },
  },
];

export const demoVaults = {
  ETH: '0x0000000000000000000000000000000000c01d01',
  USDC: '0x0000000000000000000000000000000000c01d02',
};
