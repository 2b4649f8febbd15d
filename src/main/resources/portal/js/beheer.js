// Beheer: the users of the gebruikersbeheerder's own organisation (create, change roles, disable, new password).
import { api } from './api.js';
import { h, replace, announce, table, field, fieldError, alert, heading, paragraph } from './dom.js';
import { ROLES, roleText } from './labels.js';

export function beheerPage(content, ctx) {
  ctx.setTitle('Beheer');
  const list = h('div', {}, paragraph('De gebruikers worden opgehaald…'));
  const result = h('div', { role: 'status', 'aria-live': 'polite' });
  const createBox = h('div', {});
  const editBox = h('div', {});
  replace(content,
    h('h1', { class: 'utrecht-heading-1', tabindex: -1 }, 'Beheer'),
    paragraph({ class: 'ggk-lead' }, 'De gebruikers van ' + ctx.me.organisatie.naam + ': maak accounts, geef of neem '
      + 'rollen, zet een account uit of geef een nieuw wachtwoord.'),
    result, heading(2, 'Gebruikers'), list, editBox, createBox);

  async function load() {
    let users;
    try {
      users = await api('GET', '/api/v1/users');
    } catch (e) {
      replace(list, alert('error', paragraph('De gebruikers konden niet worden opgehaald: ' + e.message)));
      return;
    }
    users = Array.isArray(users) ? users : (users.items || []);
    replace(list, table('Gebruikers van ' + ctx.me.organisatie.naam, ['Gebruikersnaam', 'Naam', 'Rollen', 'Actief', 'Actie'],
      users.map(user => h('tr', { 'data-gebruiker': user.gebruikersnaam },
        h('td', {}, user.gebruikersnaam),
        h('td', {}, user.naam),
        h('td', {}, (user.rollen || []).map(roleText).join(', ')),
        h('td', {}, user.actief ? 'ja' : 'nee'),
        h('td', {}, h('button', { type: 'button', class: 'utrecht-button utrecht-button--secondary-action',
          onclick: () => edit(user) }, 'Wijzigen', h('span', { class: 'ggk-visually-hidden' }, ' ' + user.gebruikersnaam)))))));
  }

  function roleBoxes(prefix, selected) {
    return h('fieldset', { class: 'utrecht-form-fieldset', id: prefix + '-rollen', tabindex: -1 },
      h('legend', { class: 'utrecht-form-fieldset__legend' }, 'Rollen'),
      h('p', { class: 'utrecht-form-field-error-message', id: prefix + '-rollen-fout', hidden: true }),
      ROLES.map(([role, label, explanation]) => h('div', { class: 'utrecht-form-field--checkbox' },
        h('input', { type: 'checkbox', class: 'utrecht-checkbox', name: 'rol', value: role, id: prefix + '-rol-' + role,
          checked: selected.includes(role), 'aria-describedby': prefix + '-rol-' + role + '-uitleg' }),
        h('label', { for: prefix + '-rol-' + role }, h('strong', {}, label), ' ',
          h('span', { id: prefix + '-rol-' + role + '-uitleg' }, '– ' + explanation)))));
  }

  function checkedRoles(form) {
    return Array.from(form.querySelectorAll('input[name="rol"]:checked')).map(i => i.value);
  }

  function showRolesError(prefix, message) {
    const error = document.getElementById(prefix + '-rollen-fout');
    error.hidden = !message;
    error.textContent = message || '';
    const fieldset = document.getElementById(prefix + '-rollen');
    if (message) {
      fieldset.setAttribute('aria-describedby', prefix + '-rollen-fout');
    } else {
      fieldset.removeAttribute('aria-describedby');
    }
  }

  /** A problem+json answer shown at the field it is about, else above the form. */
  function showProblem(e, prefix, general) {
    // one message at a time: an error replaces an earlier success; the field name the API puts first is not for people
    replace(result);
    const text = (e.message || 'Onbekende fout').replace(/^'[^']+':\s*/, '').replace(/^./, c => c.toUpperCase());
    const lower = text.toLowerCase();
    const target = lower.includes('wachtwoord') ? prefix + '-wachtwoord'
      : lower.includes('gebruikersnaam') ? prefix + '-gebruikersnaam'
        : lower.includes('rol') ? null : null;
    if (target && document.getElementById(target)) {
      fieldError(target, text);
      document.getElementById(target).focus();
    } else {
      general.hidden = false;
      replace(general, paragraph(text));
    }
  }

  function renderCreate() {
    const username = h('input', { class: 'utrecht-textbox', type: 'text', name: 'gebruikersnaam', autocomplete: 'off',
      autocapitalize: 'none', spellcheck: 'false', required: true });
    const name = h('input', { class: 'utrecht-textbox', type: 'text', name: 'naam', autocomplete: 'off', required: true });
    const password = h('input', { class: 'utrecht-textbox', type: 'password', name: 'wachtwoord',
      autocomplete: 'new-password', required: true, minlength: 12 });
    const error = h('div', { class: 'utrecht-alert utrecht-alert--error', role: 'alert', hidden: true });
    const form = h('form', { novalidate: true, 'aria-labelledby': 'nieuw-titel' },
      field('nieuw-gebruikersnaam', 'Gebruikersnaam', username, 'Bijvoorbeeld 0363.jansen.'),
      field('nieuw-naam', 'Naam', name),
      roleBoxes('nieuw', ['cbs-lezer']),
      field('nieuw-wachtwoord', 'Eerste wachtwoord', password, 'Minstens 12 tekens. Geef het de gebruiker op een veilige manier door.'),
      h('div', { class: 'utrecht-button-group' }, h('button', { type: 'submit', class: 'utrecht-button' }, 'Gebruiker aanmaken')),
      error);
    replace(createBox, heading(2, 'Nieuwe gebruiker', { id: 'nieuw-titel' }), form);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      error.hidden = true;
      const problems = [];
      fieldError(username.id, username.value.trim() ? null : (problems.push(username), 'Vul een gebruikersnaam in.'));
      fieldError(name.id, name.value.trim() ? null : (problems.push(name), 'Vul de naam in.'));
      fieldError(password.id, password.value.length >= 12 ? null
        : (problems.push(password), 'Het wachtwoord moet minstens 12 tekens hebben.'));
      const roles = checkedRoles(form);
      showRolesError('nieuw', roles.length ? null : 'Kies minstens één rol.');
      if (!roles.length) {
        problems.push(document.getElementById('nieuw-rollen'));
      }
      if (problems.length) {
        problems[0].focus();
        return;
      }
      try {
        const user = await api('POST', '/api/v1/users', {
          gebruikersnaam: username.value.trim(), naam: name.value.trim(), rollen: roles, wachtwoord: password.value
        });
        replace(result, alert('ok', paragraph('Gebruiker ' + user.gebruikersnaam + ' is aangemaakt met de rollen: '
          + (user.rollen || roles).map(roleText).join(', ') + '.')));
        announce('Gebruiker ' + user.gebruikersnaam + ' is aangemaakt.');
        renderCreate();
        await load();
      } catch (e) {
        showProblem(e, 'nieuw', error);
      }
    });
  }

  function edit(user) {
    const name = h('input', { class: 'utrecht-textbox', type: 'text', name: 'naam', value: user.naam || '' });
    const active = h('input', { type: 'checkbox', class: 'utrecht-checkbox', id: 'wijzig-actief', checked: user.actief });
    const password = h('input', { class: 'utrecht-textbox', type: 'password', name: 'wachtwoord',
      autocomplete: 'new-password', minlength: 12 });
    const error = h('div', { class: 'utrecht-alert utrecht-alert--error', role: 'alert', hidden: true });
    const form = h('form', { novalidate: true, 'aria-labelledby': 'wijzig-titel' },
      field('wijzig-naam', 'Naam', name),
      roleBoxes('wijzig', user.rollen || []),
      h('div', { class: 'utrecht-form-field--checkbox' }, active,
        h('label', { for: 'wijzig-actief' }, 'Account actief (uitzetten: de gebruiker kan niet meer inloggen)')),
      h('div', { class: 'utrecht-button-group' },
        h('button', { type: 'submit', class: 'utrecht-button' }, 'Wijzigingen opslaan'),
        h('button', { type: 'button', class: 'utrecht-button utrecht-button--secondary-action',
          onclick: () => { replace(editBox); load(); } }, 'Annuleren')),
      error);
    const passwordError = h('div', { class: 'utrecht-alert utrecht-alert--error', role: 'alert', hidden: true });
    const passwordForm = h('form', { novalidate: true, 'aria-labelledby': 'wachtwoord-titel' },
      field('wijzig-wachtwoord', 'Nieuw wachtwoord', password, 'Minstens 12 tekens.'),
      h('div', { class: 'utrecht-button-group' }, h('button', { type: 'submit', class: 'utrecht-button' }, 'Wachtwoord instellen')),
      passwordError);
    replace(editBox,
      heading(2, 'Gebruiker ' + user.gebruikersnaam + ' wijzigen', { id: 'wijzig-titel', tabindex: -1 }), form,
      heading(3, 'Nieuw wachtwoord voor ' + user.gebruikersnaam, { id: 'wachtwoord-titel' }), passwordForm);
    document.getElementById('wijzig-titel').focus();
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const roles = checkedRoles(form);
      showRolesError('wijzig', roles.length ? null : 'Kies minstens één rol.');
      if (!roles.length) {
        document.getElementById('wijzig-rollen').focus();
        return;
      }
      try {
        const changed = await api('PUT', '/api/v1/users/' + encodeURIComponent(user.id),
          { naam: name.value.trim(), rollen: roles, actief: active.checked });
        replace(result, alert('ok', paragraph('Gebruiker ' + changed.gebruikersnaam + ' is gewijzigd.')));
        announce('Gebruiker ' + changed.gebruikersnaam + ' is gewijzigd.');
        replace(editBox);
        await load();
      } catch (e) {
        showProblem(e, 'wijzig', error);
      }
    });
    passwordForm.addEventListener('submit', async event => {
      event.preventDefault();
      if (password.value.length < 12) {
        fieldError(password.id, 'Het wachtwoord moet minstens 12 tekens hebben.');
        password.focus();
        return;
      }
      fieldError(password.id, null);
      try {
        await api('POST', '/api/v1/users/' + encodeURIComponent(user.id) + '/wachtwoord', { wachtwoord: password.value });
        password.value = '';
        replace(result, alert('ok', paragraph('Het wachtwoord van ' + user.gebruikersnaam + ' is ingesteld.')));
        announce('Het wachtwoord van ' + user.gebruikersnaam + ' is ingesteld.');
      } catch (e) {
        showProblem(e, 'wijzig', passwordError);
      }
    });
  }

  renderCreate();
  load();
  return null;
}
