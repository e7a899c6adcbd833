// The NanoCard lab view (docs/labs.md, "The lab view"). Every record comes from /events: the
// records of the JSON trace (exchange, fault, state, writes, map, held, profile, step), so a live
// session and a replayed FILE.jsonl are drawn by the same code. Nothing here holds a secret: the
// server masks what the trace masks.
'use strict';

const LABELS = {
  en: {
    title: 'NanoCard lab view', control: 'Lab control', profile: 'Fault profile', seed: 'seed', apply: 'Apply',
    step: 'Step mode', next: 'Next', replay: 'Replay', stream: 'APDU stream', filter: 'AP', allAps: 'all APs',
    copy: 'Copy as text', time: 'time (UTC)', command: 'command', response: 'response', meaning: 'meaning', status: 'status',
    state: 'Card state', selectedAp: 'Selected AP', ef: 'Current EF', lifeCycle: 'Life cycle', secureChannel: 'Secure channel',
    noScp: 'none on this card', profileNow: 'Fault profile', pins: 'PINs, password, PUK', pin: 'credential', tries: 'tries left',
    verified: 'verified', yes: 'verified', no: '–', notSet: 'not set', blocked: 'blocked', map: 'EEPROM',
    stateNote: 'The board keeps its state to itself: the stream shows what the reader saw.',
    live: 'live', replayMode: 'replay', sim: 'simulator', bridge: 'board (bridge)', none: '(none)', noProfile: 'none',
    held: 'Held', pressNext: 'press Next (N)', lastWrite: 'last command wrote', page: 'page', pages: 'pages',
    written: 'written', times: '×', fault: 'fault', atCommand: 'at command', profileSet: 'fault profile', stepOn: 'step mode on',
    stepOff: 'step mode off', free: 'free', noWrites: 'no writes yet', maskedBytes: 'bytes masked',
    'pre-issuance': 'pre-issuance', issued: 'issued', terminated: 'terminated',
  },
  ja: {
    title: 'NanoCard ラボ表示', control: 'ラボ操作', profile: '障害プロファイル', seed: 'シード', apply: '適用',
    step: 'ステップ実行', next: '次へ', replay: '再生', stream: 'APDU の流れ', filter: 'AP', allAps: 'すべての AP',
    copy: 'テキストでコピー', time: '時刻 (UTC)', command: 'コマンド', response: '応答', meaning: '意味', status: '結果',
    state: 'カードの状態', selectedAp: '選択中の AP', ef: 'カレント EF', lifeCycle: 'ライフサイクル', secureChannel: 'セキュアチャネル',
    noScp: 'このカードにはなし', profileNow: '障害プロファイル', pins: '暗証番号・パスワード・PUK', pin: '種類', tries: '残り回数',
    verified: '照合', yes: '照合済み', no: '–', notSet: '未設定', blocked: 'ロック中', map: 'EEPROM',
    stateNote: 'ボードの状態はボードの中: 流れにはリーダが見たものを示します。',
    live: 'ライブ', replayMode: '再生', sim: 'シミュレータ', bridge: 'ボード (bridge)', none: '(なし)', noProfile: 'なし',
    held: '保留中', pressNext: '「次へ」(N) で実行', lastWrite: '直前のコマンドが書いたページ', page: 'ページ', pages: 'ページ',
    written: '書込み', times: '回', fault: '障害', atCommand: 'コマンド', profileSet: '障害プロファイル', stepOn: 'ステップ実行 開始',
    stepOff: 'ステップ実行 終了', free: '空き', noWrites: 'まだ書込みなし', maskedBytes: 'バイト (秘匿)',
    'pre-issuance': '発行前', issued: '発行済み', terminated: '廃止',
    header: 'ヘッダ', 'commit slots': 'コミット領域', 'try counters': '試行回数カウンタ', directory: 'ディレクトリ', journal: 'ジャーナル',
  },
};

const FLASH = [255, 43, 214];
const ROW_HEIGHT = 12;
const $ = id => document.getElementById(id);

let lang = 'en';
let info = { mode: 'sim', control: false, profiles: [], japanese: [] };
const records = [];
let shown = -1;          // index of the last record drawn
let view;                // what records 0..shown add up to

