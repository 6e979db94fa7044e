// Subscribers: the list, searched by number prefix a page at a time as the API pages it (after the last number
// shown). Opening one shows its profile (subscriber-form.js).
import { get } from './api.js';
import { el, message, replace, table } from './dom.js';
import { t } from './i18n.js';

const PAGE_SIZE = 20;

// The search is kept while the console is open, so "back to the list" comes back to the same page.
const search = { prefix: '', starts: [''] };

function services(profile) {
  const s = profile.services || {};
  const names = [];
  if (s.clip) names.push(t('service.clip'));
  if (s.clir) names.push(t('service.clir'));
  if (s.callWaiting && s.callWaiting.subscribed) names.push(t('service.callWaiting'));
  if (s.barring && s.barring.subscribed && s.barring.level > 0) {
    names.push(t('service.barring', { level: s.barring.level }));
  }
  return names.join(', ');
}

function forwarding(profile) {
  const f = (profile.services || {}).forwarding || {};
  return ['unconditional', 'busy', 'noReply', 'notReachable']
    .filter((kind) => f[kind])
    .map((kind) => `${t(`form.fwd${kind[0].toUpperCase()}${kind.slice(1)}`)}: ${f[kind]}`)
    .join('; ');
}

export function render(container, { role }) {
  const prefix = el('input', { id: 'search-prefix', type: 'search', inputmode: 'tel', value: search.prefix,
    placeholder: '+7727', autocomplete: 'off' });
  const results = el('div', { id: 'subscriber-results' });
  const load = async () => {
    replace(results, message('info', t('loading')));
    const after = search.starts[search.starts.length - 1];
    try {
      const page = await get('/api/v1/subscribers', { prefix: search.prefix, limit: PAGE_SIZE, after });
      const rows = page.subscribers.map((profile) => [
        el('a', { href: `#/subscribers/${encodeURIComponent(profile.number)}`, class: 'number' }, profile.number),
        el('span', { class: `status ${profile.status}` }, t(`status.${profile.status}`)),
        services(profile),
        forwarding(profile),
      ]);
      const pager = el('div', { class: 'pager' },
        search.starts.length > 1 ? el('button', { type: 'button', id: 'page-previous', onclick: () => {
          search.starts.pop();
          load();
        } }, t('subs.previous')) : null,
        el('span', {}, t('subs.page', { page: search.starts.length })),
        page.next ? el('button', { type: 'button', id: 'page-next', onclick: () => {
          search.starts.push(page.next);
          load();
        } }, t('subs.next')) : null);
      replace(results, rows.length === 0 ? message('info', t('subs.none'))
        : [table([t('subs.number'), t('subs.status'), t('subs.services'), t('subs.forwarding')], rows,
          { id: 'subscriber-list' }), pager]);
    } catch (e) {
      replace(results, message('error', e.message));
    }
  };
  replace(container,
    el('form', { class: 'toolbar', id: 'search-form', onsubmit: (event) => {
      event.preventDefault();
      search.prefix = prefix.value.trim();
      search.starts = [''];
      load();
    } },
    el('label', { for: 'search-prefix' }, t('subs.prefix')), prefix,
    el('button', { type: 'submit' }, t('subs.search')),
    role === 'operator' ? el('a', { class: 'button primary', id: 'new-subscriber', href: '#/subscribers/new' },
      t('subs.new')) : null),
    results);
  load();
}
