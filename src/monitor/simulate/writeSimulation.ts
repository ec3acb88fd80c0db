import { type FileHandle, open, writeFile } from 'node:fs/promises';
import { ArgusError } from '../../core/errors.js';
import type { TransferEvent } from '../../core/transferEvent.js';
import { simulationRandom } from '../../ml/simulationRandom.js';
import { mix32 } from '../hash32.js';
import type { GroundTruth } from './groundTruth.js';
import { MALFORMED_KINDS, malformedLine } from './malformedLine.js';
import { MinHeap } from './minHeap.js';
import type { SimulationOptions } from './options.js';
import { serializeTransfer } from './serializeTransfer.js';
import { createSimulation } from './simulateTransfers.js';
import { TYPOLOGY_NAMES, type TypologyName } from './typologyNames.js';

export interface WriteSimulationOptions extends SimulationOptions {
  /** JSON Lines file to write the stream to; "-" writes to stdout. */
  out: string;
  /** Where to write the ground truth (JSON); omitted: not written. */
  truth?: string;
  /** Share of records preceded by an extra broken line (0.001 = one in a thousand). */
  malformed?: number;
  /** Share of records written a second time, with the same key, a little later (a redelivery). */
  duplicates?: number;
  /** Records arrive up to this many ms after their event time, so the file is out of order by up to it. */
  jitterMs?: number;
  /** Called every few tens of thousands of records: share of simulated time written, records so far. */
  onProgress?: (progress: { fraction: number; events: number }) => void;
}

export interface SimulationSummary {
  out: string;
  truth?: string;
  /** Distinct transfers written (duplicates and broken lines not counted). */
  events: number;
  /** Every line in the file. */
  lines: number;
  duplicates: number;
  malformedLines: number;
  jitterMs: number;
  bytes: number;
  accounts: number;
  streamStart: number;
  streamEnd: number;
  firstEventTime?: number;
  lastEventTime?: number;
  /** Transfers by "fromKind->toKind", e.g. deposits are "external->customer". */
  flows: Record<string, number>;
  incidents: Record<TypologyName, number>;
  /** Set when stdout's reader went away before the end; the counts cover what was generated. */
  outputClosed?: boolean;
}

// A redelivered record turns up this long after the original at most (plus the jitter).
const REDELIVERY_MS = 10 * 60_000;
const FLUSH_BYTES = 1 << 20;
const PROGRESS_EVERY = 1 << 16;

interface Sink {
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  /** The reader went away (a pipe into `head`); writing more would be pointless. */
  readonly closed: boolean;
}

function stdoutSink(): Sink {
  let closed = false;
  // EPIPE arrives as an 'error' event too; without a listener it would crash the process.
  const onError = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') closed = true;
  };
  process.stdout.on('error', onError);
  return {
    get closed() {
      return closed;
    },
    write: (bytes) =>
      new Promise((resolve, reject) => {
        if (closed) return resolve();
        process.stdout.write(bytes, (error) => {
          if (!error) resolve();
          else if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
            closed = true;
            resolve();
          } else reject(error);
        });
      }),
    close: async () => {
      process.stdout.off('error', onError);
    },
  };
}

async function openSink(path: string): Promise<Sink> {
  if (path === '-') return stdoutSink();
  let handle: FileHandle;
  try {
    handle = await open(path, 'w');
  } catch (cause) {
    throw new ArgusError('INPUT_INVALID', `cannot write ${path}: ${(cause as Error).message}`, {
      hint: 'check that the folder exists and is writable',
      cause,
    });
  }
  return {
    closed: false,
    write: async (bytes) => {
      await handle.write(bytes);
    },
    close: () => handle.close(),
  };
}

function share(name: string, value: number | undefined): number {
  const v = value ?? 0;
  if (!(v >= 0 && v <= 1)) {
    throw new ArgusError('INPUT_INVALID', `${name}: expected a share between 0 and 1, got ${v}`);
  }
  return v;
}

/**
 * Generates the stream straight to disk, a megabyte at a time, so a stream of millions of transfers
 * needs no more memory than one day of it. Bad input is optional and reproducible for a seed:
 * broken lines are added (no real record is lost), duplicates repeat a record's exact line, and jitter
 * reorders lines by an arrival time up to jitterMs after the event time (the time field is untouched).
 */
