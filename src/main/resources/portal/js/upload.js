// The upload form shared by the CBS tab (CSV/ZIP for CBS) and Berichtenverkeer (ZIP of iWmo/iJw/SVB messages):
// choose or drag files, a progress bar while they travel, then the hub's answer per delivery, kept up to date by
// polling the delivery until the hub's own check is done.
import { comparisonSection } from './trend.js';
import { api, upload } from './api.js';
import { h, replace, field, fieldError, announce, alert, heading, paragraph, button } from './dom.js';
import { outboxKind, eventDetail } from './labels.js';
import { findingsList, feedbackHref, countsText } from './bevindingen.js';

const SETTLED = ['VALIDATED', 'FORWARDED', 'REJECTED', 'FAILED'];

/** options: {id, accept, label, hint, ctx}; returns a function that stops the polling. */
export function uploadForm(container, options) {
  const { ctx } = options;
  const timers = [];
  const member = ctx.me.organisatie.soort === 'samenwerkingsverband';
  let chosen = [];

  const memberSelect = member ? h('select', { class: 'utrecht-select', name: 'gemeente', required: true },
    h('option', { value: '' }, 'Kies een gemeente'),
    (ctx.me.leden || []).map(l => h('option', { value: l.code }, l.naam + ' (' + l.code + ')'))) : null;
  const input = h('input', { type: 'file', name: 'bestanden', multiple: true, accept: options.accept,
    class: 'ggk-file-input' });
  const chosenList = h('ul', { class: 'ggk-chosen', 'aria-live': 'polite' });
  const dropzone = h('div', { class: 'ggk-dropzone' },
    field(options.id + '-bestanden', options.label, input, options.hint),
    chosenList);
  const send = h('button', { type: 'submit', class: 'utrecht-button' }, 'Versturen');
  const progress = h('progress', { max: 100, value: 0, id: options.id + '-voortgang' });
  const progressText = h('span', { id: options.id + '-voortgang-tekst' }, '0 %');
  const progressBox = h('div', { class: 'ggk-progress', hidden: true },
    h('label', { for: options.id + '-voortgang' }, 'Voortgang van het versturen'), progress, progressText);
  const error = h('div', { class: 'utrecht-alert utrecht-alert--error', role: 'alert', hidden: true });
  const results = h('div', { id: options.id + '-resultaat' });
  const form = h('form', { novalidate: true, 'aria-label': options.formLabel },
    memberSelect ? field(options.id + '-gemeente', 'Gemeente waarvoor u aanlevert', memberSelect,
      'U levert aan als ' + ctx.me.organisatie.naam + ' voor een van de aangesloten gemeenten.') : null,
    dropzone,
    h('div', { class: 'utrecht-button-group' }, send),
    progressBox,
    error);
  replace(container, form, heading(2, 'Resultaat', { id: options.id + '-resultaat-titel' }), results);
  replace(results, paragraph('Nog niets verstuurd in deze sessie.'));

  function showChosen() {
    replace(chosenList, chosen.map(f => h('li', {}, f.name + ' (' + size(f.size) + ')')));
  }

  input.addEventListener('change', () => {
    chosen = Array.from(input.files);
    fieldError(input.id, null);
    showChosen();
  });
  for (const type of ['dragenter', 'dragover']) {
    dropzone.addEventListener(type, event => {
      event.preventDefault();
      dropzone.classList.add('ggk-dropzone--active');
    });
  }
  dropzone.addEventListener('dragleave', () => dropzone.classList.remove('ggk-dropzone--active'));
  dropzone.addEventListener('drop', event => {
    event.preventDefault();
    dropzone.classList.remove('ggk-dropzone--active');
    chosen = Array.from(event.dataTransfer.files);
    fieldError(input.id, null);
    showChosen();
    announce(chosen.length + (chosen.length === 1 ? ' bestand' : ' bestanden') + ' gekozen.');
  });

  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.hidden = true;
    let invalid = null;
    if (memberSelect && !memberSelect.value) {
      fieldError(memberSelect.id, 'Kies de gemeente waarvoor u aanlevert.');
      invalid = invalid || memberSelect;
    } else if (memberSelect) {
      fieldError(memberSelect.id, null);
    }
    if (chosen.length === 0) {
      fieldError(input.id, 'Kies een of meer bestanden.');
      invalid = invalid || input;
    }
    if (invalid) {
      invalid.focus();
      return;
    }
    send.disabled = true;
    progressBox.hidden = false;
    progress.value = 0;
    progressText.textContent = '0 %';
    announce('Versturen begonnen.');
    try {
      const answer = await upload(chosen, memberSelect ? memberSelect.value : null, (loaded, total) => {
        const percent = Math.round(loaded * 100 / total);
        progress.value = percent;
        progressText.textContent = percent + ' %';
      });
      progress.value = 100;
      progressText.textContent = '100 %';
      const deliveries = answer.deliveries || [answer];
      announce(deliveries.length === 1 ? 'Het bestand is ontvangen door de hub. De controle loopt.'
        : deliveries.length + ' bestanden zijn ontvangen door de hub. De controle loopt.');
      replace(results);
      for (const delivery of deliveries) {
        const card = h('section', { class: 'ggk-card', 'aria-label': delivery.filename || 'Levering' });
        results.appendChild(card);
        follow(card, delivery, options);
      }
      chosen = [];
      input.value = '';
      showChosen();
    } catch (e) {
      error.hidden = false;
      replace(error, paragraph(e.status === 403
        ? 'U mag voor deze organisatie niet aanleveren.'
        : 'Het versturen is niet gelukt: ' + e.message));
    } finally {
      send.disabled = false;
    }
  });

  function follow(card, delivery, opts) {
    const render = trace => {
      const settled = SETTLED.includes(trace.status);
      const entries = trace.entries || [];
      const refused = entries.filter(e => e.fo01);
      const reports = entries.flatMap(e => (e.outbox || []).filter(l => l.kind !== 'FO01')
        .map(l => Object.assign({ entry: e.name }, l))).concat(trace.outbox || []);
      replace(card,
        heading(3, trace.filename || delivery.filename),
        h('dl', { class: 'utrecht-data-list' },
          h('dt', {}, 'Kenmerk'), h('dd', {}, trace.id || delivery.id),
          h('dt', {}, 'Uitslag'), h('dd', { class: 'ggk-verdict' }, verdict(trace, settled)),
          h('dt', {}, 'Aantallen'), h('dd', {}, counts(trace, entries)),
          checks(entries).length ? [h('dt', {}, 'Technische controle'),
            h('dd', {}, h('ul', { class: 'ggk-links' }, checks(entries).map(text => h('li', {}, text))))] : null),
        comparisonSection(trace, 4),
        entries.filter(e => (e.bevindingen || []).length).map(e => h('div', { class: 'ggk-entry-findings' },
          h('p', { class: 'utrecht-paragraph' }, h('strong', {}, 'Wat er niet klopt in ' + e.name + ':')),
          findingsList(e.bevindingen, e.bevindingenAantal, feedbackHref(e)))),
        refused.length ? refusedList(refused) : null,
        reports.length ? h('ul', { class: 'ggk-links' }, reports.map(link =>
          h('li', {}, h('a', { href: link.href, download: '' }, 'Download ' + outboxKind(link.kind).toLowerCase()
            + (link.entry && entries.length > 1 ? ' over ' + link.entry : ''))))) : null,
        h('p', { class: 'utrecht-paragraph' },
          h('a', { href: opts.detailHref(trace.id || delivery.id) }, 'Volg deze levering')));
      return settled;
    };
    render({ id: delivery.id, filename: delivery.filename, status: delivery.status || 'RECEIVED' });
    let announced = false;
    const poll = async () => {
      try {
        const trace = await api('GET', '/api/v1/deliveries/' + encodeURIComponent(delivery.id));
        const settled = render(trace);
        if (settled && !announced) {
          announced = true;
          announce((trace.filename || '') + ': ' + verdictText(trace));
        }
        const feedbackReady = (trace.entries || []).every(e => e.kind !== 'CBS' || (e.outbox || []).length > 0);
        if (settled && feedbackReady) {
          return;
        }
      } catch (e) {
        // a passing failure: try again
      }
      timers.push(setTimeout(poll, 1000));
    };
    timers.push(setTimeout(poll, 500));
  }

  return () => timers.forEach(clearTimeout);
}

