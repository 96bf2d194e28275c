// Sign-in: login and password, and errors that say what happened (a lock-out says for how long).
import { LitElement, html, css, nothing } from 'lit';
import { t, duration } from '../i18n.js';

class DubanSignin extends LitElement {
  static properties = { lang: {}, busy: { type: Boolean }, error: { attribute: false } };

  static styles = css`
    :host { display: block; padding: 1.5rem 1rem 2rem; }
    h1 { font-size: 1.5rem; margin: 0 0 0.5rem; }
    .hint { color: var(--muted); margin: 0 0 1.5rem; }
    form { display: grid; gap: 1rem; }
    label { display: grid; gap: 0.375rem; font-weight: 600; }
    input {
      font: inherit; font-weight: 400; min-height: 48px; padding: 0 0.75rem; box-sizing: border-box; width: 100%;
      border: 1px solid #79747e; border-radius: 0.5rem; background: #fff; color: var(--ink);
    }
    input:focus-visible, button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
    button {
      min-height: 48px; font: inherit; font-weight: 700; color: #fff; background: var(--seal);
      border: 0; border-radius: 0.5rem; cursor: pointer;
    }
    button[disabled] { opacity: 0.7; }
    .error { margin: 0; padding: 0.75rem; border-radius: 0.5rem; background: #fce8e6; color: #8c1d18; border: 1px solid #f2b8b5; }
  `;

  render() {
    return html`
      <h1>${t('signInTitle')}</h1>
      <p class="hint">${t('signInHint')}</p>
      <form @submit=${this.submit} novalidate>
        <label>${t('login')}<input name="login" autocomplete="username" autocapitalize="none" spellcheck="false" required></label>
        <label>${t('password')}<input name="password" type="password" autocomplete="current-password" required></label>
        ${this.error ? html`<p class="error" role="alert">${this.message(this.error)}</p>` : nothing}
        <button type="submit" ?disabled=${this.busy}>${this.busy ? t('signingIn') : t('signIn')}</button>
      </form>
    `;
  }

  message(error) {
    if (error.kind === 'wrong') return t('wrongPassword');
    if (error.kind === 'locked') return t('locked', { time: duration(error.seconds) });
    if (error.kind === 'network') return t('network');
    return t('failed', { detail: error.detail });
  }

  submit(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const login = String(form.get('login') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!login || !password) {
      this.renderRoot.querySelector(login ? '[name=password]' : '[name=login]').focus();
      return;
    }
    this.dispatchEvent(new CustomEvent('sign-in', { detail: { login, password }, bubbles: true, composed: true }));
  }
}

customElements.define('duban-signin', DubanSignin);
