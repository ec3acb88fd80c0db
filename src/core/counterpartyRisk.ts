/**
 * How risky a counterparty address is, in [0, 1] (0 unknown or clean, 1 sanctioned or a known thief).
 * The monitor asks; the graph area answers (risk propagated from labelled sources). Kept in core so
 * that neither area imports the other; app.ts wires one to the other.
 */
export interface CounterpartyRisk {
  riskOf(chain: string, address: string): number;
}

/** The answer when no graph is wired in: nothing is known about anyone. */
export const NO_COUNTERPARTY_RISK: CounterpartyRisk = { riskOf: () => 0 };
