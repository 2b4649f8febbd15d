// Small DOM helpers: elements are built with h() so that no server text is ever parsed as HTML.

/** h('p', {class: 'x'}, 'text', child) → an element; attributes with value null/false are left out. */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.substring(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child instanceof Node) {
      element.appendChild(child);
    } else {
      element.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** Replaces the children of {@code element}. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

let announcementTimer = null;

/** Says {@code text} to screen readers through the one polite live region of the page. */
export function announce(text) {
  const region = document.getElementById('melding');
  region.textContent = '';
  clearTimeout(announcementTimer);
  // a fresh text after a short pause is read even when it equals the previous one
  announcementTimer = setTimeout(() => { region.textContent = text; }, 50);
}

const DATE_TIME = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
  timeZone: 'Europe/Amsterdam'
});

export function time(iso) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  return h('time', { datetime: iso }, Number.isNaN(date.getTime()) ? iso : DATE_TIME.format(date));
}

/** A table in a focusable, labelled region, so that keyboard users can scroll it sideways on a narrow screen. */
export function table(caption, headers, rows) {
  const id = 'tabel-' + Math.random().toString(36).slice(2, 9);
  return h('div', { class: 'ggk-table-region', role: 'region', tabindex: 0, 'aria-labelledby': id },
    h('table', { class: 'utrecht-table' },
      h('caption', { id }, caption),
      h('thead', {}, h('tr', {}, headers.map(text => h('th', { scope: 'col' }, text)))),
      h('tbody', {}, rows)));
}

/** A form field with label, optional description and a place for its error, tied to the control. */
export function field(id, label, control, description) {
  const describedBy = [];
  let descriptionElement = null;
  if (description) {
    descriptionElement = h('p', { class: 'utrecht-form-field-description', id: id + '-uitleg' }, description);
    describedBy.push(id + '-uitleg');
  }
  control.id = id;
  if (describedBy.length) {
    control.setAttribute('aria-describedby', describedBy.join(' '));
  }
  return h('div', { class: 'utrecht-form-field' },
    h('label', { class: 'utrecht-form-label', for: id }, label),
    descriptionElement,
    h('p', { class: 'utrecht-form-field-error-message', id: id + '-fout', hidden: true }),
    control);
}

/** Shows {@code message} as the error of field {@code id} (or clears it with null). */
export function fieldError(id, message) {
  const control = document.getElementById(id);
  const error = document.getElementById(id + '-fout');
  if (!control || !error) {
    return;
  }
  const ids = (control.getAttribute('aria-describedby') || '').split(' ').filter(x => x && x !== id + '-fout');
  if (message) {
    error.textContent = message;
    error.hidden = false;
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', [id + '-fout', ...ids].join(' '));
  } else {
    error.textContent = '';
    error.hidden = true;
    control.removeAttribute('aria-invalid');
    if (ids.length) {
      control.setAttribute('aria-describedby', ids.join(' '));
    } else {
      control.removeAttribute('aria-describedby');
    }
  }
}

export function alert(kind, ...children) {
  return h('div', { class: 'utrecht-alert' + (kind ? ' utrecht-alert--' + kind : '') }, children);
}

export function heading(level, text, attributes) {
  return h('h' + level, Object.assign({ class: 'utrecht-heading-' + level }, attributes || {}), text);
}

/** paragraph('text', child) or paragraph({class: 'ggk-lead'}, 'text'). */
export function paragraph(...children) {
  const first = children[0];
  if (first && typeof first === 'object' && !(first instanceof Node) && !Array.isArray(first)) {
    const extra = children.shift().class;
    return h('p', { class: 'utrecht-paragraph' + (extra ? ' ' + extra : '') }, children);
  }
  return h('p', { class: 'utrecht-paragraph' }, children);
}

export function button(text, attributes) {
  return h('button', Object.assign({ type: 'button', class: 'utrecht-button' }, attributes || {}), text);
}
