// The sponsor office's step on the item, under its header, when the contract gives it one: grading a
// completion request (R33) and, once the grade is approved, asking for sign-off (R34). Two taps each:
// the choice, then its confirmation. Approving a grade, checking the sign-off and closing the item are
// the leaders'; the server decides every step, and its refusal shows with its reason.
import { LitElement, html, css, nothing } from 'lit';
import { t } from '../i18n.js';
import { GRADES, NOTE_MAX, officeStep, reviews } from '../logic/review.js';

class DubanOffice extends LitElement {
  static properties = {
    lang: {}, item: { attribute: false }, me: { attribute: false }, step: { attribute: false },
    grade: { state: true }, note: { state: true }, asking: { state: true },
  };

  static styles = css`
    :host { display: block; padding: 0.5rem 0.75rem; border-bottom: 1px solid var(--line); background: #fff; }
    section { display: grid; gap: 0.5rem; }
    p { margin: 0; font-size: 0.9375rem; }
    .hint { font-size: 0.875rem; color: var(--muted); }
    .waiting { color: #5c4300; font-weight: 700; }
    .row { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    button {
      min-height: 44px; min-width: 44px; padding: 0 1rem; font: inherit; border-radius: 0.5rem; cursor: pointer;
      border: 1px solid var(--seal); background: #fff; color: var(--seal); font-weight: 700;
    }
    button[aria-pressed='true'] { background: #f9dedc; outline: 2px solid var(--seal); }
    button.primary { background: var(--seal); color: #fff; }
    button[disabled] { opacity: 0.7; }
    label { display: grid; gap: 0.125rem; font-size: 0.875rem; color: var(--muted); }
    textarea {
      font: inherit; color: var(--ink); min-height: 4.5rem; padding: 0.5rem; box-sizing: border-box; width: 100%;
      border: 1px solid #79747e; border-radius: 0.5rem; resize: vertical;
    }
    .error { color: #8c1d18; font-weight: 700; }
    .done { color: #1e5c2c; font-weight: 700; }
    button:focus-visible, textarea:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
  `;

  constructor() {
    super();
    this.grade = null;
    this.note = '';
    this.asking = false;
  }

  render() {
    const item = this.item;
    if (!reviews(this.me, item)) return nothing;
    const step = officeStep(this.me, item);
    const s = this.step?.kind === 'grade' || this.step?.kind === 'signOff' ? this.step : null;
    const failed = s?.error ? html`<p class="error" role="alert">${t('stepFailed', { detail: s.error === 'network' ? t('network') : s.error })}</p>` : nothing;
    const graded = item.grade ? t('grades')[item.grade] ?? item.grade : '';
    if (step === 'grade') return html`<section aria-label=${t('gradeTitle')}>${this.gradeForm(s)}${failed}</section>`;
    if (step === 'signOff') return html`<section aria-label=${t('signOffTitle')}>${this.signOffForm(s, graded)}${failed}</section>`;
    const said = { graded: 'gradedWaiting', sign_off_requested: 'signOffWaiting', sign_off_checked: 'signOffChecked' }[item.status];
    return said ? html`<p class="waiting" role="status">${t(said, { grade: graded })}</p>` : nothing;
  }

  gradeForm(s) {
    const busy = Boolean(s?.busy);
    return html`<p>${t('gradeAsk')}</p>
      <div class="row" role="group" aria-label=${t('gradeTitle')}>${GRADES.map((g) => html`
        <button type="button" aria-pressed=${this.grade === g ? 'true' : 'false'} ?disabled=${busy} @click=${() => this.choose(g)}>${t('grades')[g]}</button>`)}</div>
      ${this.grade ? html`
        ${this.grade === 'fail' ? html`<p class="hint">${t('gradeFailHint')}</p>` : nothing}
        <label>${t('gradeNote')}
          <textarea name="note" maxlength=${NOTE_MAX} .value=${this.note} @input=${(e) => { this.note = e.target.value; }}></textarea></label>
        <div class="row">
          <button type="button" class="primary" ?disabled=${busy} @click=${this.sendGrade}>${busy ? t('sending') : t('gradeConfirm', { grade: t('grades')[this.grade] })}</button>
          <button type="button" ?disabled=${busy} @click=${this.cancel}>${t('cancel')}</button>
        </div>` : nothing}`;
  }

  signOffForm(s, graded) {
    const busy = Boolean(s?.busy);
    return html`<p>${t('signOffAsk', { grade: graded })}</p>
      <div class="row">${this.asking
        ? html`<button type="button" class="primary" ?disabled=${busy} @click=${() => this.emit('request-sign-off')}>${busy ? t('sending') : t('signOffConfirm')}</button>
            <button type="button" ?disabled=${busy} @click=${this.cancel}>${t('cancel')}</button>`
        : html`<button type="button" @click=${() => { this.emit('clear-step'); this.asking = true; }}>${t('signOff')}</button>`}</div>`;
  }

  choose(grade) {
    this.emit('clear-step');
    this.grade = grade;
  }

  cancel() {
    this.grade = null;
    this.note = '';
    this.asking = false;
    this.emit('clear-step');
  }

  sendGrade() {
    const note = this.note.trim();
    this.emit('grade-item', note ? { grade: this.grade, note } : { grade: this.grade });
  }

  willUpdate(changed) {
    // a step the server took: the item has moved on, and the next one starts afresh
    if (changed.has('item') && changed.get('item')?.status !== this.item?.status) {
      this.grade = null;
      this.note = '';
      this.asking = false;
    }
  }

  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

customElements.define('duban-office', DubanOffice);
