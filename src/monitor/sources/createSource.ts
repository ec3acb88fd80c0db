import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type IssueAtPath, ValidationError } from '../../core/errors.js';
import { describeZodIssues } from '../../core/zodIssues.js';
import { EvmTransferSource, type ReorgNotice } from './evmSource.js';
import { FileTransferSource } from './fileSource.js';
import { NatsTransferSource } from './natsSource.js';
import type { ReplayClock } from './replayPacer.js';
import type { TransferSource } from './source.js';
import type { TokenList } from './tokenMetadata.js';

/** What a spec string cannot carry. */
export interface CreateSourceOptions {
  /** Relative file paths are taken from here; default the current directory. */
  baseDir?: string;
  /** EVM: symbols and decimals of known tokens, by address. */
  tokens?: TokenList;
  /** EVM: told when the chain was reorganised. */
  onReorg?: (notice: ReorgNotice) => void;
  /** File: the clock for paced replay (tests). */
  clock?: ReplayClock;
}

const SPEC_FORMS =
  'file:<path>[?format=jsonl|csv&speed=max|recorded|<factor>&maxGapMs=<ms>], a plain path, ' +
  'evm:http(s)://<node>[?confirmations=<n>&chain=<name>&startBlock=<n>&...], or ' +
  'nats://<host>:<port>?stream=<name>&subject=<subject>[&durable=<name>]';

const count = z.coerce.number().int().nonnegative();
const positiveMs = z.coerce.number().int().positive();
const speed = z
  .string()
  .regex(/^(max|recorded|\d+(\.\d+)?|\.\d+)$/, 'expected max, recorded or a positive factor such as 2 or 0.5')
  .transform((s) => (s === 'max' || s === 'recorded' ? s : Number(s)))
  .refine((s) => typeof s === 'string' || s > 0, 'a speed factor must be above 0');

const FileParams = z.strictObject({
  format: z.enum(['jsonl', 'csv']).optional(),
  speed: speed.optional(),
  maxGapMs: positiveMs.optional(),
  name: z.string().min(1).optional(),
});

const EvmParams = z.strictObject({
  chain: z.string().min(1).max(64).optional(),
  confirmations: count.optional(),
  startBlock: count.optional(),
  endBlock: count.optional(),
  pollIntervalMs: positiveMs.optional(),
  detectContracts: z.stringbool().optional(),
  checkTxStatus: z.stringbool().optional(),
  nativeAsset: z.string().min(1).max(32).optional(),
  reorgWindow: z.coerce.number().int().min(1).optional(),
  maxConsecutiveFailures: z.coerce.number().int().min(1).optional(),
  name: z.string().min(1).optional(),
});

const NatsParams = z.strictObject({
  stream: z.string().regex(/^[^\s.*>/\\]+$/, 'a stream name has no spaces, dots, slashes, * or >'),
  subject: z.string().min(1),
  durable: z
    .string()
    .regex(/^[^\s.*>/\\]+$/, 'a durable name has no spaces, dots, slashes, * or >')
    .optional(),
  deliver: z.enum(['all', 'new']).optional(),
  ackWaitMs: positiveMs.optional(),
  maxAckPending: z.coerce.number().int().min(1).optional(),
  batch: z.coerce.number().int().min(1).optional(),
  name: z.string().min(1).optional(),
});

function invalid(spec: string, issues: IssueAtPath[]): ValidationError {
  return new ValidationError(
    'INPUT_INVALID',
    `transfer source "${spec}"`,
    issues,
    `write it as ${SPEC_FORMS}`,
  );
}

function parseParams<T extends z.ZodType>(spec: string, schema: T, query: URLSearchParams): z.output<T> {
  const raw = Object.fromEntries(query.entries());
  const empty = Object.keys(raw).filter((k) => raw[k] === '');
  if (empty.length > 0)
    throw invalid(
      spec,
      empty.map((k) => ({ path: k, message: 'has no value' })),
    );
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalid(spec, describeZodIssues(parsed.error, raw));
  return parsed.data;
}

function splitQuery(text: string): [string, URLSearchParams] {
  const q = text.indexOf('?');
  return q < 0 ? [text, new URLSearchParams()] : [text.slice(0, q), new URLSearchParams(text.slice(q + 1))];
}

function fileSourceFrom(spec: string, rest: string, options: CreateSourceOptions): FileTransferSource {
  const [pathPart, query] = splitQuery(rest);
  const params = parseParams(spec, FileParams, query);
  let path = pathPart;
  if (path.startsWith('//')) path = fileURLToPath(`file:${path}`);
  if (path === '') throw invalid(spec, [{ path: 'path', message: 'no file named' }]);
  if (path !== '-' && !isAbsolute(path)) path = resolve(options.baseDir ?? process.cwd(), path);
  return new FileTransferSource({ path, ...params, ...(options.clock ? { clock: options.clock } : {}) });
}

function evmSourceFrom(spec: string, rest: string, options: CreateSourceOptions): EvmTransferSource {
  let url: URL;
  try {
    url = new URL(rest);
  } catch {
    throw invalid(spec, [{ path: 'url', message: `"${rest}" is not a URL` }]);
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
    throw invalid(spec, [
      { path: 'url', message: `expected an http(s) or ws(s) JSON-RPC URL, got ${url.protocol}` },
    ]);
  }
  const params = parseParams(spec, EvmParams, url.searchParams);
  if (
    params.startBlock !== undefined &&
    params.endBlock !== undefined &&
    params.endBlock < params.startBlock
  ) {
    throw invalid(spec, [{ path: 'endBlock', message: `is before startBlock ${params.startBlock}` }]);
  }
  url.search = '';
  return new EvmTransferSource({
    rpcUrl: url.toString(),
    ...params,
    ...(options.tokens ? { tokens: options.tokens } : {}),
    ...(options.onReorg ? { onReorg: options.onReorg } : {}),
  });
}

function natsSourceFrom(spec: string): NatsTransferSource {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw invalid(spec, [{ path: 'url', message: 'is not a nats://host:port URL' }]);
  }
  const params = parseParams(spec, NatsParams, url.searchParams);
  url.search = '';
  return new NatsTransferSource({ servers: url.toString().replace(/\/$/, ''), ...params });
}

/**
 * A transfer source from a spec string as a user types it after `argus monitor --source`:
 *   transfers.jsonl, file:x.csv.gz?speed=recorded, -            replay a file (or stdin)
 *   evm:http://127.0.0.1:8545?confirmations=2&chain=ethereum    follow an EVM node
 *   nats://127.0.0.1:4222?stream=TRANSFERS&subject=transfers.>&durable=argus   consume JetStream
 * Parameters are those of the source's options (FileSourceOptions, EvmSourceOptions,
 * NatsSourceOptions); an unknown or malformed one is a ValidationError naming it.
 */
export function createSource(spec: string, options: CreateSourceOptions = {}): TransferSource {
  const text = spec.trim();
  if (text === '') throw invalid(spec, [{ path: '', message: 'the source is empty' }]);
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(text)?.[1]?.toLowerCase();
  switch (scheme) {
    case undefined:
      return fileSourceFrom(spec, text, options);
    case 'file':
      return fileSourceFrom(spec, text.slice('file:'.length), options);
    case 'evm':
      return evmSourceFrom(spec, text.slice('evm:'.length), options);
    case 'nats':
    case 'tls':
      return natsSourceFrom(text);
    default:
      throw invalid(spec, [{ path: 'kind', message: `unknown source kind "${scheme}:"` }]);
  }
}
