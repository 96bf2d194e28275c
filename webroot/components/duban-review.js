// The sponsor's word on a unit's report, in the report's own bubble (R30): 采纳 (accept) or 退回
// (return) with a reason. Each asks once more before it goes; a return's reason is required, within
// the server's 2,000 characters. It raises events only; the store sends them, and the server's refusal
// comes back as `state.error`, shown with its reason.
import { LitElement, html, css, nothing } from 'lit';
import { t } from '../i18n.js';
import { REASON_MAX, length, returnReason } from '../logic/review.js';

class DubanReview extends LitElement {
  static properties = {
    lang: {}, reportId: { type: Number }, unitId: { type: Number }, waiting: { type: Boolean }, state: { attribute: false },
    mode: { state: true }, reason: { state: true }, problem: { state: true },
  };

  static styles = css`
    :host { display: block; margin-top: 0.5rem; }
    .row { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    button {
      min-height: 44px; min-width: 44px; padding: 0 1rem; font: inherit; font-weight: 700; border-radius: 0.5rem; cursor: pointer;
      border: 1px solid var(--seal); background: #fff; color: var(--seal);
    }
    button.accept { border-color: #1e5c2c; color: #1e5c2c; }
    button.primary { background: var(--seal); color: #fff; }
    button.primary.accept { background: #1e5c2c; color: #fff; }
    button[disabled] { opacity: 0.7; }
    form { display: grid; gap: 0.375rem; }
    label { display: grid; gap: 0.125rem; font-size: 0.875rem; color: var(--muted); }
    textarea {
      font: inherit; color: var(--ink); min-height: 5.5rem; padding: 0.5rem; box-sizing: border-box; width: 100%;
      border: 1px solid #79747e; border-radius: 0.5rem; resize: vertical; background: #fff;
    }
    textarea[aria-invalid='true'] { border: 2px solid #8c1d18; }
    .count { font-size: 0.8125rem; color: var(--muted); text-align: right; margin: 0; }
    .ask { margin: 0; font-size: 0.9375rem; }
    .error { margin: 0; color: #8c1d18; font-size: 0.9375rem; font-weight: 700; }
    button:focus-visible, textarea:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
  `;

  constructor() {
    super();
    this.mode = null; // null | 'accept' | 'return'
    this.reason = '';
    this.problem = null; // 'empty' | 'tooLong', found before sending
  }

  render() {
    const s = this.state;
    // a refusal that leaves the report no longer waiting: most likely reviewed meanwhile, which the thread now shows
    const failed = s?.error ? html`<p class="error" role="alert">${t(s.action === 'return' ? 'returnFailed' : 'acceptFailed', { detail: s.error === 'network' ? t('network') : s.error })}
      ${this.waiting || s.error === 'network' ? nothing : html`<br>${t('reviewedMeanwhile')}`}</p>` : nothing;
    if (!this.waiting) return failed;
    const busy = Boolean(s?.busy);
    if (this.mode === 'accept') {
      return html`${failed}<div class="row" role="group" aria-label=${t('acceptAsk')}>
        <p class="ask">${t('acceptAsk')}</p>
        <button type="button" class="primary accept" ?disabled=${busy} @click=${this.accept}>${busy ? t('sending') : t('acceptConfirm')}</button>
        <button type="button" ?disabled=${busy} @click=${this.cancel}>${t('cancel')}</button></div>`;
    }
    if (this.mode === 'return') {
      const count = length(this.reason.trim());
      return html`${failed}<form @submit=${this.sendReturn} novalidate>
        <label>${t('returnReason')}
          <textarea name="reason" maxlength=${REASON_MAX} placeholder=${t('returnReasonHint')} .value=${this.reason}
            aria-invalid=${this.problem ? 'true' : 'false'} aria-describedby="problem count"
            @input=${(e) => { this.reason = e.target.value; this.problem = null; }}></textarea></label>
        <p class="count" id="count">${t('characters', { count, max: REASON_MAX })}</p>
        <p class="error" id="problem" role=${this.problem ? 'alert' : nothing}>${this.problem ? t('returnReasonProblem')[this.problem] : ''}</p>
        <div class="row">
          <button type="submit" class="primary" ?disabled=${busy}>${busy ? t('sending') : t('returnConfirm')}</button>
          <button type="button" ?disabled=${busy} @click=${this.cancel}>${t('cancel')}</button>
        </div>
      </form>`;
    }
    return html`${failed}<div class="row" role="group" aria-label=${t('review')}>
      <button type="button" class="accept" @click=${() => this.open('accept')}>${t('accept')}</button>
      <button type="button" @click=${() => this.open('return')}>${t('return')}</button>
    </div>`;
  }

  async open(mode) {
    this.emit('clear-review');
    this.mode = mode;
    this.problem = null;
    await this.updateComplete;
    this.renderRoot.querySelector(mode === 'return' ? 'textarea' : 'button.primary')?.focus();
  }

  async cancel() {
    const was = this.mode;
    this.mode = null;
    this.problem = null;
    this.emit('clear-review');
    await this.updateComplete;
    this.renderRoot.querySelector(was === 'return' ? 'button:not(.accept)' : 'button.accept')?.focus();
  }

  accept() {
    this.emit('accept-report', { reportId: this.reportId, unitId: this.unitId });
  }

  sendReturn(event) {
    event.preventDefault();
    const checked = returnReason(this.reason);
    if (!checked.ok) {
      this.problem = checked.error;
      this.renderRoot.querySelector('textarea')?.focus();
      return;
    }
    this.emit('return-report', { reportId: this.reportId, unitId: this.unitId, reason: checked.reason });
  }

  willUpdate(changed) {
    // the server took it: the report is no longer waiting, and the form has nothing left to ask
    if (changed.has('waiting') && !this.waiting) {
      this.mode = null;
      this.reason = '';
    }
  }

  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

customElements.define('duban-review', DubanReview);
