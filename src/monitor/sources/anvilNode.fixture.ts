import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

/** A throwaway local EVM node (Foundry's anvil, from npm) on a free loopback port, for tests. */
export interface AnvilNode {
  url: string;
  stop(): Promise<void>;
}

const ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64' };

/** Path of the anvil binary that @foundry-rs/anvil installed for this platform, or why there is none. */
export function anvilBinary(): string | { missing: string } {
  const pkg = `@foundry-rs/anvil-${process.platform}-${ARCH[process.arch] ?? process.arch}`;
  try {
    const require = createRequire(import.meta.url);
    const bin = process.platform === 'win32' ? 'anvil.exe' : 'anvil';
    return join(dirname(require.resolve(`${pkg}/package.json`)), 'bin', bin);
  } catch {
    return { missing: `${pkg} is not installed (npm install installs it with @foundry-rs/anvil)` };
  }
}

/**
 * Starts anvil with automatic mining off, so a test decides what goes into which block (evm_mine), and
 * resolves once it listens.
 */
export async function startAnvil(extraArgs: string[] = []): Promise<AnvilNode> {
  const bin = anvilBinary();
  if (typeof bin !== 'string') throw new Error(bin.missing);
  const child: ChildProcess = spawn(
    bin,
    ['--host', '127.0.0.1', '--port', '0', '--no-mining', '--chain-id', '31337', ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('anvil did not start listening within 15 s')), 15_000);
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const m = /Listening on (127\.0\.0\.1:\d+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(`http://${m[1]}`);
      }
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`anvil exited with code ${code} before listening`));
    });
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
