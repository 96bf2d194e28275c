// Sign-in: login and password, and errors that say what happened (a lock-out says for how long).
// Opened from an SMS link that could not sign in, it says so first (notice); where the policy asks for a
// one-time code (otp), it asks for the six digits sent to the phone instead of the password.
import { LitElement, html, css, nothing } from 'lit';
import { t, duration } from '../i18n.js';
import { oneTimeCode } from '../logic/link.js';

class DubanSignin extends LitElement {
  static properties = {
    lang: {}, busy: { type: Boolean }, error: { attribute: false }, notice: { attribute: false }, otp: { attribute: false },
  };

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
    input[name=otp] { font-size: 1.5rem; letter-spacing: 0.375em; }
    input:focus-visible, button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
    button {
      min-height: 48px; font: inherit; font-weight: 700; color: #fff; background: var(--seal);
      border: 0; border-radius: 0.5rem; cursor: pointer;
    }
    button[disabled] { opacity: 0.7; }
    .other { display: grid; gap: 0.5rem; margin-top: 1rem; }
    .other button { color: var(--seal); background: transparent; border: 1px solid var(--line); font-weight: 600; }
    .error { margin: 0; padding: 0.75rem; border-radius: 0.5rem; background: #fce8e6; color: #8c1d18; border: 1px solid #f2b8b5; }
    .notice { margin: 0 0 1.25rem; padding: 0.75rem; border-radius: 0.5rem; background: var(--yellow-bg); color: #3d2c00; }
    .notice strong { display: block; font-size: 1.0625rem; }
    .notice span { display: block; margin-top: 0.25rem; }
    .done { margin: 0; color: var(--green); }
  `;

  render() {
    return this.otp ? this.codeForm(this.otp) : this.passwordForm();
  }

  passwordForm() {
    return html`
      ${this.notice ? this.noticeBox(this.notice) : nothing}
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

  noticeBox(notice) {
    if (notice.kind === 'limited') return html`<p class="notice" role="status">${t('linkLimited', { time: duration(notice.seconds) })}</p>`;
    if (notice.kind === 'network') return html`<p class="notice" role="status">${t('network')}</p>`;
    if (notice.kind === 'item') return html`<p class="notice" role="status">${t('linkOpensAfter')}</p>`;
    return html`<p class="notice" role="status"><strong>${t('linkExpired')}</strong>${notice.item ? html`<span>${t('linkOpensAfter')}</span>` : nothing}</p>`;
  }

  codeForm(otp) {
    return html`
      <h1>${t('codeTitle')}</h1>
      <p class="hint">${t('codeHint', { phone: otp.sentTo })}</p>
      <form @submit=${this.submitCode} novalidate>
        <label>${t('code')}<input name="otp" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required></label>
        ${otp.error ? html`<p class="error" role="alert">${this.codeMessage(otp.error)}</p>` : nothing}
        ${otp.resent ? html`<p class="done" role="status">${t('codeResent')}</p>` : nothing}
        ${otp.stillValid ? html`<p class="done" role="status">${t('codeStillValid', { time: duration(otp.stillValid) })}</p>` : nothing}
        <button type="submit" ?disabled=${otp.busy}>${otp.busy ? t('signingIn') : t('signIn')}</button>
      </form>
      <div class="other">
        <button type="button" ?disabled=${otp.busy} @click=${() => this.raise('resend-code')}>${t('codeResend')}</button>
        <button type="button" @click=${() => this.raise('use-password')}>${t('usePassword')}</button>
      </div>
    `;
  }

  message(error) {
    if (error.kind === 'wrong') return t('wrongPassword');
    if (error.kind === 'locked') return t('locked', { time: duration(error.seconds) });
    if (error.kind === 'network') return t('network');
    return t('failed', { detail: error.detail });
  }

  codeMessage(error) {
    if (error.kind === 'wrong') return t('codeWrong', { left: error.attemptsLeft });
    if (error.kind === 'expired') return t('codeExpired');
    if (error.kind === 'limited') return t('linkLimited', { time: duration(error.seconds) });
    return t('network');
  }

  raise(name, detail = {}) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
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
    this.raise('sign-in', { login, password });
  }

  submitCode(event) {
    event.preventDefault();
    const typed = new FormData(event.target).get('otp');
    if (!oneTimeCode(typed)) {
      this.renderRoot.querySelector('[name=otp]').focus();
      return;
    }
    this.raise('confirm-code', { otp: typed });
  }
}

customElements.define('duban-signin', DubanSignin);
