// The CBS tab: Aanleveren, Leveringen (+ detail), Rapporten, Opt-in, Terugmelding, Activiteit.
import { comparisonSection } from './trend.js';
import { api } from './api.js';
import { h, replace, announce, time, table, field, fieldError, alert, heading, paragraph, button } from './dom.js';
import { PHASES, phaseOf, phaseText, statusText, outboxKind, OPTIN_PARTS, eventText, eventDetail,
  entryStatusText } from './labels.js';
import { uploadForm, refusedList } from './upload.js';
import { findingsList, channelText, kindText, feedbackHref } from './bevindingen.js';

const POLL_MS = 3000;

/** Runs {@code task} now and every {@code ms}; returns the stop function the router calls on leaving the page. */
export function every(ms, task) {
  let stopped = false;
  let timer = null;
  const run = async () => {
    try {
      await task();
    } catch (e) {
      // shown by the task itself; the next round tries again
    }
    if (!stopped) {
      timer = setTimeout(run, ms);
    }
  };
  run();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function title(ctx, text) {
  ctx.setTitle(text);
  return h('h1', { class: 'utrecht-heading-1', tabindex: -1 }, text);
}

// ---- Aanleveren ------------------------------------------------------------------------------------------------

export function aanleverenPage(content, ctx) {
  const form = h('div', {});
  replace(content, title(ctx, 'Aanleveren'),
    paragraph({ class: 'ggk-lead' }, 'Lever de bestanden van de Gemeentelijke Monitor Sociaal Domein aan: een CSV-bestand '
      + '(bijvoorbeeld 0363_WMO_2026H1.csv) of een ZIP met zulke bestanden. De hub controleert elk bestand technisch en '
      + 'stuurt het daarna door naar CBS.'),
    form);
  return uploadForm(form, {
    ctx, id: 'cbs', accept: '.csv,.zip,text/csv,application/zip', formLabel: 'Bestanden aanleveren aan CBS',
    label: 'Kies CSV- of ZIP-bestanden',
    hint: 'U kunt de bestanden ook hierheen slepen. Een bestandsnaam is <gemeentecode>_<SOORT>_<jaar>H<1 of 2>.csv.',
    detailHref: id => '#/cbs/leveringen/' + encodeURIComponent(id)
  });
}

// ---- Leveringen ------------------------------------------------------------------------------------------------

function phaseBadge(delivery) {
  return h('span', { class: 'ggk-status ggk-status--' + phaseOf(delivery) }, phaseText(delivery));
}

function orgName(org, fallback) {
  if (org && typeof org === 'object') {
    return org.naam ? org.naam + ' (' + org.code + ')' : org.code;
  }
  return fallback || '';
}

/** The list of deliveries with their phase, polled; shared with the Berichtenverkeer tab ({@code keep}: which). */
export function deliveriesTable(container, caption, detailHref, keep) {
  const phases = new Map();
  return every(POLL_MS, async () => {
    let answer;
    try {
      answer = await api('GET', '/api/v1/deliveries?size=50');
    } catch (e) {
      replace(container, alert('error', paragraph('De leveringen konden niet worden opgehaald: ' + e.message)));
      throw e;
    }
    const items = (answer.items || []).filter(keep || (() => true));
    for (const item of items) {
      const phase = phaseOf(item);
      if (phases.has(item.id) && phases.get(item.id) !== phase) {
        announce(item.filename + ': ' + phaseText(item).toLowerCase());
      }
      phases.set(item.id, phase);
    }
    if (items.length === 0) {
      replace(container, paragraph('Er zijn nog geen leveringen.'));
      return;
    }
    replace(container, table(caption, ['Bestand', 'Gemeente', 'Aangeleverd door', 'Ontvangen', 'Fase'],
      items.map(item => h('tr', { 'data-levering': item.id },
        h('td', {}, h('a', { href: detailHref(item.id) }, item.filename)),
        h('td', {}, orgName(item.gemeente, item.organisation)),
        h('td', {}, orgName(item.aangeleverdDoor, item.sender)),
        h('td', {}, time(item.receivedAt)),
        h('td', {}, phaseBadge(item), item.redenTekst ? h('div', {}, item.redenTekst) : null,
          findingsList(item.bevindingen, item.bevindingenAantal, null, true))))));
  });
}

export function leveringenPage(content, ctx) {
  const list = h('div', {}, paragraph('De leveringen worden opgehaald…'));
  replace(content, title(ctx, 'Leveringen'),
    paragraph({ class: 'ggk-lead' }, 'Alle leveringen van uw organisatie. De fase werkt zichzelf elke paar seconden bij.'),
    list);
  return deliveriesTable(list, 'Leveringen, nieuwste eerst', id => '#/cbs/leveringen/' + encodeURIComponent(id));
}

/** One delivery: its phase, what it holds and the track & trace timeline. */
export function leveringPage(content, ctx, back) {
  const id = ctx.params[0];
  const body = h('div', {}, paragraph('De levering wordt opgehaald…'));
  const backLink = back || ['#/cbs/leveringen', 'Terug naar alle leveringen'];
  replace(content, title(ctx, 'Levering'), body);
  let lastPhase = null;
  return every(POLL_MS, async () => {
    let trace;
    try {
      trace = await api('GET', '/api/v1/deliveries/' + encodeURIComponent(id));
    } catch (e) {
      replace(body, alert('error', paragraph(e.status === 404 ? 'Deze levering bestaat niet of u mag haar niet zien.'
        : 'De levering kon niet worden opgehaald: ' + e.message)), paragraph(h('a', { href: backLink[0] }, backLink[1])));
      throw e;
    }
    const phase = phaseOf(trace);
    if (lastPhase && lastPhase !== phase) {
      announce(trace.filename + ': ' + phaseText(trace).toLowerCase());
    }
    lastPhase = phase;
    content.querySelector('h1').textContent = 'Levering ' + trace.filename;
    ctx.setTitle('Levering ' + trace.filename);
    const failed = phase === 'afgekeurd' || phase === 'mislukt';
    const current = PHASES.findIndex(p => p[0] === phase);
    const events = [];
    for (const e of trace.events || []) {
      events.push(Object.assign({ entry: null, kind: null }, e));
    }
    for (const entry of trace.entries || []) {
      for (const e of entry.events || []) {
        events.push(Object.assign({ entry: entry.name, kind: entry.kind }, e));
      }
    }
    events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    replace(body,
      h('p', { class: 'utrecht-paragraph' }, 'Fase: ', phaseBadge(trace)),
      h('ol', { class: 'ggk-phases', 'aria-label': 'Fasen van de levering' }, PHASES.map(([key, text], index) =>
        h('li', {
          'aria-current': key === phase ? 'step' : null,
          class: !failed && index < current ? 'ggk-phase--done' : null
        }, text))),
      failed ? alert('error', paragraph(trace.redenTekst || reason(trace))) : null,
      (trace.entries || []).filter(e => (e.bevindingen || []).length).map(e => h('section', {
        class: 'ggk-entry-findings', 'aria-label': 'Bevindingen in ' + e.name },
      heading(2, 'Wat er niet klopt in ' + e.name),
      findingsList(e.bevindingen, e.bevindingenAantal, feedbackHref(e)))),
      h('dl', { class: 'utrecht-data-list' },
        h('dt', {}, 'Kenmerk'), h('dd', {}, trace.id),
        h('dt', {}, 'Gemeente'), h('dd', {}, orgName(trace.gemeente, trace.organisation)),
        h('dt', {}, 'Aangeleverd door'), h('dd', {}, orgName(trace.aangeleverdDoor, trace.sender)),
        h('dt', {}, 'Aangeleverd via'), h('dd', {}, channelText(trace.channel)),
        h('dt', {}, 'Ontvangen'), h('dd', {}, time(trace.receivedAt))),
      heading(2, 'Bestanden in deze levering'),
      (trace.entries || []).length === 0 ? paragraph('De levering wordt nog uitgepakt.')
        : table('Bestanden', ['Bestand', 'Soort', 'Status', 'Documenten'], trace.entries.map(entry =>
          h('tr', {},
            h('td', {}, entry.name),
            h('td', {}, kindText(entry.kind, entry.functie)),
            h('td', {}, entryStatusText(entry), entry.fo01 ? h('div', {}, entry.fo01.code
              + (entry.fo01.omschrijving ? ': ' + entry.fo01.omschrijving : '')) : ''),
            h('td', {}, (entry.outbox || []).length === 0 ? '–' : h('ul', { class: 'ggk-links' },
              entry.outbox.map(link => h('li', {}, h('a', { href: link.href, download: '' },
                outboxKind(link.kind), h('span', { class: 'ggk-visually-hidden' }, ' bij ' + entry.name))))))))),
      comparisonSection(trace, 2),
      heading(2, 'Verloop'),
      h('ol', { class: 'ggk-timeline', 'aria-label': 'Verloop van de levering' }, events.map(e =>
        h('li', {}, time(e.at), h('strong', {}, eventText(e, e.kind)), e.entry ? ' – ' + e.entry : '',
          e.detail ? h('div', {}, eventDetail(e.detail)) : null))),
      paragraph(h('a', { href: backLink[0] }, backLink[1])));
  });
}

function reason(trace) {
  for (const entry of trace.entries || []) {
    const refused = (entry.events || []).filter(e => e.status === 'REJECTED' || e.status === 'FAILED');
    if (refused.length && refused[refused.length - 1].detail) {
      return refused[refused.length - 1].detail;
    }
  }
  return 'De levering is ' + phaseText(trace).toLowerCase() + '.';
}

// ---- Rapporten -------------------------------------------------------------------------------------------------

function downloads(item) {
  if (!item.downloads || item.downloads.length === 0) {
    return 'nog niet gedownload';
  }
  return h('ul', { class: 'ggk-links' }, item.downloads.map(d =>
    h('li', {}, (d.naam || d.by) + ', ', time(d.at))));
}

/** What a person calls the item; a Fo01 with its code and omschrijving. */
function itemTitle(item) {
  return [h('span', { class: 'ggk-report-title' }, item.titel || item.fileName),
    item.kind === 'FO01' && item.omschrijving ? h('div', { class: 'ggk-report-detail' }, item.omschrijving) : null];
}

/** The outbox as a table; {@code kinds}: which kinds to show (null: all). */
export function outboxTable(container, caption, keep) {
  const refresh = async () => {
    const answer = await api('GET', '/api/v1/outbox?size=200');
    const items = (answer.items || []).filter(keep);
    if (items.length === 0) {
      replace(container, paragraph('Er zijn nog geen rapporten.'));
      return;
    }
    replace(container, table(caption, ['Rapport', 'Soort', 'Gemaakt', 'Gedownload door', 'Download'],
      items.map(item => h('tr', { 'data-rapport': item.id },
        h('td', {}, itemTitle(item)),
        h('td', {}, outboxKind(item.kind)),
        h('td', {}, time(item.created)),
        h('td', {}, downloads(item)),
        h('td', {}, h('a', {
          href: item.href, download: item.fileName,
          onclick: () => setTimeout(() => refresh().catch(() => {}), 1500)
        }, item.kind === 'FO01' ? 'Download (XML)' : 'Download (ZIP)',
        h('span', { class: 'ggk-visually-hidden' }, ' ' + (item.titel || item.fileName))))))));
  };
  return every(5000, async () => {
    try {
      await refresh();
    } catch (e) {
      replace(container, alert('error', paragraph('De rapporten konden niet worden opgehaald: ' + e.message)));
      throw e;
    }
  });
}

export function rapportenPage(content, ctx) {
  const list = h('div', {}, paragraph('De rapporten worden opgehaald…'));
  replace(content, title(ctx, 'Rapporten'),
    paragraph({ class: 'ggk-lead' }, 'Technische terugkoppelingen, spiegelrapporten, op-orde rapporten, foutberichten en '
      + 'foutrapportages voor uw organisatie. Een rapport downloadt u als ZIP met de PDF erin, een foutbericht als '
      + 'XML-bestand; u ziet wie het al downloadde.'),
    list);
  return outboxTable(list, 'Rapporten, nieuwste eerst', item => item.kind !== 'BERICHT');
}

// ---- Opt-in ----------------------------------------------------------------------------------------------------

function halfYears() {
  const now = new Date();
  const year = now.getFullYear();
  const half = now.getMonth() < 6 ? 1 : 2;
  const list = [];
  for (let i = -2; i <= 2; i++) {
    const index = year * 2 + (half - 1) + i;
    list.push({ year: Math.floor(index / 2), half: (index % 2) + 1 });
  }
  return { list, current: { year, half } };
}

function choiceText(letter) {
  return letter === 'J' ? 'ja' : letter === 'N' ? 'nee' : '–';
}

export function optinPage(content, ctx) {
  const mayDecide = ctx.has('cbs-aanleveraar');
  const member = ctx.me.organisatie.soort === 'samenwerkingsverband';
  const periods = halfYears();
  const timers = [];
  const periodSelect = h('select', { class: 'utrecht-select', name: 'periode' }, periods.list.map(p =>
    h('option', { value: p.year + 'H' + p.half, selected: p.year === periods.current.year && p.half === periods.current.half },
      (p.half === 1 ? 'Eerste' : 'Tweede') + ' halfjaar ' + p.year)));
  const gemeenteSelect = member ? h('select', { class: 'utrecht-select', name: 'gemeente' },
    (ctx.me.leden || []).map(l => h('option', { value: l.code }, l.naam + ' (' + l.code + ')'))) : null;
  const state = h('div', {});
  const formBox = h('div', {});
  const confirmation = h('div', { role: 'status', 'aria-live': 'polite' });
  replace(content, title(ctx, 'Opt-in'),
    mayDecide ? paragraph({ class: 'ggk-lead' }, 'Kies per halfjaar welke gegevens CBS voor uw gemeente mag verwerken. '
      + 'U kunt een keuze later wijzigen; CBS gebruikt de laatste keuze.')
      : h('p', { class: 'utrecht-paragraph ggk-lead', id: 'optin-alleen-lezen' }, 'U kunt de opt-in van uw gemeente '
        + 'hier alleen bekijken. De keuze maakt een CBS-aanleveraar van uw organisatie.'),
    h('div', { class: 'ggk-choice-row' },
      field('optin-periode', 'Halfjaar', periodSelect),
      gemeenteSelect ? field('optin-gemeente', 'Gemeente', gemeenteSelect) : null),
    confirmation, state, formBox);

  const organisation = () => gemeenteSelect ? gemeenteSelect.value : ctx.me.organisatie.code;
  const period = () => {
    const [year, half] = periodSelect.value.split('H');
    return { year: Number(year), half: Number(half) };
  };

  async function load() {
    const p = period();
    let answer;
    try {
      answer = await api('GET', '/api/v1/optin?organisation=' + encodeURIComponent(organisation())
        + '&year=' + p.year + '&half=' + p.half);
    } catch (e) {
      replace(state, alert('error', paragraph('De opt-in kon niet worden opgehaald: ' + e.message)));
      return;
    }
    const current = answer.current;
    replace(state,
      heading(2, 'Huidige keuze'),
      current ? h('dl', { class: 'utrecht-data-list', id: 'optin-huidig' },
        OPTIN_PARTS.map(([key, label]) => [h('dt', {}, label), h('dd', {}, choiceText(current[key]))]),
        h('dt', {}, 'Gekozen door'), h('dd', {}, current.gekozenDoor || current.decidedBy || ''),
        h('dt', {}, 'Op'), h('dd', {}, time(current.decidedAt)))
        : paragraph('Voor dit halfjaar is nog geen keuze gemaakt.'),
      heading(2, 'Eerdere keuzes'),
      (answer.history || []).length === 0 ? paragraph('Nog geen keuzes.')
        : table('Alle keuzes voor dit halfjaar, oudste eerst', ['Op', 'Door'].concat(OPTIN_PARTS.map(p => p[1])),
          answer.history.map(d => h('tr', {}, h('td', {}, time(d.decidedAt)), h('td', {}, d.gekozenDoor || d.decidedBy || ''),
            OPTIN_PARTS.map(([key]) => h('td', {}, choiceText(d[key])))))));
    if (mayDecide) {
      renderForm(current);
    }
  }

  function renderForm(current) {
    const submit = h('button', { type: 'submit', class: 'utrecht-button' }, 'Keuze versturen');
    const error = h('div', { class: 'utrecht-alert utrecht-alert--error', role: 'alert', hidden: true });
    const form = h('form', { novalidate: true, 'aria-labelledby': 'optin-form-titel' },
      paragraph('Kies bij elk onderdeel ja of nee.'),
      OPTIN_PARTS.map(([key, label, explanation]) => h('fieldset', {
        class: 'utrecht-form-fieldset', id: 'optin-' + key, tabindex: -1,
        'aria-describedby': 'optin-' + key + '-uitleg'
      },
      h('legend', { class: 'utrecht-form-fieldset__legend' }, label),
      h('p', { class: 'utrecht-form-field-description', id: 'optin-' + key + '-uitleg' }, explanation),
      h('p', { class: 'utrecht-form-field-error-message', id: 'optin-' + key + '-fout', hidden: true }),
      h('div', { class: 'ggk-choice-row' }, [['J', 'Ja, CBS mag deze gegevens verwerken'], ['N', 'Nee']].map(([value, text]) =>
        h('div', { class: 'utrecht-form-field--radio' },
          h('input', { type: 'radio', class: 'utrecht-radio-button', name: key, value, id: 'optin-' + key + '-' + value,
            checked: current ? current[key] === value : false }),
          h('label', { for: 'optin-' + key + '-' + value }, text)))))),
      h('div', { class: 'utrecht-button-group' }, submit), error);
    replace(formBox, heading(2, 'Keuze maken of wijzigen', { id: 'optin-form-titel' }), form);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const p = period();
      const body = { organisation: organisation(), year: p.year, half: p.half };
      let missing = null;
      for (const [key, label] of OPTIN_PARTS) {
        const chosen = form.querySelector('input[name="' + key + '"]:checked');
        const fieldset = document.getElementById('optin-' + key);
        const fout = document.getElementById('optin-' + key + '-fout');
        fout.hidden = !!chosen;
        fout.textContent = chosen ? '' : 'Kies ja of nee voor ' + label + '.';
        fieldset.setAttribute('aria-describedby', (chosen ? '' : 'optin-' + key + '-fout ') + 'optin-' + key + '-uitleg');
        if (chosen) {
          body[key] = chosen.value;
        } else {
          missing = missing || fieldset;
        }
      }
      if (missing) {
        missing.focus();
        return;
      }
      submit.disabled = true;
      error.hidden = true;
      try {
        const answer = await api('POST', '/api/v1/optin', body);
        confirm(answer);
        await load();
      } catch (e) {
        error.hidden = false;
        replace(error, paragraph('De keuze is niet verstuurd: ' + e.message));
      } finally {
        submit.disabled = false;
      }
    });
  }

  function confirm(answer) {
    const reference = h('dd', { id: 'optin-referentienummer' }, 'wordt toegekend zodra CBS het bericht ontvangt…');
    replace(confirmation, alert('ok',
      heading(2, 'Uw keuze is verstuurd'),
      paragraph('De hub heeft uw keuze voor ' + (answer.half === 1 ? 'het eerste' : 'het tweede') + ' halfjaar van '
        + answer.year + ' ontvangen en stuurt haar door naar CBS.'),
      h('dl', { class: 'utrecht-data-list' },
        h('dt', {}, 'Kenmerk levering'), h('dd', { id: 'optin-kenmerk' }, answer.deliveryId || answer.id),
        h('dt', {}, 'Referentienummer'), reference)));
    confirmation.querySelector('h2').setAttribute('tabindex', '-1');
    confirmation.querySelector('h2').focus();
    if (!answer.deliveryId) {
      return;
    }
    const poll = async () => {
      try {
        const trace = await api('GET', '/api/v1/deliveries/' + encodeURIComponent(answer.deliveryId));
        const all = (trace.events || []).concat(...(trace.entries || []).map(e => e.events || []));
        const found = all.map(e => /referentienummer\s+([0-9a-f-]{36})/i.exec(e.detail || '')).find(Boolean);
        if (found) {
          reference.textContent = found[1];
          announce('Referentienummer van uw opt-in: ' + found[1]);
          return;
        }
        if (trace.status === 'REJECTED' || trace.status === 'FAILED') {
          reference.textContent = 'geen: het bericht is ' + statusText(trace.status);
          return;
        }
      } catch (e) {
        // try again
      }
      timers.push(setTimeout(poll, 1500));
    };
    timers.push(setTimeout(poll, 1000));
  }

  periodSelect.addEventListener('change', load);
  if (gemeenteSelect) {
    gemeenteSelect.addEventListener('change', load);
  }
  load();
  return () => timers.forEach(clearTimeout);
}