function t(key) { return LABELS[lang][key] ?? key; }
// In Japanese, the APs are named as their descriptions name them (/info's "japanese": the names
// the stream, state and map show, longest first, each with its Japanese name).
function translateAps(text) {
  if (lang !== 'ja' || !text) return text;
  for (const n of info.japanese ?? []) text = text.split(n.shown).join(n.ja);
  return text;
}
function apName(name) { return translateAps(name); }

function emptyView() {
  return { n: 0, ap: 'no AP', aps: new Set(), state: null, map: null, wear: [], flash: [], held: null, profile: null };
}

function kind(r) {
  for (const k of ['fault', 'state', 'writes', 'map', 'held', 'profile', 'step']) if (k in r) return k;
  return 'exchange';
}

// --- applying records -------------------------------------------------------------------------

function apply(r) {
  const k = kind(r);
  if (k === 'exchange') {
    view.n++;
    if (r.name === 'SELECT AP' && r.status.startsWith('ok')) view.ap = r.detail;
    view.held = null;
    addRow('exchange', r);
  } else if (k === 'fault') {
    view.held = null;
    addRow('fault', r);
  } else if (k === 'state') {
    view.state = r.state;
  } else if (k === 'map') {
    view.map = r.map;
    view.wear = r.map.writes.slice();
    view.flash = [];
  } else if (k === 'writes') {
    r.writes.pages.forEach((p, i) => { view.wear[p] = r.writes.counts[i]; });
    view.flash = r.writes.pages;
  } else if (k === 'held') {
    view.held = r.held;
  } else if (k === 'profile') {
    view.profile = r.profile;
    addRow('note', r);
  } else if (k === 'step') {
    addRow('note', r);
  }
}

function rowText(type, r) {
  if (type === 'fault') return `! ${t('fault')} ${r.fault} ${t('atCommand')} ${r.command}: ${r.detail}`;
  if ('profile' in r) return r.profile.name ? `! ${t('profileSet')} ${r.profile.name} (${t('seed')} ${r.profile.seed})` : `! ${t('profileSet')}: ${t('noProfile')}`;
  if ('step' in r) return `! ${r.step ? t('stepOn') : t('stepOff')}`;
  return '';
}

function addRow(type, r) {
  const tr = document.createElement('tr');
  tr.className = type;
  tr.dataset.ap = view.ap;
  const cells = type === 'exchange'
    ? [view.n, time(r.time), shownCommand(r), abbreviated(r.response), meaning(r), r.status]
    : ['', time(r.time), rowText(type, r)];
  cells.forEach((c, i) => {
    const td = document.createElement('td');
    td.textContent = c;
    if (type === 'exchange' && (i === 2 || i === 3)) td.className = 'hex';
    if (type === 'exchange' && i === 5) td.className = 'status';
    if (type !== 'exchange' && i === 2) td.colSpan = 4;
    tr.appendChild(td);
  });
  if (type === 'exchange') {
    tr.dataset.name = r.name;
    if (!/^(ok|more data)/.test(r.status)) tr.classList.add('error');
    tr.dataset.text = `> ${traceCommand(r)}  ${r.name}${r.detail ? ': ' + r.detail : ''}\n< ${abbreviated(r.response)}  ${r.status}`;
  } else {
    tr.dataset.text = rowText(type, r);
  }
  if (!view.aps.has(view.ap)) {
    view.aps.add(view.ap);
    const o = document.createElement('option');
    o.value = view.ap;
    o.textContent = apName(view.ap);
    $('ap-filter').appendChild(o);
  }
  tr.hidden = !matchesFilter(tr);
  $('stream').tBodies[0].appendChild(tr);
}

// A masked command keeps its header and Lc; its data is never sent to the page.
function shownCommand(r) { return r.masked ? `${r.command} + ${parseInt(r.command.slice(8, 10), 16)} ${t('maskedBytes')}` : r.command; }
// Long responses as the text trace cuts them: the first bytes, then the status word.
function abbreviated(response) { return response.length <= 40 ? response : response.slice(0, 30) + '… ' + response.slice(-4); }
// As the text trace writes it: ** for each masked byte.
function traceCommand(r) { return r.masked ? r.command + '**'.repeat(parseInt(r.command.slice(8, 10), 16)) : r.command; }
function meaning(r) { return translateAps(r.name + (r.detail ? ': ' + r.detail : '')); }
function time(iso) { return iso ? iso.slice(11, 23) : ''; }
function matchesFilter(tr) { const f = $('ap-filter').value; return !f || tr.dataset.ap === f; }

