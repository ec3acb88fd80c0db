import type { AssessBody } from '../auth/risk/assessInput.js';
import { seededRandom } from '../ml/random.js';

/*
 * The login attempts of the authentication demo: a deterministic stream over the 48 hours before the
 * demo starts, made of people and attackers with their own habits. Nothing here decides an outcome:
 * the risk engine scores every attempt (seedAuthDecisions.ts). Addresses are from ranges that are
 * never routed (198.18.0.0/15 for homes and carriers, the TEST-NET ranges for hotels and attackers).
 */

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** The demo's history spans this much time before `now`. */
export const AUTH_DEMO_SPAN_MS = 48 * HOUR;

export interface DemoAttempt {
  body: AssessBody & { at: number };
  /** On a challenge, the user answers it (the step-up flow then teaches the profile this login). */
  passesChallenge: boolean;
}

type KeyEvent = { key: string; down: number; up: number };

/** Roughly normal in [-1.5, 1.5] (sum of three uniforms, centred). */
const wobble = (random: () => number) => random() + random() + random() - 1.5;

interface Rhythm {
  holds: number[];
  intervals: number[];
}

/** A person's way of typing their phrase: uneven holds and gaps (people's gap variation is 0.3-0.6). */
function personalRhythm(random: () => number, keys: number): Rhythm {
  return {
    holds: Array.from({ length: keys }, () => 70 + random() * 60),
    intervals: Array.from({ length: keys - 1 }, () => 95 + random() * 240),
  };
}

/** One typing of the phrase: the person's rhythm with a few percent of day-to-day variation. */
function typing(rhythm: Rhythm, random: () => number, spread = 0.035): KeyEvent[] {
  const events: KeyEvent[] = [];
  let down = 0;
  rhythm.holds.forEach((hold, i) => {
    const h = hold * (1 + spread * wobble(random));
    events.push({ key: '*', down: Math.round(down), up: Math.round(down + h) });
    down += (rhythm.intervals[i] ?? 0) * (1 + 1.5 * spread * wobble(random));
  });
  return events;
}

/** A script typing: every key held as long, every gap alike. */
function machineTyping(keys: number, hold: number, gap: number): KeyEvent[] {
  return Array.from({ length: keys }, (_, i) => ({ key: '*', down: i * gap, up: i * gap + hold }));
}

interface Place {
  city: string;
  lat: number;
  lon: number;
  country: string;
}

const CITIES = {
  berlin: { city: 'Berlin', lat: 52.52, lon: 13.405, country: 'DE' },
  munich: { city: 'Munich', lat: 48.137, lon: 11.575, country: 'DE' },
  paris: { city: 'Paris', lat: 48.857, lon: 2.352, country: 'FR' },
  madrid: { city: 'Madrid', lat: 40.417, lon: -3.704, country: 'ES' },
  london: { city: 'London', lat: 51.507, lon: -0.128, country: 'GB' },
  amsterdam: { city: 'Amsterdam', lat: 52.37, lon: 4.895, country: 'NL' },
  warsaw: { city: 'Warsaw', lat: 52.23, lon: 21.012, country: 'PL' },
  stockholm: { city: 'Stockholm', lat: 59.329, lon: 18.069, country: 'SE' },
  lisbon: { city: 'Lisbon', lat: 38.722, lon: -9.139, country: 'PT' },
  vienna: { city: 'Vienna', lat: 48.208, lon: 16.373, country: 'AT' },
  zurich: { city: 'Zurich', lat: 47.377, lon: 8.541, country: 'CH' },
  dublin: { city: 'Dublin', lat: 53.35, lon: -6.26, country: 'IE' },
  newYork: { city: 'New York', lat: 40.713, lon: -74.006, country: 'US' },
  dubai: { city: 'Dubai', lat: 25.205, lon: 55.27, country: 'AE' },
  singapore: { city: 'Singapore', lat: 1.352, lon: 103.82, country: 'SG' },
  saoPaulo: { city: 'São Paulo', lat: -23.55, lon: -46.633, country: 'BR' },
  frankfurt: { city: 'Frankfurt', lat: 50.11, lon: 8.682, country: 'DE' },
} satisfies Record<string, Place>;

const geo = (p: Place) => ({ lat: p.lat, lon: p.lon, country: p.country, accuracyKm: 25 });

