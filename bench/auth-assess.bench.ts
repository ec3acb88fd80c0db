/**
 * The risk engine's assess call (issue 6): p99 under 2 ms with 100,000 enrolled users.
 *
 * Setup (not timed): --users profiles (default 100,000), each with a keystroke template enrolled
 * through KeystrokeTemplate from 5 samples of the user's own rhythm over an 8-14 key password, 1-3
 * devices, 2-5 IPs in 1-2 networks, a home city and a last located login, serialised into an
 * IN-MEMORY AuthProfileRepository fake: the store's read/write latency is not in these numbers (the
 * store is measured separately). The fake keeps the profiles' bytes off the JS heap, as a database
 * would, and users are rebuilt from their seeds when a call needs them, so the garbage collector's
 * work in the timings is the engine's, not the bench's. Trusted devices, MFA factors and step-ups
 * are in-memory fakes too.
 * A breached-password directory of --range-files Pwned-Passwords-format range files (800 lines
 * each) is written to a temp dir; every login sends a passwordSha1 whose prefix is one of them, so
 * the range-file cache (1,024 files) misses often and real file reads (from the page cache) are in
 * the timings. The engine runs with the default auth config (profile cache 10,000, windows 50,000
 * keys per map).
 *
 * Then --warmup calls (not recorded) and --calls recorded calls, one at a time, each awaited, time
 * advancing 20 ms per call. Users are drawn uniformly from all 100,000 (the unkind case for the
 * profile cache). The mix: genuine logins with keystrokes (55%), new device + IP (10%), travel
 * pairs (a genuine login, then the next call from another continent: 5%), failed passwords with
 * brute-force bursts on one user (15%), credential-stuffing bursts from one IP with machine-regular
 * or missing keystrokes over existing and unknown usernames (10%), and first logins of unknown
 * users (5%). The mix is kept by call counts (bursts included). Latency is wall time per call; CPU time per call (process.cpuUsage, all threads) is
 * beside it, with the load average, because on a shared machine the wall-time tail is often another
 * process's.
 *
 *   npm run bench -- auth-assess [--users 100000] [--calls 50000] [--warmup 5000] [--range-files 4096]
 *   (--range-files 0: no breached-password list, to see what the range-file reads cost)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseKeystrokeSample } from '../src/auth/keystroke/keystrokeSample.js';
import { KeystrokeTemplate } from '../src/auth/keystroke/keystrokeTemplate.js';
import { authConfig } from '../src/auth/risk/authConfig.js';
import { emptyProfile, serializeProfile, touchSeen } from '../src/auth/risk/authProfile.js';
import { BreachedPasswordList } from '../src/auth/risk/breachedPasswords.js';
import {
  InMemoryAuthProfiles,
  InMemoryMfaFactors,
  InMemoryStepUps,
  InMemoryTrustedDevices,
} from '../src/auth/risk/inMemoryAuthStore.js';
import { networkOf } from '../src/auth/risk/network.js';
import { type RiskAssessment, RiskEngine } from '../src/auth/risk/riskEngine.js';
import { deviceIdOf } from '../src/auth/risk/signals/signalContext.fixture.js';
import { ManualClock } from '../src/core/clock.js';
import type { Random } from '../src/ml/random.js';
import { simulationRandom } from '../src/ml/simulationRandom.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '100000' },
    calls: { type: 'string', default: '50000' },
    warmup: { type: 'string', default: '5000' },
    'range-files': { type: 'string', default: '4096' },
    seed: { type: 'string', default: '6' },
  },
  strict: false,
});
const USERS = Number(values.users);
const CALLS = Number(values.calls);
const WARMUP = Number(values.warmup);
const RANGE_FILES = Number(values['range-files']);
const SEED = Number(values.seed);
const TARGET_P99_MS = 2;
const loadAtStart = loadavg();
const benchDir = dirname(fileURLToPath(import.meta.url));

const rng = simulationRandom(SEED);
const normal = (): number => {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
};
const pick = <T>(xs: readonly T[], r: Random = rng): T => xs[r.int(xs.length)] as T;
const hex = (n: number, r: Random = rng): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789ABCDEF'[r.int(16)];
  return s;
};

const CITIES = [
  { lat: 52.52, lon: 13.405, country: 'DE' },
  { lat: 48.857, lon: 2.352, country: 'FR' },
  { lat: 51.507, lon: -0.128, country: 'GB' },
  { lat: 40.713, lon: -74.006, country: 'US' },
  { lat: 37.775, lon: -122.419, country: 'US' },
  { lat: 35.69, lon: 139.69, country: 'JP' },
  { lat: 1.352, lon: 103.82, country: 'SG' },
  { lat: -33.87, lon: 151.21, country: 'AU' },
  { lat: -23.55, lon: -46.63, country: 'BR' },
  { lat: 19.43, lon: -99.13, country: 'MX' },
  { lat: 28.61, lon: 77.21, country: 'IN' },
  { lat: 55.75, lon: 37.62, country: 'RU' },
  { lat: 41.01, lon: 28.98, country: 'TR' },
  { lat: 6.52, lon: 3.38, country: 'NG' },
  { lat: 59.33, lon: 18.07, country: 'SE' },
  { lat: 45.46, lon: 9.19, country: 'IT' },
];

interface User {
  id: string;
  holds: Float64Array;
  intervals: Float64Array;
  devices: string[];
  ips: string[];
  city: (typeof CITIES)[number];
  passwordSha1: string;
}

const randomIp = (r: Random = rng): string =>
  `${1 + r.int(222)}.${r.int(256)}.${r.int(256)}.${1 + r.int(254)}`;
const round1 = (v: number) => Math.round(v * 10) / 10;

/** One typing of the user's password: their rhythm with lognormal jitter, now and then a hesitation. */
function typing(u: User, jitter = 0.12): { key: string; down: number; up: number }[] {
  let down = 1000 + rng.next() * 1000;
  const events = [];
  for (let i = 0; i < u.holds.length; i++) {
    const hold = (u.holds[i] as number) * Math.exp(jitter * normal());
    events.push({ key: 'x', down: round1(down), up: round1(down + hold) });
    if (i < u.intervals.length) {
      const hesitate = rng.next() < 0.03 ? 300 + rng.next() * 500 : 0;
      down += (u.intervals[i] as number) * Math.exp(jitter * 1.2 * normal()) + hesitate;
    }
  }
  return events;
}

