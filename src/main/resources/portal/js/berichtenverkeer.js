// Berichtenverkeer: ZIP upload of iWmo/iJw/SVB messages, their track & trace, and one ZIP of what arrived for the
// organisation (messages from care providers, Fo01s).
import { h, replace, heading, paragraph, alert } from './dom.js';
import { uploadForm } from './upload.js';
import { deliveriesTable, leveringPage } from './cbs.js';

const MESSAGE_KINDS = ['IWMO', 'IJW', 'SVB', 'UNKNOWN'];

/** iWmo, iJw and SVB traffic only: no CBS files, opt-in or terugmelding (those are in the CBS tab). */
export function isBerichtenverkeer(item) {
  const kinds = item.soorten || [];
  if (kinds.length === 0) {
    return !/\.(csv|txt|xlsx)$/i.test(item.filename || '');
  }
  return kinds.some(k => MESSAGE_KINDS.includes(k));
}

export function berichtenverkeerPage(content, ctx) {
  if (ctx.params[0] === 'leveringen' && ctx.params[1]) {
    ctx.params = [ctx.params[1]];
    return leveringPage(content, ctx, ['#/berichtenverkeer', 'Terug naar berichtenverkeer']);
  }
  ctx.setTitle('Berichtenverkeer');
  const form = h('div', {});
  const list = h('div', {}, paragraph('De leveringen worden opgehaald…'));
  const organisation = ctx.me.organisatie.code;
  const href = '/api/v1/berichtenverkeer/download?organisation=' + encodeURIComponent(organisation);
  const downloadResult = h('div', { id: 'berichten-download-resultaat', role: 'status', 'aria-live': 'polite' });
  // fetched first, so that "nothing there" is said on the page in Dutch instead of a bare error document
  const download = h('a', { class: 'utrecht-button utrecht-button--secondary-action ggk-button-link',
    id: 'berichten-download', href, download: '', onclick: async event => {
      event.preventDefault();
      replace(downloadResult);
      const response = await fetch(href, { credentials: 'same-origin' });
      if (!response.ok) {
        let detail = 'De download is niet gelukt (' + response.status + ').';
        try {
          detail = (await response.json()).detail || detail;
        } catch (e) {
          // keep the general text
        }
        replace(downloadResult, response.status === 404
          ? alert('info', paragraph('Er zijn geen berichten om te downloaden: voor uw organisatie kwam nog niets binnen.'))
          : alert('error', paragraph(detail)));
        return;
      }
      const name = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') || '');
      const url = URL.createObjectURL(await response.blob());
      const link = h('a', { href: url, download: name ? name[1] : 'berichten-' + organisation + '.zip' });
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      replace(downloadResult, alert('ok', paragraph('De ZIP met de ontvangen berichten is gedownload.')));
    } }, 'Download ontvangen berichten (ZIP)');
  replace(content,
    h('h1', { class: 'utrecht-heading-1', tabindex: -1 }, 'Berichtenverkeer'),
    paragraph({ class: 'ggk-lead' }, 'Berichten van het iWmo, iJw en SVB: lever een ZIP met berichten aan, volg wat de '
      + 'hub ermee deed en download wat voor uw organisatie binnenkwam.'),
    heading(2, 'Ontvangen berichten'),
    paragraph('Berichten van aanbieders en foutberichten (Fo01) voor uw organisatie, samen in één ZIP. Elke download wordt vastgelegd.'),
    paragraph(download),
    downloadResult,
    heading(2, 'Berichten aanleveren'),
    form,
    heading(2, 'Track & trace'),
    list);
  const stopUpload = uploadForm(form, {
    ctx, id: 'bv', accept: '.zip,.xml,application/zip,application/xml,text/xml',
    formLabel: 'Berichten aanleveren', label: 'Kies een ZIP- of XML-bestand',
    hint: 'Een ZIP met iWmo-, iJw- of SVB-berichten, of één bericht. U kunt het bestand ook hierheen slepen.',
    detailHref: id => '#/berichtenverkeer/leveringen/' + encodeURIComponent(id)
  });
  const stopList = deliveriesTable(list, 'Berichten, nieuwste eerst',
    id => '#/berichtenverkeer/leveringen/' + encodeURIComponent(id), isBerichtenverkeer);
  return () => {
    stopUpload();
    stopList();
  };
}
