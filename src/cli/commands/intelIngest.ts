import type { Command } from 'commander';
import type { AlertInput } from '../../core/alert.js';
import { loadConfig } from '../../core/config/load.js';
import { ArgusError } from '../../core/errors.js';
import { createDocumentAnnotator } from '../../intel/pipeline/annotateDocument.js';
import { createExtractorFromConfig } from '../../intel/pipeline/createExtractor.js';
import { type DetectBurstsResult, detectBursts } from '../../intel/pipeline/detectBursts.js';
import { type IngestResult, ingestDocuments } from '../../intel/pipeline/ingestDocuments.js';
import { createIntelSource, INTEL_SPEC_FORMS } from '../../intel/sources/createIntelSource.js';
import { openStore } from '../../store/openStore.js';
import { startCliResponder } from '../cliResponder.js';
import { consoleOutput, formatTable, type Output, printJson, reportError } from '../output.js';

interface IngestOptions {
  json?: boolean;
  bursts: boolean;
}

/** A cursor as a person reads it: the watermark time of the JSON cursors the sources write, else the text. */
function describeCursor(cursor: string | undefined): string {
  if (cursor === undefined) return '-';
  try {
    const parsed = JSON.parse(cursor) as { at?: unknown; seen?: unknown; etag?: unknown };
    if (typeof parsed.at === 'string') return parsed.at;
    // A feed's cursor: the items of its last reading, and the validators of its last response.
    if (parsed.seen !== null && typeof parsed.seen === 'object') {
      const items = Object.keys(parsed.seen).length;
      return `${items} item(s) seen${typeof parsed.etag === 'string' ? `, ETag ${parsed.etag}` : ''}`;
    }
  } catch {
    // Not JSON: an ETag, a date set by hand.
  }
  return cursor.length > 40 ? `${cursor.slice(0, 39)}…` : cursor;
}

const SOURCE_WIDTH = 60;

/** Long source names keep their kind and their end, where the file name is: "feed:…/feeds/blog.rss.xml". */
function sourceLabel(name: string): string {
  if (name.length <= SOURCE_WIDTH) return name;
  const colon = name.indexOf(':');
  const kind = colon > 0 && colon < 10 ? name.slice(0, colon + 1) : '';
  return `${kind}…${name.slice(name.length - (SOURCE_WIDTH - kind.length - 1))}`;
}

function printIngest(output: Output, result: IngestResult): void {
  output.out(
    formatTable(
      ['source', 'read', 'stored', 'new', 'updated', 'rejected', 'cursor'],
      result.sources.map((r) => [
        sourceLabel(r.source),
        String(r.read),
        String(r.stored),
        String(r.inserted),
        String(r.updated),
        String(r.rejected),
        `${describeCursor(r.cursor)}${r.cursorMoved ? '' : ' (unchanged)'}`,
      ]),
      SOURCE_WIDTH,
    ),
  );
  for (const r of result.sources) {
    if (r.error) {
      output.err(`${r.source} failed: [${r.error.code}] ${r.error.message}`);
      if (r.error.hint) output.err(`hint: ${r.error.hint}`);
    }
    if (r.aborted) output.err(`${r.source}: interrupted; its cursor was kept at the last checkpoint`);
    if (r.rejected === 0) continue;
    const shown = r.rejectedSamples.slice(0, 5);
    output.err(`${r.source}: ${r.rejected} record(s) rejected; the first ${shown.length}:`);
    for (const s of shown) output.err(`  ${s.position}: ${s.reason}`);
  }
}

function printBursts(output: Output, bursts: DetectBurstsResult | undefined, alertIds: string[]): void {
  if (bursts === undefined) return;
  if (bursts.bursts.length === 0) {
    output.out(`No burst began in the latest buckets (${bursts.checked} busy entities checked).`);
    return;
  }
  let raised = 0;
  for (const b of bursts.bursts) {
    const what = `${b.kind} "${b.value}" from ${new Date(b.startedAt).toISOString().slice(0, 10)}`;
    const numbers = `${b.count} mentions against ${b.baseline.toFixed(1)} expected, z ${b.startZ.toFixed(1)}`;
    if (b.outcome === 'raised') {
      const id = alertIds[raised++];
      output.out(`burst: ${what}: ${numbers}; alert ${id || '(refused by the pipeline)'}`);
    } else {
      output.out(`burst: ${what}: ${numbers}; already alerted`);
    }
  }
}

