/// <reference lib="dom" />
/**
 * Keystroke timings of a password field, for POST /v1/auth/assess (`keystrokes`,
 * `keystrokesExpected`). Plain browser code with no imports: `argus serve` serves the compiled file
 * at /auth/keystroke-recorder.js, to load as a module:
 *
 *   import { attachToForm } from 'https://argus.example.com/auth/keystroke-recorder.js';
 *   attachToForm(document.querySelector('form'), document.querySelector('input[type=password]'));
 *
 * What it records, and why:
 * - Character keys only (those whose KeyboardEvent.key is one character), so a sample has one
 *   event per character of the password whatever modifiers were used. Shift, Tab, Enter and other
 *   keys are ignored.
 * - Key labels are never sent: every event's key is "*". The password's characters must not leave
 *   the password field, and the engine compares timings only.
 * - Times in ms from the first key-down, on the performance.now() clock (each event's timeStamp).
 *   Key-ups are paired with key-downs by physical key (KeyboardEvent.code), the oldest open press
 *   first, so overlapping keys ("rollover") and a letter typed twice pair correctly.
 * - Backspace drops the last recorded key (the character it deletes), so a corrected password keeps
 *   one event per character; the pause around the correction stays in the next key's timing.
 *   Clearing the field starts a fresh sample.
 * - A paste, a drop, autofill, auto-repeat (a held key) or an edit anywhere but at the end of the
 *   text make the sample unusable: events() is then empty and `expected` false, so the engine does
 *   not take the missing rhythm for a bot. A value set by script, with no events at all, leaves
 *   `expected` true: that is what a bot filling the field looks like.
 */

/** One key as POST /v1/auth/assess takes it. */
export interface KeystrokeTiming {
  key: string;
  down: number;
  up: number;
}

/** The label every event carries: the characters typed are not sent. */
export const REDACTED_KEY = '*';