/** A stranger's typing of a password of the same length (another person's rhythm). */
function strangerTyping(keys: number): { key: string; down: number; up: number }[] {
  const stranger = makeRhythm(keys);
  return typing({
    ...stranger,
    id: '',
    devices: [],
    ips: [],
    city: CITIES[0] as User['city'],
    passwordSha1: '',
  });
}

function makeRhythm(keys: number, r: Random = rng): { holds: Float64Array; intervals: Float64Array } {
  const holds = Float64Array.from({ length: keys }, () => 60 + r.next() * 80);
  const intervals = Float64Array.from({ length: keys - 1 }, () => 90 + r.next() * 260);
  return { holds, intervals };
}

/**
 * User i, rebuilt from its own seed whenever needed, so the bench keeps no per-user objects on the
 * heap (100,000 of them would be the garbage collector's work, not the engine's).
 */
function userOf(i: number): User & { breached: boolean; seenAt: number; successes: number } {
  const r = simulationRandom(SEED * 1_000_003 + i + 1);
  const keys = 8 + r.int(7);
  const rhythm = makeRhythm(keys, r);
  const city = pick(CITIES, r);
  const homeNet = randomIp(r);
  const ips = Array.from({ length: 2 + r.int(4) }, (_, k) =>
    k < 2 ? homeNet.replace(/\.\d+$/, `.${1 + r.int(254)}`) : randomIp(r),
  );
  return {
    id: `user${i}`,
    ...rhythm,
    devices: Array.from({ length: 1 + r.int(3) }, (_, k) => `fp-${i}-${k}`),
    ips,
    city,
    passwordSha1: pick(prefixes, r) + hex(35, r),
    breached: r.next() < 0.02,
    seenAt: START - (1 + r.int(30 * 24)) * 3_600_000,
    successes: 10 + r.int(200),
  };
}

