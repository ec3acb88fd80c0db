import type { ActionRecord } from '../core/action.js';
import { Dispatcher, type DispatcherOptions } from './dispatcher.js';
import { EventBus } from './eventBus.js';
import { createPipeline, type PipelineOptions } from './pipeline.js';
import type { AlertPipeline } from './types.js';

export interface ResponderOptions
  extends Omit<PipelineOptions, 'onActionsQueued' | 'bus'>,
    Pick<DispatcherOptions, 'random' | 'stdout' | 'fetch' | 'executors' | 'leaseMs'> {
  bus?: EventBus;
}

/** The respond area as the server and CLI use it: the pipeline, and the dispatcher that carries out its actions. */
export interface Responder {
  pipeline: AlertPipeline;
  dispatcher: Dispatcher;
  /** Alert and action events from both, for the live stream. */
  bus: EventBus;
  /** Starts dispatching, including actions left pending by an earlier process. */
  start(): void;
  /** Stops dispatching after the actions in flight are recorded. */
  stop(): Promise<void>;
  /** Requeues a dead-lettered or failed action. */
  retry(actionId: string, by: string): Promise<ActionRecord>;
}

export function createResponder(options: ResponderOptions): Responder {
  const bus = options.bus ?? new EventBus();
  const dispatcher = new Dispatcher({ ...options, respond: options.config, bus });
  const pipeline = createPipeline({
    ...options,
    bus,
    handoff: dispatcher,
    onActionsQueued: () => dispatcher.wake(),
  });
  return {
    pipeline,
    dispatcher,
    bus,
    start: () => dispatcher.start(),
    stop: () => dispatcher.stop(),
    retry: (actionId, by) => dispatcher.retry(actionId, by),
  };
}
