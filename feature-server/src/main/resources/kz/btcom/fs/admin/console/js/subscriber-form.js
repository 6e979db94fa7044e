// One subscriber's profile: created (PUT) or changed (PATCH, a merge patch of the whole form) by an operator,
// read only for a technician. The API checks every value; what it refuses is shown by the field it names
// ("services.forwarding.noReplySeconds: 200 is out of range 5-180"), and nothing else is changed.
import { ApiError, call } from './api.js';
import { confirmDialog, el, field, message, replace } from './dom.js';
import { t } from './i18n.js';

const SUBSCRIBED = ['wakeUp', 'callReturn', 'threeWay', 'mcid'];
const TARGETS = ['unconditional', 'busy', 'noReply', 'notReachable'];

function path(number) {
  return `/api/v1/subscribers/${encodeURIComponent(number)}`;
}

function valueAt(profile, dotted) {
  return dotted.split('.').reduce((node, key) => (node == null ? undefined : node[key]), profile);
}

function idOf(dotted) {
  return `f-${dotted.replace(/\./g, '-')}`;
}

function checkbox(profile, dotted, label, disabled) {
  const input = el('input', { type: 'checkbox', id: idOf(dotted), dataset: { field: dotted },
    checked: Boolean(valueAt(profile, dotted)), disabled });
  return el('div', { class: 'field check' }, input, el('label', { for: input.id }, label),
    el('span', { class: 'field-error', role: 'alert', dataset: { errorFor: dotted } }));
}

function text(profile, dotted, label, disabled, hint, attributes = {}) {
  const value = valueAt(profile, dotted);
  const input = el('input', { type: 'text', id: idOf(dotted), dataset: { field: dotted },
    value: value == null ? '' : value, disabled, autocomplete: 'off', ...attributes });
  return field(label, input, hint);
}

function select(profile, dotted, label, options, disabled) {
  const current = String(valueAt(profile, dotted) ?? options[0][0]);
  const input = el('select', { id: idOf(dotted), dataset: { field: dotted }, disabled },
    options.map(([value, name]) => el('option', { value, selected: value === current }, name)));
  return field(label, input);
}

function section(title, ...fields) {
  return el('fieldset', {}, el('legend', {}, title), fields);
}

/** The form's values as the API's profile: targets as typed (the API normalises them), empty ones null. */
function read(form, creating) {
  const input = (dotted) => form.querySelector(`[data-field="${dotted}"]`);
  const checked = (dotted) => input(dotted).checked;
  const typed = (dotted) => input(dotted).value.trim();
  const seconds = typed('services.forwarding.noReplySeconds');
  const profile = {
    status: input('status').value,
    services: {
      clip: checked('services.clip'),
      clir: checked('services.clir'),
      callWaiting: { subscribed: checked('services.callWaiting.subscribed'),
        active: checked('services.callWaiting.active') },
      forwarding: { subscribed: checked('services.forwarding.subscribed'),
        // A whole number goes as one; anything else as typed, for the API to say what is wrong with it.
        noReplySeconds: seconds === '' ? null : /^\d+$/.test(seconds) ? Number(seconds) : seconds },
      barring: { subscribed: checked('services.barring.subscribed'),
        level: Number(input('services.barring.level').value) },
    },
  };
  for (const kind of TARGETS) {
    profile.services.forwarding[kind] = typed(`services.forwarding.${kind}`) || null;
  }
  for (const service of SUBSCRIBED) {
    profile.services[service] = { subscribed: checked(`services.${service}.subscribed`) };
  }
  const pin = typed('pin');
  if (pin !== '') {
    profile.pin = pin;
  }
  if (!creating) {
    delete profile.status; // changed by the suspend and reactivate buttons
  }
  return profile;
}

