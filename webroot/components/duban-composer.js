// The composer at the bottom of an item: a report's text, with photos (from the camera or the
// gallery, made smaller on the phone) and files. It only says what was written and picked; the store
// gives the report its idempotency key, queues it with its files and uploads them.
// Until it is used it is one line, so that at a large text size the thread still shows above it: a
// tap on it (or focus from the keyboard) opens it whole, and it folds again once the person taps or
// moves elsewhere with nothing written or picked.
import { LitElement, html, css, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { t } from '../i18n.js';
import { fileSize } from '../logic/photo.js';
import { prepare } from '../resize.js';

const MAX_FILES = 20;

class DubanComposer extends LitElement {
  static properties = { lang: {}, text: { state: true }, files: { state: true }, preparing: { state: true }, using: { state: true } };

  static styles = css`
    :host { display: block; background: #fff; border-top: 1px solid var(--line); padding: 0.5rem 0.75rem calc(0.5rem + env(safe-area-inset-bottom)); }
    form { display: grid; gap: 0.5rem; }
    .write { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-end; }
    /* at a large text size the button goes below the text rather than squeezing it */
    label.text { flex: 1 1 11rem; display: grid; gap: 0.125rem; font-size: 0.875rem; color: var(--muted); }
    textarea {
      font: inherit; color: var(--ink); min-height: 48px; max-height: 40vh; padding: 0.5rem; box-sizing: border-box; width: 100%;
      border: 1px solid #79747e; border-radius: 0.5rem; resize: vertical;
    }
    button.send { flex: 0 0 auto; margin-left: auto; min-height: 48px; min-width: 48px; padding: 0 1rem; font: inherit; font-weight: 700; color: #fff; background: var(--seal); border: 0; border-radius: 0.5rem; cursor: pointer; }
    button.send[disabled] { background: #6f6a72; }
    .pick { display: flex; gap: 0.5rem; flex-wrap: wrap; }
    .pick label {
      display: inline-flex; align-items: center; min-height: 44px; min-width: 44px; padding: 0 0.875rem; box-sizing: border-box;
      border: 1px solid #79747e; border-radius: 0.5rem; color: var(--ink); font-size: 0.9375rem; cursor: pointer; background: #fff;
    }
    .pick input { position: absolute; width: 1px; height: 1px; opacity: 0; }
    .pick label:focus-within { outline: 3px solid var(--focus); outline-offset: 2px; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.375rem; }
    li { display: flex; align-items: center; gap: 0.5rem; font-size: 0.875rem; }
    li img, li .doc { width: 44px; height: 44px; object-fit: cover; border-radius: 0.375rem; flex: none; background: #eef0f4; }
    li .doc { display: grid; place-items: center; font-size: 0.75rem; color: var(--muted); }
    li .name { flex: 1; min-width: 0; overflow-wrap: anywhere; }
    li .size { color: var(--muted); }
    li button { min-height: 44px; min-width: 44px; font: inherit; font-size: 0.875rem; border: 1px solid #79747e; background: #fff; border-radius: 0.5rem; }
    .busy { font-size: 0.875rem; color: var(--muted); margin: 0; }
    /* folded: the text field alone, one line high, its label kept for screen readers */
    .folded .pick, .folded button.send { display: none; }
    .folded label.text { gap: 0; }
    .folded textarea { min-height: 44px; height: auto; resize: none; overflow: hidden; }
    .folded textarea::placeholder { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .folded .label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    textarea:focus-visible, button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
  `;

  constructor() {
    super();
    this.text = '';
    this.files = [];
    this.preparing = 0;
    this.using = false;
    // a tap anywhere but here folds it, when nothing is written or picked
    this.onPointerDown = (e) => {
      if (!e.composedPath().includes(this)) this.using = false;
    };
  }

  connectedCallback() {
    super.connectedCallback();
    document.addEventListener('pointerdown', this.onPointerDown, true);
  }

  disconnectedCallback() {
    document.removeEventListener('pointerdown', this.onPointerDown, true);
    for (const f of this.files) if (f.preview) URL.revokeObjectURL(f.preview);
    super.disconnectedCallback();
  }

  /** Open while in use, or while it holds something to send. */
  get unfolded() {
    return this.using || this.text !== '' || this.files.length > 0 || this.preparing > 0;
  }

  /** Focus moving to something outside folds it; focus lost to nothing (a tap on a label here) does not. */
  left(event) {
    const to = event.relatedTarget;
    if (to && !this.renderRoot.contains(to) && !this.contains(to)) this.using = false;
  }

  render() {
    const empty = this.text.trim() === '';
    const open = this.unfolded;
    return html`<form class=${open ? '' : 'folded'} @submit=${this.submit} @focusin=${() => { this.using = true; }} @focusout=${this.left}>
      ${this.files.length ? html`<ul aria-label=${t('attached')}>
        ${repeat(this.files, (f) => f.id, (f) => html`<li>
          ${f.preview ? html`<img src=${f.preview} alt="">` : html`<span class="doc" aria-hidden="true">${t('file')}</span>`}
          <span class="name">${f.name} <span class="size">${fileSize(f.size)}</span></span>
          <button type="button" aria-label=${t('removeFile', { name: f.name })} @click=${() => this.remove(f.id)}>${t('remove')}</button>
        </li>`)}
      </ul>` : nothing}
      ${this.preparing ? html`<p class="busy" role="status">${t('preparing')}</p>` : nothing}
      <div class="pick">
        <label>${t('takePhoto')}<input type="file" name="photo" accept="image/*" capture="environment"
          @change=${this.picked}></label>
        <label>${t('choosePhoto')}<input type="file" name="gallery" accept="image/*" multiple @change=${this.picked}></label>
        <label>${t('chooseFile')}<input type="file" name="file" multiple
          accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt,.csv,.zip,image/*,application/pdf" @change=${this.picked}></label>
      </div>
      <div class="write">
        <label class="text"><span class="label">${t('composerLabel')}</span>
          <textarea name="text" rows=${open ? 2 : 1} maxlength="20000" placeholder=${open ? t('composerHint') : t('composerShort')} .value=${this.text}
            @input=${(e) => { this.text = e.target.value; }}></textarea></label>
        <button class="send" type="submit" ?disabled=${empty || this.preparing > 0}>${t('send')}</button>
      </div>
    </form>`;
  }

  /** Photos are made smaller right away, so what is shown and queued is what goes. */
  async picked(event) {
    const input = event.target;
    const chosen = [...input.files].slice(0, Math.max(0, MAX_FILES - this.files.length));
    input.value = '';
    this.preparing += chosen.length;
    for (const file of chosen) {
      try {
        const ready = await prepare(file, Date.now());
        const preview = ready.type.startsWith('image/') ? URL.createObjectURL(ready.blob) : null;
        this.files = [...this.files, { ...ready, id: crypto.randomUUID(), preview }];
      } finally {
        this.preparing -= 1;
      }
    }
  }

  remove(id) {
    const gone = this.files.find((f) => f.id === id);
    if (gone?.preview) URL.revokeObjectURL(gone.preview);
    this.files = this.files.filter((f) => f.id !== id);
  }

  submit(event) {
    event.preventDefault();
    const text = this.text.trim();
    if (!text || this.preparing) return;
    const files = this.files.map(({ name, type, size, blob }) => ({ name, type, size, blob }));
    this.dispatchEvent(new CustomEvent('send-report', { detail: { text, files }, bubbles: true, composed: true }));
    for (const f of this.files) if (f.preview) URL.revokeObjectURL(f.preview);
    this.text = '';
    this.files = [];
  }
}

customElements.define('duban-composer', DubanComposer);
