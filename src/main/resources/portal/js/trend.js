// Trend (issue 19, the instant mirror): a gemeente's figures of one GMSD file type over its half years, as a chart
// (SVG drawn here, nothing from another host) with the same figures in a table for screen readers; a
// samenwerkingsverband sees each member. Also the signals of one delivery (comparisonSection), for the delivery
// result and detail pages.
import { api } from './api.js';
import { h, replace, heading, paragraph, alert, table, field } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const NUMBER = new Intl.NumberFormat('nl-NL');

function svg(tag, attributes, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    element.setAttribute(name, String(value));
  }
  for (const child of children) {
    element.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/** The main measure of a period or group: clients where counted, else the sum (cents shown as euros), else records. */
function value(figures, trend) {
  const v = trend.maat === 'records' ? figures.records : (figures.clienten ?? figures.som ?? figures.records);
  return v === null || v === undefined ? null : (trend.euro ? Math.round(v / 100) : v);
}

function written(v) {
  return v === null || v === undefined ? '–' : NUMBER.format(v);
}

/** A bar per half year, the last one (the newest) in another colour; the numbers are in the table beside it. */
function chart(perioden, trend, title) {
  const width = 560;
  const height = 220;
  const bottom = height - 28;
  const top = 20;
  const values = perioden.map(p => value(p, trend) || 0);
  const max = Math.max(1, ...values);
  const slot = (width - 20) / perioden.length;
  const bar = Math.min(56, slot * 0.6);
  const label = title + ': ' + perioden.map((p, i) => p.periode + ' ' + written(values[i])).join(', ');
  const parts = [svg('title', {}, label),
    svg('line', { x1: 10, y1: bottom, x2: width - 10, y2: bottom, stroke: '#535353', 'stroke-width': 1 })];
  perioden.forEach((p, i) => {
    const barHeight = (bottom - top) * values[i] / max;
    const x = 10 + i * slot + (slot - bar) / 2;
    parts.push(svg('rect', { x, y: bottom - barHeight, width: bar, height: barHeight,
      fill: i === perioden.length - 1 ? '#01689b' : '#154273' }));
    parts.push(svg('text', { x: x + bar / 2, y: bottom + 18, 'text-anchor': 'middle', 'font-size': 13,
      fill: '#1a1a1a' }, p.periode));
    parts.push(svg('text', { x: x + bar / 2, y: bottom - barHeight - 5, 'text-anchor': 'middle', 'font-size': 13,
      fill: '#1a1a1a' }, written(values[i])));
  });
  return svg('svg', { class: 'ggk-trend-chart', viewBox: '0 0 ' + width + ' ' + height, role: 'img',
    preserveAspectRatio: 'xMinYMid meet',
    'aria-label': label, width: '100%', height }, ...parts);
}

function gemeenteSection(gemeente, trend) {
  const name = gemeente.gemeente.naam + ' (' + gemeente.gemeente.code + ')';
  const perioden = gemeente.perioden || [];
  if (perioden.length === 0) {
    return h('section', { class: 'ggk-trend' }, heading(2, name),
      paragraph('Nog geen goedgekeurde ' + trend.type + '-aanleveringen van ' + gemeente.gemeente.naam + ' bij de hub.'));
  }
  const measure = trend.maat + (trend.euro ? ' (euro)' : '');
  const groups = [];
  for (const p of perioden) {
    for (const g of p.groepen || []) {
      if (!groups.some(x => x.code === g.code)) {
        groups.push({ code: g.code, naam: g.naam });
      }
    }
  }
  groups.sort((a, b) => (a.code < b.code ? -1 : 1));
  const hasDates = perioden.some(p => p.starts !== null && p.starts !== undefined);
  const headers = ['Halfjaar', 'Records'].concat(trend.maat === 'records' ? [] : [measure.charAt(0).toUpperCase()
    + measure.slice(1)], hasDates ? ['Starts', 'Stops', 'Lopend eind halfjaar'] : []);
  return h('section', { class: 'ggk-trend' },
    heading(2, name),
    h('figure', { class: 'ggk-trend-figure' },
      chart(perioden, trend, measure + ' van ' + gemeente.gemeente.naam + ' per halfjaar'),
      h('figcaption', {}, measure.charAt(0).toUpperCase() + measure.slice(1) + ' per halfjaar, het hele bestand. '
        + 'De cijfers staan ook in de tabellen hieronder.')),
    table(trend.type + ' van ' + gemeente.gemeente.naam + ' per halfjaar', headers, perioden.map(p =>
      h('tr', {}, h('th', { scope: 'row' }, p.periode), h('td', {}, written(p.records)),
        trend.maat === 'records' ? null : h('td', {}, written(value(p, trend))),
        hasDates ? [h('td', {}, written(p.starts)), h('td', {}, written(p.stops)), h('td', {}, written(p.lopend))]
          : null))),
    groups.length === 0 ? null : table(measure.charAt(0).toUpperCase() + measure.slice(1) + ' per groep en halfjaar',
      ['Groep'].concat(perioden.map(p => p.periode)), groups.map(g =>
        h('tr', {}, h('th', { scope: 'row' }, g.naam), perioden.map(p => {
          const found = (p.groepen || []).find(x => x.code === g.code);
          return h('td', {}, found ? written(value(found, trend)) : '0');
        })))));
}

export function trendPage(content, ctx) {
  ctx.setTitle('Trend');
  const select = h('select', { class: 'utrecht-select' });
  const result = h('div', { 'aria-live': 'polite' }, paragraph('De cijfers worden opgehaald…'));
  let stopped = false;
  async function load(type) {
    try {
      const trend = await api('GET', '/api/v1/trend' + (type ? '?type=' + encodeURIComponent(type) : ''));
      if (stopped) {
        return;
      }
      if (select.options.length === 0) {
        for (const t of trend.typen) {
          select.appendChild(h('option', { value: t, selected: t === trend.type }, t));
        }
      }
      replace(result, trend.gemeenten.length === 0
        ? paragraph('Uw organisatie levert voor geen gemeente aan.')
        : trend.gemeenten.map(g => gemeenteSection(g, trend)));
    } catch (e) {
      replace(result, alert('error', paragraph('De cijfers konden niet worden opgehaald: ' + e.message)));
    }
  }
  select.addEventListener('change', () => load(select.value));
  replace(content,
    h('h1', { class: 'utrecht-heading-1', tabindex: -1 }, 'Trend'),
    paragraph({ class: 'ggk-lead' }, 'De cijfers van uw goedgekeurde aanleveringen per halfjaar: aantallen, geen '
      + 'persoonsgegevens. Zo ziet u meteen of een aanlevering afwijkt van de vorige, lang voor de spiegelrapportage '
      + 'van het CBS.'),
    field('trend-type', 'Bestandstype', select),
    result);
  load(null);
  return () => {
    stopped = true;
  };
}

/**
 * The signals of a delivery's comparison with the gemeente's earlier half years (nothing when there is none): for
 * the delivery result and detail pages. {@code level}: the heading level there.
 */
export function comparisonSection(trace, level) {
  const compared = (trace.entries || []).filter(e => e.vergelijking);
  if (compared.length === 0) {
    return null;
  }
  return h('section', { class: 'ggk-vergelijking' },
    heading(level || 2, 'Vergelijking met uw eerdere aanleveringen'),
    compared.map(entry => {
      const v = entry.vergelijking;
      const signals = v.signalen || [];
      return h('div', {},
        compared.length > 1 ? paragraph(h('strong', {}, entry.name)) : null,
        signals.length === 0 ? paragraph('Geen signalen: de cijfers liggen in de lijn van het vorige halfjaar.')
          : h('ul', { class: 'ggk-signalen' }, signals.map(s => h('li', { 'data-code': s.code }, s.tekst))),
        paragraph('Een signaal is een waarschuwing, geen afkeuring. ',
          h('a', { href: '#/cbs/trend' }, 'Bekijk de trend van ' + v.type)));
    }));
}