/** Where a person is from a time on, and the address they log in from there. */
interface Stay {
  from: number;
  place: Place;
  ip: string;
}

interface Person {
  userId: string;
  device: string;
  rhythm: Rhythm;
  stays: Stay[];
  /** Logs in with a password manager from this login on (no keystrokes). */
  pastesFrom?: number;
  /** Starts using a phone from this login on, every other login, from a carrier network. */
  phoneFrom?: number;
}

const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';

/** The regular users: who they are, where they log in from, and (for three) a trip. */
function people(now: number, random: () => number): Person[] {
  const start = now - AUTH_DEMO_SPAN_MS;
  const home = (i: number, place: Place): Stay => ({ from: start, place, ip: `198.18.${10 + i}.${20 + i}` });
  const homes: [string, Place][] = [
    ['dana', CITIES.berlin],
    ['erik', CITIES.stockholm],
    ['farah', CITIES.amsterdam],
    ['goran', CITIES.warsaw],
    ['hana', CITIES.vienna],
    ['ivan', CITIES.munich],
    ['jun', CITIES.paris],
    ['kemal', CITIES.zurich],
    ['lena', CITIES.berlin],
    ['mateo', CITIES.madrid],
    ['nora', CITIES.dublin],
    ['omar', CITIES.london],
  ];
  const list: Person[] = homes.map(([userId, place], i) => ({
    userId,
    device: `fp-${userId}-laptop`,
    rhythm: personalRhythm(random, 10),
    stays: [home(i, place)],
  }));
  const person = (id: string) => list.find((p) => p.userId === id) as Person;
  // Lena flies to New York (about 9 h), Omar to Dubai (about 8 h), Jun takes the train to London.
  person('lena').stays.push({ from: now - 20 * HOUR, place: CITIES.newYork, ip: '192.0.2.41' });
  person('omar').stays.push({ from: now - 17 * HOUR, place: CITIES.dubai, ip: '192.0.2.87' });
  person('jun').stays.push({ from: now - 30 * HOUR, place: CITIES.london, ip: '192.0.2.133' });
  person('nora').pastesFrom = 8;
  person('dana').phoneFrom = 7;
  person('goran').phoneFrom = 8;
  person('kemal').phoneFrom = 6;
  return list;
}

function stayAt(p: Person, at: number): Stay {
  let current = p.stays[0] as Stay;
  for (const s of p.stays) if (s.from <= at) current = s;
  return current;
}

/** About fifteen logins each over the two days, in waking hours (07-23 UTC), a typo now and then. */
function regularLogins(p: Person, index: number, now: number, random: () => number): DemoAttempt[] {
  const attempts: DemoAttempt[] = [];
  let at = now - AUTH_DEMO_SPAN_MS + (index * 37 + 5) * MINUTE;
  let n = 0;
  while (true) {
    at += (1.2 + random() * 1.5) * HOUR;
    const hour = new Date(at).getUTCHours();
    if (hour < 7) at += (7 - hour) * HOUR;
    if (at > now - 3 * MINUTE) break;
    // No login during a trip's travel: the flight or train is between the stays.
    if (p.stays.some((s, i) => i > 0 && at < s.from && at > s.from - 11 * HOUR)) continue;
    const stay = stayAt(p, at);
    const onPhone = p.phoneFrom !== undefined && n >= p.phoneFrom && (n - p.phoneFrom) % 2 === 0;
    const pasted = p.pastesFrom !== undefined && n >= p.pastesFrom && n < p.pastesFrom + 2;
    const body: DemoAttempt['body'] = {
      userId: p.userId,
      // A phone on a carrier network gets a new address from the carrier's pool each time.
      ip: onPhone ? `198.19.${40 + index}.${(n * 29) % 250}` : stay.ip,
      userAgent: onPhone ? PHONE : BROWSER,
      deviceFingerprint: onPhone ? `fp-${p.userId}-phone` : p.device,
      geo: geo(stay.place),
      outcome: 'success',
      keystrokesExpected: !pasted,
      at: Math.round(at),
    };
    if (!pasted) body.keystrokes = typing(p.rhythm, random);
    if (random() < 0.1) {
      attempts.push({
        body: { ...body, outcome: 'failure', keystrokes: typing(p.rhythm, random), at: body.at - 40_000 },
        passesChallenge: false,
      });
    }
    attempts.push({ body, passesChallenge: true });
    n++;
  }
  return attempts;
}

