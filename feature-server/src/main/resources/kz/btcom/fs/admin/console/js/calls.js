// Calls and bills: a number's rated calls over a period (GET /calls) with their totals, net, VAT and with VAT,
// added in tiyn so that the totals are exact; and, for an operator, the itemized bill of a month as CSV
// (GET /bill, the same CSV the bill command prints).
import { download, get } from './api.js';
import { el, field, message, replace, table } from './dom.js';
import * as format from './format.js';
import { t } from './i18n.js';

// The last query, kept while the console is open.
const query = { number: '', from: '', to: '', month: '' };

function defaults() {
  const today = format.today();
  if (!query.from) {
    query.from = `${today.slice(0, 8)}01`;
  }
  if (!query.to) {
    const tomorrow = new Date(`${today}T00:00:00Z`);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    query.to = tomorrow.toISOString().slice(0, 10);
  }
  if (!query.month) {
    query.month = today.slice(0, 7);
  }
}

function records(list) {
  if (list.length === 0) {
    return message('info', t('calls.none'));
  }
  let cost = 0n;
  let vat = 0n;
  const rows = list.map((record) => {
    cost += format.tiyn(record.cost);
    vat += format.tiyn(record.vat);
    const total = format.decimal(format.tiyn(record.cost) + format.tiyn(record.vat));
    return [format.dateTime(record.start), record.caller, record.called,
      record['class'] ? t(`class.${record['class']}`) : '–', format.number(record.billedSeconds), record.tariff,
      el('span', { class: 'money' }, format.money(record.cost)), el('span', { class: 'money' }, format.money(record.vat)),
      el('span', { class: 'money' }, format.money(total))];
  });
  const result = table([t('calls.start'), t('calls.caller'), t('calls.called'), t('calls.class'), t('calls.billed'),
    t('calls.tariff'), t('calls.cost'), t('calls.vat'), t('calls.total')], rows, { id: 'call-list' });
  result.append(el('tfoot', {}, el('tr', {},
    el('th', { colspan: 6 }, t('calls.totals', { count: format.number(list.length) })),
    el('td', { id: 'total-cost', class: 'money', dataset: { value: format.decimal(cost) } },
      format.money(format.decimal(cost))),
    el('td', { id: 'total-vat', class: 'money', dataset: { value: format.decimal(vat) } },
      format.money(format.decimal(vat))),
    el('td', { id: 'total-with-vat', class: 'money', dataset: { value: format.decimal(cost + vat) } },
      format.money(format.decimal(cost + vat))))));
  return result;
}

function input(id, type, value, attributes = {}) {
  return el('input', { id, type, value, dataset: { field: id }, ...attributes });
}

export function render(container, { role }) {
  defaults();
  const number = input('calls-number', 'text', query.number, { inputmode: 'tel', placeholder: '+77272777888' });
  const from = input('calls-from', 'date', query.from);
  const to = input('calls-to', 'date', query.to);
  const results = el('div', { id: 'call-results' });
  const show = async () => {
    Object.assign(query, { number: number.value.trim(), from: from.value, to: to.value });
    replace(results, message('info', t('loading')));
    try {
      const list = await get('/api/v1/calls', { number: query.number,
        from: query.from && format.almatyMidnight(query.from), to: query.to && format.almatyMidnight(query.to) });
      replace(results, records(list));
    } catch (e) {
      replace(results, message('error', e.message));
    }
  };
  const month = input('bill-month', 'month', query.month);
  const billStatus = el('div', { id: 'bill-status' });
  const bill = role === 'operator' ? el('form', { id: 'bill-form', class: 'toolbar', onsubmit: async (event) => {
    event.preventDefault();
    query.month = month.value;
    replace(billStatus);
    try {
      await download('/api/v1/bill', { number: number.value.trim(), month: month.value }, 'text/csv');
    } catch (e) {
      replace(billStatus, message('error', e.message));
    }
  } },
  el('h2', {}, t('calls.bill')),
  field(t('calls.month'), month),
  el('button', { type: 'submit', id: 'download-bill' }, t('calls.downloadBill')),
  el('small', { class: 'hint' }, t('calls.billHint'))) : null;
  replace(container,
    el('form', { id: 'calls-form', class: 'toolbar', onsubmit: (event) => {
      event.preventDefault();
      show();
    } },
    field(t('calls.number'), number), field(t('calls.from'), from), field(t('calls.to'), to),
    el('button', { type: 'submit', class: 'primary', id: 'show-calls' }, t('calls.show'))),
    el('p', { class: 'hint' }, t('calls.period')),
    results,
    bill, billStatus);
  if (query.number) {
    show();
  }
}