// ---- Terugmelding ----------------------------------------------------------------------------------------------

// the hub's limit (ggk.terugmelding.max-attachment-bytes, 5 MB by default) answers 413 beyond it
const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** The chosen file as base64 (without the data: prefix). */
function base64Of(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

export function terugmeldingPage(content, ctx) {
  const box = h('div', {}, paragraph('De spiegelrapporten worden opgehaald…'));
  const result = h('div', { role: 'status', 'aria-live': 'polite' });
  const history = h('div', {});
  replace(content, title(ctx, 'Terugmelding'),
    paragraph({ class: 'ggk-lead' }, 'Klopt een spiegelrapport van CBS niet? Meld het hier terug. CBS ontvangt uw '
      + 'reactie bij het rapport.'),
    result, box, heading(2, 'Verstuurde terugmeldingen'), history);
  let items = [];
  const showHistory = () => {
    const sent = items.flatMap(i => (i.terugmeldingen || []).map(t => Object.assign({ rapport: i.titel || i.fileName }, t)))
      .sort((a, b) => (a.op < b.op ? 1 : a.op > b.op ? -1 : 0));
    replace(history, sent.length === 0 ? paragraph('U heeft nog geen terugmelding verstuurd.')
      : table('Verstuurde terugmeldingen, nieuwste eerst', ['Verstuurd', 'Op rapport', 'Door', 'Levering'], sent.map(t =>
        h('tr', {}, h('td', {}, time(t.op)), h('td', {}, t.rapport), h('td', {}, t.verstuurdDoor || ''),
          h('td', {}, h('a', { href: '#/cbs/leveringen/' + encodeURIComponent(t.levering) }, 'Volg de levering',
            h('span', { class: 'ggk-visually-hidden' }, ' van de terugmelding op ' + t.rapport)))))));
  };
  const load = async () => {
    items = ((await api('GET', '/api/v1/outbox?size=200')).items || []).filter(i => i.kind === 'SPIEGELRAPPORT');
    showHistory();
  };
  (async () => {
    try {
      await load();
    } catch (e) {
      replace(box, alert('error', paragraph('De spiegelrapporten konden niet worden opgehaald: ' + e.message)));
      return;
    }
    if (items.length === 0) {
      replace(box, paragraph('Er is nog geen spiegelrapport om op te reageren.'));
      return;
    }
    const report = h('select', { class: 'utrecht-select', name: 'rapport' }, items.map(i =>
      h('option', { value: i.id }, (i.titel || i.fileName) + ' (ontvangen ' + dateOnly(i.created) + ')')));
    const text = h('textarea', { class: 'utrecht-textarea', name: 'tekst', rows: 6, maxlength: 4000 });
    const attachment = h('input', { type: 'file', name: 'bijlage', class: 'ggk-file-input' });
    const submit = h('button', { type: 'submit', class: 'utrecht-button' }, 'Terugmelding versturen');
    const error = h('div', { class: 'utrecht-alert utrecht-alert--error', role: 'alert', hidden: true });
    const form = h('form', { novalidate: true, 'aria-label': 'Terugmelding op een spiegelrapport' },
      field('terugmelding-rapport', 'Spiegelrapport', report),
      field('terugmelding-tekst', 'Uw terugmelding', text,
        'Beschrijf welke cijfers volgens u niet kloppen en waarom. Zet er geen BSN of andere persoonsgegevens in.'),
      field('terugmelding-bijlage', 'Bijlage (niet verplicht)', attachment,
        'Bijvoorbeeld een toelichting als PDF of een overzicht als spreadsheet, hoogstens 5 MB.'),
      h('div', { class: 'utrecht-button-group' }, submit), error);
    replace(box, form);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      if (!text.value.trim()) {
        fieldError(text.id, 'Vul uw terugmelding in.');
        text.focus();
        return;
      }
      fieldError(text.id, null);
      const file = attachment.files && attachment.files[0];
      if (file && file.size > MAX_ATTACHMENT_BYTES) {
        fieldError(attachment.id, 'De bijlage is groter dan 5 MB. Kies een kleiner bestand.');
        attachment.focus();
        return;
      }
      fieldError(attachment.id, null);
      error.hidden = true;
      submit.disabled = true;
      try {
        const body = { tekst: text.value.trim() };
        if (file) {
          body.bijlage = { bestandsnaam: file.name, inhoud: await base64Of(file) };
        }
        const answer = await api('POST', '/api/v1/outbox/' + encodeURIComponent(report.value) + '/terugmelding',
          body) || {};
        const chosen = items.find(i => i.id === report.value);
        replace(result, alert('ok', heading(2, 'Uw terugmelding is verstuurd', { tabindex: -1 }),
          paragraph('De hub stuurt uw terugmelding op ' + (chosen ? chosen.titel || chosen.fileName : 'het rapport')
            + (file ? ' met de bijlage ' + file.name : '') + ' door naar CBS.'),
          answer.referentienummer ? paragraph('Referentienummer: ' + answer.referentienummer) : null,
          answer.deliveryId ? paragraph('Kenmerk levering: ', h('a', {
            href: '#/cbs/leveringen/' + encodeURIComponent(answer.deliveryId) }, answer.deliveryId)) : null));
        result.querySelector('h2').focus();
        text.value = '';
        attachment.value = '';
        await load().catch(() => {});
      } catch (e) {
        if (e.status === 400 && /bijlage/i.test(e.message)) {
          fieldError(attachment.id, e.message);
          attachment.focus();
        } else if (e.status === 400) {
          fieldError(text.id, e.message);
          text.focus();
        } else {
          error.hidden = false;
          replace(error, paragraph('De terugmelding is niet verstuurd: ' + e.message));
        }
      } finally {
        submit.disabled = false;
      }
    });
  })();
  return null;
}