/** One network trying leaked username and password pairs: many usernames, every login failing. */
function credentialStuffing(now: number, targets: string[], random: () => number): DemoAttempt[] {
  const startAt = now - 14 * HOUR - 12 * MINUTE;
  const names = [...targets, ...Array.from({ length: 34 }, (_, i) => `acct-${(4_817 + i * 7_919) % 90_000}`)];
  return Array.from({ length: 64 }, (_, i) => ({
    body: {
      userId: names[(i * 11) % names.length] as string,
      ip: `203.0.113.${[23, 24, 57][i % 3]}`,
      userAgent: 'python-requests/2.31.0',
      geo: geo(CITIES.frankfurt),
      outcome: 'failure' as const,
      at: Math.round(startAt + i * 9_000 + random() * 4_000),
    },
    passesChallenge: false,
  }));
}

/** A headless browser typing machine-regular passwords at a few accounts, getting into one. */
function bot(now: number): DemoAttempt[] {
  const startAt = now - 5 * HOUR - 40 * MINUTE;
  const users = ['ivan', 'acct-6120', 'kemal', 'ivan', 'acct-7731', 'erik', 'ivan', 'kemal', 'ivan', 'ivan'];
  return users.map((userId, i) => ({
    body: {
      userId,
      ip: '198.51.100.77',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/124.0.0.0 Safari/537.36',
      deviceFingerprint: 'fp-headless-7f3a',
      geo: geo(CITIES.amsterdam),
      outcome: i === users.length - 1 ? ('success' as const) : ('failure' as const),
      keystrokes: machineTyping(10, 42, 61),
      keystrokesExpected: true,
      at: startAt + i * 35_000,
    },
    passesChallenge: false,
  }));
}

/**
 * Two logins far from where the user just was: Mateo's password used from Singapore 40 minutes
 * after his Madrid login, by someone who types differently on another device; and Hana's laptop
 * turning up in São Paulo two hours after she logged in from it in Vienna.
 */
function impossibleTravel(now: number, crowd: Person[], random: () => number): DemoAttempt[] {
  const person = (id: string) => crowd.find((p) => p.userId === id) as Person;
  const mateo = person('mateo');
  const hana = person('hana');
  const at = (p: Person, when: number, place: Place, ip: string, device: string): DemoAttempt['body'] => ({
    userId: p.userId,
    ip,
    userAgent: BROWSER,
    deviceFingerprint: device,
    geo: geo(place),
    outcome: 'success',
    keystrokesExpected: true,
    at: when,
  });
  const madridAt = now - 9 * HOUR - 40 * MINUTE;
  const viennaAt = now - 5 * HOUR;
  return [
    {
      body: {
        ...at(mateo, madridAt, CITIES.madrid, stayAt(mateo, madridAt).ip, mateo.device),
        keystrokes: typing(mateo.rhythm, random),
      },
      passesChallenge: true,
    },
    {
      body: {
        ...at(mateo, madridAt + 40 * MINUTE, CITIES.singapore, '192.0.2.199', 'fp-unknown-win11'),
        keystrokes: typing(personalRhythm(random, 10), random),
      },
      passesChallenge: false,
    },
    {
      body: {
        ...at(hana, viennaAt, CITIES.vienna, stayAt(hana, viennaAt).ip, hana.device),
        keystrokes: typing(hana.rhythm, random),
      },
      passesChallenge: true,
    },
    {
      // Pasted: whoever holds the laptop's session did not type Hana's phrase.
      body: {
        ...at(hana, viennaAt + 2 * HOUR, CITIES.saoPaulo, '192.0.2.230', hana.device),
        keystrokesExpected: false,
      },
      passesChallenge: false,
    },
  ];
}

/** Every attempt of the demo, oldest first. */
export function authDemoAttempts(now: number): DemoAttempt[] {
  const random = seededRandom(20_240_301).next;
  const crowd = people(now, random);
  const attempts = crowd.flatMap((p, i) => regularLogins(p, i, now, random));
  attempts.push(...credentialStuffing(now, ['dana', 'farah', 'ivan', 'lena', 'nora', 'omar'], random));
  attempts.push(...bot(now));
  attempts.push(...impossibleTravel(now, crowd, random));
  return attempts.sort((a, b) => a.body.at - b.body.at);
}