/**
 * Each refused message: its name, the Fo01's code and Dutch reason, and its own Fo01 link named after the message.
 */
export function refusedList(refused) {
  return h('div', { class: 'ggk-refused' },
    h('p', { class: 'utrecht-paragraph' }, h('strong', {}, refused.length === 1 ? 'Geweigerd bestand:'
      : refused.length + ' geweigerde bestanden:')),
    h('ul', { class: 'ggk-refused__list' }, refused.map(e => {
      const fo01 = (e.outbox || []).find(l => l.kind === 'FO01');
      return h('li', {}, h('strong', {}, e.name), ' – ', e.fo01.code,
        e.fo01.omschrijving ? ': ' + e.fo01.omschrijving : '',
        fo01 ? [' ', h('a', { href: fo01.href, download: '' }, 'Foutbericht (Fo01) bij ' + e.name)] : null);
    })));
}

function verdictText(trace) {
  const c = trace.counts || {};
  switch (trace.status) {
    case 'VALIDATED':
    case 'FORWARDED':
      if (c.REJECTED || c.FAILED) {
        return countsText(c);
      }
      return 'goedgekeurd door de hub';
    case 'REJECTED':
      return 'afgekeurd door de hub';
    case 'FAILED':
      return 'mislukt';
    default:
      return 'ontvangen, de controle loopt';
  }
}

