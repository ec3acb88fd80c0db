import { ArgusError } from '../../core/errors.js';
import type { TransferEvent } from '../../core/transferEvent.js';
import { priceTable } from './assets.js';
import { BackgroundGenerator, MAX_SLOTS } from './background.js';
import type { GroundTruth } from './groundTruth.js';
import { TxHashes } from './hash.js';
import { injectTypologies } from './injectTypologies.js';
import { DAY_MS } from './jurisdictions.js';
import { MinHeap } from './minHeap.js';
import {
  type ResolvedSimulationOptions,
  resolveSimulationOptions,
  type SimulationOptions,
} from './options.js';
import { buildPopulation } from './population.js';

export interface Simulation {
  options: ResolvedSimulationOptions;
  /** The planted incidents; known before a single event is generated. */
  truth: GroundTruth;
  /** Customer addresses by account index, for tests and tools that want to look one up. */
  accounts: readonly string[];
  streamStart: number;
  streamEnd: number;
  /** A fresh pass over the stream, sorted by time; every pass yields the same events. */
  events(): Generator<TransferEvent, void, undefined>;
}

/**
 * Builds the population and plants the incidents; events are generated lazily, a day at a time, so
 * memory stays at the population plus one day's schedule however long the stream is.
 */
export function createSimulation(input: SimulationOptions = {}): Simulation {
  const options = resolveSimulationOptions(input);
  if (options.accounts + 16 > MAX_SLOTS) {
    throw new ArgusError('INPUT_INVALID', `at most ${MAX_SLOTS - 16} accounts can be simulated`);
  }
  const prices = priceTable(options.prices);
  const population = buildPopulation(options);
  const txHashes = new TxHashes(options.seed);
  const injection = injectTypologies(options, population, prices, txHashes);
  const streamStart = options.start;
  const streamEnd = options.start + Math.round(options.days * DAY_MS);
  const truth: GroundTruth = {
    format: 'argus-simulation-truth',
    version: 1,
    seed: options.seed,
    accounts: options.accounts,
    streamStart,
    streamEnd,
    incidents: injection.incidents,
    options: { ...options },
  };

  function* events(): Generator<TransferEvent, void, undefined> {
    const background = new BackgroundGenerator(options, population, prices, streamEnd, txHashes);
    const planted = mergeByTime(injection.events, background.prehistory());
    const later = new MinHeap<TransferEvent>();
    let next = 0;
    for (let day = 0; day < background.dayCount; day++) {
      const { keys, count, dayStart } = background.planDay(day);
      for (let i = 0; i < count; i++) {
        const key = keys[i] as number;
        const time = dayStart + BackgroundGenerator.msOf(key);
        // Planted and follow-up events that are due go first; on a tie, planted before follow-ups.
        for (;;) {
          const plantedAt = next < planted.length ? (planted[next] as TransferEvent).time : Infinity;
          const laterAt = later.peekPriority();
          if (plantedAt <= time && plantedAt <= laterAt) yield planted[next++] as TransferEvent;
          else if (laterAt <= time) yield later.pop() as TransferEvent;
          else break;
        }
        const event = background.materialize(BackgroundGenerator.slotOf(key), time, later);
        if (event !== undefined) yield event;
      }
    }
    for (;;) {
      const plantedAt = next < planted.length ? (planted[next] as TransferEvent).time : Infinity;
      const laterAt = later.peekPriority();
      if (plantedAt === Infinity && laterAt === Infinity) break;
      if (plantedAt <= laterAt) yield planted[next++] as TransferEvent;
      else yield later.pop() as TransferEvent;
    }
  }

  return { options, truth, accounts: population.addresses, streamStart, streamEnd, events };
}

/** Both inputs sorted by time; ties keep `first` before `second`. */
function mergeByTime(first: TransferEvent[], second: TransferEvent[]): TransferEvent[] {
  const out: TransferEvent[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length || j < second.length) {
    const a = first[i];
    const b = second[j];
    if (b === undefined || (a !== undefined && a.time <= b.time)) {
      out.push(a as TransferEvent);
      i++;
    } else {
      out.push(b);
      j++;
    }
  }
  return out;
}

/** The stream alone, for benchmarks and tests: re-iterable, sorted by time, deterministic for a seed. */
export function simulateTransfers(options: SimulationOptions = {}): Iterable<TransferEvent> {
  const simulation = createSimulation(options);
  return { [Symbol.iterator]: () => simulation.events() };
}
