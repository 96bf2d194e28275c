// The composer at the bottom of an item: a text report. It only says what was written; the store
// gives it its idempotency key and queues it.
import { LitElement, html, css } from 'lit';
import { t } from '../i18n.js';

class DubanComposer extends LitElement {
  static properties = { lang: {}, text: { state: true } };

  static styles = css`
    :host { display: block; background: #fff; border-top: 1px solid var(--line); padding: 0.5rem 0.75rem calc(0.5rem + env(safe-area-inset-bottom)); }
    form { display: flex; gap: 0.5rem; align-items: flex-end; }
    label { flex: 1; display: grid; gap: 0.125rem; font-size: 0.875rem; color: var(--muted); }
    textarea {
      font: inherit; color: var(--ink); min-height: 48px; max-height: 40vh; padding: 0.5rem; box-sizing: border-box; width: 100%;
      border: 1px solid #79747e; border-radius: 0.5rem; resize: vertical;
    }
    button { min-height: 48px; min-width: 48px; padding: 0 1rem; font: inherit; font-weight: 700; color: #fff; background: var(--seal); border: 0; border-radius: 0.5rem; cursor: pointer; }
    button[disabled] { background: #6f6a72; }
    textarea:focus-visible, button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
  `;

  constructor() {
    super();
    this.text = '';
  }

  render() {
    const empty = this.text.trim() === '';
    return html`<form @submit=${this.submit}>
      <label>${t('composerLabel')}
        <textarea name="text" rows="2" maxlength="20000" placeholder=${t('composerHint')} .value=${this.text}
          @input=${(e) => { this.text = e.target.value; }}></textarea></label>
      <button type="submit" ?disabled=${empty}>${t('send')}</button>
    </form>`;
  }

  submit(event) {
    event.preventDefault();
    const text = this.text.trim();
    if (!text) return;
    this.dispatchEvent(new CustomEvent('send-report', { detail: { text }, bubbles: true, composed: true }));
    this.text = '';
  }
}

customElements.define('duban-composer', DubanComposer);