/** Keys that move the caret or delete forward: the typing order no longer matches the text. */
const EDITING_KEYS = new Set([
  'Delete',
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);

interface Press {
  code: string;
  down: number;
  up: number | undefined;
}

/**
 * The pure part of the recorder: fed (type, key, time) by the DOM listeners, or by tests.
 * `key` is KeyboardEvent.key (what the key means), `code` KeyboardEvent.code (which physical key;
 * defaults to `key`), `time` a monotonic clock in ms.
 */
export class KeystrokeLog {
  private presses: Press[] = [];
  private origin: number | undefined;
  private unusableReason: string | undefined;

  /** Why the sample cannot be used, or undefined while it can. */
  get reason(): string | undefined {
    return this.unusableReason;
  }

  get usable(): boolean {
    return this.unusableReason === undefined;
  }

  /** Keys recorded so far (pressed, whether released yet or not). */
  get length(): number {
    return this.presses.length;
  }

  feed(type: 'keydown' | 'keyup', key: string, time: number, code: string = key, repeat = false): void {
    if (type === 'keyup') {
      const open = this.presses.find((p) => p.up === undefined && p.code === code);
      if (open !== undefined) open.up = Math.max(open.down, this.relative(time));
      return;
    }
    if (this.unusableReason !== undefined) return;
    if (repeat) {
      if (isCharacter(key) || key === 'Backspace') this.markUnusable('a key was held until it repeated');
      return;
    }
    if (key === 'Backspace') {
      this.presses.pop();
      // Everything typed was taken back: the next key starts the sample again.
      if (this.presses.length === 0) this.origin = undefined;
      return;
    }
    if (EDITING_KEYS.has(key)) {
      this.markUnusable(`edited with ${key}`);
      return;
    }
    if (!isCharacter(key)) return;
    if (this.presses.some((p) => p.up === undefined && p.code === code)) {
      // A second press of a key that never came up: its key-up was lost (focus moved away).
      this.markUnusable(`${code} pressed again before it was released`);
      return;
    }
    this.origin ??= time;
    this.presses.push({ code, down: this.relative(time), up: undefined });
  }

  /** Closes keys still held (the form was submitted before their key-up) at `time`. */
  finish(time: number): void {
    for (const p of this.presses) if (p.up === undefined) p.up = Math.max(p.down, this.relative(time));
  }

  /** The sample cannot be used: pasted, dropped, autofilled or edited. Stays so until reset(). */
  markUnusable(reason: string): void {
    this.unusableReason ??= reason;
    this.presses = [];
    this.origin = undefined;
  }

  reset(): void {
    this.presses = [];
    this.origin = undefined;
    this.unusableReason = undefined;
  }

  /** The released keys in typing order; empty when the sample is unusable. */
  events(): KeystrokeTiming[] {
    if (this.unusableReason !== undefined) return [];
    const out: KeystrokeTiming[] = [];
    for (const p of this.presses) {
      if (p.up !== undefined) out.push({ key: REDACTED_KEY, down: p.down, up: p.up });
    }
    return out;
  }

  private relative(time: number): number {
    // Hundredths of a ms: finer than any browser timer, and short in JSON. Rounding keeps the order.
    return Math.round((time - (this.origin ?? time)) * 100) / 100;
  }
}

/** One printable character (a single code point); named keys such as "Shift" are longer. */
function isCharacter(key: string): boolean {
  return key.length === 1 || (key.length === 2 && (key.codePointAt(0) ?? 0) > 0xffff);
}

export interface KeystrokeRecorder {
  /** The sample so far, in typing order. */
  events(): KeystrokeTiming[];
  /** Starts a new sample (after the page cleared the field itself). */
  reset(): void;
  /** For keystrokesExpected: false when the value was pasted, autofilled or edited (no usable sample). */
  readonly expected: boolean;
  /** Why the sample is unusable, if it is. */
  readonly reason: string | undefined;
  /** Closes keys still held at this moment (attachToForm does it on submit). */
  finish(): void;
  /** Removes the listeners. */
  detach(): void;
}

function now(event?: Event): number {
  // An event's timeStamp is on the performance.now() clock and taken when the key moved, not when
  // this listener ran: jank on the page does not leak into the rhythm.
  return event !== undefined && event.timeStamp > 0 ? event.timeStamp : performance.now();
}

/** Records key timings typed into `input`. */
export function recordKeystrokes(input: HTMLInputElement): KeystrokeRecorder {
  const log = new KeystrokeLog();
  let keyedSinceInput = false;

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.isComposing) return;
    const character = isCharacter(e.key) && !e.ctrlKey && !e.metaKey;
    if (character || e.key === 'Backspace') {
      keyedSinceInput = true;
      const length = input.value.length;
      const start = input.selectionStart ?? length;
      const end = input.selectionEnd ?? length;
      if (start === 0 && end === length && length > 0) {
        // Everything selected: typing or deleting replaces it all, so the sample starts again.
        log.reset();
        if (e.key === 'Backspace') return;
      } else if (start !== length || end !== length) {
        log.markUnusable('edited away from the end of the text');
        return;
      }
    }
    if (e.ctrlKey || e.metaKey) return; // shortcuts (paste is caught by its own event)
    log.feed('keydown', e.key, now(e), e.code || e.key, e.repeat);
  };
  const onKeyUp = (e: KeyboardEvent) => log.feed('keyup', e.key, now(e), e.code || e.key);
  const onInput = (e: Event) => {
    if (input.value.length === 0) {
      log.reset();
    } else {
      const kind = (e as InputEvent).inputType ?? '';
      if (kind === 'insertFromPaste' || kind === 'insertFromDrop') log.markUnusable('pasted or dropped');
      else if (kind === 'insertReplacementText' || !keyedSinceInput)
        log.markUnusable('filled without typing');
    }
    keyedSinceInput = false;
  };
  const onPaste = () => log.markUnusable('pasted');
  const onDrop = () => log.markUnusable('dropped');

  input.addEventListener('keydown', onKeyDown);
  input.addEventListener('keyup', onKeyUp);
  input.addEventListener('input', onInput);
  input.addEventListener('paste', onPaste);
  input.addEventListener('drop', onDrop);

  return {
    events: () => log.events(),
    reset: () => log.reset(),
    get expected() {
      return log.usable;
    },
    get reason() {
      return log.reason;
    },
    finish: () => log.finish(now()),
    detach() {
      input.removeEventListener('keydown', onKeyDown);
      input.removeEventListener('keyup', onKeyUp);
      input.removeEventListener('input', onInput);
      input.removeEventListener('paste', onPaste);
      input.removeEventListener('drop', onDrop);
    },
  };
}

export interface AttachOptions {
  /** Hidden field that receives the events as JSON (default "keystrokes"). */
  field?: string;
  /** Hidden field that receives "true" or "false" for keystrokesExpected (default field + "Expected"). */
  expectedField?: string;
}

/**
 * Records `input` and, when `form` is submitted, writes the JSON of the events into a hidden field
 * (and keystrokesExpected into another), so the login backend receives them with the password and
 * passes them to POST /v1/auth/assess.
 */
export function attachToForm(
  form: HTMLFormElement,
  input: HTMLInputElement,
  options: AttachOptions = {},
): KeystrokeRecorder {
  const field = options.field ?? 'keystrokes';
  const expectedField = options.expectedField ?? `${field}Expected`;
  const recorder = recordKeystrokes(input);
  const hidden = (name: string): HTMLInputElement => {
    const found = form.querySelector<HTMLInputElement>(`input[type="hidden"][name="${CSS.escape(name)}"]`);
    if (found !== null) return found;
    const created = document.createElement('input');
    created.type = 'hidden';
    created.name = name;
    form.appendChild(created);
    return created;
  };
  const onSubmit = () => {
    recorder.finish();
    hidden(field).value = JSON.stringify(recorder.events());
    hidden(expectedField).value = String(recorder.expected);
  };
  // Capture: at the form itself capture listeners run first, so the page's own submit handler
  // (reading FormData, say) already sees the fields.
  form.addEventListener('submit', onSubmit, true);
  return {
    ...recorder,
    get expected() {
      return recorder.expected;
    },
    get reason() {
      return recorder.reason;
    },
    detach() {
      form.removeEventListener('submit', onSubmit, true);
      recorder.detach();
    },
  };
}