// --- drawing ----------------------------------------------------------------------------------

function draw() {
  const rows = [...$('stream').tBodies[0].rows];
  rows.forEach(r => r.classList.remove('latest'));
  const last = rows.filter(r => r.classList.contains('exchange')).pop();
  if (last) { last.classList.add('latest'); if (info.mode !== 'replay') last.scrollIntoView({ block: 'nearest' }); }
  drawState();
  drawHeld();
  drawMap();
  $('position').textContent = `${shown + 1} / ${records.length}`;
  $('scrub').max = Math.max(records.length - 1, 0);
  $('scrub').value = shown;
}

function drawState() {
  const s = view.state;
  $('state-note').hidden = !(info.mode === 'bridge');
  $('state-ap').textContent = s ? apName(s.ap ?? '–') : apName(view.ap === 'no AP' ? '–' : view.ap);
  $('state-ef').textContent = s ? (s.ef ?? '–') : '–';
  $('state-life').textContent = s ? t(s.lifeCycle) : '–';
  const p = view.profile ?? (info.profile ? { name: info.profile, seed: info.seed } : null);
  $('state-profile').textContent = p && p.name ? `${p.name} (${t('seed')} ${p.seed})` : t('noProfile');
  const body = $('pins').tBodies[0];
  body.replaceChildren();
  for (const pin of s ? s.pins : []) {
    const tr = document.createElement('tr');
    tr.dataset.name = pin.name;
    tr.dataset.tries = pin.tries;
    tr.dataset.verified = pin.verified;
    if (pin.tries <= 1) tr.classList.add('low');
    if (pin.verified) tr.classList.add('verified');
    const tries = !pin.set ? t('notSet') : pin.tries === 0 ? `0 / ${pin.limit} ${t('blocked')}` : `${pin.tries} / ${pin.limit}`;
    for (const [c, cls] of [[translateAps(pin.name), 'name'], [tries, 'tries'], [pin.verified ? t('yes') : t('no'), 'verified']]) {
      const td = document.createElement('td');
      td.textContent = c;
      td.className = cls;
      tr.appendChild(td);
    }
    body.appendChild(tr);
  }
}

function drawHeld() {
  const h = view.held;
  $('held').hidden = !h;
  if (h) $('held').textContent = `${t('held')}: ${shownCommand(h)} ${translateAps(h.name)}${h.detail ? ': ' + translateAps(h.detail) : ''} — ${t('pressNext')}`;
}

let cursor = -1;
let flashUntil = 0;

function ownerAt(address) {
  const m = view.map;
  const o = m.objects.find(o => address >= o.address && address < o.address + o.size);
  if (o) return { colour: o.colour, text: `${translateAps(o.owner)} · ${o.fid} ${o.kind}`, object: o };
  const r = m.regions.find(r => address >= r.address && address < r.address + r.size);
  return r ? { colour: r.colour, text: r.name === 'data' ? t('free') : t(r.name), region: r } : { colour: '#ffffff', text: '' };
}

function rgb(hex) { return [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16)); }

