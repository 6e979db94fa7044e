// The page's language: Russian or English, chosen in the page and remembered in localStorage (a preference,
// not a secret, unlike the token). Pages call t() while they draw, and draw again when the language changes.
import en from './lang/en.js';
import ru from './lang/ru.js';

const KEY = 'fs-console-lang';
const words = { en, ru };
const listeners = [];

export const languages = { ru: 'Русский', en: 'English' };

export function language() {
  const chosen = localStorage.getItem(KEY);
  if (chosen in words) {
    return chosen;
  }
  return (navigator.language || '').toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

export function setLanguage(lang) {
  localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang;
  listeners.forEach((listener) => listener(lang));
}

export function onLanguageChange(listener) {
  listeners.push(listener);
}

/** The words for key in the current language, {name} replaced by values.name; the key itself if none. */
export function t(key, values = {}) {
  const text = words[language()][key] ?? words.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}
