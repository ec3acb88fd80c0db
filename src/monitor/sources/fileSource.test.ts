import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ArgusError, ValidationError } from '../../core/errors.js';
import type { TransferEvent } from '../../core/transferEvent.js';
import { type FileSourceOptions, FileTransferSource } from './fileSource.js';
import { MAX_LINE_CHARS } from './readLines.js';
import type { ReplayClock } from './replayPacer.js';
import type { RejectedRecord } from './source.js';

const JSONL = new URL('./fixtures/transfers.jsonl', import.meta.url).pathname;
const CSV = new URL('./fixtures/transfers.csv', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'argus-file-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(
  options: FileSourceOptions,
  signal = new AbortController().signal,
): Promise<{ events: TransferEvent[]; rejected: RejectedRecord[] }> {
  const events: TransferEvent[] = [];
  const rejected: RejectedRecord[] = [];
  for await (const item of new FileTransferSource(options).read(signal, (r) => rejected.push(r))) {
    events.push(item.event);
  }
  return { events, rejected };
}

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A clock that only moves when the pacer sleeps, recording each sleep. */
function fakeClock(): ReplayClock & { sleeps: number[] } {
  let now = 1_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
      return true;
    },
  };
}

describe('FileTransferSource', () => {
  it('replays JSONL: valid lines become events, bad ones are reported by line and skipped', async () => {
    const { events, rejected } = await readAll({ path: JSONL });
    expect(events.map((e) => e.key)).toEqual(['ethereum:0x01:-1', 'ethereum:0x02:3', 'custom-key']);
    expect(events[1]).toMatchObject({
      asset: 'USDC',
      amount: 250,
      valueUsd: 250,
      toKind: 'contract',
      logIndex: 3,
    });
    expect(events[2]).toMatchObject({
      chain: 'ethereum',
      asset: 'ETH',
      fromJurisdiction: 'DE',
      userId: 'u-7',
    });
    expect(rejected.map((r) => r.position)).toEqual(['line 4', 'line 5']);
    expect(rejected[0]?.reason).toMatch(/^amount: /);
    expect(rejected[1]?.reason).toMatch(/^not JSON: /);
    expect(rejected[0]?.source).toBe('file:transfers.jsonl');
  });

  it('replays CSV: numbers parsed, empty cells absent, ISO times accepted, bad rows reported', async () => {
    const { events, rejected } = await readAll({ path: CSV });
    expect(events.map((e) => e.txHash)).toEqual(['0x01', '0x02', '0x05', '0x07']);
    expect(events[0]).toEqual({
      key: 'ethereum:0x01:-1',
      chain: 'ethereum',
      txHash: '0x01',
      logIndex: -1,
      time: 1_700_000_000_000,
      from: '0xa1',
      to: '0xb1',
      asset: 'ETH',
      amount: 1.5,
    });
    expect(events[1]).toMatchObject({ time: 1_700_000_001_000, valueUsd: 250, toKind: 'contract' });
    expect(events[2]?.to).toBe('0x"b3');
    expect(rejected.map((r) => `${r.position}: ${r.reason}`)).toEqual([
      'line 4: amount: Invalid input: expected number, received string',
      'line 5: expected 9 cells as in the header, got 4',
      'line 7: unexpected text after the closing quote of cell 4',
    ]);
  });

  it('reads gzipped files and CRLF, blank and unterminated last lines', async () => {
    const gz = write('t.jsonl.gz', gzipSync(readFileSync(JSONL)));
    expect((await readAll({ path: gz })).events.map((e) => e.key)).toEqual([
      'ethereum:0x01:-1',
      'ethereum:0x02:3',
      'custom-key',
    ]);
    const csvGz = write('t.csv.gz', gzipSync(readFileSync(CSV)));
    expect((await readAll({ path: csvGz })).events).toHaveLength(4);

    const crlf = write(
      'crlf.jsonl',
      '{"time":1,"from":"a","to":"b","amount":1}\r\n\r\n   \n{"time":2,"from":"a","to":"b","amount":2}',
    );
    const { events, rejected } = await readAll({ path: crlf });
    expect(events.map((e) => e.amount)).toEqual([1, 2]);
    expect(rejected).toEqual([]);
  });

  it('reports a line too long to buffer and goes on with the next', async () => {
    const path = write(
      'long.jsonl',
      `{"pad":"${'x'.repeat(MAX_LINE_CHARS + 10)}"}\n{"time":5,"from":"a","to":"b","amount":3}\n`,
    );
    const { events, rejected } = await readAll({ path });
    expect(rejected).toEqual([
      { source: 'file:long.jsonl', position: 'line 1', reason: 'line is longer than 1 MiB' },
    ]);
    expect(events.map((e) => e.amount)).toEqual([3]);
  });

  it('keeps line numbers right across read chunks and multi-byte characters', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) =>
      i % 7_919 === 5 ? 'broken' : JSON.stringify({ time: i, from: 'ä€😀', to: 'b', amount: i }),
    );
    const path = write('many.jsonl', `${lines.join('\n')}\n`);
    const { events, rejected } = await readAll({ path });
    expect(rejected.map((r) => r.position)).toEqual(['line 6', 'line 7925', 'line 15844', 'line 23763']);
    expect(events).toHaveLength(30_000 - 4);
    expect(events.every((e) => e.from === 'ä€😀')).toBe(true);
    expect(events.at(-1)?.time).toBe(29_999);
  });

  it('paces a recorded replay by the event times, scaled by the factor and capped by maxGapMs', async () => {
    const path = write(
      'paced.jsonl',
      [0, 1000, 1000, 4000, 3500, 10_000, 100_000]
        .map((t) => JSON.stringify({ time: 1_700_000_000_000 + t, from: 'a', to: 'b', amount: 1 }))
        .join('\n'),
    );
    const recorded = fakeClock();
    await readAll({ path, speed: 'recorded', clock: recorded });
    // Out-of-order 3500 plays at once; the rest follow their gaps.
    expect(recorded.sleeps).toEqual([1000, 3000, 6000, 90_000]);

    const doubled = fakeClock();
    await readAll({ path, speed: 2, maxGapMs: 10_000, clock: doubled });
    expect(doubled.sleeps).toEqual([500, 1500, 3000, 10_000]);

    const max = fakeClock();
    await readAll({ path, speed: 'max', clock: max });
    expect(max.sleeps).toEqual([]);
  });

  it('stops at once when aborted during a long wait', async () => {
    const path = write(
      'slow.jsonl',
      [0, 3_600_000].map((t) => JSON.stringify({ time: t, from: 'a', to: 'b', amount: 1 })).join('\n'),
    );
    const controller = new AbortController();
    const seen: number[] = [];
    for await (const item of new FileTransferSource({ path, speed: 'recorded' }).read(
      controller.signal,
      () => {},
    )) {
      seen.push(item.event.time);
      setTimeout(() => controller.abort(), 10);
    }
    // Had the abort not cut the hour-long wait, the test would time out.
    expect(seen).toEqual([0]);
  });

  it('fails clearly on a missing file, an unknown extension, a bad speed or a CSV without the needed columns', async () => {
    await expect(readAll({ path: join(dir, 'nope.jsonl') })).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof ArgusError && e.code === 'NOT_FOUND' && /nope\.jsonl was not found/.test(e.message),
    );
    expect(() => new FileTransferSource({ path: 'x.txt' })).toThrow(ValidationError);
    expect(new FileTransferSource({ path: 'x.txt', format: 'csv' }).name).toBe('file:x.txt');
    expect(() => new FileTransferSource({ path: JSONL, speed: 0 })).toThrow(/positive/);
    const headless = write('headless.csv', 'a,b,time\n1,2,3\n');
    await expect(readAll({ path: headless })).rejects.toThrow(/from: required column is missing/);
  });
});