export async function writeSimulation(options: WriteSimulationOptions): Promise<SimulationSummary> {
  const {
    out,
    truth: truthPath,
    malformed,
    duplicates,
    jitterMs,
    onProgress,
    ...simulationOptions
  } = options;
  const malformedShare = share('malformed', malformed);
  const duplicateShare = share('duplicates', duplicates);
  const jitter = jitterMs ?? 0;
  if (!(jitter >= 0 && Number.isFinite(jitter))) {
    throw new ArgusError('INPUT_INVALID', `jitter: expected a non-negative duration, got ${jitter}`);
  }
  const simulation = createSimulation(simulationOptions);
  const noise = simulationRandom(mix32(simulation.options.seed ^ 0x0b5e55ed));
  const span = Math.max(1, simulation.streamEnd - simulation.streamStart);
  const reorder = jitter > 0 || duplicateShare > 0;
  const pending = new MinHeap<string>();
  const summary: SimulationSummary = {
    out,
    ...(truthPath ? { truth: truthPath } : {}),
    events: 0,
    lines: 0,
    duplicates: 0,
    malformedLines: 0,
    jitterMs: jitter,
    bytes: 0,
    accounts: simulation.options.accounts,
    streamStart: simulation.streamStart,
    streamEnd: simulation.streamEnd,
    flows: {},
    incidents: Object.fromEntries(TYPOLOGY_NAMES.map((t) => [t, 0])) as Record<TypologyName, number>,
  };
  for (const incident of simulation.truth.incidents) summary.incidents[incident.typology]++;

  const sink = await openSink(out);
  // Lines go straight into one reused buffer, written out each time it fills. Everything the
  // simulator writes is ASCII (hex, ISO codes, fixed words), so latin1 encoding is exact and cheap.
  const chunk = Buffer.allocUnsafe(FLUSH_BYTES);
  let used = 0;
  const flush = async () => {
    if (used === 0) return;
    summary.bytes += used;
    // The sink is awaited before the buffer is reused, so handing it a view is safe.
    await sink.write(chunk.subarray(0, used));
    used = 0;
    if (sink.closed) summary.outputClosed = true;
  };
  // A line is a few hundred bytes, far below the buffer, so one flush always makes room.
  const fits = (line: string) => used + line.length + 1 <= FLUSH_BYTES;
  const put = (line: string) => {
    used += chunk.write(line, used, 'latin1');
    chunk[used++] = 10;
    summary.lines++;
  };
  const flows = new FlowCounter();
  try {
    for (const event of simulation.events()) {
      if (summary.outputClosed) break;
      const line = serializeTransfer(event);
      summary.events++;
      summary.firstEventTime ??= event.time;
      summary.lastEventTime = event.time;
      flows.add(event);
      if (malformedShare > 0 && noise.next() < malformedShare) {
        const kind = MALFORMED_KINDS[noise.int(MALFORMED_KINDS.length)] ?? 'truncated';
        // Broken lines go out at once: where they land does not matter, only that they are rejected.
        const broken = malformedLine(line, event, kind, noise);
        if (!fits(broken)) await flush();
        put(broken);
        summary.malformedLines++;
      }
      if (!reorder) {
        if (!fits(line)) await flush();
        put(line);
      } else {
        // Anything due by this event's time can go: later events arrive no earlier than their own time.
        while (pending.peekPriority() <= event.time) {
          const due = pending.pop() as string;
          if (!fits(due)) await flush();
          put(due);
        }
        pending.push(event.time + noise.next() * jitter, line);
        if (duplicateShare > 0 && noise.next() < duplicateShare) {
          pending.push(event.time + noise.next() * jitter + noise.next() * REDELIVERY_MS, line);
          summary.duplicates++;
        }
      }
      if (summary.events % PROGRESS_EVERY === 0 && onProgress) {
        onProgress({
          fraction: Math.min(1, (event.time - simulation.streamStart) / span),
          events: summary.events,
        });
      }
    }
    while (pending.size > 0) {
      const due = pending.pop() as string;
      if (!fits(due)) await flush();
      put(due);
    }
    await flush();
    summary.flows = flows.counts();
  } finally {
    await sink.close();
  }
  onProgress?.({ fraction: 1, events: summary.events });

  if (truthPath) {
    const truth: GroundTruth = {
      ...simulation.truth,
      noise: { malformedLines: summary.malformedLines, duplicates: summary.duplicates, jitterMs: jitter },
    };
    try {
      await writeFile(truthPath, `${JSON.stringify(truth, null, 2)}\n`);
    } catch (cause) {
      throw new ArgusError('INPUT_INVALID', `cannot write ${truthPath}: ${(cause as Error).message}`, {
        hint: 'check that the folder exists and is writable',
        cause,
      });
    }
  }
  return summary;
}

/** Transfers by sender and recipient kind, without building a key string per event. */
class FlowCounter {
  private readonly byKinds = new Map<string | undefined, Map<string | undefined, number>>();

  add(event: TransferEvent): void {
    let row = this.byKinds.get(event.fromKind);
    if (!row) {
      row = new Map();
      this.byKinds.set(event.fromKind, row);
    }
    row.set(event.toKind, (row.get(event.toKind) ?? 0) + 1);
  }

  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [from, row] of this.byKinds) for (const [to, n] of row) out[`${from}->${to}`] = n;
    return out;
  }
}
