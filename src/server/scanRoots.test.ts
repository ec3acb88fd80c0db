import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkScanDirectory } from './scanRoots.js';

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'argus-scan-roots-')));
const work = join(dir, 'work');
const other = join(dir, 'other');
mkdirSync(join(work, 'app', 'contracts'), { recursive: true });
mkdirSync(join(other, 'vendor'), { recursive: true });
writeFileSync(join(work, 'app', 'contracts', 'A.sol'), 'contract A {}');
symlinkSync(join(other, 'vendor'), join(work, 'vendor-link'));
symlinkSync(join(work, 'app'), join(other, 'app-link'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checkScanDirectory', () => {
  it('with no roots allows the working directory and below, relative or absolute', () => {
    expect(checkScanDirectory('app', [], work)).toEqual({
      ok: true,
      directory: join(work, 'app'),
      root: work,
    });
    expect(checkScanDirectory(join(work, 'app', 'contracts'), [], work)).toMatchObject({ ok: true });
    expect(checkScanDirectory('.', [], work)).toMatchObject({ ok: true, directory: work });
    expect(checkScanDirectory('..', [], work)).toMatchObject({ ok: false, status: 403 });
    expect(checkScanDirectory(other, [], work)).toMatchObject({ ok: false, status: 403 });
  });

  it('allows any configured root, and refuses links and climbs that leave the roots', () => {
    const roots = [join(work, 'app'), other];
    expect(checkScanDirectory(join(other, 'vendor'), roots, '/')).toMatchObject({ ok: true, root: other });
    // The link sits outside every root as written, though it leads into one.
    expect(checkScanDirectory(join(work, 'vendor-link'), roots, '/')).toMatchObject({ status: 403 });
    // Inside a root as written, but it leads to another root: allowed, under the root it leads to.
    expect(checkScanDirectory(join(other, 'app-link'), [other, join(work, 'app')], '/')).toMatchObject({
      ok: true,
      directory: join(work, 'app'),
      root: join(work, 'app'),
    });
    expect(checkScanDirectory(join(other, 'app-link'), [other], '/')).toMatchObject({ status: 403 });
    expect(checkScanDirectory(join(other, 'vendor', '..', '..', 'work'), roots, '/')).toMatchObject({
      status: 403,
    });
  });

  it('tells a missing folder (404) and a file (400) apart only inside the roots', () => {
    expect(checkScanDirectory('gone', [], work)).toMatchObject({ status: 404 });
    expect(checkScanDirectory(join(other, 'gone'), [], work)).toMatchObject({ status: 403 });
    expect(checkScanDirectory('app/contracts/A.sol', [], work)).toMatchObject({
      status: 400,
      message: 'app/contracts/A.sol is a file, not a folder',
    });
  });
});
