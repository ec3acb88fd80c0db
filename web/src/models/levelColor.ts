/** The PSI levels' colours, on charts and badges alike. */
export const LEVEL_COLOR = { stable: '#2e9d5b', moderate: '#d97a00', significant: '#d33a3a' } as const;
