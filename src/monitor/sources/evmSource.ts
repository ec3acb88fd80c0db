import { createPublicClient, type Hex, http, type PublicClient, type RpcLog, webSocket } from 'viem';
import { abortableSleep } from '../../core/abortableSleep.js';
import { ArgusError } from '../../core/errors.js';
import type { TransferEvent } from '../../core/transferEvent.js';
import { ContractCodeCache } from './contractCodeCache.js';
import { extractTransfers, type FullBlock, nativeCandidates, TRANSFER_TOPIC } from './evmTransfers.js';
import type { RejectedRecord, SourceItem, TransferSource } from './source.js';
import { type TokenList, TokenMetadataCache } from './tokenMetadata.js';

/** What the source tells when the chain it follows was reorganised under it. */
export interface ReorgNotice {
  /** The last block that both the old and the new chain share; emission goes on from the one after it. */
  forkBlock: number;
  /** How many already emitted blocks were replaced. */
  depth: number;
  /** True when the fork lies below the kept block hashes, so forkBlock is only the oldest one kept. */
  beyondWindow: boolean;
}

export interface EvmSourceOptions {
  /** http(s):// or ws(s):// JSON-RPC endpoint. */
  rpcUrl: string;
  /** Label put on each event (TransferEvent.chain); default "ethereum". */
  chain?: string;
  /** A block is emitted once this many blocks are built on top of it (0: at once); default 0. */
  confirmations?: number;
  /** First block to emit; default: the newest block deep enough for `confirmations`. */
  startBlock?: number;
  /** Last block to emit; the iteration ends after it. Default: follow the chain forever. */
  endBlock?: number;
  /** How often to ask for a new head; default 2000 ms. */
  pollIntervalMs?: number;
  /** Symbols and decimals of known tokens, by address; others are asked of the contract once. */
  tokens?: TokenList;
  /** Mark recipients that hold code as toKind 'contract' (one eth_getCode per new address); default false. */
  detectContracts?: boolean;
  /**
   * Drop native transfers of transactions that reverted (one eth_getTransactionReceipt per value-bearing
   * transaction, batched); default true. Without it a failed payment looks like a transfer.
   */
  checkTxStatus?: boolean;
  /** Asset name of the chain's own coin; default "ETH". */
  nativeAsset?: string;
  /** How many emitted block hashes are kept to find a fork point; default 128. */
  reorgWindow?: number;
  /** RPC failures in a row before read() gives up; default 10. */
  maxConsecutiveFailures?: number;
  onReorg?: (notice: ReorgNotice) => void;
  name?: string;
}

type BlockStep = { kind: 'events'; events: TransferEvent[] } | { kind: 'reorg' } | { kind: 'unavailable' };

/**
 * Follows an EVM chain over JSON-RPC and emits its value transfers: native coin moved by a transaction
 * and ERC-20 Transfer logs. Blocks are emitted in order, each once it has `confirmations` blocks on top.
 * It remembers the hashes of recent blocks; when a new block's parent is not the block it emitted, the
 * chain was reorganised, so it walks back to the last block both chains share and emits again from
 * there. Events keep their keys (chain:txHash:logIndex), so the monitor drops the ones it saw before.
 */
export class EvmTransferSource implements TransferSource {
  readonly name: string;
  private readonly client: PublicClient;
  /** As given, for display and tests. */
  readonly options: EvmSourceOptions;
  private readonly confirmations: number;
  private readonly tokens: TokenMetadataCache;
  private readonly code: ContractCodeCache | undefined;
  private readonly emittedHashes = new Map<number, Hex>();
  private nextBlock: number | undefined;
  /** Whether the node ever answered: a node that never did is misconfigured, not briefly down. */
  private reached = false;

  constructor(options: EvmSourceOptions, client?: PublicClient) {
    this.options = options;
    this.confirmations = options.confirmations ?? 0;
    if (!Number.isInteger(this.confirmations) || this.confirmations < 0) {
      throw new RangeError(`confirmations must be a whole number >= 0, got ${options.confirmations}`);
    }
    this.client =
      client ??
      (createPublicClient({
        transport: /^wss?:/i.test(options.rpcUrl)
          ? webSocket(options.rpcUrl)
          : http(options.rpcUrl, { batch: { batchSize: 100 } }),
      }) as PublicClient);
    this.tokens = new TokenMetadataCache(this.client, options.tokens);
    this.code = options.detectContracts ? new ContractCodeCache(this.client) : undefined;
    this.nextBlock = options.startBlock;
    this.name = options.name ?? `evm:${options.chain ?? 'ethereum'}`;
  }

  /** The next block number to be emitted (known after the first poll): a checkpoint to restart from. */
  get position(): number | undefined {
    return this.nextBlock;
  }

  private get done(): boolean {
    return (
      this.options.endBlock !== undefined &&
      this.nextBlock !== undefined &&
      this.nextBlock > this.options.endBlock
    );
  }

  /** The newest block deep enough to emit. */
  private async safeHead(): Promise<number> {
    const head = Number(await this.client.getBlockNumber({ cacheTime: 0 }));
    this.reached = true;
    return head - this.confirmations;
  }

  /** Block n with its transactions, or undefined when the node has none (yet, or after a reorg). */
  private async getFullBlock(n: number): Promise<FullBlock | undefined> {
    try {
      return await this.client.getBlock({ blockNumber: BigInt(n), includeTransactions: true });
    } catch (err) {
      if ((err as Error).name === 'BlockNotFoundError') return undefined;
      throw err;
    }
  }

