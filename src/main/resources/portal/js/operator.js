// The operator's tab (role ggk-beheerder, organisation GGK): Stroom (the flow with live figures), Keten (the CBS/RINIS
// hop), Dode berichten (DLQ.<queue>: inspect, replay, discard) and Leveringen (every organisation's deliveries,
// resend). Figures are polled every few seconds; the pictures are SVG drawn here, nothing comes from another host.
import { api } from './api.js';
import { h, replace, announce, table, field, fieldError, alert, heading, paragraph, button, time } from './dom.js';
import { statusText } from './labels.js';

const POLL_MS = 5000;
const SVG = 'http://www.w3.org/2000/svg';
const PAGES = [['stroom', 'Stroom'], ['keten', 'Keten'], ['dode-berichten', 'Dode berichten'],
  ['leveringen', 'Leveringen']];

/** The tab, for app.js's tabs(): only for a ggk-beheerder. */
export function operatorTabs(has) {
  return has('ggk-beheerder') ? [['beheerder', 'Hubbeheer', '#/beheerder/stroom']] : [];
}

/** Renders the page named in the hash (#/beheerder/<page>/...) into main; returns a function that stops it. */
export function operatorPage(main, ctx) {
  const page = PAGES.find(p => p[0] === ctx.params[0]);
  if (!page) {
    location.replace('#/beheerder/stroom');
    return null;
  }
  const content = h('div', {});
  replace(main, h('nav', { class: 'ggk-subnav', 'aria-label': 'Hubbeheer' },
    h('ul', {}, PAGES.map(([id, text]) => h('li', {},
      h('a', { href: '#/beheerder/' + id, 'aria-current': id === page[0] ? 'page' : null }, text))))), content);
  const params = ctx.params.slice(1).map(decodeURIComponent);
  if (page[0] === 'stroom') {
    return stroomPage(content, ctx);
  }
  if (page[0] === 'keten') {
    return ketenPage(content, ctx);
  }
  if (page[0] === 'dode-berichten') {
    if (params.length >= 2) {
      return deadLetterPage(content, ctx, params[0], params[1]);
    }
    return params.length === 1 ? deadLetterQueuePage(content, ctx, params[0]) : deadLettersPage(content, ctx);
  }
  return params.length ? deliveryPage(content, ctx, params[0]) : deliveriesPage(content, ctx);
}

function poll(load) {
  let stopped = false;
  let timer = null;
  const tick = async () => {
    await load();
    if (!stopped) {
      timer = setTimeout(tick, POLL_MS);
    }
  };
  tick();
  return () => { stopped = true; clearTimeout(timer); };
}

function svg(tag, attributes, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    element.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) {
      continue;
    }
    element.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

function age(seconds) {
  if (!seconds) {
    return '–';
  }
  if (seconds < 120) {
    return seconds + ' s';
  }
  if (seconds < 7200) {
    return Math.round(seconds / 60) + ' min';
  }
  return Math.round(seconds / 3600) + ' uur';
}

// ---- Stroom ----------------------------------------------------------------------------------------------------

/** The flow of routes/: each step a route (or several), each arrow through a queue. */
const FLOW = [
  { id: 'deuren', label: 'Intake', routes: ['intake'],
    x: 10, y: 120 },
  { queue: 'ggk.intake', x: 150, y: 120 },
  { id: 'split', label: 'Splitsen', routes: ['split-classify'], x: 290, y: 120 },
  { queue: 'ggk.outbound.iwmo', x: 430, y: 10 },
  { id: 'iwmo', label: 'Kanaal iWmo', routes: ['outbound-iwmo'], x: 570, y: 10 },
  { queue: 'ggk.outbound.ijw', x: 430, y: 65 },
  { id: 'ijw', label: 'Kanaal iJw', routes: ['outbound-ijw'], x: 570, y: 65 },
  { queue: 'ggk.outbound.svb', x: 430, y: 120 },
  { id: 'svb', label: 'Kanaal SVB', routes: ['outbound-svb'], x: 570, y: 120 },
  { queue: 'ggk.cbs.inbound', x: 430, y: 175 },
  { id: 'check', label: 'GMSD-controle', routes: ['cbs-check'], x: 570, y: 175 },
  { queue: 'ggk.cbs.outbound', x: 710, y: 175 },
  { id: 'cbs', label: 'Naar CBS', routes: ['cbs-forward'], x: 850, y: 175 },
  { queue: 'ggk.cbs.return', x: 710, y: 240 },
  { id: 'retour', label: 'Retour CBS', routes: ['cbs-return'], x: 850, y: 240 },
  { id: 'outbox', label: 'Outbox', routes: ['outbox'], x: 990, y: 240 }
];
const ARROWS = [['deuren', 'ggk.intake'], ['ggk.intake', 'split'], ['split', 'ggk.outbound.iwmo'],
  ['split', 'ggk.outbound.ijw'], ['split', 'ggk.outbound.svb'], ['split', 'ggk.cbs.inbound'],
  ['ggk.outbound.iwmo', 'iwmo'], ['ggk.outbound.ijw', 'ijw'], ['ggk.outbound.svb', 'svb'],
  ['ggk.cbs.inbound', 'check'], ['check', 'ggk.cbs.outbound'], ['ggk.cbs.outbound', 'cbs'],
  ['ggk.cbs.return', 'retour'], ['retour', 'outbox']];
