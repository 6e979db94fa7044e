// Traces, for technicians: SIP captures (start one for a number and a time, watch it run and grow, download
// the pcap), the malicious-call records with where each call came from, and the audit of every /traces call.
// Every one of these reads is itself audited by the server.
import { call, download, get } from './api.js';
import { el, field, message, replace, table } from './dom.js';
import * as format from './format.js';
import { t } from './i18n.js';

const REFRESH_SECONDS = 3;
const AUDIT_SHOWN = 50;

function captureRows(captures) {
  return captures.slice().reverse().map((capture) => [
    el('code', { title: capture.id }, capture.id.slice(0, 8)),
    capture.number,
    format.dateTime(capture.startedAt),
    format.dateTime(capture.endsAt),
    el('span', { class: `state ${capture.running ? 'running' : 'finished'}`, dataset: { running: capture.running } },
      t(capture.running ? 'traces.running' : 'traces.finished')),
    format.number(capture.messages),
    el('span', { class: 'size', dataset: { bytes: capture.bytes } }, format.bytes(capture.bytes)),
    format.number(capture.dropped),
    el('button', { type: 'button', class: 'download-pcap', dataset: { id: capture.id },
      onclick: () => download(`/api/v1/traces/sip/${capture.id}`, {}, 'application/vnd.tcpdump.pcap') },
    t('traces.download')),
  ]);
}

function captures(container, afterStart) {
  const list = el('div', { id: 'capture-list' });
  let running = false;
  const load = async () => {
    try {
      const all = await get('/api/v1/traces/sip');
      running = all.some((capture) => capture.running);
      replace(list, all.length === 0 ? message('info', t('traces.none'))
        : table(['ID', t('traces.number'), t('traces.startedAt'), t('traces.endsAt'), t('traces.state'),
          t('traces.messages'), t('traces.size'), t('traces.dropped'), ''], captureRows(all), { id: 'captures' }));
    } catch (e) {
      replace(list, message('error', e.message));
    }
  };
  const number = el('input', { id: 'capture-number', type: 'text', inputmode: 'tel', dataset: { field: 'number' },
    placeholder: '+77272777888' });
  const seconds = el('input', { id: 'capture-seconds', type: 'text', inputmode: 'numeric', value: '60',
    dataset: { field: 'seconds' } });
  const status = el('div', { class: 'form-status' });
  const form = el('form', { id: 'capture-form', class: 'toolbar', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    form.querySelectorAll('.field-error').forEach((node) => { node.textContent = ''; });
    replace(status);
    const given = seconds.value.trim();
    try {
      const started = await call('POST', '/api/v1/traces/sip', { body: { number: number.value.trim(),
        seconds: /^\d+$/.test(given) ? Number(given) : given } });
      replace(status, message('success', t('traces.started', { number: started.number })));
      load();
      afterStart();
    } catch (e) {
      const named = /^(number|seconds): /.exec(e.message);
      if (named) {
        form.querySelector(`[data-error-for="${named[1]}"]`).textContent = e.message;
      } else {
        replace(status, message('error', e.message));
      }
    }
  } },
  field(t('traces.number'), number), field(t('traces.seconds'), seconds),
  el('button', { type: 'submit', class: 'primary', id: 'start-capture' }, t('traces.start')));
  container.append(el('section', {}, el('h2', {}, t('traces.capture')), form, status,
    el('h3', {}, t('traces.captures')), list));
  load();
  return () => (running ? load() : null);
}

function malicious(container) {
  const victim = el('input', { id: 'mcid-victim', type: 'text', inputmode: 'tel', dataset: { field: 'victim' } });
  const list = el('div', { id: 'mcid-list' });
  const load = async () => {
    try {
      const records = await get('/api/v1/traces/malicious', { victim: victim.value.trim() });
      replace(list, records.length === 0 ? message('info', t('mcid.none')) : table(
        [t('mcid.flaggedAt'), t('mcid.victim'), t('mcid.caller'), t('mcid.callStart'), t('mcid.origin')],
        records.slice().reverse().map((r) => [format.dateTime(r.flaggedAt), r.victim,
          [r.callerNumber || r.callerUri, r.callerRestricted ? el('small', { class: 'tag' }, t('mcid.restricted')) : null],
          format.dateTime(r.callStart),
          `${t(`origin.${r.origin.type}`)}: ${r.origin.value}${r.origin.trunkContext ? ` (${r.origin.trunkContext})` : ''}`]),
        { id: 'mcid-records' }));
    } catch (e) {
      replace(list, message('error', e.message));
    }
  };
  container.append(el('section', {}, el('h2', {}, t('mcid.title')),
    el('form', { class: 'toolbar', onsubmit: (event) => {
      event.preventDefault();
      load();
    } }, field(t('mcid.filter'), victim), el('button', { type: 'submit', id: 'mcid-show' }, t('mcid.show'))),
    list));
  load();
}

function audit(container) {
  const list = el('div', { id: 'audit-list' });
  const load = async () => {
    try {
      const entries = await get('/api/v1/traces/audit');
      const latest = entries.slice(-AUDIT_SHOWN).reverse();
      replace(list, entries.length === 0 ? message('info', t('audit.none')) : [
        el('p', { class: 'hint' }, t('audit.latest', { count: latest.length })),
        table([t('audit.at'), t('audit.token'), t('audit.role'), t('audit.request'), t('audit.subject'),
          t('audit.status')], latest.map((e) => [format.dateTime(e.at), el('code', {}, e.tokenId),
          t(`role.${e.role}`), el('code', {}, `${e.method} ${e.path}${e.query ? `?${e.query}` : ''}`),
          e.captureId ? el('code', { title: e.captureId }, e.captureId.slice(0, 8)) : (e.number || ''),
          String(e.status)]), { id: 'audit-entries' })]);
    } catch (e) {
      replace(list, message('error', e.message));
    }
  };
  container.append(el('section', {}, el('h2', {}, t('audit.title')),
    el('button', { type: 'button', id: 'audit-refresh', onclick: load }, t('audit.refresh')), list));
  load();
  return load;
}

export function render(container) {
  replace(container);
  let refreshAudit = () => {};
  const refreshRunning = captures(container, () => refreshAudit());
  malicious(container);
  refreshAudit = audit(container);
  // A running capture grows, so its size and state are read again while one runs; not otherwise, since every
  // read of the traces is written to the audit, and a page left open should not fill it.
  const timer = setInterval(refreshRunning, REFRESH_SECONDS * 1000);
  return () => clearInterval(timer);
}