// ---- setup -------------------------------------------------------------------------------------
const setupStart = performance.now();
const START = 1_750_000_000_000;
const config = authConfig();
const prefixes = Array.from({ length: Math.max(1, RANGE_FILES) }, (_, i) =>
  i.toString(16).toUpperCase().padStart(5, '0'),
);
const breachedSuffixes = new Map<string, string[]>();
const profiles = new InMemoryAuthProfiles();
for (let i = 0; i < USERS; i++) {
  const user = userOf(i);
  if (user.breached) {
    const prefix = user.passwordSha1.slice(0, 5);
    const list = breachedSuffixes.get(prefix) ?? [];
    list.push(user.passwordSha1.slice(5));
    breachedSuffixes.set(prefix, list);
  }
  const { ips, city, seenAt } = user;
  const p = emptyProfile();
  for (const d of user.devices) touchSeen(p.devices, deviceIdOf(d), seenAt, 20);
  for (const ip of ips) {
    touchSeen(p.ips, ip, seenAt, 50);
    touchSeen(p.networks, networkOf(ip), seenAt, 30);
  }
  touchSeen(p.countries, city.country, seenAt, 20);
  p.successes = user.successes;
  p.lastSuccessAt = seenAt;
  p.lastGeo = { ...city, accuracyKm: 20, at: seenAt };
  let template: KeystrokeTemplate | undefined;
  for (let s = 0; s < config.keystroke.enrolSamples; s++) {
    const sample = parseKeystrokeSample(typing(user)).features;
    template ??= KeystrokeTemplate.create(sample.length, { enrolSamples: config.keystroke.enrolSamples });
    template.enrol(sample);
  }
  p.keystroke = template ?? null;
  await profiles.put(user.id, serializeProfile(p), seenAt);
}
const profileBytes = profiles.bytes;

const rangeDir = mkdtempSync(join(tmpdir(), 'argus-bench-pwned-'));
for (const prefix of prefixes) {
  const lines: string[] = [];
  for (let k = 0; k < 800; k++) lines.push(`${hex(35)}:${1 + rng.int(50)}`);
  for (const s of breachedSuffixes.get(prefix) ?? []) lines.push(`${s}:${1 + rng.int(5000)}`);
  writeFileSync(join(rangeDir, `${prefix}.txt`), `${lines.join('\r\n')}\r\n`);
}
const commonPasswords = Array.from({ length: 50 }, () => {
  const prefix = pick(prefixes);
  const suffix = hex(35);
  const list = breachedSuffixes.get(prefix) ?? [];
  list.push(suffix);
  breachedSuffixes.set(prefix, list);
  return prefix + suffix;
});
// Rewrite the files that gained common passwords.
for (const pw of commonPasswords) {
  const prefix = pw.slice(0, 5);
  const lines = (breachedSuffixes.get(prefix) ?? []).map((s) => `${s}:${100_000 + rng.int(1_000_000)}`);
  for (let k = 0; k < 800; k++) lines.push(`${hex(35)}:${1 + rng.int(50)}`);
  writeFileSync(join(rangeDir, `${prefix}.txt`), `${lines.join('\r\n')}\r\n`);
}

const clock = new ManualClock(START);
const engine = new RiskEngine({
  config,
  profiles,
  trustedDevices: new InMemoryTrustedDevices(),
  mfaFactors: new InMemoryMfaFactors(),
  stepUps: new InMemoryStepUps(),
  deviceId: deviceIdOf,
  ...(RANGE_FILES > 0 ? { breachedPasswords: BreachedPasswordList.open(rangeDir) } : {}),
  clock,
  onDecision: () => {},
});
const setupSeconds = (performance.now() - setupStart) / 1000;
console.log(
  `setup: ${USERS.toLocaleString()} enrolled users in an in-memory AuthProfileRepository fake ` +
    `(${(profileBytes / USERS / 1024).toFixed(1)} KiB JSON each), ${RANGE_FILES} range files, ${setupSeconds.toFixed(1)} s`,
);
console.log(
  'note: the store is measured separately; these timings are the engine over in-memory repositories',
);

// ---- the call mix ------------------------------------------------------------------------------
type Scenario = 'genuine' | 'newDevice' | 'travel' | 'failure' | 'stuffing' | 'unknownUser';
const SCENARIOS: Scenario[] = ['genuine', 'newDevice', 'travel', 'failure', 'stuffing', 'unknownUser'];
interface Call {
  scenario: Scenario;
  body: Record<string, unknown>;
}
const queue: Call[] = [];
let newUsers = 0;
let newDevices = 0;
const attackerIps = Array.from({ length: 50 }, randomIp);

