// Dutch words for what the API names in English or in codes.
import { channelText } from './bevindingen.js';

export const PHASES = [
  ['ontvangen', 'Ontvangen'],
  ['technisch-gecontroleerd', 'Technisch gecontroleerd'],
  ['verzonden-naar-cbs', 'Verzonden naar CBS'],
  ['terugkoppeling-cbs-ontvangen', 'Terugkoppeling CBS ontvangen']
];

const PHASE_TEXT = Object.fromEntries([...PHASES,
  ['afgekeurd', 'Afgekeurd'], ['mislukt', 'Mislukt'], ['doorgestuurd', 'Doorgestuurd']]);

const STATUS_PHASE = {
  RECEIVED: 'ontvangen', QUEUED: 'ontvangen', VALIDATED: 'technisch-gecontroleerd',
  FORWARDED: 'verzonden-naar-cbs', REJECTED: 'afgekeurd', FAILED: 'mislukt', REPLACED: 'technisch-gecontroleerd'
};

/** The phase of a delivery: the API's "fase" when it gives one, else derived from its status. */
export function phaseOf(delivery) {
  if (delivery.fase) {
    return delivery.fase;
  }
  const events = delivery.events || [];
  if (events.some(e => /terugkoppeling CBS ontvangen/i.test(e.detail || ''))
      || (delivery.entries || []).some(entry => (entry.events || [])
        .some(e => /terugkoppeling CBS ontvangen/i.test(e.detail || '')))) {
    return 'terugkoppeling-cbs-ontvangen';
  }
  return STATUS_PHASE[delivery.status] || 'ontvangen';
}

export function phaseText(delivery) {
  return delivery.faseTekst || PHASE_TEXT[phaseOf(delivery)] || delivery.status;
}

export const STATUS_TEXT = {
  RECEIVED: 'ontvangen', QUEUED: 'in behandeling', VALIDATED: 'technisch goedgekeurd', FORWARDED: 'doorgestuurd',
  REJECTED: 'afgekeurd', FAILED: 'mislukt', REPLACED: 'vervangen', REPLACES: 'vervangt een eerdere levering',
  SPLIT: 'uitgepakt', FEEDBACK: 'terugkoppeling gemaakt'
};

export function statusText(status) {
  return STATUS_TEXT[status] || (status || '').toLowerCase();
}

export const OUTBOX_KINDS = {
  FO01: 'Foutbericht (Fo01)',
  TECHNISCHE_TERUGKOPPELING_HUB: 'Technische terugkoppeling van de hub',
  TECHNISCHE_TERUGKOPPELING_CBS: 'Technische terugkoppeling van CBS',
  SPIEGELRAPPORT: 'Spiegelrapport',
  OP_ORDE: 'Op-orde rapport',
  FOUTRAPPORTAGE: 'Foutrapportage',
  BERICHT: 'Bericht van een aanbieder'
};

export function outboxKind(kind) {
  return OUTBOX_KINDS[kind] || kind;
}

export const ROLES = [
  ['cbs-aanleveraar', 'CBS aanleveraar', 'levert bestanden aan CBS, kiest de opt-in en stuurt terugmeldingen'],
  ['cbs-lezer', 'CBS lezer', 'ziet de leveringen en downloadt rapporten, maar levert niets aan'],
  ['berichtenverkeer', 'Berichtenverkeer', 'levert iWmo-, iJw- en SVB-berichten aan en downloadt wat binnenkwam'],
  ['gebruikersbeheerder', 'Gebruikersbeheerder', 'beheert de gebruikers van de eigen organisatie']
];

export function roleText(role) {
  const found = ROLES.find(r => r[0] === role);
  return found ? found[1] : role;
}

export const OPTIN_PARTS = [
  ['WMO_BASIS', 'Wmo basisset',
    'De kern van de Wmo-gegevens (bestand WMO): welke maatwerkvoorzieningen de gemeente heeft toegekend, aan wie en wanneer. CBS maakt er de Monitor Sociaal Domein Wmo mee. Kiest u nee, dan publiceert CBS geen Wmo-cijfers van uw gemeente.'],
  ['WMO_FACULTATIEF', 'Wmo facultatieve set',
    'De kosten van de Wmo (bestand KOSTENWMO): de bedragen per productcategorie en leveringsvorm. De gemeente levert ze vrijwillig; daarmee worden haar cijfers vollediger vergelijkbaar.'],
  ['JEUGD', 'Jeugd',
    'De kosten van de jeugdhulp (bestand JEUGD): de bedragen per kostensoort.'],
  ['SBO', 'SBO',
    'De sociale basisondersteuning (bestand SBO): per algemene voorziening zonder indicatie het aantal deelnemers.']
];

const EVENT_STATUS = Object.assign({}, STATUS_TEXT, { CLASSIFIED: 'herkend', SPLIT: 'uitgepakt',
  REPLAYED: 'opnieuw aangeboden door beheer', DISCARDED: 'verwijderd door beheer' });

/** The label of a track & trace event: what happened, in Dutch, also for CBS's callbacks. */
export function eventText(event, kind) {
  if (/^terugkoppeling CBS ontvangen/i.test(event.detail || '')) {
    return 'terugkoppeling CBS ontvangen';
  }
  if (event.status === 'FORWARDED' && kind === 'CBS') {
    return 'verzonden naar CBS';
  }
  return EVENT_STATUS[event.status] || (event.status || '').toLowerCase();
}

/** An entry's status in Dutch; a CBS file that went on is "verzonden naar CBS". */
export function entryStatusText(entry) {
  if (entry.status === 'FORWARDED' && entry.kind === 'CBS') {
    return 'verzonden naar CBS';
  }
  return statusText(entry.status);
}

const STATUS_WORDS = /\b(RECEIVED|QUEUED|VALIDATED|FORWARDED|REJECTED|FAILED|REPLACED)\b/g;

/**
 * The hub writes some technical event details in English (received via HTTP, 3 entries, queued for CBS); the
 * portal says them in Dutch. Details that are Dutch already pass unchanged.
 */
export function eventDetail(detail) {
  if (!detail) {
    return '';
  }
  let text = detail
    .replace(/^received via (\S+)/, (m, channel) => 'ontvangen via ' + channelText(channel))
    .replace(/delivered to the (\w+) endpoint/, 'doorgestuurd naar de ontvanger ($1)')
    .replace(/\(Bv03\)/, '(ontvangst bevestigd)')
    .replace(/; duplicate of (\S+)/, '; dezelfde inhoud als levering $1')
    .replace(/^(\d+) entry\b/, '$1 bestand')
    .replace(/^(\d+) entries\b/, '$1 bestanden')
    .replace(/^classified as /, 'herkend als ')
    .replace(/^queued for /, 'klaargezet voor ')
    .replace(/(\d+) violations?/, (m, n) => n + (n === '1' ? ' bevinding' : ' bevindingen'))
    .replace(/; feedback /, '; terugkoppeling ');
  text = text.replace(STATUS_WORDS, word => statusText(word));
  return text;
}