const DATE = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric',
  timeZone: 'Europe/Amsterdam' });

function dateOnly(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : DATE.format(date);
}

// ---- Activiteit ------------------------------------------------------------------------------------------------

export function activiteitPage(content, ctx) {
  const feed = h('div', {}, paragraph('De activiteit wordt opgehaald…'));
  replace(content, title(ctx, 'Activiteit'),
    paragraph({ class: 'ggk-lead' }, 'Wat er gebeurde met bestanden en rapporten die uw gemeente aangaan: ook wat het '
      + 'samenwerkingsverband of een andere aangesloten gemeente aanleverde of downloadde.'),
    feed);
  let seen = null;
  return every(5000, async () => {
    let answer;
    try {
      answer = await api('GET', '/api/v1/activity');
    } catch (e) {
      replace(feed, alert('error', paragraph(e.status === 404 ? 'De activiteit is nog niet beschikbaar.'
        : 'De activiteit kon niet worden opgehaald: ' + e.message)));
      throw e;
    }
    const items = answer.items || [];
    if (seen !== null && items.length > seen) {
      announce(items.length - seen === 1 ? 'Eén nieuwe gebeurtenis.' : (items.length - seen) + ' nieuwe gebeurtenissen.');
    }
    seen = items.length;
    replace(feed, items.length === 0 ? paragraph('Nog geen activiteit.')
      : h('ul', { class: 'ggk-feed', 'aria-label': 'Activiteit, nieuwste eerst' }, items.map(item =>
        h('li', { 'data-soort': item.soort }, time(item.tijdstip),
          item.levering ? h('a', { href: '#/cbs/leveringen/' + encodeURIComponent(item.levering) }, item.tekst)
            : item.tekst))));
  });
}
