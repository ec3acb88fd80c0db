import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.js';
import { createSource } from './createSource.js';
import { EvmTransferSource } from './evmSource.js';
import { FileTransferSource } from './fileSource.js';
import { NatsTransferSource } from './natsSource.js';

function issuesOf(spec: string): string[] {
  try {
    createSource(spec);
  } catch (err) {
    if (err instanceof ValidationError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  throw new Error(`${spec} was accepted`);
}

describe('createSource', () => {
  it('reads file specs: plain paths, file: with parameters, stdin', () => {
    const plain = createSource('data/transfers.jsonl', { baseDir: '/srv' });
    expect(plain).toBeInstanceOf(FileTransferSource);
    expect((plain as FileTransferSource).options).toEqual({ path: '/srv/data/transfers.jsonl' });

    const paced = createSource('file:/tmp/x.csv.gz?speed=recorded&maxGapMs=5000') as FileTransferSource;
    expect(paced.options).toEqual({ path: '/tmp/x.csv.gz', speed: 'recorded', maxGapMs: 5000 });
    expect(paced.name).toBe('file:x.csv.gz');

    expect(
      (createSource('file:/tmp/x.log?format=csv&speed=2.5') as FileTransferSource).options,
    ).toMatchObject({
      format: 'csv',
      speed: 2.5,
    });
    expect((createSource('file:///tmp/a%20b.jsonl') as FileTransferSource).options.path).toBe(
      '/tmp/a b.jsonl',
    );
    expect(createSource('-').name).toBe('file:stdin');
  });

  it('reads EVM specs, keeping the node URL apart from the parameters', () => {
    const source = createSource(
      'evm:http://127.0.0.1:8545?confirmations=2&chain=ethereum&detectContracts=true',
      {
        tokens: { '0xabc': { symbol: 'T', decimals: 6 } },
      },
    ) as EvmTransferSource;
    expect(source).toBeInstanceOf(EvmTransferSource);
    expect(source.options).toEqual({
      rpcUrl: 'http://127.0.0.1:8545/',
      confirmations: 2,
      chain: 'ethereum',
      detectContracts: true,
      tokens: { '0xabc': { symbol: 'T', decimals: 6 } },
    });
    expect(source.name).toBe('evm:ethereum');
    expect(
      (createSource('evm:https://node.example/rpc/key?startBlock=10&endBlock=20') as EvmTransferSource)
        .options,
    ).toEqual({ rpcUrl: 'https://node.example/rpc/key', startBlock: 10, endBlock: 20 });
  });

  it('reads NATS specs', () => {
    const source = createSource(
      'nats://127.0.0.1:4222?stream=TRANSFERS&subject=transfers.>&durable=argus&ackWaitMs=60000',
    ) as NatsTransferSource;
    expect(source).toBeInstanceOf(NatsTransferSource);
    expect(source.options).toEqual({
      servers: 'nats://127.0.0.1:4222',
      stream: 'TRANSFERS',
      subject: 'transfers.>',
      durable: 'argus',
      ackWaitMs: 60000,
    });
  });

  it('names what is wrong', () => {
    expect(issuesOf('file:x.jsonl?speed=fast')).toEqual([
      'speed: expected max, recorded or a positive factor such as 2 or 0.5',
    ]);
    expect(issuesOf('file:x.jsonl?sped=2')).toEqual(['sped: unknown key (check its spelling)']);
    expect(issuesOf('file:x.jsonl?speed=0')).toEqual(['speed: a speed factor must be above 0']);
    expect(issuesOf('evm:http://h:8545?confirmations=-1')[0]).toMatch(/^confirmations: /);
    expect(issuesOf('evm:http://h:8545?confirmations=')).toEqual(['confirmations: has no value']);
    expect(issuesOf('evm:http://h:8545?startBlock=9&endBlock=3')).toEqual([
      'endBlock: is before startBlock 9',
    ]);
    expect(issuesOf('evm:ftp://h')).toEqual(['url: expected an http(s) or ws(s) JSON-RPC URL, got ftp:']);
    expect(issuesOf('evm:not a url')).toEqual(['url: "not a url" is not a URL']);
    expect(issuesOf('nats://h:4222?subject=x')).toEqual([
      'stream: expected string, got nothing (the key is missing)',
    ]);
    expect(issuesOf('nats://h:4222?stream=A.B&subject=x')[0]).toMatch(/^stream: a stream name has no/);
    expect(issuesOf('kafka://h:9092')).toEqual(['kind: unknown source kind "kafka:"']);
    expect(issuesOf('  ')).toEqual([': the source is empty']);
    expect(() => createSource('kafka://h')).toThrow(
      expect.objectContaining({
        code: 'INPUT_INVALID',
        hint: expect.stringMatching(/^write it as file:<path>/),
      }),
    );
  });
});
