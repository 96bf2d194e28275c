// "A new version is ready": the waiting service worker takes over when the person says so.
import { LitElement, html, css } from 'lit';
import { t } from '../i18n.js';

class DubanUpdate extends LitElement {
  static properties = { lang: {} };

  static styles = css`
    :host { display: flex; align-items: center; gap: 0.75rem; flex-wrap: wrap; padding: 0.5rem 0.75rem; background: #e8f0fe; color: #0b2a5b; }
    p { margin: 0; flex: 1; }
    button { min-height: 44px; padding: 0 1rem; font: inherit; color: #fff; background: var(--focus); border: 0; border-radius: 0.5rem; }
    button:focus-visible { outline: 3px solid var(--ink); outline-offset: 2px; }
  `;

  render() {
    return html`<p role="status">${t('updateReady')}</p><button type="button" @click=${this.take}>${t('reload')}</button>`;
  }

  async take() {
    const registration = await navigator.serviceWorker.getRegistration();
    window.dubanUpdating = true;
    if (registration?.waiting) registration.waiting.postMessage('take-update');
    else window.location.reload();
  }
}

customElements.define('duban-update', DubanUpdate);
