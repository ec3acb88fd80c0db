import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TransferEvent } from '../../core/transferEvent.js';
import { EvmTransferSource } from './evmSource.js';
import { type JsonRpcStub, RpcStubError, startJsonRpcStub } from './jsonRpcStub.fixture.js';
import type { RejectedRecord } from './source.js';
import type { TokenList } from './tokenMetadata.js';

/*
 * Real mainnet data from ethereum-etl's test resources, served by a loopback JSON-RPC stub: blocks
 * 17173049-50 rebuilt from the ETL's exported blocks, transactions and logs, and blocks 1755634-5 as the
 * node's own recorded responses. What the source extracts is checked against what the ETL exported.
 */
const ETL = join(
  import.meta.dirname,
  '../../../../shared/data/ethereum-etl-samples/tests/resources/test_stream',
);
const RECENT = join(ETL, 'blocks_17173049_17173050');
const OLD = join(ETL, 'blocks_1755634_1755635');
const present = existsSync(RECENT) && existsSync(OLD);
if (!present) {
  console.warn(
    `[argus] skipping the EVM source test on ethereum-etl samples: ${ETL} is absent (it comes with ../shared/data)`,
  );
}

type Row = Record<string, unknown>;

/** JSON lines, with the integers that JSON numbers cannot hold exactly (wei values) kept as text. */
function readJsonLines(path: string): Row[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l.replace(/"(value|gas_price|max_fee_per_gas)": (\d+)/g, '"$1": "$2"')) as Row);
}

const hex = (n: unknown) => `0x${BigInt(n as string | number).toString(16)}`;

interface ChainData {
  head: number;
  blocks: Map<number, Row>;
  logs: Row[];
  receipts: Map<string, Row>;
}

/** JSON-RPC shapes rebuilt from the ETL export of blocks 17173049-50. */
function recentChain(): ChainData {
  const txs = readJsonLines(join(RECENT, 'expected_transactions.json'));
  const blocks = new Map<number, Row>();
  for (const b of readJsonLines(join(RECENT, 'expected_blocks.json'))) {
    const number = b.number as number;
    blocks.set(number, {
      number: hex(number),
      hash: b.hash,
      parentHash: b.parent_hash,
      timestamp: hex(b.timestamp),
      nonce: b.nonce,
      miner: b.miner,
      gasLimit: hex(b.gas_limit),
      gasUsed: hex(b.gas_used),
      baseFeePerGas: hex(b.base_fee_per_gas),
      uncles: [],
      transactions: txs
        .filter((t) => t.block_number === number)
        .sort((x, y) => (x.transaction_index as number) - (y.transaction_index as number))
        .map((t) => ({
          hash: t.hash,
          nonce: hex(t.nonce),
          blockHash: t.block_hash,
          blockNumber: hex(number),
          transactionIndex: hex(t.transaction_index),
          from: t.from_address,
          to: t.to_address,
          value: hex(t.value),
          gas: hex(t.gas),
          gasPrice: hex(t.gas_price),
          input: t.input,
          type: hex(t.transaction_type),
        })),
    });
  }
  const logs = readJsonLines(join(RECENT, 'expected_logs.json')).map((l) => ({
    address: l.address,
    topics: l.topics,
    data: l.data,
    blockNumber: hex(l.block_number),
    blockHash: l.block_hash,
    transactionHash: l.transaction_hash,
    transactionIndex: hex(l.transaction_index),
    logIndex: hex(l.log_index),
    removed: false,
  }));
  const receipts = new Map(
    txs.map((t) => [t.hash as string, { transactionHash: t.hash, status: hex(t.receipt_status) } as Row]),
  );
  return { head: 17173050, blocks, logs, receipts };
}

