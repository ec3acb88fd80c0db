/** Where the respond area reports what happened; pino (fastify's logger) and console both fit. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const consoleLogger: Logger = {
  info: (message) => console.info(message),
  warn: (message) => console.warn(message),
  error: (message) => console.error(message),
};

/** Writes one line of output; injected so tests and benchmarks can capture or drop it. */
export type LineWriter = (line: string) => void;

export const processStdout: LineWriter = (line) => {
  process.stdout.write(`${line}\n`);
};
