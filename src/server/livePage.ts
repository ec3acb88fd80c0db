/**
 * A single self-contained page that shows alerts and their actions arriving live. It is the
 * placeholder until the full dashboard lands; it uses only the public API with the user's key.
 */
export const livePageHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Argus: live alerts</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; padding: 1rem 1.5rem; }
  header { display: flex; gap: 1rem; align-items: baseline; }
  h1 { font-size: 1.3rem; margin: 0; }
  #state { font-size: .9rem; opacity: .75; }
  table { border-collapse: collapse; width: 100%; margin-top: 1rem; font-size: .9rem; }
  th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #8884; vertical-align: top; }
  .sev { font-weight: 600; text-transform: uppercase; font-size: .75rem; padding: .1rem .35rem; border-radius: .25rem; }
  .critical { background: #b00020; color: #fff; } .high { background: #e65100; color: #fff; }
  .medium { background: #f9a825; } .low { background: #90caf9; } .info { background: #ccc; }
  .act { display: inline-block; margin: 0 .3rem .2rem 0; font-size: .75rem; padding: .05rem .3rem; border: 1px solid #8886; border-radius: .25rem; }
  .succeeded { border-color: #2e7d32; } .dead-letter, .failed { border-color: #b00020; color: #b00020; }
  form { margin-top: 2rem; }
  button { font-size: .75rem; }
  .flash { animation: flash 1.5s ease-out; }
  @keyframes flash { from { background: #ffeb3b88; } to { background: transparent; } }
</style>
</head>
<body>
<header><h1>Argus · live alerts</h1><span id="state">connecting…</span></header>
<form id="login" hidden>
  <label>API key <input id="key" type="password" size="48" autocomplete="off"></label>
  <button>Open</button>
</form>
<table id="alerts" hidden>
  <thead><tr><th>last seen</th><th>severity</th><th>area / detector</th><th>subject</th><th>title</th><th>count</th><th>status</th><th>actions</th></tr></thead>
  <tbody></tbody>
</table>
<script type="module">
const hashKey = new URLSearchParams(location.hash.slice(1)).get('key');
if (hashKey) { sessionStorage.setItem('argusKey', hashKey); history.replaceState(null, '', location.pathname); }
let key = sessionStorage.getItem('argusKey');
const state = document.getElementById('state');
const body = document.querySelector('#alerts tbody');
const rows = new Map();
const actionsByAlert = new Map();
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const api = (path, init = {}) => fetch(path, { ...init, headers: { ...(init.headers || {}), authorization: 'Bearer ' + key, 'content-type': 'application/json' } });

function renderActions(alertId) {
  const list = [...(actionsByAlert.get(alertId)?.values() || [])];
  return list.map((a) => '<span class="act ' + esc(a.status) + '" title="' + esc(a.lastError || a.rule) + '">' + esc(a.type) + ': ' + esc(a.status) + '</span>').join('');
}
function render(alert, fresh) {
  let tr = rows.get(alert.id);
  if (!tr) { tr = document.createElement('tr'); rows.set(alert.id, tr); body.prepend(tr); }
  tr.innerHTML = '<td>' + new Date(alert.lastSeenAt).toLocaleTimeString() + '</td>' +
    '<td><span class="sev ' + esc(alert.severity) + '">' + esc(alert.severity) + '</span></td>' +
    '<td>' + esc(alert.area) + ' / ' + esc(alert.detector) + '</td>' +
    '<td>' + esc(alert.subject.kind) + ' ' + esc(alert.subject.id) + '</td>' +
    '<td>' + esc(alert.title) + '</td><td>' + alert.count + '</td>' +
    '<td>' + esc(alert.status) + (alert.status === 'open' ? ' <button data-ack="' + esc(alert.id) + '">ack</button>' : '') + '</td>' +
    '<td data-actions="' + esc(alert.id) + '">' + renderActions(alert.id) + '</td>';
  if (fresh) { tr.classList.remove('flash'); void tr.offsetWidth; tr.classList.add('flash'); }
}
function noteAction(a) {
  if (!actionsByAlert.has(a.alertId)) actionsByAlert.set(a.alertId, new Map());
  actionsByAlert.get(a.alertId).set(a.id, a);
  const cell = document.querySelector('[data-actions="' + CSS.escape(a.alertId) + '"]');
  if (cell) cell.innerHTML = renderActions(a.alertId);
}
body.addEventListener('click', async (e) => {
  const id = e.target.dataset?.ack;
  if (!id) return;
  const res = await api('/v1/alerts/' + encodeURIComponent(id) + '/status', { method: 'POST', body: JSON.stringify({ status: 'acknowledged' }) });
  if (res.ok) render(await res.json(), false);
});
async function start() {
  const res = await api('/v1/alerts?limit=100');
  if (res.status === 401) { sessionStorage.removeItem('argusKey'); return askKey('that key was refused'); }
  const page = await res.json();
  document.getElementById('alerts').hidden = false;
  for (const alert of page.items.reverse()) render(alert, false);
  const actions = await (await api('/v1/actions?limit=500')).json();
  for (const a of actions.items) noteAction(a);
  const es = new EventSource('/v1/alerts/stream?access_token=' + encodeURIComponent(key));
  es.onopen = () => { state.textContent = 'live · ' + page.total + ' alerts stored'; };
  es.onerror = () => { state.textContent = 'reconnecting…'; };
  es.addEventListener('alert-created', (e) => render(JSON.parse(e.data), true));
  es.addEventListener('alert-updated', (e) => render(JSON.parse(e.data), true));
  es.addEventListener('action-updated', (e) => noteAction(JSON.parse(e.data)));
}
function askKey(message) {
  state.textContent = message;
  const form = document.getElementById('login');
  form.hidden = false;
  form.onsubmit = (e) => { e.preventDefault(); key = document.getElementById('key').value.trim(); sessionStorage.setItem('argusKey', key); form.hidden = true; start(); };
}
if (key) start(); else askKey('enter an API key (printed by argus serve, or argus apikey create)');
</script>
</body>
</html>
`;