/** The node's own responses for blocks 1755634-5 (2016, before receipts had a status). */
function oldChain(): ChainData {
  const result = (file: string) =>
    (JSON.parse(readFileSync(join(OLD, file), 'utf8')) as { result: Row }).result;
  const blocks = new Map<number, Row>();
  for (const n of [0x1ac9f2, 0x1ac9f3]) {
    blocks.set(n, result(`web3_response.eth_getBlockByNumber_0x${n.toString(16)}_true.json`));
  }
  const receipts = new Map<string, Row>();
  const logs: Row[] = [];
  for (const tx of (blocks.get(0x1ac9f3) as { transactions: Row[] }).transactions) {
    const receipt = result(`web3_response.eth_getTransactionReceipt_${tx.hash}.json`);
    receipts.set(tx.hash as string, receipt);
    logs.push(...(receipt.logs as Row[]));
  }
  return { head: 0x1ac9f3, blocks, logs, receipts };
}

/** A node that knows only these blocks, and whose token contracts answer no calls. */
function serve(data: ChainData): Promise<JsonRpcStub> {
  return startJsonRpcStub((method, params) => {
    switch (method) {
      case 'eth_blockNumber':
        return hex(data.head);
      case 'eth_getBlockByNumber': {
        const block = data.blocks.get(Number(params[0]));
        if (!block) return null;
        return params[1]
          ? block
          : { ...block, transactions: (block.transactions as Row[]).map((t) => t.hash) };
      }
      case 'eth_getLogs': {
        const filter = params[0] as { blockHash: string; topics: string[] };
        return data.logs.filter(
          (l) => l.blockHash === filter.blockHash && (l.topics as string[])[0] === filter.topics[0],
        );
      }
      case 'eth_getTransactionReceipt':
        return data.receipts.get(params[0] as string) ?? null;
      case 'eth_call':
        throw new RpcStubError(-32000, 'execution reverted');
      default:
        throw new RpcStubError(-32601, `method ${method} is not served by this stub`);
    }
  });
}

async function readAll(
  source: EvmTransferSource,
): Promise<{ events: TransferEvent[]; rejected: RejectedRecord[] }> {
  const events: TransferEvent[] = [];
  const rejected: RejectedRecord[] = [];
  for await (const item of source.read(new AbortController().signal, (r) => rejected.push(r)))
    events.push(item.event);
  return { events, rejected };
}

/** Equal up to float rounding of the decimal conversion. */
function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

const WETH = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2';
const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
const USDT = '0xdac17f958d2ee523a2206206994597c13d831ec7';
const TOKENS: TokenList = {
  [WETH]: { symbol: 'WETH', decimals: 18 },
  [USDC]: { symbol: 'USDC', decimals: 6 },
  [USDT]: { symbol: 'USDT', decimals: 6 },
};

