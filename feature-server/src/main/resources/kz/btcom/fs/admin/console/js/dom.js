// A few helpers to build the page with the DOM itself: no templates, no HTML strings, so no text the API gives
// back can ever become markup.

/** el('button', {class: 'primary', onclick: save}, 'Save'): attributes, listeners (on...) and children. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      node.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(node.dataset, value);
    } else {
      node.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

export function replace(container, ...children) {
  container.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}

/** A table with a header row; rows are arrays of cells (text or nodes). */
export function table(headers, rows, attributes = {}) {
  return el('table', attributes,
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, c))))));
}

/** A labelled input, with the place where the API's complaint about it is shown. */
export function field(label, input, hint) {
  const path = input.dataset.field;
  return el('div', { class: 'field' },
    el('label', { for: input.id }, label),
    input,
    hint ? el('small', { class: 'hint' }, hint) : null,
    el('span', { class: 'field-error', role: 'alert', dataset: { errorFor: path } }));
}

export function message(kind, text) {
  return el('p', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** Asks before something that cannot be undone; resolves to true when the person confirmed. */
export function confirmDialog(title, text, confirmLabel, cancelLabel) {
  return new Promise((resolve) => {
    const dialog = el('dialog', { id: 'confirm-dialog' },
      el('form', { method: 'dialog' },
        el('h2', {}, title),
        el('p', {}, text),
        el('div', { class: 'actions' },
          el('button', { value: 'cancel', id: 'confirm-cancel' }, cancelLabel),
          el('button', { value: 'confirm', class: 'danger', id: 'confirm-ok' }, confirmLabel))));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'confirm');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
