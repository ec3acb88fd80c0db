/**
 * Runs benchmarks: every bench/*.bench.ts, or only those named on the command line
 * (`npm run bench -- pipeline --n 20000`). Each runs in its own Node process so that one
 * benchmark's heap and JIT state do not colour the next; other arguments are passed through.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const isBenchName = (arg: string): boolean => existsSync(join(benchDir, `${arg}.bench.ts`));
const named = args.filter(isBenchName);
const passThrough = args.filter((arg) => !isBenchName(arg));
const names =
  named.length > 0
    ? named
    : readdirSync(benchDir)
        .filter((file) => file.endsWith('.bench.ts'))
        .map((file) => file.slice(0, -'.bench.ts'.length))
        .sort();

// Results are git-ignored, so a fresh clone has no folder for them yet.
mkdirSync(join(benchDir, 'results'), { recursive: true });

let failed = 0;
for (const name of names) {
  console.log(`\n== ${name} ==`);
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(benchDir, `${name}.bench.ts`), ...passThrough],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
