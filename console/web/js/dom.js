// Building the page from data without innerHTML: every text goes in as a text node, so nothing a
// workbook or a comment contains can become markup (and the CSP needs no 'unsafe-inline').

/**
 * h('a', {href: '#/x', class: 'link'}, 'text', child…) → an element. Attributes: class, text, on*
 * (event listeners), dataset (object), aria-* and the rest as attributes; false/null are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name === 'class') {
      el.className = value;
    } else if (name in el && typeof value !== 'string') {
      el[name] = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A short-lived status line read out by screen readers (the page's live region). */
export function announce(text) {
  const live = document.getElementById('live');
  if (live) {
    live.textContent = '';
    // A change after a tick is announced even when the text repeats.
    setTimeout(() => { live.textContent = text; }, 50);
  }
}

/** An error box (role=alert) with the API's message and, when it names them, the items in the way. */
export function errorBox(error, title = 'Something went wrong') {
  const items = Array.isArray(error?.details) ? error.details : [];
  return h('div', {class: 'error', role: 'alert'},
    h('strong', {}, title + ': '),
    h('span', {class: 'error-message'}, error?.message || String(error)),
    items.length ? h('ul', {class: 'error-items'}, items.map((i) => h('li', {}, i))) : null);
}
