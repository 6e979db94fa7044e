// The console's frame: sign-in, the pages a role is offered, the language. Pages are addressed by the URL's
// fragment (#/subscribers/+77272777888), so the browser's back button works and nothing reaches the server.
import { ApiError, call, session, whenSignedOut } from './api.js';
import * as calls from './calls.js';
import * as dashboard from './dashboard.js';
import { el, message, replace } from './dom.js';
import { language, languages, onLanguageChange, setLanguage, t } from './i18n.js';
import * as subscriberForm from './subscriber-form.js';
import * as subscribers from './subscribers.js';
import * as traces from './traces.js';

/** Each page and the roles it is offered to; the API refuses the rest anyway. */
const PAGES = {
  dashboard: { roles: ['operator', 'technician'], show: dashboard.render },
  subscribers: { roles: ['operator', 'technician'],
    show: (container, context) => (context.param ? subscriberForm : subscribers).render(container, context) },
  calls: { roles: ['operator', 'technician'], show: calls.render },
  traces: { roles: ['technician'], show: traces.render },
};

let principal = null;
let leavePage = null;

const main = () => document.getElementById('main');

function header() {
  const nav = principal ? Object.entries(PAGES)
    .filter(([, page]) => page.roles.includes(principal.role))
    .map(([name]) => el('a', { href: `#/${name}`, id: `nav-${name}`, dataset: { page: name } }, t(`nav.${name}`)))
    : [];
  const chooser = el('select', { id: 'language', 'aria-label': t('lang.label'),
    onchange: (event) => setLanguage(event.target.value) },
  Object.entries(languages).map(([code, name]) => el('option', { value: code, selected: code === language() }, name)));
  replace(document.getElementById('header'),
    el('span', { class: 'brand' }, 'BTcom', el('span', {}, t('app.title'))),
    el('nav', {}, nav),
    el('span', { class: 'spacer' }),
    principal ? el('span', { id: 'who' }, t('who', { role: t(`role.${principal.role}`), id: principal.tokenId }))
      : null,
    chooser,
    principal ? el('button', { type: 'button', id: 'sign-out', onclick: signOut }, t('signout')) : null);
}

function route() {
  if (leavePage) {
    leavePage();
    leavePage = null;
  }
  header();
  if (!principal) {
    showSignIn();
    return;
  }
  const [where, flagText = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, ...rest] = where.split('/');
  const pageName = name || 'dashboard';
  const page = PAGES[pageName];
  document.querySelectorAll('nav a').forEach((a) => a.classList.toggle('current', a.dataset.page === pageName));
  if (!page) {
    replace(main(), message('error', t('notFound')));
    return;
  }
  if (!page.roles.includes(principal.role)) {
    replace(main(), message('error', t('notAllowed', { role: t(`role.${principal.role}`) })));
    main().dataset.page = 'not-allowed';
    return;
  }
  main().dataset.page = pageName;
  const param = rest.length ? decodeURIComponent(rest.join('/')) : null;
  const result = page.show(main(), { role: principal.role, param, flags: flagText.split('&').filter(Boolean) });
  leavePage = typeof result === 'function' ? result : null;
}

function showSignIn() {
  main().dataset.page = 'sign-in';
  const token = el('input', { id: 'token', type: 'password', autocomplete: 'off', required: true,
    spellcheck: 'false', dataset: { field: 'token' } });
  const status = el('div', { class: 'form-status' });
  const form = el('form', { id: 'sign-in', class: 'card', onsubmit: async (event) => {
    event.preventDefault();
    replace(status);
    try {
      await signIn(token.value.trim());
    } catch (e) {
      replace(status, message('error', e instanceof ApiError && e.status === 0 ? t('unreachable') : e.message));
    }
  } },
  el('h1', {}, t('signin.title')),
  el('label', { for: 'token' }, t('signin.token')), token,
  el('small', { class: 'hint' }, t('signin.hint')),
  status,
  el('button', { type: 'submit', class: 'primary', id: 'sign-in-button' }, t('signin.submit')));
  replace(main(), form);
  token.focus();
}

/** Asks the API who the token is; kept for this tab only once the API knows it. */
async function signIn(token) {
  principal = await call('GET', '/api/v1/whoami', { token });
  session.keep(token);
  route();
}

function signOut() {
  session.forget();
  principal = null;
  location.hash = '';
  route();
}

async function start() {
  document.documentElement.lang = language();
  whenSignedOut(signOut);
  onLanguageChange(route);
  window.addEventListener('hashchange', route);
  const token = session.token();
  if (token) {
    try {
      principal = await call('GET', '/api/v1/whoami', { token });
    } catch (e) {
      session.forget();
    }
  }
  route();
}

start();