const genuineBody = (u: User): Record<string, unknown> => ({
  userId: u.id,
  ip: pick(u.ips),
  deviceFingerprint: pick(u.devices),
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126 Safari/537.36',
  geo: {
    lat: u.city.lat + normal() * 0.05,
    lon: u.city.lon + normal() * 0.05,
    country: u.city.country,
    accuracyKm: 20,
  },
  outcome: 'success',
  keystrokes: typing(u),
  passwordSha1: u.passwordSha1,
});

/** Share of calls per scenario; refill() picks whichever is furthest behind, so bursts keep the mix. */
const MIX: Record<Scenario, number> = {
  genuine: 0.55,
  newDevice: 0.1,
  travel: 0.05,
  failure: 0.15,
  stuffing: 0.1,
  unknownUser: 0.05,
};
const queued: Record<Scenario, number> = {
  genuine: 0,
  newDevice: 0,
  travel: 0,
  failure: 0,
  stuffing: 0,
  unknownUser: 0,
};
const enqueue = (call: Call) => {
  queue.push(call);
  queued[call.scenario]++;
};

function refill(): void {
  const total = SCENARIOS.reduce((a, k) => a + queued[k], 0) + 1;
  const next = SCENARIOS.reduce((best, k) =>
    MIX[k] * total - queued[k] > MIX[best] * total - queued[best] ? k : best,
  );
  const u = userOf(rng.int(USERS));
  if (next === 'genuine') {
    enqueue({ scenario: 'genuine', body: genuineBody(u) });
  } else if (next === 'newDevice') {
    enqueue({
      scenario: 'newDevice',
      body: { ...genuineBody(u), deviceFingerprint: `new-${newDevices++}`, ip: randomIp() },
    });
  } else if (next === 'travel') {
    const far = pick(CITIES.filter((c) => c.country !== u.city.country));
    enqueue({ scenario: 'genuine', body: genuineBody(u) });
    enqueue({
      scenario: 'travel',
      body: { ...genuineBody(u), ip: randomIp(), geo: { ...far, accuracyKm: 20 } },
    });
  } else if (next === 'failure') {
    // A mistyped password, now and then a brute-force burst on the user from one IP.
    const burst = rng.next() < 0.1 ? 8 : 1;
    const ip = burst > 1 ? randomIp() : pick(u.ips);
    for (let k = 0; k < burst; k++) {
      enqueue({
        scenario: 'failure',
        body: {
          ...genuineBody(u),
          ip,
          outcome: 'failure',
          keystrokes: burst > 1 ? strangerTyping(u.holds.length) : typing(u),
          passwordSha1: hex(40),
        },
      });
    }
  } else if (next === 'stuffing') {
    const ip = pick(attackerIps);
    const fp = `bot-${rng.int(20)}`;
    for (let k = 0; k < 20; k++) {
      const target = rng.next() < 0.7 ? `user${rng.int(USERS)}` : `nosuch${rng.int(1e9)}`;
      const scripted = rng.next() < 0.5;
      const keys = 10;
      const keystrokes = scripted
        ? Array.from({ length: keys }, (_, i) => ({ key: 'x', down: 1000 + i * 40, up: 1000 + i * 40 + 15 }))
        : undefined;
      enqueue({
        scenario: 'stuffing',
        body: {
          userId: target,
          ip,
          deviceFingerprint: fp,
          outcome: rng.next() < 0.03 ? 'success' : 'failure',
          ...(keystrokes ? { keystrokes } : { keystrokesExpected: true }),
          passwordSha1: pick(commonPasswords),
        },
      });
    }
  } else {
    const stranger = { ...u, id: `signup${newUsers++}` };
    enqueue({
      scenario: 'unknownUser',
      body: { ...genuineBody(stranger), deviceFingerprint: `signup-fp-${newUsers}` },
    });
  }
}

interface Tally {
  latencies: number[];
  cpu: number[];
  decisions: Record<string, number>;
}
const tallies = new Map<Scenario, Tally>(
  SCENARIOS.map((s) => [s, { latencies: [], cpu: [], decisions: {} }]),
);

async function run(n: number, record: boolean): Promise<void> {
  for (let i = 0; i < n; i++) {
    if (queue.length === 0) refill();
    const call = queue.shift() as Call;
    clock.advance(20);
    const c = process.cpuUsage();
    const t0 = performance.now();
    const a: RiskAssessment = await engine.assess(call.body);
    const ms = performance.now() - t0;
    const used = process.cpuUsage(c);
    if (!record) continue;
    const t = tallies.get(call.scenario) as Tally;
    t.latencies.push(ms);
    t.cpu.push((used.user + used.system) / 1000);
    t.decisions[a.decision] = (t.decisions[a.decision] ?? 0) + 1;
  }
}

