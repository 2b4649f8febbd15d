// What the hub's check found, where the user looks: the first findings with line, column and what to do, and how
// many more are in the technical feedback (ZIP). Also the Dutch names of channels and kinds of files.
import { h } from './dom.js';

/** "Regel 2, kolom 3 (BSN)" or "Het bestand" for a finding about the file as a whole. */
export function place(finding) {
  let text = finding.regel > 0 ? 'Regel ' + finding.regel + (finding.kolom > 0 ? ', kolom ' + finding.kolom : '')
    : 'Het bestand';
  if (finding.veld) {
    text += ' (' + finding.veld + ')';
  }
  return text;
}

/**
 * A list of findings: place, explanation and advice; then "en nog N bevindingen — zie de terugkoppeling (ZIP)"
 * with the feedback link when there is one. {@code total}: all findings; {@code feedbackHref}: the ZIP, or null.
 */
export function findingsList(findings, total, feedbackHref, showFile) {
  if (!findings || findings.length === 0) {
    return null;
  }
  const more = (total || findings.length) - findings.length;
  return h('div', { class: 'ggk-findings' },
    h('ul', { class: 'ggk-findings__list' }, findings.map((f, i) => h('li', {},
      h('strong', {}, (showFile && f.bestand ? f.bestand + ', ' + place(f).toLowerCase() : place(f)) + ': '),
      f.tekst,
      // the advice once for a run of findings of the same rule
      f.advies && (i === 0 || findings[i - 1].advies !== f.advies)
        ? h('div', { class: 'ggk-findings__advice' }, 'Wat te doen: ' + f.advies) : null))),
    more > 0 ? h('p', { class: 'utrecht-paragraph' }, 'en nog ' + more + (more === 1 ? ' bevinding' : ' bevindingen')
      + ' — zie ', feedbackHref ? h('a', { href: feedbackHref, download: '' }, 'de terugkoppeling (ZIP)')
      : 'de terugkoppeling (ZIP)') : null);
}

const CHANNELS = {
  FOLDER: 'de map inbox', HTTP: 'het portaal of de API', API: 'het portaal of de API',
  WS: 'de webservice (Digikoppeling)', JMS: 'de berichtenwachtrij'
};

export function channelText(channel) {
  return CHANNELS[channel] || 'onbekend';
}

const KINDS = { CBS: 'Bestand voor CBS', IWMO: 'iWmo-bericht', IJW: 'iJw-bericht', SVB: 'SVB-bericht',
  UNKNOWN: 'Onbekend bestand' };

export function kindText(kind, functie) {
  const text = KINDS[kind] || 'Onbekend bestand';
  if (!functie || functie === 'TERUGMELDING') {
    return functie === 'TERUGMELDING' ? 'Terugmelding voor CBS' : text;
  }
  return text + ' (' + functie + ')';
}

/** The feedback ZIP of an entry (the hub's technical feedback), or null. */
export function feedbackHref(entry) {
  const link = (entry.outbox || []).find(l => l.kind === 'TECHNISCHE_TERUGKOPPELING_HUB');
  return link ? link.href : null;
}

/** "2 doorgestuurd, 19 geweigerd": what happened to the entries, never better than it was. */
export function countsText(counts) {
  const order = [['FORWARDED', 'doorgestuurd'], ['VALIDATED', 'technisch goedgekeurd'], ['QUEUED', 'in behandeling'],
    ['CLASSIFIED', 'herkend'], ['REJECTED', 'geweigerd'], ['FAILED', 'mislukt']];
  return order.filter(([status]) => counts && counts[status]).map(([status, text]) => counts[status] + ' ' + text)
    .join(', ');
}
