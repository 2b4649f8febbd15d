// Inloggen: one message for every failed attempt (unknown user, wrong password, disabled account), tied to the
// fields; a throttled attempt says how long to wait.
import { api } from './api.js';
import { h, replace, field, fieldError } from './dom.js';

export function loginPage(main, onLoggedIn) {
  const user = h('input', { class: 'utrecht-textbox', type: 'text', name: 'gebruikersnaam', autocomplete: 'username',
    autocapitalize: 'none', spellcheck: 'false', required: true });
  const password = h('input', { class: 'utrecht-textbox', type: 'password', name: 'wachtwoord',
    autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'utrecht-button' }, 'Inloggen');
  const summary = h('div', { id: 'inloggen-fout', class: 'utrecht-alert utrecht-alert--error', role: 'alert', hidden: true });
  const form = h('form', { class: 'ggk-login', novalidate: true, 'aria-labelledby': 'inloggen-titel' },
    summary,
    field('gebruikersnaam', 'Gebruikersnaam', user),
    field('wachtwoord', 'Wachtwoord', password),
    h('div', { class: 'utrecht-button-group' }, submit));
  replace(main,
    h('h1', { class: 'utrecht-heading-1', id: 'inloggen-titel' }, 'Inloggen'),
    h('p', { class: 'utrecht-paragraph ggk-lead' },
      'Log in met het account dat de gebruikersbeheerder van uw gemeente of samenwerkingsverband voor u maakte.'),
    form);

  function showError(message, fields) {
    summary.hidden = false;
    replace(summary, h('p', { class: 'utrecht-paragraph' }, message));
    for (const id of ['gebruikersnaam', 'wachtwoord']) {
      fieldError(id, fields.includes(id) ? message : null);
    }
  }

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const missing = [];
    if (!user.value.trim()) {
      missing.push('gebruikersnaam');
    }
    if (!password.value) {
      missing.push('wachtwoord');
    }
    if (missing.length) {
      summary.hidden = true;
      fieldError('gebruikersnaam', missing.includes('gebruikersnaam') ? 'Vul uw gebruikersnaam in.' : null);
      fieldError('wachtwoord', missing.includes('wachtwoord') ? 'Vul uw wachtwoord in.' : null);
      document.getElementById(missing[0]).focus();
      return;
    }
    submit.disabled = true;
    try {
      const me = await api('POST', '/api/v1/session',
        { gebruikersnaam: user.value.trim(), wachtwoord: password.value }, { quiet401: true });
      onLoggedIn(me);
    } catch (e) {
      password.value = '';
      if (e.status === 429) {
        const wait = e.retryAfter ? ' Probeer het over ' + e.retryAfter + ' seconden opnieuw.' : ' Probeer het later opnieuw.';
        showError('Te veel mislukte pogingen.' + wait, []);
      } else if (e.status === 401 || e.status === 400) {
        showError('Gebruikersnaam of wachtwoord is onjuist.', ['gebruikersnaam', 'wachtwoord']);
      } else {
        showError('Inloggen lukt nu niet (de hub antwoordde ' + (e.status || 'niet') + '). Probeer het later opnieuw.', []);
      }
      user.focus();
    } finally {
      submit.disabled = false;
    }
  });
  document.title = 'Inloggen – GGk-portaal';
}