describe.skipIf(!present)('EvmTransferSource on real mainnet blocks (ethereum-etl samples)', () => {
  let stub: JsonRpcStub | undefined;
  afterEach(async () => {
    await stub?.close();
    stub = undefined;
  });

  it('blocks 17173049-50: the ERC-20 transfers the ETL exported, and the successful ETH payments', async () => {
    const data = recentChain();
    stub = await serve(data);
    const { events, rejected } = await readAll(
      new EvmTransferSource({ rpcUrl: stub.url, startBlock: 17173049, endBlock: 17173050, tokens: TOKENS }),
    );
    expect(rejected).toEqual([]);

    // ERC-20 only: the ETL also exports ERC-721 transfers (Transfer with four topics), which move no amount.
    const logTopics = new Map(
      readJsonLines(join(RECENT, 'expected_logs.json')).map((l) => [
        `${l.transaction_hash}:${l.log_index}`,
        (l.topics as string[]).length,
      ]),
    );
    const exported = readJsonLines(join(RECENT, 'expected_token_transfers.json')).filter(
      (t) => logTopics.get(`${t.transaction_hash}:${t.log_index}`) === 3,
    );
    const tokenEvents = events.filter((e) => (e.logIndex ?? -1) >= 0);
    expect(exported.length).toBeGreaterThan(250);
    expect(tokenEvents.length).toBe(exported.length);

    const byKey = new Map(tokenEvents.map((e) => [`${e.txHash}:${e.logIndex}`, e]));
    const mismatches: string[] = [];
    for (const t of exported) {
      const e = byKey.get(`${t.transaction_hash}:${t.log_index}`);
      const token = t.token_address as string;
      const decimals = TOKENS[token]?.decimals ?? 18;
      const amount = Number(BigInt(t.value as string)) / 10 ** decimals;
      const asset = TOKENS[token]?.symbol ?? token.toLowerCase();
      if (
        !e ||
        e.from !== t.from_address ||
        e.to !== t.to_address ||
        e.asset !== asset ||
        e.blockNumber !== t.block_number ||
        e.time !== (t.block_timestamp as number) * 1000 ||
        !close(e.amount, amount)
      ) {
        mismatches.push(`${t.transaction_hash}:${t.log_index} ${JSON.stringify(e)}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(new Set(tokenEvents.map((e) => e.asset))).toContain('USDC');

    const payments = readJsonLines(join(RECENT, 'expected_transactions.json')).filter(
      (t) => BigInt(t.value as string) > 0n && t.to_address && t.receipt_status === 1,
    );
    const nativeEvents = events.filter((e) => e.logIndex === -1);
    expect(nativeEvents.map((e) => e.txHash).sort()).toEqual(payments.map((t) => t.hash).sort());
    const paid = new Map(payments.map((t) => [t.hash as string, Number(BigInt(t.value as string)) / 1e18]));
    expect(nativeEvents.filter((e) => !close(e.amount, paid.get(e.txHash as string) as number))).toEqual([]);
    expect(nativeEvents.every((e) => e.asset === 'ETH' && e.key === `ethereum:${e.txHash}:-1`)).toBe(true);

    // In block order: by block, then by transaction, a transaction's own ETH before its logs.
    const txIndex = new Map(
      readJsonLines(join(RECENT, 'expected_transactions.json')).map((t) => [
        t.hash,
        t.transaction_index as number,
      ]),
    );
    // One number per event that must grow: block, then transaction, then log index (-1 for the ETH).
    const rank = events.map(
      (e) =>
        (e.blockNumber as number) * 1e7 + (txIndex.get(e.txHash) as number) * 1e4 + (e.logIndex as number),
    );
    expect(rank.filter((r, i) => i > 0 && (rank[i - 1] as number) >= r)).toEqual([]);
    // Each token's metadata was asked for once (two calls), not once per transfer.
    const tokenCount = new Set(exported.map((t) => t.token_address).filter((a) => !((a as string) in TOKENS)))
      .size;
    expect(stub.calls.get('eth_call')).toBe(2 * tokenCount);
  });

  it('blocks 1755634-5 as the node answered them in 2016: one ETH payment and one token transfer', async () => {
    stub = await serve(oldChain());
    const { events, rejected } = await readAll(
      new EvmTransferSource({ rpcUrl: stub.url, startBlock: 0x1ac9f2, endBlock: 0x1ac9f3 }),
    );
    expect(rejected).toEqual([]);
    const transfer = readJsonLines(join(OLD, 'expected_token_transfers.json'))[0] as Row;
    const payment = readJsonLines(join(OLD, 'expected_transactions.json')).find(
      (t) => t.value !== '0',
    ) as Row;
    expect(events).toEqual([
      expect.objectContaining({
        txHash: transfer.transaction_hash,
        logIndex: 0,
        from: transfer.from_address,
        to: transfer.to_address,
        amount: 5,
        asset: (transfer.token_address as string).toLowerCase(),
        time: (transfer.block_timestamp as number) * 1000,
      }),
      expect.objectContaining({
        txHash: payment.hash,
        logIndex: -1,
        from: payment.from_address,
        to: payment.to_address,
        amount: 0.405738107,
        asset: 'ETH',
      }),
    ]);
  });
});
