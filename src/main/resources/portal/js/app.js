// The portal's shell: who is logged in, the tabs their roles allow, and a hash router (#/cbs/leveringen) that
// renders one page at a time into <main>, moves focus to its heading and stops the previous page's polling.
import { api, useCsrfToken, whenUnauthorised } from './api.js';
import { h, replace, announce } from './dom.js';
import { loginPage } from './login.js';
import { aanleverenPage, leveringenPage, leveringPage, rapportenPage, optinPage, terugmeldingPage,
  activiteitPage } from './cbs.js';
import { berichtenverkeerPage } from './berichtenverkeer.js';
import { beheerPage } from './beheer.js';
import { trendPage } from './trend.js';
import { operatorTabs, operatorPage } from './operator.js';

const main = document.getElementById('inhoud');
let me = null;
let stopPage = null;

const has = role => me && me.rollen.includes(role);
const hasCbs = () => has('cbs-aanleveraar') || has('cbs-lezer');

/** The CBS tab's pages; a cbs-lezer sees the read-only ones. */
function cbsPages() {
  const pages = [];
  if (has('cbs-aanleveraar')) {
    pages.push(['aanleveren', 'Aanleveren', aanleverenPage]);
  }
  pages.push(['leveringen', 'Leveringen', leveringenPage], ['rapporten', 'Rapporten', rapportenPage],
    ['optin', 'Opt-in', optinPage]);
  if (has('cbs-aanleveraar')) {
    pages.push(['terugmelding', 'Terugmelding', terugmeldingPage]);
  }
  pages.push(['activiteit', 'Activiteit', activiteitPage]);
  pages.push(['trend', 'Trend', trendPage]);
  return pages;
}

function tabs() {
  const list = [];
  if (hasCbs()) {
    list.push(['cbs', 'CBS', '#/cbs/' + cbsPages()[0][0]]);
  }
  if (has('berichtenverkeer')) {
    list.push(['berichtenverkeer', 'Berichtenverkeer', '#/berichtenverkeer']);
  }
  if (has('gebruikersbeheerder')) {
    list.push(['beheer', 'Beheer', '#/beheer']);
  }
  list.push(...operatorTabs(has));
  return list;
}

function renderShell(activeTab) {
  const loggedIn = me !== null;
  document.getElementById('gebruiker').hidden = !loggedIn;
  document.getElementById('hoofdmenu').hidden = !loggedIn;
  if (!loggedIn) {
    return;
  }
  replace(document.getElementById('gebruiker-naam'),
    h('span', {}, me.naam || me.gebruikersnaam, ' – ', me.organisatie.naam));
  replace(document.getElementById('tabs'), tabs().map(([id, text, href]) =>
    h('li', {}, h('a', { href, 'aria-current': id === activeTab ? 'page' : null }, text))));
}

function subnav(active) {
  return h('nav', { class: 'ggk-subnav', 'aria-label': 'CBS' },
    h('ul', {}, cbsPages().map(([id, text]) =>
      h('li', {}, h('a', { href: '#/cbs/' + id, 'aria-current': id === active ? 'page' : null }, text)))));
}

function route() {
  const hash = location.hash || '';
  if (hash && !hash.startsWith('#/')) {
    return; // an in-page link (the skip link), not a page
  }
  if (stopPage) {
    stopPage();
    stopPage = null;
  }
  if (!me) {
    renderShell(null);
    document.title = 'Inloggen – GGk-portaal';
    loginPage(main, loggedIn);
    return;
  }
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const available = tabs();
  if (available.length === 0) {
    renderShell(null);
    show('Geen toegang', [h('h1', { class: 'utrecht-heading-1', tabindex: -1 }, 'Geen toegang'),
      h('p', { class: 'utrecht-paragraph' },
        'Uw account heeft geen rol in dit portaal. Vraag de gebruikersbeheerder van uw organisatie om een rol.')]);
    return;
  }
  let tab = parts[0];
  if (!available.some(t => t[0] === tab)) {
    location.replace(available[0][2]);
    return;
  }
  renderShell(tab);
  const ctx = { me, params: parts.slice(1), has, setTitle: title => { document.title = title + ' – GGk-portaal'; } };
  if (tab === 'cbs') {
    const pages = cbsPages();
    const page = pages.find(p => p[0] === parts[1]);
    if (!page) {
      location.replace('#/cbs/' + pages[0][0]);
      return;
    }
    const content = h('div', {});
    replace(main, subnav(page[0]), content);
    if (page[0] === 'leveringen' && parts[2]) {
      ctx.params = [parts[2]];
      stopPage = leveringPage(content, ctx);
    } else {
      stopPage = page[2](content, ctx);
    }
  } else if (tab === 'berichtenverkeer') {
    const content = h('div', {});
    replace(main, content);
    stopPage = berichtenverkeerPage(content, ctx);
  } else if (tab === 'beheerder') {
    stopPage = operatorPage(main, ctx);
  } else {
    const content = h('div', {});
    replace(main, content);
    stopPage = beheerPage(content, ctx);
  }
  focusHeading();
}

function show(title, children) {
  document.title = title + ' – GGk-portaal';
  replace(main, children);
  focusHeading();
}

let firstPage = true;

/** After the first page, each page change moves focus to its h1, so that a screen reader reads where it is. */
function focusHeading() {
  if (firstPage) {
    firstPage = false;
    return;
  }
  const h1 = main.querySelector('h1');
  if (h1) {
    h1.setAttribute('tabindex', '-1');
    h1.focus();
  }
}

function loggedIn(session) {
  me = session;
  useCsrfToken(session.csrfToken);
  announce('U bent ingelogd als ' + (session.naam || session.gebruikersnaam) + '.');
  if (!location.hash || location.hash === '#/' || location.hash === '#/inloggen') {
    location.hash = tabs().length ? tabs()[0][2] : '#/';
  } else {
    route();
  }
}

async function logout() {
  try {
    await api('DELETE', '/api/v1/session');
  } catch (e) {
    // the session is gone either way
  }
  me = null;
  useCsrfToken(null);
  firstPage = true;
  history.replaceState(null, '', '#/inloggen');
  route();
  announce('U bent uitgelogd.');
}

whenUnauthorised(() => {
  if (me) {
    me = null;
    route();
    announce('Uw sessie is verlopen. Log opnieuw in.');
  }
});

document.getElementById('uitloggen').addEventListener('click', logout);
document.getElementById('skip-link').addEventListener('click', event => {
  event.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', route);

(async function start() {
  try {
    me = await api('GET', '/api/v1/session', undefined, { quiet401: true });
    useCsrfToken(me.csrfToken);
  } catch (e) {
    me = null;
  }
  route();
})();