function drawMap() {
  const m = view.map;
  $('map-panel').hidden = !m;
  if (!m) return;
  const canvas = $('map');
  const perRow = m.rowBytes / m.bytesPerPixel;
  const rows = Math.ceil(m.size / m.rowBytes);
  canvas.width = perRow;
  canvas.height = rows * ROW_HEIGHT;
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(canvas.width, canvas.height);
  const most = Math.max(1, ...view.wear);
  const flashing = new Set(info.mode === 'replay' || Date.now() < flashUntil ? view.flash : []);
  for (let address = 0; address < m.size; address += m.bytesPerPixel) {
    const page = Math.floor(address / m.pageSize);
    let c = rgb(ownerAt(address).colour);
    if (flashing.has(page)) {
      c = FLASH;
    } else if (view.wear[page] > 0) {
      const shade = 0.7 * Math.log(1 + view.wear[page]) / Math.log(1 + most);
      c = c.map(v => Math.round(v * (1 - shade)));
    }
    const x = (address % m.rowBytes) / m.bytesPerPixel;
    const top = Math.floor(address / m.rowBytes) * ROW_HEIGHT;
    for (let y = top; y < top + ROW_HEIGHT - 2; y++) {
      const i = (y * canvas.width + x) * 4;
      image.data[i] = c[0]; image.data[i + 1] = c[1]; image.data[i + 2] = c[2]; image.data[i + 3] = 255;
    }
  }
  ctx.putImageData(image, 0, 0);
  if (cursor >= 0) {
    ctx.strokeStyle = '#000';
    ctx.strokeRect((cursor % m.rowBytes) / m.bytesPerPixel - 2, Math.floor(cursor / m.rowBytes) * ROW_HEIGHT - 1, 5, ROW_HEIGHT);
  }
  canvas.dataset.flash = [...flashing].join(' ');
  const last = $('map-last');
  last.dataset.pages = view.flash.join(' ');
  last.dataset.owners = [...new Set(view.flash.flatMap(p => ownersOfPage(p)))].join(' | ');
  last.textContent = view.flash.length === 0 ? t('noWrites')
    : `${t('lastWrite')}: ${view.flash.map(p => `${t('page')} ${p} (0x${(p * m.pageSize).toString(16).toUpperCase().padStart(5, '0')}, ${t('written')} ${view.wear[p]}${t('times')})`).join(', ')} — ${last.dataset.owners}`;
  drawLegend();
}

function ownersOfPage(page) {
  const m = view.map;
  const names = [];
  for (let a = page * m.pageSize; a < (page + 1) * m.pageSize; a += m.bytesPerPixel) {
    const o = ownerAt(a).text;
    if (o && !names.includes(o)) names.push(o);
  }
  return names;
}

function drawLegend() {
  const seen = new Map();
  for (const r of view.map.regions) seen.set(r.name === 'data' ? t('free') : t(r.name), r.colour);
  for (const o of view.map.objects) seen.set(translateAps(o.owner), o.colour);
  $('legend').replaceChildren(...[...seen].map(([name, colour]) => {
    const li = document.createElement('li');
    const sw = document.createElement('span');
    sw.style.background = colour;
    li.append(sw, name);
    return li;
  }));
}

function describe(address) {
  const m = view.map;
  const page = Math.floor(address / m.pageSize);
  const o = ownerAt(address);
  const size = o.object ? ` · ${o.object.size.toLocaleString('en')} bytes` : '';
  return `0x${address.toString(16).toUpperCase().padStart(5, '0')} · ${o.text}${size} · ${t('page')} ${page}, ${t('written')} ${view.wear[page] ?? 0}${t('times')}`;
}

// --- moving through the records ---------------------------------------------------------------

function showUpTo(index) {
  const filter = $('ap-filter');
  const chosen = filter.value;
  view = emptyView();
  $('stream').tBodies[0].replaceChildren();
  filter.replaceChildren(filter.options[0]);
  for (let i = 0; i <= index; i++) apply(records[i]);
  filter.value = view.aps.has(chosen) ? chosen : '';
  filter.onchange();
  shown = index;
  draw();
}

function receive(record) {
  records.push(record);
  if (info.mode !== 'replay' || shown === records.length - 2) {
    apply(record);
    shown = records.length - 1;
    if (kind(record) === 'writes') { flashUntil = Date.now() + 3000; setTimeout(draw, 3100); }
  }
  scheduleDraw();
}

let drawPending = false;
function scheduleDraw() {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(() => { drawPending = false; draw(); });
}

function relabel() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-l]').forEach(e => { e.textContent = t(e.dataset.l); });
  $('lang').textContent = lang === 'en' ? '日本語' : 'English';
  $('mode').textContent = info.mode === 'replay' ? t('replayMode') : `${t('live')}: ${t(info.mode)}`;
  [...$('ap-filter').options].slice(1).forEach(o => { o.textContent = apName(o.value); });
  const p = $('profile');
  if (p.options.length) p.options[0].textContent = t('none');
  showUpTo(shown);
}

