import type { TransferEvent } from '../../../core/transferEvent.js';
import type { Random } from '../../../ml/random.js';
import type { ResolvedSimulationOptions } from '../options.js';
import type { Population } from '../population.js';
import type { AccountKind } from '../transferFactory.js';
import type { TypologyName } from '../typologyNames.js';

export interface TransferFields {
  time: number;
  from: string;
  to: string;
  /** Index into ASSETS. */
  asset: number;
  /** Give the value in USD (the amount follows from the price) or the amount in units (the value follows). */
  valueUsd?: number;
  amount?: number;
  fromKind: AccountKind;
  toKind: AccountKind;
  fromJurisdiction?: string;
  toJurisdiction?: string;
  userId?: string;
}

/** What a typology needs from the simulation to plant one incident. */
export interface InjectionContext {
  readonly options: ResolvedSimulationOptions;
  readonly population: Population;
  readonly random: Random;
  readonly streamStart: number;
  readonly streamEnd: number;
  /** Incidents start after this, so detectors have seen normal behaviour first. */
  readonly warmupEnd: number;
  /**
   * A customer account no other incident has taken, among those `accept` allows; throws when none is
   * left, because a population too small for the incidents asked for is a usage error.
   */
  takeAccount(accept?: (account: number) => boolean): number;
  /** An address never used before by anyone in the simulation. */
  freshAddress(): string;
  /** A customer account's address, jurisdiction code and user, as a sender or recipient. */
  customer(account: number): { address: string; jurisdiction: string; userId: string };
  /** A start time t such that [t, t + durationMs] lies in the incident window. */
  startFor(durationMs: number): number;
  /** Suppresses the account's ordinary activity in [from, until], e.g. the silence before a drain. */
  quiet(account: number, from: number, until: number): void;
  /** A transfer with a unique key; amount and value agree at the simulation's fixed prices. */
  transfer(fields: TransferFields): TransferEvent;
}

/** What one typology plants: the malicious transfers, whom a detector should flag, and context. */
export interface IncidentDraft {
  accounts: string[];
  /** The transfers that are the incident; their keys go into ground truth and their times bound it. */
  malicious: TransferEvent[];
  /** Transfers that set the scene (the deposit a drain empties); ordinary-looking, not in eventKeys. */
  context: TransferEvent[];
  details: Record<string, string | number | boolean | string[]>;
}

/** A laundering or fraud pattern: data about it plus one function that plants an instance. */
export interface Typology {
  name: TypologyName;
  /** One line for help text and reports. */
  summary: string;
  inject(ctx: InjectionContext): IncidentDraft;
}
