// What the lead unit can ask for from the thread: an extension with its plan and milestones (R32) and
// completion (R31). When a step is not offered, it says why instead of showing a button that would be
// refused. The browser's own date field shows dates its own way (US-style in headless Chromium), so the
// chosen moment is said again under it in the person's language, in Beijing time.
import { LitElement, html, css, nothing } from 'lit';
import { t } from '../i18n.js';
import { completionOffer, extensionOffer, fromShanghaiField, ownUnit, toShanghaiField } from '../logic/steps.js';
import { localTime } from '../logic/time.js';
import { laterBy, readableDate, readableMoment } from '../logic/dates.js';
import { MILESTONES_MAX, MILESTONE_TEXT_MAX, milestones } from '../logic/milestones.js';

const WEEK = 7 * 24 * 3600 * 1000;

class DubanSteps extends LitElement {
  static properties = {
    lang: {}, item: { attribute: false }, step: { attribute: false }, nowMs: { type: Number },
    open: { state: true }, when: { state: true }, plan: { state: true }, rows: { state: true }, checked: { state: true },
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
    .said { margin: -0.25rem 0 0; font-size: 0.9375rem; color: var(--ink); }
    fieldset { border: 1px solid var(--line); border-radius: 0.5rem; margin: 0; padding: 0.25rem 0.625rem 0.625rem; min-width: 0; display: grid; gap: 0.5rem; }
    legend { font-size: 0.875rem; color: var(--muted); padding: 0 0.25rem; }
    ol.rows { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
    ol.rows li { display: grid; gap: 0.375rem; padding-bottom: 0.75rem; border-bottom: 1px dashed var(--line); }
    ol.rows li.bad { border-left: 3px solid #8c1d18; padding-left: 0.5rem; }
    input[aria-invalid='true'] { border: 2px solid #8c1d18; }
    .when { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-end; }
    .when label { flex: 1 1 10rem; }
    button.remove { font-weight: 400; color: var(--ink); border-color: #79747e; }
    .said.day { font-size: 0.875rem; color: var(--muted); min-height: 1.3em; }
    .error { color: #8c1d18; margin: 0; font-size: 0.9375rem; }
    .done { color: #1e5c2c; margin: 0; font-size: 0.9375rem; font-weight: 700; }
    button:focus-visible, input:focus-visible, textarea:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
  `;

  constructor() {
    super();
    this.open = null; // 'extension' | 'completion' | null
    this.plan = '';
    this.when = '';
    this.rows = [];
    this.checked = false; // the milestones' problems show once sending was tried
    this.nextRow = 0;
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
        <input type="datetime-local" name="newDeadline" required min=${min} .value=${this.when} aria-describedby="when-said"
          @input=${(e) => { this.when = e.target.value; }}></label>
      <p class="said" id="when-said" data-said="newDeadline">${this.whenSaid(unit)}</p>
      <label>${t('plan')}
        <textarea name="plan" required maxlength="20000" placeholder=${t('planHint')} .value=${this.plan}
          @input=${(e) => { this.plan = e.target.value; }}></textarea></label>
      ${this.milestoneFields()}
      ${this.checked && milestones(this.rows).errors.length ? html`<p class="error" role="alert">${t('milestonesInvalid')}</p>` : nothing}
      ${step?.error ? html`<p class="error" role="alert">${t('stepFailed', { detail: step.error })}</p>` : nothing}
      <div class="row">
        <button class="primary" type="submit" ?disabled=${step?.busy || !this.plan.trim() || !fromShanghaiField(this.when)}>${t('sendExtension')}</button>
        <button type="button" @click=${this.cancel}>${t('cancel')}</button>
      </div>
    </form>`;
  }

  /** The chosen moment in words, and how much later it is than the deadline now. */
  whenSaid(unit) {
    const chosen = fromShanghaiField(this.when);
    if (!chosen) return t('noMoment');
    const later = laterBy(unit.deadline, chosen);
    const tail = !later ? t('notLater', { time: localTime(unit.deadline, this.lang) })
      : later.days && later.hours ? t('laterDaysHours', later) : later.days ? t('laterDays', later) : later.hours ? t('laterHours', later) : '';
    return `${t('chosenMoment', { time: readableMoment(chosen, this.lang) })}${tail}`;
  }

  milestoneFields() {
    const problems = this.checked ? milestones(this.rows).errors : [];
    const problem = (index, field) => problems.find((p) => p.index === index && p.field === field);
    const said = (p) => (p ? t('milestoneProblem')[p.field][p.error] : '');
    return html`<fieldset>
      <legend>${t('milestones')}</legend>
      <p class="hint">${t('milestonesHint')}</p>
      ${this.rows.length ? html`<ol class="rows">${this.rows.map((row, index) => {
        const n = index + 1;
        const date = problem(index, 'date');
        const what = problem(index, 'description');
        return html`<li class=${date || what ? 'bad' : ''} data-milestone=${n}>
          <div class="when">
            <label>${t('milestoneDate', { n })}
              <input type="date" name="milestoneDate" .value=${row.date} aria-invalid=${date ? 'true' : 'false'}
                aria-describedby=${`m${row.key}-said`} @input=${(e) => this.edit(index, { date: e.target.value })}></label>
            <button type="button" class="remove" aria-label=${t('removeMilestone', { n })} @click=${() => this.removeRow(index)}>${t('remove')}</button>
          </div>
          <p class="said day" id=${`m${row.key}-said`}>${date ? html`<span class="error">${said(date)}</span>` : readableDate(row.date, this.lang)}</p>
          <label>${t('milestoneWhat', { n })}
            <input type="text" name="milestoneWhat" maxlength=${MILESTONE_TEXT_MAX} .value=${row.description}
              aria-invalid=${what ? 'true' : 'false'} @input=${(e) => this.edit(index, { description: e.target.value })}></label>
          ${what ? html`<p class="error">${said(what)}</p>` : nothing}
        </li>`;
      })}</ol>` : nothing}
      ${problems.some((p) => p.field === 'count') ? html`<p class="error">${t('milestoneProblem').count.tooMany}</p>` : nothing}
      ${this.rows.length < MILESTONES_MAX ? html`<button type="button" @click=${this.addRow}>${t('addMilestone')}</button>` : nothing}
    </fieldset>`;
  }

  async addRow() {
    this.rows = [...this.rows, { key: this.nextRow++, date: '', description: '' }];
    await this.updateComplete;
    [...this.renderRoot.querySelectorAll('input[name=milestoneDate]')].at(-1)?.focus();
  }

  removeRow(index) {
    this.rows = this.rows.filter((_, i) => i !== index);
  }

  edit(index, patch) {
    this.rows = this.rows.map((row, i) => (i === index ? { ...row, ...patch } : row));
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
      this.rows = [];
      this.checked = false;
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
    const checked = milestones(this.rows);
    this.checked = true;
    if (checked.errors.length) {
      this.updateComplete.then(() => this.renderRoot.querySelector('[aria-invalid=true]')?.focus());
      return;
    }
    this.emit('request-extension', { newDeadline, plan: this.plan.trim(), milestones: checked.milestones });
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