// --- lab control ------------------------------------------------------------------------------

async function control(path, body) {
  const response = await fetch(path, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-NanoCard-Lab': '1' }, body: JSON.stringify(body ?? {}),
  });
  const answer = await response.json().catch(() => ({}));
  $('control-message').textContent = answer.error ?? '';
  if (!answer.error && response.ok) { info = answer; $('step').checked = info.stepping; }
}

function setUpControl() {
  $('control').hidden = !info.control;
  if (!info.control) return;
  const select = $('profile');
  select.replaceChildren(new Option(t('none'), ''), ...info.profiles.map(p => new Option(p, p)));
  select.value = info.profile;
  select.disabled = $('apply').disabled = !!info.fixedProfile;
  $('control-message').textContent = info.fixedProfile ?? '';
  $('step').checked = info.stepping;
  $('apply').onclick = () => control('/control/faults', { profile: select.value, seed: $('seed').value === '' ? null : Number($('seed').value) });
  $('step').onchange = () => control('/control/step', { on: $('step').checked });
  $('next').onclick = () => control('/control/next');
}

// --- start ------------------------------------------------------------------------------------

document.addEventListener('keydown', e => {
  // Letters are shortcuts everywhere but where they are typed (the seed, a list, the copied text).
  if (e.target.closest('input[type=number], select, textarea') || e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === 'l' || e.key === 'L') { lang = lang === 'en' ? 'ja' : 'en'; relabel(); }
  if ((e.key === 'n' || e.key === 'N') && info.control) $('next').click();
  if (info.mode === 'replay' && !e.target.closest('input, canvas') && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
    showUpTo(Math.min(Math.max(shown + (e.key === 'ArrowLeft' ? -1 : 1), 0), records.length - 1));
  }
});
$('lang').onclick = () => { lang = lang === 'en' ? 'ja' : 'en'; relabel(); };
$('ap-filter').onchange = () => [...$('stream').tBodies[0].rows].forEach(tr => { tr.hidden = !matchesFilter(tr); });
$('copy').onclick = () => {
  const text = [...$('stream').tBodies[0].rows].filter(tr => !tr.hidden).map(tr => tr.dataset.text).join('\n');
  const area = $('copy-text');
  area.value = text;
  area.hidden = false;
  area.select();
  navigator.clipboard?.writeText(text).catch(() => { /* the selected text area is the fallback */ });
};
$('scrub').oninput = () => showUpTo(Number($('scrub').value));
$('back').onclick = () => showUpTo(Math.max(shown - 1, 0));
$('forward').onclick = () => showUpTo(Math.min(shown + 1, records.length - 1));
const map = $('map');
map.onmousemove = e => {
  if (!view.map) return;
  const box = map.getBoundingClientRect();
  const x = Math.floor((e.clientX - box.left) * map.width / box.width);
  const y = Math.floor((e.clientY - box.top) * map.height / box.height / ROW_HEIGHT);
  const address = y * view.map.rowBytes + x * view.map.bytesPerPixel;
  if (address >= 0 && address < view.map.size) $('map-hover').textContent = describe(address);
};
map.onkeydown = e => {
  if (!view.map) return;
  const step = { ArrowLeft: -64, ArrowRight: 64, ArrowUp: -view.map.rowBytes, ArrowDown: view.map.rowBytes }[e.key];
  if (step === undefined) return;
  e.preventDefault();
  cursor = Math.min(Math.max((cursor < 0 ? 0 : cursor) + step, 0), view.map.size - 1);
  $('map-hover').textContent = describe(cursor);
  drawMap();
};

view = emptyView();
fetch('/info').then(r => r.json()).then(i => {
  info = i;
  $('replay').hidden = info.mode !== 'replay';
  setUpControl();
  relabel();
  const events = new EventSource('/events');
  let opened = false;
  // A reconnection sends the whole session again: start over.
  events.onopen = () => { if (opened) { records.length = 0; shown = -1; showUpTo(-1); } opened = true; };
  events.onmessage = e => receive(JSON.parse(e.data));
});
