import { RECORDER_PATH } from './routes/recorderScript.js';

/** A demo account of the login page: the password is checked by the demo route, the rest by Argus. */
export interface DemoUser {
  username: string;
  userId: string;
  password: string;
  note: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'alice',
    userId: 'alice',
    password: 'correct horse battery staple',
    note: 'log in a few times typing as you normally would: the keystroke template enrols',
  },
  {
    username: 'bob',
    userId: 'bob',
    password: 'Tr0ub4dor&3',
    note: 'a short password with shifted keys',
  },
  {
    username: 'carol',
    userId: 'u-2210',
    password: 'vip lounge 2210',
    note: 'user u-2210 of the demo scenario: its impossible-travel alert made the pipeline demand a step-up, so her next login is challenged',
  },
];

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The demo login page: plain HTML, the keystroke recorder module and a little script, no framework. */
export function demoLoginPageHtml(enrolSamples: number): string {
  const users = DEMO_USERS.map(
    (u) =>
      `<tr><td><code>${escapeHtml(u.username)}</code></td><td><code>${escapeHtml(u.password)}</code></td><td>${escapeHtml(u.note)}</td></tr>`,
  ).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Argus: adaptive login demo</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; --ok: #2e7d32; --warn: #e65100; --bad: #b00020; }
  body { margin: 0 auto; padding: 1.5rem; max-width: 52rem; line-height: 1.45; }
  h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
  p.lead { margin: 0 0 1.25rem; opacity: .8; }
  .cols { display: grid; grid-template-columns: minmax(15rem, 20rem) 1fr; gap: 1.5rem; align-items: start; }
  @media (max-width: 44rem) { .cols { grid-template-columns: 1fr; } }
  form { display: grid; gap: .6rem; padding: 1rem; border: 1px solid #8885; border-radius: .5rem; }
  label { display: grid; gap: .2rem; font-size: .9rem; }
  input { font: inherit; padding: .45rem .55rem; border: 1px solid #8888; border-radius: .3rem; }
  button { font: inherit; padding: .5rem; border: 0; border-radius: .3rem; background: #1565c0; color: #fff; cursor: pointer; }
  #sample { font-size: .8rem; opacity: .75; min-height: 1.2em; }
  table { border-collapse: collapse; width: 100%; font-size: .88rem; }
  th, td { text-align: left; padding: .3rem .45rem; border-bottom: 1px solid #8884; vertical-align: top; }
  .badge { display: inline-block; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; padding: .15rem .5rem; border-radius: .3rem; color: #fff; }
  .allow { background: var(--ok); } .challenge { background: var(--warn); } .deny { background: var(--bad); }
  .meter { height: .5rem; background: #8883; border-radius: .25rem; overflow: hidden; margin: .4rem 0 .8rem; }
  .meter > div { height: 100%; background: linear-gradient(90deg, var(--ok), var(--warn) 50%, var(--bad)); }
  .facts { display: flex; flex-wrap: wrap; gap: .35rem 1rem; font-size: .88rem; margin: .5rem 0; }
  .note { padding: .55rem .7rem; border-left: 3px solid var(--warn); background: #e6510011; font-size: .9rem; margin: .6rem 0; }
  .error { border-left-color: var(--bad); background: #b0002011; }
  #result:empty::before { content: 'Sign in to see what Argus decides, and why.'; opacity: .6; }
  details { margin-top: 1.5rem; font-size: .9rem; }
  svg { display: block; margin: .3rem 0; }
</style>
</head>
<body>
<h1>Adaptive login demo</h1>
<p class="lead">The password is checked by this demo page's backend; Argus scores the attempt from the device,
network, failure velocity, typing rhythm and pending step-ups, and answers allow, challenge or deny.</p>
<div class="cols">
  <form id="login" autocomplete="off">
    <label>Username <input name="username" autocomplete="username" required value="alice"></label>
    <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
    <div id="sample"></div>
    <button type="submit">Sign in</button>
  </form>
  <section id="result" aria-live="polite"></section>
</div>
<details open>
  <summary>Demo users</summary>
  <table><thead><tr><th>user</th><th>password</th><th>try</th></tr></thead><tbody>
${users}
  </tbody></table>
  <p>The first ${enrolSamples} allowed logins with typed passwords enrol the keystroke template; from then on
  the rhythm is compared. Pasting the password, or a wrong one typed several times, shows other signals. Only key
  timings are sent, never the characters typed.</p>
</details>
<script type="module">
import { attachToForm } from '${RECORDER_PATH}';

const form = document.getElementById('login');
const password = form.elements.password;
const recorder = attachToForm(form, password);
const sample = document.getElementById('sample');
const result = document.getElementById('result');

function showSample() {
  const n = recorder.events().length;
  sample.textContent = recorder.expected
    ? (n ? n + ' keys timed' : '')
    : 'sample unusable: ' + recorder.reason;
}
password.addEventListener('keyup', showSample);
password.addEventListener('input', showSample);

async function fingerprint() {
  const parts = [navigator.userAgent, screen.width + 'x' + screen.height + 'x' + screen.colorDepth,
    Intl.DateTimeFormat().resolvedOptions().timeZone, navigator.language].join('|');
  if (crypto.subtle) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(parts));
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }
  let h = 0x811c9dc5; // FNV-1a where SubtleCrypto is missing (a page served over plain http to another host)
  for (let i = 0; i < parts.length; i++) h = Math.imul(h ^ parts.charCodeAt(i), 0x01000193) >>> 0;
  return 'fnv1a-' + h.toString(16).padStart(8, '0');
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function timeline(events) {
  if (!events.length) return el('span');
  const end = Math.max(...events.map((e) => e.up)) || 1;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const w = 320, row = 6;
  svg.setAttribute('width', w); svg.setAttribute('height', events.length * row + 2);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'key holds over time');
  events.forEach((e, i) => {
    const r = document.createElementNS(ns, 'rect');
    r.setAttribute('x', (e.down / end) * (w - 2)); r.setAttribute('y', i * row + 1);
    r.setAttribute('width', Math.max(1, ((e.up - e.down) / end) * (w - 2))); r.setAttribute('height', row - 2);
    r.setAttribute('fill', '#1565c0');
    svg.append(r);
  });
  return svg;
}

const LEARNING = {
  now: 'the profile learnt from this login',
  'after-challenge': 'learnt only once the challenge is passed',
  none: 'the profile did not learn from this attempt',
};

function render(data, events) {
  const a = data.assessment;
  result.replaceChildren();
  result.append(el('p', {}, data.login === 'ok' ? 'Password correct. ' : 'Password check failed (' + data.login + '). ',
    'Argus: ', el('span', { class: 'badge ' + a.decision }, a.decision),
    a.factor ? ' with factor ' + a.factor : ''));
  const meter = el('div', { class: 'meter', title: 'risk score' }, el('div', { style: 'width:' + (a.score * 100).toFixed(1) + '%' }));
  result.append(el('div', {}, 'Risk score ', el('strong', {}, a.score.toFixed(3)), ' (challenge at ' +
    data.thresholds.challengeAt + ', deny at ' + data.thresholds.denyAt + ')'), meter);
  const u = a.user;
  result.append(el('div', { class: 'facts' },
    el('span', {}, 'user ', el('code', {}, a.userId), u.known ? ' (known)' : ' (no history yet)'),
    el('span', {}, 'keystroke template before this login: ' + (u.keystrokeEnrolled ? 'enrolled, ' + u.samples + ' samples'
      : u.samples + ' of ' + data.enrolSamples + ' samples')),
    el('span', {}, a.trustedDevice ? 'trusted device' : 'device not trusted'),
    el('span', {}, LEARNING[a.learning] || a.learning)));
  if (data.challenge) {
    const c = data.challenge;
    result.append(el('div', { class: 'note' }, c.enrolmentNeeded
      ? 'Step-up needed, but ' + c.message + '. A real login backend would now enrol a factor (POST /v1/auth/factors/totp) or refuse the login.'
      : 'Step-up: a ' + c.factor + ' challenge was issued (' + c.challengeId + '); the backend answers it with POST /v1/auth/challenge/complete.'));
  }
  if (a.reasons.length === 0) {
    result.append(el('p', {}, 'No signal fired.'));
  } else {
    const rows = a.reasons.map((r) => el('tr', {}, el('td', {}, el('code', {}, r.signal)),
      el('td', {}, r.contribution.toFixed(2)), el('td', {}, r.detail)));
    result.append(el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'signal'), el('th', {}, 'contribution'),
      el('th', {}, 'detail'))), el('tbody', {}, ...rows)));
  }
  if (events.length) result.append(el('p', { style: 'margin-bottom:0;font-size:.85rem' }, 'The sample sent (key holds over time):'), timeline(events));
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const fields = new FormData(form);
  const events = JSON.parse(fields.get('keystrokes') || '[]');
  const body = {
    username: fields.get('username'),
    password: fields.get('password'),
    keystrokes: events,
    keystrokesExpected: fields.get('keystrokesExpected') === 'true',
    fingerprint: await fingerprint(),
  };
  password.value = '';
  recorder.reset();
  showSample();
  try {
    const res = await fetch(location.pathname, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const data = await res.json();
    if (!res.ok) {
      result.replaceChildren(el('div', { class: 'note error' }, data.message || ('HTTP ' + res.status)));
      return;
    }
    render(data, events);
  } catch (error) {
    result.replaceChildren(el('div', { class: 'note error' }, 'request failed: ' + error.message));
  }
  password.focus();
});
</script>
</body>
</html>
`;
}