  private async getBlockHash(n: number): Promise<Hex | undefined> {
    try {
      return (await this.client.getBlock({ blockNumber: BigInt(n) })).hash ?? undefined;
    } catch (err) {
      if ((err as Error).name === 'BlockNotFoundError') return undefined;
      throw err;
    }
  }

  /** Walks back from `from` to the newest emitted block that is still on the chain. */
  private async findForkPoint(from: number): Promise<ReorgNotice> {
    const kept = [...this.emittedHashes.keys()];
    const oldest = Math.min(...kept);
    for (let n = from; n >= oldest; n--) {
      if ((await this.getBlockHash(n)) === this.emittedHashes.get(n)) {
        return { forkBlock: n, depth: from - n, beyondWindow: false };
      }
    }
    return { forkBlock: oldest - 1, depth: from - oldest + 1, beyondWindow: true };
  }

  private rewindTo(forkBlock: number): void {
    for (const n of [...this.emittedHashes.keys()]) if (n > forkBlock) this.emittedHashes.delete(n);
    this.nextBlock = forkBlock + 1;
  }

  /** The value-bearing transactions of the block that reverted (receipts before Byzantium have no status). */
  private async failedTransactions(block: FullBlock): Promise<Set<string>> {
    const candidates = nativeCandidates(block);
    const receipts = await Promise.all(
      candidates.map(
        (tx) =>
          this.client.request({ method: 'eth_getTransactionReceipt', params: [tx.hash] }) as Promise<{
            status?: Hex | null;
          } | null>,
      ),
    );
    const failed = new Set<string>();
    receipts.forEach((receipt, i) => {
      if (receipt?.status === '0x0') failed.add((candidates[i] as { hash: string }).hash.toLowerCase());
    });
    return failed;
  }

  /** Emits block n if it follows the emitted chain; on a reorg, rewinds instead. */
  private async stepBlock(n: number, onReject: (rejected: RejectedRecord) => void): Promise<BlockStep> {
    const block = await this.getFullBlock(n);
    if (!block?.hash) return { kind: 'unavailable' };
    const parent = this.emittedHashes.get(n - 1);
    if (parent !== undefined && block.parentHash !== parent) {
      const notice = await this.findForkPoint(n - 1);
      this.rewindTo(notice.forkBlock);
      this.options.onReorg?.(notice);
      return { kind: 'reorg' };
    }
    // Logs by block hash are the logs of exactly this block, even if the chain moves meanwhile.
    const [logs, failedTxs] = await Promise.all([
      this.client.request({
        method: 'eth_getLogs',
        params: [{ blockHash: block.hash, topics: [TRANSFER_TOPIC] }],
      }) as Promise<RpcLog[]>,
      this.options.checkTxStatus === false ? undefined : this.failedTransactions(block),
    ]);
    const { events, rejected } = await extractTransfers(block, logs, {
      chain: this.options.chain ?? 'ethereum',
      nativeAsset: this.options.nativeAsset ?? 'ETH',
      tokens: this.tokens,
      code: this.code,
      failedTxs,
    });
    for (const r of rejected) onReject({ source: this.name, ...r });
    this.emittedHashes.set(n, block.hash);
    this.emittedHashes.delete(n - (this.options.reorgWindow ?? 128));
    this.nextBlock = n + 1;
    return { kind: 'events', events };
  }

  /**
   * One round: every block that is deep enough now, in order (re-emitting after a reorg). The read loop
   * is this plus waiting; tests call it directly to step the chain and the source in turn.
   */
  async poll(onReject: (rejected: RejectedRecord) => void = () => {}): Promise<TransferEvent[]> {
    const out: TransferEvent[] = [];
    for await (const events of this.blocksReady(onReject)) out.push(...events);
    return out;
  }

  private async *blocksReady(onReject: (rejected: RejectedRecord) => void): AsyncGenerator<TransferEvent[]> {
    const safeHead = await this.safeHead();
    this.nextBlock ??= Math.max(0, safeHead);
    while (this.nextBlock <= safeHead && !this.done) {
      const step = await this.stepBlock(this.nextBlock, onReject);
      if (step.kind === 'unavailable') return;
      if (step.kind === 'events') yield step.events;
    }
  }

  async *read(signal: AbortSignal, onReject: (rejected: RejectedRecord) => void): AsyncGenerator<SourceItem> {
    const pollMs = this.options.pollIntervalMs ?? 2000;
    const maxFailures = this.options.maxConsecutiveFailures ?? 10;
    let failures = 0;
    while (!signal.aborted && !this.done) {
      try {
        for await (const events of this.blocksReady(onReject)) {
          failures = 0;
          for (const event of events) {
            if (signal.aborted) return;
            yield { event };
          }
        }
        failures = 0;
      } catch (err) {
        if (signal.aborted) return;
        failures++;
        if (failures >= maxFailures || !this.reached) {
          throw new ArgusError(
            'CONFIG_INVALID',
            `EVM node at ${this.options.rpcUrl} failed ${failures} time(s) in a row: ${(err as Error).message.split('\n')[0]}`,
            { hint: 'check that the node is running and that the URL is its JSON-RPC endpoint', cause: err },
          );
        }
        // Back off on a failing node: 1, 2, 4 ... poll intervals, at most 30 s.
        if (!(await abortableSleep(Math.min(pollMs * 2 ** (failures - 1), 30_000), signal))) return;
        continue;
      }
      if (this.done) return;
      if (!(await abortableSleep(pollMs, signal))) return;
    }
  }
}

export function evmSource(options: EvmSourceOptions, client?: PublicClient): EvmTransferSource {
  return new EvmTransferSource(options, client);
}
