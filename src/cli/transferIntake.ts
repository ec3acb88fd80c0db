import type { ScreeningGraphBuilder } from '../graph/screening/screeningGraphBuilder.js';
import { createSource } from '../monitor/sources/createSource.js';
import type { RejectedRecord } from '../monitor/sources/source.js';
import type { Output } from './output.js';

/** Rejected records kept to show; the rest are counted. */
const SHOWN_REJECTIONS = 20;

export interface TransferIntake {
  added: number;
  otherChain: number;
  rejected: number;
  rejections: RejectedRecord[];
}

/**
 * Reads a finite transfer source into one chain's graph, for the commands that analyse a graph
 * (screen, linkability). Malformed records are counted and the first few kept to show, never thrown.
 */
export async function readTransfers(spec: string, builder: ScreeningGraphBuilder): Promise<TransferIntake> {
  const source = createSource(spec, { baseDir: process.cwd() });
  const rejections: RejectedRecord[] = [];
  let rejected = 0;
  const reject = (r: RejectedRecord): void => {
    rejected++;
    if (rejections.length < SHOWN_REJECTIONS) rejections.push(r);
  };
  // The source is read to its end; the signal only ever stops it on error.
  const abort = new AbortController();
  let seen = 0;
  for await (const item of source.read(abort.signal, reject)) {
    seen++;
    const outcome = builder.add(item.event);
    if (outcome.kind === 'rejected') {
      reject({
        source: source.name,
        position: `transfer #${seen} (${item.event.key})`,
        reason: outcome.reason,
      });
    }
    await item.ack?.();
  }
  builder.graph.compact();
  return { added: builder.added, otherChain: builder.otherChain, rejected, rejections };
}

export function printIntake(output: Output, intake: TransferIntake, chain: string): void {
  output.out(
    `transfers: ${intake.added} ${chain} transfers read, ${intake.otherChain} of other chains skipped, ` +
      `${intake.rejected} malformed records skipped`,
  );
  for (const r of intake.rejections) output.out(`  skipped ${r.position}: ${r.reason}`);
  if (intake.rejected > intake.rejections.length) {
    output.out(`  ... and ${intake.rejected - intake.rejections.length} more, not shown`);
  }
}
