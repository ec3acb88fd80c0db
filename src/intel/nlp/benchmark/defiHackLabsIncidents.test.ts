import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDefiHackLabsIncidents } from './defiHackLabsIncidents.js';

describe('readDefiHackLabsIncidents', () => {
  it('reads date, name and root cause, dropping rows without a root cause', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'argus-dhl-')), 'incidents.csv');
    writeFileSync(
      path,
      'date,name,root_cause,lost_raw\n' +
        '2017-07-19,Parity Multisig,delegatecall to unprotected initWallet,"153,037 ETH"\n' +
        '2020-01-01,Nothing,,0\n' +
        "2017-11-06,Parity,'Accidentally Killed It',514k ETH\n",
    );
    expect(readDefiHackLabsIncidents(path)).toEqual([
      { date: '2017-07-19', name: 'Parity Multisig', rootCause: 'delegatecall to unprotected initWallet' },
      { date: '2017-11-06', name: 'Parity', rootCause: "'Accidentally Killed It'" },
    ]);
  });
});