await run(WARMUP, false);
(globalThis as { gc?: () => void }).gc?.();
const runStart = performance.now();
await run(CALLS, true);
const runSeconds = (performance.now() - runStart) / 1000;

// ---- report ------------------------------------------------------------------------------------
const quantile = (sorted: number[], q: number): number =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);
function summary(latencies: number[], cpu: number[]) {
  const s = [...latencies].sort((a, b) => a - b);
  const c = [...cpu].sort((a, b) => a - b);
  return {
    count: s.length,
    p50Ms: quantile(s, 0.5),
    p90Ms: quantile(s, 0.9),
    p99Ms: quantile(s, 0.99),
    p999Ms: quantile(s, 0.999),
    maxMs: s[s.length - 1] ?? 0,
    meanMs: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length),
    cpuP50Ms: quantile(c, 0.5),
    cpuP99Ms: quantile(c, 0.99),
  };
}
const f3 = (v: number) => v.toFixed(3).padStart(8);
console.log(
  `\n${CALLS.toLocaleString()} calls after ${WARMUP.toLocaleString()} warm-up, ${runSeconds.toFixed(1)} s`,
);
console.log(
  `${'scenario'.padEnd(13)}${'calls'.padStart(7)}      p50      p90      p99    p99.9      max   cpu p99  decisions`,
);
const byScenario: Record<string, unknown> = {};
const all: number[] = [];
const allCpu: number[] = [];
for (const [scenario, t] of tallies) {
  const s = summary(t.latencies, t.cpu);
  all.push(...t.latencies);
  allCpu.push(...t.cpu);
  byScenario[scenario] = { ...s, decisions: t.decisions };
  const d = Object.entries(t.decisions)
    .map(([k, v]) => `${k} ${((100 * v) / s.count).toFixed(0)}%`)
    .join(', ');
  console.log(
    `${scenario.padEnd(13)}${String(s.count).padStart(7)} ${f3(s.p50Ms)} ${f3(s.p90Ms)} ${f3(s.p99Ms)} ${f3(s.p999Ms)} ${f3(s.maxMs)} ${f3(s.cpuP99Ms)}  ${d}`,
  );
}
const overall = summary(all, allCpu);
console.log(
  `${'all'.padEnd(13)}${String(overall.count).padStart(7)} ${f3(overall.p50Ms)} ${f3(overall.p90Ms)} ${f3(overall.p99Ms)} ${f3(overall.p999Ms)} ${f3(overall.maxMs)} ${f3(overall.cpuP99Ms)}`,
);
const met = overall.p99Ms < TARGET_P99_MS;
console.log(
  `\ntarget: p99 < ${TARGET_P99_MS} ms with ${USERS.toLocaleString()} enrolled users: ${met ? 'met' : 'NOT MET'} (p99 ${overall.p99Ms.toFixed(3)} ms)`,
);
const stats = engine.stats();
const mem = process.memoryUsage();
console.log(
  `profile cache: ${stats.profiles.hits} hits, ${stats.profiles.misses} misses, ${stats.profiles.size} kept; heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB (profiles fake included)`,
);
console.log(`windows: ${JSON.stringify(stats.windows)}`);
const loadAtEnd = loadavg();
console.log(
  `load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}, at end ${loadAtEnd.map((l) => l.toFixed(2)).join(' ')}`,
);

mkdirSync(join(benchDir, 'results'), { recursive: true });
writeFileSync(
  join(benchDir, 'results', 'auth-assess.json'),
  `${JSON.stringify(
    {
      bench: 'auth-assess',
      note: 'RiskEngine.assess over in-memory repository fakes; the store is measured separately',
      node: process.version,
      users: USERS,
      calls: CALLS,
      warmup: WARMUP,
      rangeFiles: RANGE_FILES,
      seed: SEED,
      setupSeconds,
      profileJsonBytesPerUser: profileBytes / USERS,
      overall,
      byScenario,
      target: { p99Ms: TARGET_P99_MS, met },
      engine: stats,
      heapUsedMiB: mem.heapUsed / 2 ** 20,
      loadAverage: { start: loadAtStart, end: loadAtEnd },
    },
    null,
    2,
  )}\n`,
);
rmSync(rangeDir, { recursive: true, force: true });
