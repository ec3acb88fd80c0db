import { readFileSync } from 'node:fs';
import {
  type Abi,
  type Address,
  createTestClient,
  createWalletClient,
  type Hex,
  http,
  parseEther,
  parseUnits,
  publicActions,
} from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferEvent } from '../../core/transferEvent.js';
import { type AnvilNode, anvilBinary, startAnvil } from './anvilNode.fixture.js';
import { EvmTransferSource, type ReorgNotice } from './evmSource.js';
import type { RejectedRecord } from './source.js';

interface Compiled {
  abi: Abi;
  bytecode: Hex;
}
const artifacts = JSON.parse(readFileSync(new URL('./fixtures/MiniToken.json', import.meta.url), 'utf8')) as {
  contracts: Record<'MiniToken' | 'BareToken' | 'NftLike', Compiled>;
};

// anvil's first three well-known dev accounts, unlocked on the node.
const ALICE: Address = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
const BOB: Address = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';
const CAROL: Address = '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc';

const binary = anvilBinary();
const describeAnvil = typeof binary === 'string' || process.env.CI ? describe : describe.skip;
if (typeof binary !== 'string' && !process.env.CI) {
  console.warn(`[argus] skipping the EVM source tests against anvil: ${binary.missing}`);
}

describeAnvil('EvmTransferSource against a local anvil node', () => {
  let node: AnvilNode;
  let chain: ReturnType<typeof makeClient>;

  function makeClient(url: string) {
    return createTestClient({ mode: 'anvil', chain: foundry, transport: http(url) }).extend(publicActions);
  }

  function wallet(account: Address) {
    return createWalletClient({ account, chain: foundry, transport: http(node.url) });
  }

  /** viem caches the block number for its polling interval; tests mine faster than that. */
  async function headNumber(): Promise<number> {
    return Number(await chain.getBlockNumber({ cacheTime: 0 }));
  }

  async function mine(blocks = 1): Promise<void> {
    await chain.mine({ blocks });
  }

  /** Deploys a fixture contract in a block of its own and returns its address. */
  async function deploy(name: keyof typeof artifacts.contracts, args: unknown[]): Promise<Address> {
    const { abi, bytecode } = artifacts.contracts[name];
    const hash = await wallet(ALICE).deployContract({ abi, bytecode, args } as never);
    await mine();
    const receipt = await chain.getTransactionReceipt({ hash });
    return receipt.contractAddress as Address;
  }

  async function sendToken(token: Address, from: Address, to: Address, amount: bigint): Promise<Hex> {
    return wallet(from).writeContract({
      address: token,
      abi: artifacts.contracts.MiniToken.abi,
      functionName: 'transfer',
      args: [to, amount],
    } as never);
  }

  beforeAll(async () => {
    node = await startAnvil();
    chain = makeClient(node.url);
  });

  afterAll(async () => {
    await node?.stop();
  });

  it('emits native and ERC-20 transfers in block order with token decimals, fallbacks and contract recipients', async () => {
    const usd = await deploy('MiniToken', ['USDX', 6, parseUnits('1000000', 6)]);
    const gold = await deploy('MiniToken', ['GLD', 2, 100_000n]);
    const bare = await deploy('BareToken', [10n ** 24n]);
    const nft = await deploy('NftLike', []);
    const head = await headNumber();
    const source = new EvmTransferSource({
      rpcUrl: node.url,
      chain: 'anvil',
      startBlock: head + 1,
      detectContracts: true,
      tokens: { [gold.toUpperCase().replace('0X', '0x')]: { symbol: 'GOLD', decimals: 2 } },
    });

    const ethTx = await wallet(ALICE).sendTransaction({ to: BOB, value: parseEther('1.5') });
    const usdTx = await sendToken(usd, ALICE, CAROL, parseUnits('250.5', 6));
    const goldTx = await sendToken(gold, ALICE, usd, 1234n);
    const bareTx = await sendToken(bare, ALICE, BOB, parseEther('3'));
    await wallet(ALICE).writeContract({
      address: nft,
      abi: artifacts.contracts.NftLike.abi,
      functionName: 'mint',
      args: [BOB, 7n],
    } as never);
    await wallet(BOB).sendTransaction({ to: CAROL, value: 0n });
    // ETH sent to a contract that cannot take it: the transaction reverts, so no value moved.
    const reverted = await wallet(BOB).sendTransaction({ to: gold, value: parseEther('1'), gas: 100_000n });
    await mine();
    expect((await chain.getTransactionReceipt({ hash: reverted })).status).toBe('reverted');
    const block = await chain.getBlock({ blockNumber: BigInt(head + 1) });

    const rejected: RejectedRecord[] = [];
    const events = await source.poll((r) => rejected.push(r));

    expect(rejected).toEqual([]);
    const time = Number(block.timestamp) * 1000;
    const common = { chain: 'anvil', blockNumber: head + 1, time, from: ALICE };
    expect(events).toEqual([
      {
        ...common,
        key: `anvil:${ethTx}:-1`,
        txHash: ethTx,
        logIndex: -1,
        to: BOB,
        asset: 'ETH',
        amount: 1.5,
      },
      {
        ...common,
        key: `anvil:${usdTx}:0`,
        txHash: usdTx,
        logIndex: 0,
        to: CAROL,
        asset: 'USDX',
        amount: 250.5,
      },
      {
        ...common,
        key: `anvil:${goldTx}:1`,
        txHash: goldTx,
        logIndex: 1,
        to: usd.toLowerCase(),
        toKind: 'contract',
        asset: 'GOLD',
        amount: 12.34,
      },
      {
        ...common,
        key: `anvil:${bareTx}:2`,
        txHash: bareTx,
        logIndex: 2,
        to: BOB,
        asset: bare.toLowerCase(),
        amount: 3,
      },
    ]);
    expect(source.position).toBe(head + 2);
    expect(await source.poll()).toEqual([]);
  });

  it('emits a block only once it has `confirmations` blocks on top of it', async () => {
    const head = await headNumber();
    const source = new EvmTransferSource({ rpcUrl: node.url, confirmations: 2, startBlock: head + 1 });
    const tx = await wallet(BOB).sendTransaction({ to: CAROL, value: parseEther('0.25') });
    await mine();
    expect(await source.poll()).toEqual([]);
    await mine();
    expect(await source.poll()).toEqual([]);
    await mine();
    const events = await source.poll();
    expect(events.map((e) => [e.txHash, e.blockNumber, e.amount])).toEqual([[tx, head + 1, 0.25]]);
  });

  it('starts at the newest block deep enough when no start block is given', async () => {
    await mine(3);
    const head = await headNumber();
    const source = new EvmTransferSource({ rpcUrl: node.url, confirmations: 1 });
    await source.poll();
    // Nothing new was mined: it read block head-1 only, and waits for head to be confirmed.
    expect(source.position).toBe(head);
  });

  it('re-emits from the fork point after a reorg (snapshot, revert, a different block)', async () => {
    // The source starts at an empty block it will still hold the hash of when the fork comes.
    await mine();
    const snapshot = await chain.snapshot();
    const head = await headNumber();
    const notices: ReorgNotice[] = [];
    const source = new EvmTransferSource({
      rpcUrl: node.url,
      startBlock: head,
      onReorg: (n) => notices.push(n),
    });

    const orphaned = await wallet(ALICE).sendTransaction({ to: BOB, value: parseEther('2') });
    await mine();
    const keep = await wallet(ALICE).sendTransaction({ to: BOB, value: parseEther('0.5') });
    await mine();
    const before = await source.poll();
    expect(before.map((e) => e.txHash)).toEqual([orphaned, keep]);

    // The other chain: from the same parent, a block with a different transfer, then one more block
    // so that the new chain is longer and the source sees a block whose parent it never emitted.
    await chain.revert({ id: snapshot });
    const replacement = await wallet(CAROL).sendTransaction({ to: BOB, value: parseEther('7') });
    await mine(3);

    const after: TransferEvent[] = await source.poll();
    expect(notices).toEqual([{ forkBlock: head, depth: 2, beyondWindow: false }]);
    expect(after.map((e) => [e.txHash, e.blockNumber, e.amount])).toEqual([[replacement, head + 1, 7]]);
    expect(source.position).toBe(head + 4);
  });

  it('read() follows new blocks until aborted, and ends by itself at endBlock', async () => {
    const head = await headNumber();
    const follower = new EvmTransferSource({ rpcUrl: node.url, startBlock: head + 1, pollIntervalMs: 20 });
    const controller = new AbortController();
    const seen: TransferEvent[] = [];
    const reading = (async () => {
      for await (const item of follower.read(controller.signal, () => {})) {
        seen.push(item.event);
        if (seen.length === 2) controller.abort();
      }
    })();
    const first = await wallet(ALICE).sendTransaction({ to: CAROL, value: 1n });
    await mine();
    const second = await wallet(ALICE).sendTransaction({ to: CAROL, value: 2n });
    await mine();
    await reading;
    expect(seen.map((e) => e.txHash)).toEqual([first, second]);

    const bounded = new EvmTransferSource({ rpcUrl: node.url, startBlock: head + 1, endBlock: head + 1 });
    const items = [];
    for await (const item of bounded.read(new AbortController().signal, () => {}))
      items.push(item.event.txHash);
    expect(items).toEqual([first]);
  });

  it('fails with a clear error when the node cannot be reached', async () => {
    const source = new EvmTransferSource({ rpcUrl: 'http://127.0.0.1:9/', pollIntervalMs: 10 });
    const iterate = async () => {
      for await (const _ of source.read(new AbortController().signal, () => {})) {
        // nothing arrives
      }
    };
    await expect(iterate()).rejects.toThrow(/EVM node at http:\/\/127\.0\.0\.1:9\/ failed/);
  });
});