function verdict(trace, settled) {
  const text = verdictText(trace);
  const c = trace.counts || {};
  const mostlyRefused = (c.REJECTED || 0) + (c.FAILED || 0) > (c.FORWARDED || 0) + (c.VALIDATED || 0);
  const kind = !settled ? '' : (trace.status === 'REJECTED' || trace.status === 'FAILED' || mostlyRefused) ? 'afgekeurd'
    : 'terugkoppeling-cbs-ontvangen';
  return h('span', { class: 'ggk-status' + (kind ? ' ggk-status--' + kind : '') },
    text.charAt(0).toUpperCase() + text.slice(1));
}

function counts(trace, entries) {
  const parts = countsText(trace.counts || {});
  const total = entries.length;
  if (total === 0 && !parts) {
    return 'nog niet bekend';
  }
  return (total ? total + (total === 1 ? ' bestand' : ' bestanden') + (parts ? ': ' : '') : '') + parts;
}

/** Per checked GMSD file what the hub's check found, e.g. "0363_WMO_2026H1.csv: goedgekeurd: 3 records, 0 fouten". */
function checks(entries) {
  const found = [];
  for (const entry of entries) {
    const event = (entry.events || []).find(e => /\b(goed|af)gekeurd: \d+ records?\b/i.test(e.detail || ''));
    if (event) {
      const summary = /\b(goed|af)gekeurd: \d+ records?\b.*$/i.exec(eventDetail(event.detail))[0]
        .replace(/; terugkoppeling .*$/, '');
      found.push(entry.name + ': ' + summary.charAt(0).toLowerCase() + summary.slice(1));
    }
  }
  return found;
}

function size(bytes) {
  if (bytes < 1024) {
    return bytes + ' bytes';
  }
  if (bytes < 1024 * 1024) {
    return (bytes / 1024).toFixed(1).replace('.', ',') + ' kB';
  }
  return (bytes / 1024 / 1024).toFixed(1).replace('.', ',') + ' MB';
}