async function runIngest(specs: string[], opts: IngestOptions, cmd: Command): Promise<void> {
  const output = consoleOutput(Boolean(opts.json));
  try {
    const globals = cmd.optsWithGlobals() as { config?: string };
    const { config, baseDir } = loadConfig({ file: globals.config });
    const fromConfig = specs.length === 0;
    const wanted = fromConfig ? config.intel.sources : specs;
    if (wanted.length === 0) {
      throw new ArgusError('INPUT_INVALID', 'no intel sources to read', {
        hint: `name them (${INTEL_SPEC_FORMS}) or list them under intel.sources in the config`,
      });
    }
    // Specs typed here are relative to where the user stands; specs in the config to the config file.
    const sources = wanted.map((spec) =>
      createIntelSource(spec, {
        baseDir: fromConfig ? baseDir : process.cwd(),
        ...(config.intel.nvdApiKey ? { nvdApiKey: config.intel.nvdApiKey } : {}),
      }),
    );
    const annotate = createDocumentAnnotator(createExtractorFromConfig(config.intel, baseDir));
    const store = await openStore(config.store, baseDir);
    const abort = new AbortController();
    const stop = () => abort.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const tty = !output.json && process.stderr.isTTY;
    try {
      const result = await ingestDocuments(sources, {
        store,
        annotate,
        signal: abort.signal,
        ...(tty
          ? {
              onProgress: (p) =>
                process.stderr.write(
                  `\r\x1b[2K${sourceLabel(p.source)}: ${p.read} read, ${p.stored} stored, ${p.rejected} rejected`,
                ),
            }
          : {}),
      });
      // The progress line goes; the report below says the same and more.
      if (tty) process.stderr.write('\r\x1b[2K');
      let bursts: DetectBurstsResult | undefined;
      const alertIds: string[] = [];
      let alertErrors = 0;
      if (opts.bursts && !abort.signal.aborted) {
        const responder = startCliResponder(store, config, baseDir, output);
        try {
          bursts = await detectBursts({
            store,
            entities: result.touched,
            settings: config.intel.bursts,
            sink: async (alerts: AlertInput[]) => {
              const ingested = await responder.pipeline.ingestBatch(alerts);
              // Accepted results come in input order with the rejected ones left out.
              const refused = new Set(ingested.rejected.map((r) => r.index));
              const accepted = ingested.accepted.values();
              for (let i = 0; i < alerts.length; i++) {
                alertIds.push(refused.has(i) ? '' : (accepted.next().value?.alert.id ?? ''));
              }
              for (const r of ingested.rejected) {
                alertErrors++;
                output.err(`alert not accepted: ${r.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
              }
            },
          });
        } finally {
          await responder.stop();
        }
      }
      if (output.json) {
        printJson(output, {
          sources: result.sources,
          entitiesTouched: result.touched.length,
          ...(bursts
            ? {
                bursts: {
                  checked: bursts.checked,
                  found: bursts.bursts,
                  alertIds,
                },
              }
            : {}),
        });
      } else {
        printIngest(output, result);
        printBursts(output, bursts, alertIds);
      }
      const failed = result.sources.some((r) => r.error !== undefined);
      process.exitCode = failed || alertErrors > 0 ? 2 : 0;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await store.close();
    }
  } catch (error) {
    process.exitCode = reportError(output, error);
  }
}

export function registerIntelIngestCommand(intel: Command): void {
  intel
    .command('ingest')
    .description('read advisories and texts into the store, with their entities; alert on bursts of mentions')
    .argument('[spec...]', `sources: ${INTEL_SPEC_FORMS}; default: intel.sources in the config`)
    .option('--json', 'print the per-source report and the bursts as JSON (no progress line)')
    .option('--no-bursts', 'store only: do not look for bursts or raise alerts (for a first backfill)')
    .addHelpText(
      'after',
      `
Each source is read from where the last run stopped (its cursor is saved in the store once the
documents before it are stored), so a second run reads only what is new. Every document gets its
entities: CVE, GHSA and SWC ids, addresses, package and protocol names (the built-in gazetteer plus
intel.gazetteerFile) and attack techniques; an OSV advisory also gets its own ids and affected
packages. A record that cannot be read is counted and shown with its reason; the rest go on.

Then, for each technique, protocol, package or CVE the new documents mention, the mention volume per
intel.bursts.bucket (a week by default) goes through an EWMA z-score; a burst that begins in the
latest buckets raises one intel.burst alert into the alert pipeline, with the documents behind it.
The NVD API key comes from intel.nvdApiKey in the config, never from the spec.

Exit codes: 0 ok, 2 a bad spec, a source that failed, or an alert the pipeline refused.

Examples:
  $ argus intel ingest osv:./advisories/npm feed:https://example.com/security.rss
  $ argus intel ingest nvd:?since=2024-01-01 --no-bursts      first backfill from the NVD API
  $ argus intel ingest text:./postmortems?splitSections=true --json
  $ argus intel ingest                                         the sources in intel.sources`,
    )
    .action((specs: string[], opts: IngestOptions, cmd: Command) => runIngest(specs, opts, cmd));
}