const BOX_W = 120;
const BOX_H = 48;

function stepFigures(step, flow) {
  const figures = { perSecond: 0, inflight: 0, failed: 0, total: 0 };
  for (const route of step.routes) {
    const r = (flow.stappen || []).find(s => s.route === route);
    if (r) {
      figures.perSecond += r.perSecond;
      figures.inflight += r.inflight;
      figures.failed += r.failed;
      figures.total += r.total;
    }
  }
  figures.perSecond = Math.round(figures.perSecond * 100) / 100;
  return figures;
}

function flowPicture(flow) {
  const byKey = {};
  FLOW.forEach(node => { byKey[node.id || node.queue] = node; });
  const picture = svg('svg', { viewBox: '0 0 1120 300', class: 'ggk-flow', role: 'img',
    'aria-labelledby': 'stroom-titel' }, svg('title', { id: 'stroom-titel' },
    'De stroom van intake via splitsen naar de kanalen, CBS en de outbox; de cijfers staan ook in de tabellen.'));
  picture.appendChild(svg('defs', {}, svg('marker', { id: 'pijl', viewBox: '0 0 10 10', refX: 10, refY: 5,
    markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' }, svg('path', { d: 'M 0 0 L 10 5 L 0 10 z' }))));
  for (const [from, to] of ARROWS) {
    const a = byKey[from];
    const b = byKey[to];
    picture.appendChild(svg('line', { x1: a.x + BOX_W, y1: a.y + BOX_H / 2, x2: b.x, y2: b.y + BOX_H / 2,
      class: 'ggk-flow-arrow', 'marker-end': 'url(#pijl)' }));
  }
  for (const node of FLOW) {
    const g = svg('g', { transform: 'translate(' + node.x + ',' + node.y + ')' });
    if (node.queue) {
      const q = (flow.wachtrijen || []).find(x => x.wachtrij === node.queue) || {};
      const dead = q.dodeBerichten > 0;
      g.appendChild(svg('rect', { width: BOX_W, height: BOX_H, rx: 2, class: 'ggk-flow-queue' + (dead ? ' ggk-flow-dead' : '') }));
      g.appendChild(svg('text', { x: 6, y: 16, class: 'ggk-flow-name' }, node.queue));
      g.appendChild(svg('text', { x: 6, y: 31 }, 'wacht ' + (q.aantal || 0) + ', oudste ' + age(q.oudsteLeeftijdSeconden)));
      g.appendChild(svg('text', { x: 6, y: 44 }, 'dood ' + (q.dodeBerichten || 0)));
    } else {
      const f = stepFigures(node, flow);
      g.appendChild(svg('rect', { width: BOX_W, height: BOX_H, rx: 8, class: 'ggk-flow-step' + (f.failed ? ' ggk-flow-failing' : '') }));
      g.appendChild(svg('text', { x: 6, y: 16, class: 'ggk-flow-name' }, node.label));
      g.appendChild(svg('text', { x: 6, y: 31 }, f.perSecond + '/s, bezig ' + f.inflight));
      g.appendChild(svg('text', { x: 6, y: 44 }, 'mislukt ' + f.failed));
    }
    picture.appendChild(g);
  }
  return picture;
}

/** Per channel, entries forwarded per minute over the last hour, as a line. */
function throughputChart(kind, history) {
  const values = [];
  for (let i = 1; i < history.length; i++) {
    const now = (history[i].doorgestuurd || {})[kind] || 0;
    const before = (history[i - 1].doorgestuurd || {})[kind] || 0;
    values.push(Math.max(0, now - before));
  }
  const max = Math.max(1, ...values);
  const width = 240;
  const height = 60;
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map((v, i) => (i * step).toFixed(1) + ',' + (height - (v / max) * (height - 4)).toFixed(1));
  const total = values.reduce((a, b) => a + b, 0);
  return h('figure', { class: 'ggk-chart' },
    svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': kind + ': ' + total
      + ' doorgestuurd in het laatste uur, hoogstens ' + max + ' per minuut' },
    svg('rect', { width, height, class: 'ggk-chart-back' }),
    points.length > 1 ? svg('polyline', { points: points.join(' '), class: 'ggk-chart-line' }) : null),
    h('figcaption', {}, kind + ': ' + total + ' in het laatste uur'));
}

function stroomPage(content, ctx) {
  ctx.setTitle('Stroom');
  const picture = h('div', { class: 'ggk-flow-box' }, paragraph('De cijfers worden opgehaald…'));
  const charts = h('div', { class: 'ggk-charts' });
  const queues = h('div', {});
  const steps = h('div', {});
  const updated = h('p', { class: 'utrecht-paragraph ggk-muted' });
  replace(content, h('h1', { class: 'utrecht-heading-1', tabindex: -1 }, 'Stroom'),
    paragraph({ class: 'ggk-lead' }, 'Waar de berichten nu zijn: per stap berichten per seconde, bezig en mislukt; '
      + 'per wachtrij hoeveel er wachten, hoe oud het oudste is en hoeveel er in de dode-berichtenwachtrij staan. '
      + 'Elke ' + POLL_MS / 1000 + ' seconden bijgewerkt.'),
    updated, picture, heading(2, 'Doorgestuurd per kanaal, laatste uur'), charts,
    heading(2, 'Wachtrijen'), queues, heading(2, 'Stappen'), steps);
  return poll(async () => {
    let flow;
    try {
      flow = await api('GET', '/api/v1/operator/flow');
    } catch (e) {
      replace(updated, alert('error', paragraph('De cijfers konden niet worden opgehaald: ' + e.message)));
      return;
    }
    replace(updated, 'Stand van ', time(flow.tijdstip), '.');
    replace(picture, flowPicture(flow));
    replace(charts, ['IWMO', 'IJW', 'SVB', 'CBS'].map(kind => throughputChart(kind, flow.historie || [])));
    replace(queues, table('Wachtrijen', ['Wachtrij', 'Wachtend', 'Oudste', 'Dode berichten', 'Oudste dode'],
      (flow.wachtrijen || []).map(q => h('tr', { 'data-wachtrij': q.wachtrij },
        h('td', {}, q.wachtrij), h('td', {}, String(q.aantal) + (q.meer ? '+' : '')),
        h('td', {}, age(q.oudsteLeeftijdSeconden)),
        h('td', {}, q.dodeBerichten ? h('a', { href: '#/beheerder/dode-berichten/' + encodeURIComponent(q.wachtrij) },
          String(q.dodeBerichten)) : '0'),
        h('td', {}, age(q.dodeBerichtenOudsteLeeftijdSeconden))))));
    replace(steps, table('Stappen', ['Stap', 'Per seconde', 'Bezig', 'Mislukt', 'Totaal'],
      FLOW.filter(n => !n.queue).map(n => {
        const f = stepFigures(n, flow);
        return h('tr', {}, h('td', {}, n.label), h('td', {}, String(f.perSecond)), h('td', {}, String(f.inflight)),
          h('td', {}, String(f.failed)), h('td', {}, String(f.total)));
      })));
  });
}

// ---- Keten -----------------------------------------------------------------------------------------------------

function ketenPage(content, ctx) {
  ctx.setTitle('Keten');
  const body = h('div', {}, paragraph('De cijfers worden opgehaald…'));
  replace(content, h('h1', { class: 'utrecht-heading-1', tabindex: -1 }, 'Keten'),
    paragraph({ class: 'ggk-lead' }, 'Hoe het gaat met de verbinding naar RINIS en CBS, en wat er vandaag binnenkwam.'),
    body);
  return poll(async () => {
    let keten;
    try {
      keten = await api('GET', '/api/v1/operator/chain');
    } catch (e) {
      replace(body, alert('error', paragraph('De cijfers konden niet worden opgehaald: ' + e.message)));
      return;
    }
    const rows = Object.entries(keten.leveringenVandaag || {}).filter(([, n]) => n > 0);
    const fo01 = Object.entries(keten.fo01Vandaag || {});
    replace(body,
      keten.bereikbaar ? alert('ok', paragraph('CBS/RINIS is bereikbaar: de laatste poging kreeg antwoord.'))
        : alert('error', paragraph('CBS/RINIS is niet bereikbaar: de laatste poging kreeg geen antwoord ('
          + (keten.laatsteFoutTekst || 'onbekend') + '). Bestanden wachten en worden opnieuw geprobeerd.')),
      heading(2, 'CBS en RINIS'),
      h('dl', { class: 'ggk-facts' },
        h('dt', {}, 'Laatste antwoord'), h('dd', {}, keten.laatsteAntwoord ? time(keten.laatsteAntwoord) : 'nog geen'),
        h('dt', {}, 'Laatste fout'), h('dd', {}, keten.laatsteFout ? [time(keten.laatsteFout), ': ',
          keten.laatsteFoutTekst || ''] : 'geen'),
        h('dt', {}, 'Wachtend op CBS (verstuurd of wacht op een nieuwe poging)'), h('dd', {}, String(keten.wachtend)),
        h('dt', {}, 'Oudste wachtende'), h('dd', {}, keten.oudsteWachtend ? time(keten.oudsteWachtend) : '–')),
      heading(2, 'Leveringen vandaag'),
      rows.length ? table('Leveringen vandaag per status', ['Status', 'Aantal'],
        rows.map(([status, n]) => h('tr', {}, h('td', {}, statusText(status)), h('td', {}, String(n)))))
        : paragraph('Vandaag nog geen leveringen.'),
      heading(2, 'Foutberichten (Fo01) vandaag'),
      fo01.length ? table('Fo01 vandaag per code', ['Code', 'Aantal'],
        fo01.map(([code, n]) => h('tr', {}, h('td', {}, code), h('td', {}, String(n)))))
        : paragraph('Vandaag nog geen foutberichten.'));
  });
}

// ---- Dode berichten --------------------------------------------------------------------------------------------

function dlqHref(queue, id) {
  return '#/beheerder/dode-berichten/' + encodeURIComponent(queue) + (id ? '/' + encodeURIComponent(id) : '');
}

function deadLettersPage(content, ctx) {
  ctx.setTitle('Dode berichten');
  const list = h('div', {}, paragraph('De wachtrijen worden opgehaald…'));
  const log = h('div', {});
  replace(content, h('h1', { class: 'utrecht-heading-1', tabindex: -1 }, 'Dode berichten'),
    paragraph({ class: 'ggk-lead' }, 'Berichten die na hun nieuwe pogingen niet verder konden, per wachtrij '
      + '(DLQ.<wachtrij>). Bekijk waarom, bied ze opnieuw aan waar ze misgingen, of verwijder ze met een reden.'),
    list, heading(2, 'Laatste acties'), log);
  (async () => {
    try {
      const queues = await api('GET', '/api/v1/operator/dlq');
      replace(list, table('Dode-berichtenwachtrijen', ['Wachtrij', 'Aantal', 'Oudste', ''],
        queues.map(q => h('tr', { 'data-wachtrij': q.wachtrij }, h('td', {}, q.dlq),
          h('td', {}, String(q.aantal) + (q.meer ? '+' : '')), h('td', {}, q.oudste ? time(q.oudste) : '–'),
          h('td', {}, q.aantal ? h('a', { href: dlqHref(q.wachtrij) }, 'Bekijken',
            h('span', { class: 'ggk-visually-hidden' }, ' ' + q.dlq)) : '')))));
      const actions = await api('GET', '/api/v1/operator/actions');
      replace(log, actions.length ? table('Laatste acties van beheerders', ['Tijdstip', 'Beheerder', 'Actie', 'Wachtrij',
        'Levering', 'Toelichting'], actions.map(a => h('tr', {}, h('td', {}, time(a.tijdstip)), h('td', {}, a.gebruiker),
        h('td', {}, ACTION_TEXT[a.actie] || a.actie), h('td', {}, a.wachtrij || ''),
        h('td', {}, a.levering ? h('a', { href: '#/beheerder/leveringen/' + a.levering }, a.levering) : ''),
        h('td', {}, a.detail || '')))) : paragraph('Nog geen acties.'));
    } catch (e) {
      replace(list, alert('error', paragraph('De wachtrijen konden niet worden opgehaald: ' + e.message)));
    }
  })();
  return null;
}

const ACTION_TEXT = { REPLAY: 'opnieuw aangeboden', DISCARD: 'verwijderd', RESEND: 'opnieuw verstuurd' };

function deadLetterQueuePage(content, ctx, queue) {
  ctx.setTitle('Dode berichten ' + queue);
  const list = h('div', {}, paragraph('De berichten worden opgehaald…'));
  const result = h('div', { role: 'status', 'aria-live': 'polite' });
  const replayAll = button('Alle opnieuw aanbieden', { onclick: async () => {
    replayAll.disabled = true;
    try {
      const answer = await api('POST', '/api/v1/operator/dlq/' + encodeURIComponent(queue) + '/replay');
      replace(result, alert('ok', paragraph(answer.tekst)));
      announce(answer.tekst);
      await load();
    } catch (e) {
      replace(result, alert('error', paragraph('Niet gelukt: ' + e.message)));
    } finally {
      replayAll.disabled = false;
    }
  } });
  replace(content, h('h1', { class: 'utrecht-heading-1', tabindex: -1 }, 'Dode berichten in DLQ.' + queue),
    paragraph(h('a', { href: '#/beheerder/dode-berichten' }, 'Terug naar alle wachtrijen')), result, list,
    h('p', { class: 'utrecht-paragraph' }, replayAll));
  async function load() {
    try {
      const messages = await api('GET', '/api/v1/operator/dlq/' + encodeURIComponent(queue));
      replace(list, messages.length ? table('Berichten in DLQ.' + queue, ['Tijdstip', 'Levering', 'Soort', 'Reden', ''],
        messages.map(m => h('tr', { 'data-bericht': m.id }, h('td', {}, time(m.tijdstip)),
          h('td', {}, m.levering || '–'), h('td', {}, m.soort || '–'), h('td', {}, m.reden),
          h('td', {}, h('a', { href: dlqHref(queue, m.id) }, 'Bekijken',
            h('span', { class: 'ggk-visually-hidden' }, ' bericht van ' + (m.levering || m.tijdstip)))))))
        : paragraph('Deze wachtrij is leeg.'));
      replayAll.hidden = messages.length === 0;
    } catch (e) {
      replace(list, alert('error', paragraph('De berichten konden niet worden opgehaald: ' + e.message)));
    }
  }
  load();
  return null;
}

function deadLetterPage(content, ctx, queue, id) {
  ctx.setTitle('Dood bericht');
  const body = h('div', {}, paragraph('Het bericht wordt opgehaald…'));
  const result = h('div', { role: 'status', 'aria-live': 'polite' });
  replace(content, h('h1', { class: 'utrecht-heading-1', tabindex: -1 }, 'Dood bericht in DLQ.' + queue),
    paragraph(h('a', { href: dlqHref(queue) }, 'Terug naar DLQ.' + queue)), result, body);
  (async () => {
    let m;
    try {
      m = await api('GET', '/api/v1/operator/dlq/' + encodeURIComponent(queue) + '/' + encodeURIComponent(id));
    } catch (e) {
      replace(body, alert('error', paragraph(e.message)));
      return;
    }
    const replay = button('Opnieuw aanbieden aan ' + queue, { onclick: async () => {
      replay.disabled = true;
      try {
        const answer = await api('POST', '/api/v1/operator/dlq/' + encodeURIComponent(queue) + '/'
          + encodeURIComponent(id) + '/replay');
        replace(body, paragraph(m.levering ? h('a', { href: '#/beheerder/leveringen/' + m.levering },
          'Volg levering ' + m.levering) : ''));
        replace(result, alert('ok', paragraph(answer.tekst)));
        announce(answer.tekst);
      } catch (e) {
        replace(result, alert('error', paragraph('Niet gelukt: ' + e.message)));
        replay.disabled = false;
      }
    } });
    const reason = h('textarea', { class: 'utrecht-textarea', rows: 2, maxlength: 500 });
    const discard = h('form', { class: 'ggk-form', novalidate: true, onsubmit: async event => {
      event.preventDefault();
      const reden = reason.value.trim();
      fieldError('dood-reden', reden ? null : 'Geef een reden op: waarom wordt dit bericht verwijderd?');
      if (!reden) {
        reason.focus();
        return;
      }
      try {
        const answer = await api('POST', '/api/v1/operator/dlq/' + encodeURIComponent(queue) + '/'
          + encodeURIComponent(id) + '/discard', { reden });
        replace(body, paragraph(h('a', { href: dlqHref(queue) }, 'Terug naar DLQ.' + queue)));
        replace(result, alert('ok', paragraph(answer.tekst)));
        announce(answer.tekst);
      } catch (e) {
        fieldError('dood-reden', e.message);
      }
    } }, field('dood-reden', 'Reden om te verwijderen', reason, 'Komt in het logboek en in track & trace van de levering.'),
    h('button', { type: 'submit', class: 'utrecht-button utrecht-button--secondary-action' }, 'Verwijderen'));
    replace(body,
      heading(2, 'Waarom het misging'), paragraph({ class: 'ggk-reason' }, m.reden),
      m.mislukt ? paragraph('Mislukt op ', time(m.mislukt), '.') : null,
      m.stack ? h('details', {}, h('summary', {}, 'Samenvatting van de stack'), h('pre', { class: 'ggk-pre' }, m.stack)) : null,
      heading(2, 'Levering'),
      m.levering ? paragraph(h('a', { href: '#/beheerder/leveringen/' + m.levering }, 'Levering ' + m.levering),
        m.leveringDetail ? ' – ' + m.leveringDetail.filename + ' van ' + m.leveringDetail.sender + ', status '
          + statusText(m.leveringDetail.status) : '', m.entry !== null && m.entry !== undefined ? ', bestand '
          + (m.entry + 1) : '') : paragraph('Dit bericht noemt geen levering.'),
      heading(2, 'Wat u kunt doen'),
      paragraph('Opnieuw aanbieden zet het bericht terug in ' + queue + ', waar het misging. Een bestand voor CBS houdt '
        + 'zijn StUF-referentienummer, zodat de dubbelcontrole van CBS blijft werken.'),
      h('p', { class: 'utrecht-paragraph' }, replay), discard,
      heading(2, 'Kopregels'), table('Kopregels van het bericht', ['Naam', 'Waarde'],
        Object.entries(m.headers || {}).map(([k, v]) => h('tr', {}, h('td', {}, k), h('td', {}, v === null ? '' : v)))),
      heading(2, 'Het bericht'), h('pre', { class: 'ggk-pre', tabindex: 0, 'aria-label': 'Inhoud van het bericht' },
        m.record || ''), m.recordAfgekapt ? paragraph('(afgekapt)') : null);
  })();
  return null;
}

// ---- Leveringen ------------------------------------------------------------------------------------------------

function deliveriesPage(content, ctx) {
  ctx.setTitle('Leveringen (alle organisaties)');
  const q = h('input', { class: 'utrecht-textbox', type: 'search', maxlength: 200 });
  const org = h('input', { class: 'utrecht-textbox', type: 'text', maxlength: 40 });
  const status = h('select', { class: 'utrecht-select' }, h('option', { value: '' }, 'alle'),
    ['RECEIVED', 'QUEUED', 'VALIDATED', 'FORWARDED', 'REJECTED', 'FAILED'].map(s => h('option', { value: s },
      statusText(s))));
  const list = h('div', {});
  const form = h('form', { class: 'ggk-form', role: 'search', onsubmit: event => { event.preventDefault(); load(); } },
    field('zoek-tekst', 'Bestandsnaam of leverings-id', q), field('zoek-organisatie', 'Organisatie (code)', org),
    field('zoek-status', 'Status', status), h('button', { type: 'submit', class: 'utrecht-button' }, 'Zoeken'));
  replace(content, h('h1', { class: 'utrecht-heading-1', tabindex: -1 }, 'Leveringen'),
    paragraph({ class: 'ggk-lead' }, 'Leveringen van alle organisaties, de nieuwste eerst.'), form, list);
  async function load() {
    const query = new URLSearchParams({ size: '50' });
    if (q.value.trim()) { query.set('q', q.value.trim()); }
    if (org.value.trim()) { query.set('organisation', org.value.trim()); }
    if (status.value) { query.set('status', status.value); }
    try {
      const page = await api('GET', '/api/v1/operator/deliveries?' + query);
      replace(list, page.items.length ? table('Gevonden leveringen', ['Ontvangen', 'Bestand', 'Afzender', 'Status'],
        page.items.map(d => h('tr', {}, h('td', {}, time(d.receivedAt)),
          h('td', {}, h('a', { href: '#/beheerder/leveringen/' + d.id }, d.filename)),
          h('td', {}, d.sender), h('td', {}, statusText(d.status))))) : paragraph('Geen leveringen gevonden.'));
      announce(page.items.length + ' leveringen gevonden.');
    } catch (e) {
      replace(list, alert('error', paragraph('Zoeken lukte niet: ' + e.message)));
    }
  }
  load();
  return null;
}

function deliveryPage(content, ctx, id) {
  ctx.setTitle('Levering');
  const body = h('div', {}, paragraph('De levering wordt opgehaald…'));
  const result = h('div', { role: 'status', 'aria-live': 'polite' });
  replace(content, h('h1', { class: 'utrecht-heading-1', tabindex: -1 }, 'Levering ' + id),
    paragraph(h('a', { href: '#/beheerder/leveringen' }, 'Terug naar de leveringen')), result, body);
  const resend = button('Opnieuw versturen', { class: 'utrecht-button utrecht-button--secondary-action',
    onclick: async () => {
      resend.disabled = true;
      try {
        const answer = await api('POST', '/api/v1/operator/deliveries/' + encodeURIComponent(id) + '/resend');
        replace(result, alert('ok', paragraph(answer.tekst)));
        announce(answer.tekst);
      } catch (e) {
        replace(result, alert('error', paragraph(e.message)));
      } finally {
        resend.disabled = false;
      }
    } });
  return poll(async () => {
    let d;
    try {
      d = await api('GET', '/api/v1/operator/deliveries/' + encodeURIComponent(id));
    } catch (e) {
      replace(body, alert('error', paragraph(e.message)));
      return;
    }
    replace(body,
      h('dl', { class: 'ggk-facts' }, h('dt', {}, 'Bestand'), h('dd', {}, d.filename),
        h('dt', {}, 'Afzender'), h('dd', {}, d.sender), h('dt', {}, 'Organisatie'), h('dd', {}, d.organisation),
        h('dt', {}, 'Ontvangen'), h('dd', {}, time(d.receivedAt)),
        h('dt', {}, 'Status'), h('dd', { id: 'levering-status', 'data-status': d.status }, statusText(d.status))),
      paragraph('Opnieuw versturen biedt de bestanden van deze levering die in een dode-berichtenwachtrij staan '
        + 'opnieuw aan hun kanaal aan; wat al doorgestuurd is, gaat niet nog eens.'),
      h('p', { class: 'utrecht-paragraph' }, resend),
      heading(2, 'Bestanden'), table('Bestanden van de levering', ['Nr', 'Naam', 'Soort', 'Status'],
        (d.entries || []).map(e => h('tr', { 'data-entry': e.index, 'data-status': e.status },
          h('td', {}, String(e.index + 1)), h('td', {}, e.name), h('td', {}, e.kind), h('td', {}, statusText(e.status))))),
      heading(2, 'Track & trace'), table('Gebeurtenissen', ['Tijdstip', 'Bestand', 'Gebeurtenis', 'Toelichting'],
        events(d).map(([e, entry]) => h('tr', {}, h('td', {}, time(e.at)), h('td', {}, entry === null ? '–' : String(entry + 1)),
          h('td', {}, e.status), h('td', {}, e.detail || '')))));
  });
}

function events(d) {
  const all = (d.events || []).map(e => [e, null]);
  (d.entries || []).forEach(entry => (entry.events || []).forEach(e => all.push([e, entry.index])));
  return all.sort((a, b) => (a[0].at < b[0].at ? -1 : a[0].at > b[0].at ? 1 : 0));
}