function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((node) => { node.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((node) => node.removeAttribute('aria-invalid'));
}

/** Puts the API's message by the field it names, or above the form when it names none of them. */
function showError(form, problem, fallbackField) {
  const named = /^([A-Za-z]+(?:\.[A-Za-z]+)*): /.exec(problem);
  const dotted = named && form.querySelector(`[data-error-for="${named[1]}"]`) ? named[1] : fallbackField;
  const place = dotted && form.querySelector(`[data-error-for="${dotted}"]`);
  if (place) {
    place.textContent = problem;
    form.querySelector(`[data-field="${dotted}"]`).setAttribute('aria-invalid', 'true');
    form.querySelector(`[data-field="${dotted}"]`).focus();
  } else {
    replace(form.querySelector('.form-status'), message('error', problem));
  }
}

function build(profile, { creating, editable }) {
  const off = !editable;
  const barringLevels = [0, 1, 2, 3, 4].map((level) => [String(level), t(`barring.${level}`)]);
  return el('form', { id: 'subscriber-form', novalidate: true },
    el('div', { class: 'form-status' }),
    section(t(creating ? 'form.titleNew' : 'form.titleEdit', { number: profile.number || '' }),
      creating ? text(profile, 'number', t('form.number'), off, t('form.numberHint'), { inputmode: 'tel' }) : null,
      creating ? select(profile, 'status', t('form.status'),
        [['active', t('status.active')], ['suspended', t('status.suspended')]], off)
        : el('div', { class: 'field' }, el('span', { class: 'label' }, t('form.status')),
          el('span', { id: 'profile-status', class: `status ${profile.status}` }, t(`status.${profile.status}`)),
          el('input', { type: 'hidden', dataset: { field: 'status' }, value: profile.status })),
      editable ? text(profile, 'pin', t('form.pin'), off, t(creating ? 'form.pinHintNew' : 'form.pinHintEdit'),
        { inputmode: 'numeric' }) : null),
    section(t('form.presentation'),
      checkbox(profile, 'services.clip', t('form.clip'), off),
      checkbox(profile, 'services.clir', t('form.clir'), off)),
    section(t('form.callWaiting'),
      checkbox(profile, 'services.callWaiting.subscribed', t('form.subscribed'), off),
      checkbox(profile, 'services.callWaiting.active', t('form.switchedOn'), off)),
    section(t('form.forwarding'),
      checkbox(profile, 'services.forwarding.subscribed', t('form.subscribed'), off),
      el('div', { class: 'grid' },
        text(profile, 'services.forwarding.unconditional', t('form.fwdUnconditional'), off, null, { inputmode: 'tel' }),
        text(profile, 'services.forwarding.busy', t('form.fwdBusy'), off, null, { inputmode: 'tel' }),
        text(profile, 'services.forwarding.noReply', t('form.fwdNoReply'), off, null, { inputmode: 'tel' }),
        text(profile, 'services.forwarding.noReplySeconds', t('form.fwdNoReplySeconds'), off, null,
          { inputmode: 'numeric' }),
        text(profile, 'services.forwarding.notReachable', t('form.fwdNotReachable'), off, null,
          { inputmode: 'tel' })),
      el('small', { class: 'hint' }, t('form.fwdHint'))),
    section(t('form.barring'),
      checkbox(profile, 'services.barring.subscribed', t('form.subscribed'), off),
      select(profile, 'services.barring.level', t('form.barringLevel'), barringLevels, off)),
    section(t('form.otherServices'),
      SUBSCRIBED.map((service) => checkbox(profile, `services.${service}.subscribed`, t(`form.${service}`), off))),
    el('div', { class: 'actions' },
      editable ? el('button', { type: 'submit', class: 'primary', id: 'save' },
        t(creating ? 'form.create' : 'form.save')) : null,
      el('a', { class: 'button', href: '#/subscribers' }, t('form.back'))));
}

async function save(form, number, creating) {
  clearErrors(form);
  replace(form.querySelector('.form-status'));
  const target = creating ? form.querySelector('[data-field="number"]').value.trim() : number;
  try {
    const profile = read(form, creating);
    if (creating) {
      const exists = await call('GET', path(target)).then(() => true, (e) => {
        if (e instanceof ApiError && e.status === 404) {
          return false;
        }
        throw e;
      });
      if (exists) {
        showError(form, t('form.exists', { number: target }), 'number');
        return;
      }
    }
    const saved = await call(creating ? 'PUT' : 'PATCH', path(target), { body: profile });
    location.hash = `#/subscribers/${encodeURIComponent(saved.number)}?saved`;
  } catch (e) {
    // A number that is no number is refused in the path, so its message names no field: it is the number's.
    showError(form, e.message, creating ? 'number' : null);
  }
}

export async function render(container, { role, param, flags }) {
  const creating = param === 'new';
  const editable = role === 'operator';
  replace(container, message('info', t('loading')));
  let profile = { status: 'active', services: { forwarding: { noReplySeconds: 20 } } };
  if (!creating) {
    try {
      profile = await call('GET', path(param));
    } catch (e) {
      replace(container, message('error', e.message), el('a', { class: 'button', href: '#/subscribers' },
        t('form.back')));
      return;
    }
  }
  const form = build(profile, { creating, editable });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save(form, profile.number, creating);
  });
  const actions = !creating && editable ? el('div', { class: 'actions record-actions' },
    el('button', { type: 'button', id: profile.status === 'active' ? 'suspend' : 'reactivate',
      onclick: async () => {
        try {
          await call('PATCH', path(profile.number),
            { body: { status: profile.status === 'active' ? 'suspended' : 'active' } });
          render(container, { role, param, flags: [] });
        } catch (e) {
          replace(form.querySelector('.form-status'), message('error', e.message));
        }
      } }, t(profile.status === 'active' ? 'form.suspend' : 'form.reactivate')),
    el('button', { type: 'button', class: 'danger', id: 'delete', onclick: async () => {
      const sure = await confirmDialog(t('confirm.deleteTitle', { number: profile.number }),
        t('confirm.deleteText'), t('form.delete'), t('confirm.cancel'));
      if (!sure) {
        return;
      }
      try {
        await call('DELETE', path(profile.number));
        location.hash = '#/subscribers';
      } catch (e) {
        replace(form.querySelector('.form-status'), message('error', e.message));
      }
    } }, t('form.delete'))) : null;
  replace(container,
    !editable ? message('info', t('form.readOnly')) : null,
    flags.includes('saved') ? message('success', t('form.saved')) : null,
    actions, form);
}
