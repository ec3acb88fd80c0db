import { describe, expect, it } from 'vitest';
import { parseAssessInput } from '../risk/assessInput.js';
import { KeystrokeLog, REDACTED_KEY } from './keystrokeRecorder.js';

type Step = ['keydown' | 'keyup', string, number, string?, boolean?];

function logOf(steps: Step[]): KeystrokeLog {
  const log = new KeystrokeLog();
  for (const [type, key, time, code, repeat] of steps) log.feed(type, key, time, code, repeat);
  return log;
}

const times = (log: KeystrokeLog) => log.events().map((e) => [e.down, e.up]);

describe('KeystrokeLog', () => {
  it('records character keys relative to the first key-down and never sends the characters', () => {
    const log = logOf([
      ['keydown', 'a', 1000.25],
      ['keyup', 'a', 1080.5],
      ['keydown', 'b', 1150],
      ['keyup', 'b', 1230.123],
    ]);
    expect(log.events()).toEqual([
      { key: REDACTED_KEY, down: 0, up: 80.25 },
      { key: REDACTED_KEY, down: 149.75, up: 229.87 },
    ]);
    expect(log.usable).toBe(true);
  });

  it('pairs a letter typed twice and overlapping keys (rollover) by physical key, oldest press first', () => {
    const log = logOf([
      ['keydown', 'l', 0, 'KeyL'],
      ['keyup', 'l', 70, 'KeyL'],
      ['keydown', 'l', 120, 'KeyL'],
      ['keydown', 'o', 160, 'KeyO'], // o goes down before the second l comes up
      ['keyup', 'l', 190, 'KeyL'],
      ['keyup', 'o', 240, 'KeyO'],
    ]);
    expect(times(log)).toEqual([
      [0, 70],
      [120, 190],
      [160, 240],
    ]);
  });

  it('pairs a shifted letter released after Shift, and ignores Shift, Tab, Enter and F-keys', () => {
    const log = logOf([
      ['keydown', 'Tab', 0, 'Tab'],
      ['keydown', 'Shift', 10, 'ShiftLeft'],
      ['keydown', 'R', 50, 'KeyR'],
      ['keyup', 'Shift', 90, 'ShiftLeft'],
      ['keyup', 'r', 120, 'KeyR'], // key is lower-case on release: pairing is by code
      ['keydown', 'F1', 130, 'F1'],
      ['keydown', 'o', 200, 'KeyO'],
      ['keyup', 'o', 260, 'KeyO'],
      ['keydown', 'Enter', 300, 'Enter'],
    ]);
    expect(times(log)).toEqual([
      [0, 70],
      [150, 210],
    ]);
  });

  it('leaves keys not yet released out until finish() closes them at the submit time', () => {
    const log = logOf([
      ['keydown', 'a', 0],
      ['keyup', 'a', 50],
      ['keydown', 'b', 100],
    ]);
    expect(log.events()).toHaveLength(1);
    log.finish(130);
    expect(times(log)).toEqual([
      [0, 50],
      [100, 130],
    ]);
    log.feed('keyup', 'b', 140); // the late key-up changes nothing
    expect(times(log)).toEqual([
      [0, 50],
      [100, 130],
    ]);
  });

  it('ignores a key-up without its key-down (pressed before the field had focus)', () => {
    const log = logOf([
      ['keyup', 'x', 5],
      ['keydown', 'a', 10],
      ['keyup', 'a', 60],
      ['keydown', 'b', 110],
      ['keyup', 'b', 170],
    ]);
    expect(times(log)).toEqual([
      [0, 50],
      [100, 160],
    ]);
  });

  it('Backspace drops the character it deletes; deleting everything starts the sample again', () => {
    const log = logOf([
      ['keydown', 'a', 0],
      ['keyup', 'a', 50],
      ['keydown', 'x', 100],
      ['keyup', 'x', 150],
      ['keydown', 'Backspace', 300],
      ['keyup', 'Backspace', 350],
      ['keydown', 'b', 500],
      ['keyup', 'b', 560],
    ]);
    expect(times(log)).toEqual([
      [0, 50],
      [500, 560],
    ]);
    log.feed('keydown', 'Backspace', 600);
    log.feed('keydown', 'Backspace', 650);
    expect(log.length).toBe(0);
    log.feed('keydown', 'c', 2000);
    log.feed('keyup', 'c', 2070);
    expect(times(log)).toEqual([[0, 70]]);
  });

  it('an edit away from the end, auto-repeat or a lost key-up makes the sample unusable until reset', () => {
    for (const steps of [
      [
        ['keydown', 'a', 0],
        ['keyup', 'a', 40],
        ['keydown', 'ArrowLeft', 60],
      ],
      [
        ['keydown', 'a', 0],
        ['keydown', 'a', 500, 'a', true],
      ],
      [
        ['keydown', 'a', 0, 'KeyA'],
        ['keydown', 'a', 100, 'KeyA'],
      ],
    ] as Step[][]) {
      const log = logOf(steps);
      expect(log.usable).toBe(false);
      expect(log.reason).toBeDefined();
      expect(log.events()).toEqual([]);
      log.feed('keydown', 'b', 1000);
      log.feed('keyup', 'b', 1050);
      expect(log.events()).toEqual([]);
      log.reset();
      log.feed('keydown', 'b', 2000);
      log.feed('keyup', 'b', 2050);
      expect(times(log)).toEqual([[0, 50]]);
    }
  });

  it('a paste marks the sample unusable and keeps the first reason', () => {
    const log = logOf([
      ['keydown', 'a', 0],
      ['keyup', 'a', 40],
    ]);
    log.markUnusable('pasted');
    log.markUnusable('filled without typing');
    expect(log.reason).toBe('pasted');
    expect(log.events()).toEqual([]);
  });

  it('produces what POST /v1/auth/assess accepts, for a realistic sample with rollover', () => {
    const steps: Step[] = [];
    let t = 5_000;
    for (let i = 0; i < 12; i++) {
      const code = `Key${String.fromCharCode(65 + (i % 5))}`;
      steps.push(['keydown', code.slice(3).toLowerCase(), t, code]);
      steps.push(['keyup', code.slice(3).toLowerCase(), t + 85 + (i % 3) * 20, code]);
      t += 90 + ((i * 37) % 60); // some keys go down before the previous one is up
    }
    steps.sort((a, b) => a[2] - b[2]);
    const log = logOf(steps);
    expect(log.events()).toHaveLength(12);
    const input = parseAssessInput(
      { userId: 'u', ip: '127.0.0.1', outcome: 'success', keystrokes: log.events() },
      Date.now(),
      (fp) => fp,
    );
    expect(input.keystrokes?.features).toHaveLength(3 * 12 - 2);
  });
});
