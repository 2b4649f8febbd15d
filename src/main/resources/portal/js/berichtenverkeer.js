// Berichtenverkeer: ZIP upload of iWmo/iJw/SVB messages, their track & trace, and one ZIP of what arrived for the
// organisation (messages from care providers, Fo01s).
import { h, replace, heading, paragraph } from './dom.js';
import { uploadForm } from './upload.js';
import { deliveriesTable, leveringPage } from './cbs.js';

export function berichtenverkeerPage(content, ctx) {
  if (ctx.params[0] === 'leveringen' && ctx.params[1]) {
    ctx.params = [ctx.params[1]];
    return leveringPage(content, ctx, ['#/berichtenverkeer', 'Terug naar berichtenverkeer']);
  }
  ctx.setTitle('Berichtenverkeer');
  const form = h('div', {});
  const list = h('div', {}, paragraph('De leveringen worden opgehaald…'));
  const organisation = ctx.me.organisatie.code;
  replace(content,
    h('h1', { class: 'utrecht-heading-1', tabindex: -1 }, 'Berichtenverkeer'),
    paragraph({ class: 'ggk-lead' }, 'Berichten van het iWmo, iJw en SVB: lever een ZIP met berichten aan, volg wat de '
      + 'hub ermee deed en download wat voor uw organisatie binnenkwam.'),
    heading(2, 'Ontvangen berichten'),
    paragraph('Berichten van aanbieders en foutberichten (Fo01) voor uw organisatie, samen in één ZIP. Elke download wordt vastgelegd.'),
    paragraph(h('a', { class: 'utrecht-button utrecht-button--secondary-action ggk-button-link', id: 'berichten-download',
      href: '/api/v1/berichtenverkeer/download?organisation=' + encodeURIComponent(organisation), download: '' },
    'Download ontvangen berichten (ZIP)')),
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
  const stopList = deliveriesTable(list, 'Leveringen, nieuwste eerst',
    id => '#/berichtenverkeer/leveringen/' + encodeURIComponent(id));
  return () => {
    stopUpload();
    stopList();
  };
}
