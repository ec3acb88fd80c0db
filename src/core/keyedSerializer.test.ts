import { describe, expect, it } from 'vitest';
import { KeyedSerializer } from './keyedSerializer.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('KeyedSerializer', () => {
  it('runs tasks of one key in order, one at a time, and different keys side by side', async () => {
    const serializer = new KeyedSerializer();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      serializer.run('a', task('a1')),
      serializer.run('a', task('a2')),
      serializer.run('b', task('b1')),
    ]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
  });

  it('a failing task rejects its own caller only, and the next task of the key still runs', async () => {
    const serializer = new KeyedSerializer();
    const failed = serializer.run('k', async () => Promise.reject(new Error('boom')));
    const next = serializer.run('k', async () => 'ok');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });

  it('forgets keys once their work is done', async () => {
    const serializer = new KeyedSerializer();
    await Promise.all([serializer.run('a', async () => 1), serializer.run('b', async () => 2)]);
    await tick();
    expect(serializer.size).toBe(0);
  });
});
