// What the lead unit can ask for from the thread: an extension with its plan (R32) and completion
// (R31). When a step is not offered, it says why instead of showing a button that would be refused.
import { LitElement, html, css, nothing } from 'lit';
import { t } from '../i18n.js';
import { completionOffer, extensionOffer, fromShanghaiField, ownUnit, toShanghaiField } from '../logic/steps.js';
import { localTime } from '../logic/time.js';

const WEEK = 7 * 24 * 3600 * 1000;

class DubanSteps extends LitElement {
  static properties = {
    lang: {}, item: { attribute: false }, step: { attribute: false }, nowMs: { type: Number },
    open: { state: true }, when: { state: true }, plan: { state: true },
  };

  static styles = css`
    :host { display: block; padding: 0.5rem 0.75rem; border-bottom: 1px solid var(--line); background: #fff; }
    .actions { display: grid; gap: 0.5rem; }
    .why, .hint { margin: 0; font-size: 0.875rem; color: var(--muted); }
    .pending { margin: 0; font-size: 0.9375rem; color: #5c4300; font-weight: 700; }
    button {
      min-height: 44px; min-width: 44px; padding: 0 1rem; font: inherit; border-radius: 0.5rem; cursor: pointer;
      border: 1px solid var(--seal); background: #fff; color: var(--seal); font-weight: 700;
    }
    button.primary { background: var(--seal); color: #fff; border-color: var(--seal); }
    button[disabled] { opacity: 0.7; }
    .row { display: flex; gap: 0.5rem; flex-wrap: wrap; }
    form { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.5rem; padding: 0.5rem 0; }
    label { display: grid; gap: 0.125rem; font-size: 0.875rem; color: var(--muted); }
    input, textarea {
      font: inherit; color: var(--ink); min-height: 44px; padding: 0.5rem; box-sizing: border-box; width: 100%;
      border: 1px solid #79747e; border-radius: 0.5rem; min-width: 0; max-width: 100%;
    }
    textarea { min-height: 6rem; resize: vertical; }
    .error { color: #8c1d18; margin: 0; font-size: 0.9375rem; }
    .done { color: #1e5c2c; margin: 0; font-size: 0.9375rem; font-weight: 700; }
    button:focus-visible, input:focus-visible, textarea:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
  `;

  constructor() {
    super();
    this.open = null; // 'extension' | 'completion' | null
    this.plan = '';
    this.when = '';
  }

  render() {
    const item = this.item;
    const unit = ownUnit(item);
    if (!unit || unit.role !== 'lead' || item.status === 'closed' || item.status === 'draft') return nothing;
    const ext = extensionOffer(item, this.nowMs);
    const done = completionOffer(item);
    const step = this.step;
    return html`<section class="actions" aria-label=${t('steps')}>
      ${step?.done && step.kind === 'completion' ? html`<p class="done" role="status">${t('completionSent')}</p>` : nothing}
      ${this.open === 'extension' ? this.extensionForm(unit, ext) : this.open === 'completion' ? this.completionForm() : html`
        ${ext.offered
          ? html`<div class="row"><button type="button" @click=${() => this.start('extension', unit)}>${t('askExtension')}</button></div>
              <p class="hint">${t('extensionUntil', { time: localTime(ext.lastMoment, this.lang) })}</p>`
          : ext.why === 'pending'
            ? html`<p class="pending" role="status">${t('extensionPending', { time: localTime(unit.extension.newDeadline, this.lang) })}</p>`
            : ext.why === 'notActive' ? nothing : html`<p class="why" data-why=${ext.why}>${this.extensionWhy(ext)}</p>`}
        ${done.offered
          ? html`<div class="row"><button type="button" @click=${() => this.start('completion', unit)}>${t('askCompletion')}</button></div>`
          : item.status === 'active' ? html`<p class="why" data-why=${done.why}>${t('completionWhy')[done.why]}</p>` : nothing}`}
    </section>`;
  }

  extensionWhy(ext) {
    const words = t('extensionWhy');
    return (words[ext.why] ?? '').replace('{time}', ext.lastMoment ? localTime(ext.lastMoment, this.lang) : '');
  }

  extensionForm(unit, ext) {
    const step = this.step?.kind === 'extension' ? this.step : null;
    const min = toShanghaiField(new Date(Date.parse(unit.deadline) + 60_000).toISOString());
    return html`<form @submit=${this.sendExtension}>
      <p class="hint">${t('extensionUntil', { time: localTime(ext.lastMoment, this.lang) })}</p>
      <label>${t('newDeadline')}
        <input type="datetime-local" name="newDeadline" required min=${min} .value=${this.when}
          @input=${(e) => { this.when = e.target.value; }}></label>
      <label>${t('plan')}
        <textarea name="plan" required maxlength="20000" placeholder=${t('planHint')} .value=${this.plan}
          @input=${(e) => { this.plan = e.target.value; }}></textarea></label>
      ${step?.error ? html`<p class="error" role="alert">${t('stepFailed', { detail: step.error })}</p>` : nothing}
      <div class="row">
        <button class="primary" type="submit" ?disabled=${step?.busy || !this.plan.trim() || !fromShanghaiField(this.when)}>${t('sendExtension')}</button>
        <button type="button" @click=${this.cancel}>${t('cancel')}</button>
      </div>
    </form>`;
  }

  completionForm() {
    const step = this.step?.kind === 'completion' ? this.step : null;
    return html`<form @submit=${this.sendCompletion}>
      <p class="hint">${t('completionHint')}</p>
      ${step?.error ? html`<p class="error" role="alert">${t('stepFailed', { detail: step.error })}</p>` : nothing}
      <div class="row">
        <button class="primary" type="submit" ?disabled=${step?.busy}>${t('sendCompletion')}</button>
        <button type="button" @click=${this.cancel}>${t('cancel')}</button>
      </div>
    </form>`;
  }

  willUpdate(changed) {
    // a step the server took closes its form
    if (changed.has('step') && this.step?.done) this.open = null;
  }

  start(kind, unit) {
    this.emit('clear-step');
    this.open = kind;
    if (kind === 'extension') {
      this.when = toShanghaiField(new Date(Date.parse(unit.deadline) + WEEK).toISOString());
      this.plan = '';
    }
  }

  cancel() {
    this.open = null;
    this.emit('clear-step');
  }

  sendExtension(event) {
    event.preventDefault();
    const newDeadline = fromShanghaiField(this.when);
    if (!newDeadline || !this.plan.trim()) return;
    this.emit('request-extension', { newDeadline, plan: this.plan.trim() });
  }

  sendCompletion(event) {
    event.preventDefault();
    this.emit('request-completion');
  }

  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

customElements.define('duban-steps', DubanSteps);
