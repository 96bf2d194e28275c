// A report's photo as a small picture in the thread; a tap shows it whole. Attachments need the
// token, so the picture is asked of the store (`fetch-file`, which answers a Blob) only once it is
// scrolled near the screen, and shown through an object URL that is let go when the element goes.
// Nothing is cached: the store fetches with no-store, and the service worker never keeps attachments.
import { LitElement, html, css, nothing } from 'lit';
import { t } from '../i18n.js';
import { fileSize } from '../logic/photo.js';

class DubanThumb extends LitElement {
  static properties = { file: { attribute: false }, lang: {}, url: { state: true }, failed: { state: true }, full: { state: true } };

  static styles = css`
    :host { display: block; }
    button.thumb {
      display: block; width: 6rem; height: 6rem; padding: 0; border: 1px solid #79747e; border-radius: 0.5rem; overflow: hidden;
      background: #e4e1e6; cursor: zoom-in; font: inherit; font-size: 0.75rem; color: var(--muted);
    }
    button.thumb img { width: 100%; height: 100%; object-fit: cover; display: block; }
    .wait { display: grid; place-items: center; height: 100%; padding: 0.25rem; box-sizing: border-box; overflow-wrap: anywhere; }
    button.chip {
      min-height: 44px; width: 100%; text-align: left; font: inherit; font-size: 0.875rem; padding: 0 0.75rem; overflow-wrap: anywhere;
      border: 1px solid #79747e; border-radius: 0.5rem; background: #fff; color: var(--ink);
    }
    dialog { padding: 0; border: 0; background: #000; color: #fff; max-width: 100vw; max-height: 100vh; width: 100vw; height: 100vh; box-sizing: border-box; }
    dialog::backdrop { background: rgb(0 0 0 / 0.85); }
    .viewer { display: grid; grid-template-rows: auto 1fr; height: 100%; }
    .bar { display: flex; align-items: center; gap: 0.5rem; padding: 0.5rem 0.75rem; }
    .bar span { flex: 1; min-width: 0; overflow-wrap: anywhere; font-size: 0.875rem; }
    .bar button { min-height: 44px; min-width: 44px; padding: 0 1rem; font: inherit; font-weight: 700; border-radius: 0.5rem; border: 1px solid #fff; background: #000; color: #fff; }
    .picture { display: grid; place-items: center; min-height: 0; }
    .picture img { max-width: 100%; max-height: 100%; object-fit: contain; }
    button:focus-visible { outline: 3px solid #fff; outline-offset: -3px; box-shadow: 0 0 0 3px var(--focus); }
  `;

  constructor() {
    super();
    this.url = null;
    this.failed = false;
    this.full = false;
    this.asked = false;
  }

  connectedCallback() {
    super.connectedCallback();
    // near the screen only: a long thread does not load every photo it has
    this.observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) this.load();
    }, { rootMargin: '200px 0px' });
    this.observer.observe(this);
  }

  disconnectedCallback() {
    this.observer?.disconnect();
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = null;
    this.asked = false;
    super.disconnectedCallback();
  }

  load() {
    if (this.asked) return;
    this.asked = true;
    this.observer?.disconnect();
    const reply = (blob) => {
      if (!this.isConnected) return;
      if (blob) this.url = URL.createObjectURL(blob);
      else this.failed = true;
    };
    this.dispatchEvent(new CustomEvent('fetch-file', { detail: { id: this.file.id, reply }, bubbles: true, composed: true }));
  }

  render() {
    const f = this.file;
    const name = t('photoLabel', { name: f.filename, size: fileSize(f.size ?? 0) });
    // a picture that did not come is a named file like any other, which a tap still tries to open
    if (this.failed) {
      return html`<button type="button" class="chip" aria-label=${t('openFile', { name: f.filename })} @click=${this.openFile}>
        ${t('attachments')}：${f.filename} · ${fileSize(f.size ?? 0)}</button>`;
    }
    return html`<button type="button" class="thumb" aria-label=${name} aria-haspopup="dialog" @click=${this.show}>
        ${this.url ? html`<img src=${this.url} alt="">` : html`<span class="wait">${t('photoLoading')}</span>`}</button>
      ${this.full && this.url ? html`<dialog aria-label=${f.filename} @close=${() => { this.full = false; }} @cancel=${() => { this.full = false; }}>
        <div class="viewer">
          <div class="bar"><span>${f.filename} · ${fileSize(f.size ?? 0)}</span>
            <button type="button" @click=${this.hide}>${t('close')}</button></div>
          <div class="picture" @click=${this.hide}><img src=${this.url} alt=${f.filename}></div>
        </div></dialog>` : nothing}`;
  }

  async show() {
    if (!this.url) {
      this.load();
      return;
    }
    this.full = true;
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  hide() {
    this.renderRoot.querySelector('dialog')?.close();
    this.full = false;
    this.renderRoot.querySelector('button.thumb')?.focus();
  }

  openFile() {
    this.dispatchEvent(new CustomEvent('open-file', { detail: { id: this.file.id }, bubbles: true, composed: true }));
  }
}

customElements.define('duban-thumb', DubanThumb);
