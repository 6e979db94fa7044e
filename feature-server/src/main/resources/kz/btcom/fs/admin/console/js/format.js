// Numbers, money, times and sizes as Kazakhstan writes them: the ru-KZ or en-KZ locale of the chosen language,
// tenge (KZT), and Almaty's time zone, where BTcom's subscribers and bills are.
import { language } from './i18n.js';

export const ZONE = 'Asia/Almaty';

function locale() {
  return language() === 'ru' ? 'ru-KZ' : 'en-KZ';
}

export function number(value, fractionDigits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  return new Intl.NumberFormat(locale(), {
    minimumFractionDigits: 0,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/** An amount given as the API gives it, a decimal string ("1061.95"): formatted exactly, never through a float. */
export function money(decimal) {
  return new Intl.NumberFormat(locale(), { style: 'currency', currency: 'KZT' }).format(decimal);
}

/** "150.00" as 15000 tiyn, so that totals are added exactly. */
export function tiyn(decimal) {
  const [whole, fraction = ''] = String(decimal).split('.');
  const negative = whole.startsWith('-');
  const amount = BigInt(whole.replace('-', '') || '0') * 100n + BigInt((fraction + '00').slice(0, 2));
  return negative ? -amount : amount;
}

/** 15000n tiyn as "150.00". */
export function decimal(tiynAmount) {
  const negative = tiynAmount < 0n;
  const abs = negative ? -tiynAmount : tiynAmount;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

export function dateTime(iso) {
  if (!iso) {
    return '–';
  }
  // The month by name and a 24-hour clock, as Kazakhstan writes them: never 12/06 that one reader takes for
  // June and another for December.
  return new Intl.DateTimeFormat(locale(), {
    timeZone: ZONE, year: 'numeric', month: 'short', day: 'numeric',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).format(new Date(iso));
}

export function time(date) {
  return new Intl.DateTimeFormat(locale(), {
    timeZone: ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).format(date);
}

export function bytes(count) {
  return new Intl.NumberFormat(locale(), {
    style: 'unit', unit: count < 1024 ? 'byte' : count < 1048576 ? 'kilobyte' : 'megabyte',
    unitDisplay: 'short', maximumFractionDigits: 1,
  }).format(count < 1024 ? count : count < 1048576 ? count / 1024 : count / 1048576);
}

/** Today's date in Almaty, "2026-11-25". */
export function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());
}

/** Almaty's midnight at the start of a date ("2026-11-25") as the instant the API takes. */
export function almatyMidnight(date) {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  return new Date(guess - offsetMillis(new Date(guess))).toISOString();
}

/** How far Almaty's clock is ahead of UTC at that instant (its offset has changed before, so it is asked). */
function offsetMillis(instant) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: ZONE, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
    hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(instant);
  const field = (type) => Number(parts.find((p) => p.type === type).value);
  const wall = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'),
    field('second'));
  return wall - instant.getTime();
}
