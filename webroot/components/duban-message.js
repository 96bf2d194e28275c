// One entry of the thread: a report and the sponsor's word on it, facing each other (the reader's own
// side on the right), or a system line. A report's photos show as small pictures, its other files as
// named chips; a report waiting for the reader's review carries 采纳 and 退回 (duban-review).
// Every text is bound as text: Lit escapes it; nothing here ever renders HTML from data.
import { LitElement, html, css, nothing } from 'lit';
import { t } from '../i18n.js';
import { localTime } from '../logic/time.js';
import { readableDate } from '../logic/dates.js';
import { fileSize, showsAsPicture } from '../logic/photo.js';
import './duban-thumb.js';
import './duban-review.js';
import { reminderKinds } from '../logic/why.js';

class DubanMessage extends LitElement {
  // review: { unitId, waiting, state } when the reader reviews this report (R30)
  static properties = { entry: { attribute: false }, lang: {}, review: { attribute: false } };

  static styles = css`
    :host { display: flex; }
    :host([side='mine']) { justify-content: flex-end; }
    :host([side='system']) { justify-content: center; }
    .bubble { max-width: 85%; padding: 0.5rem 0.75rem; border-radius: 1rem; overflow-wrap: anywhere; }
    .mine { background: #f9dedc; color: var(--ink); border-bottom-right-radius: 0.25rem; }
    .theirs { background: #eef0f4; color: var(--ink); border: 1px solid #d5d9e0; border-bottom-left-radius: 0.25rem; }
    .system { max-width: 95%; background: transparent; color: var(--muted); text-align: center; font-size: 0.875rem; padding: 0.25rem 0.5rem; }
    .who { font-size: 0.8125rem; font-weight: 700; color: var(--muted); }
    .text { white-space: pre-wrap; margin: 0.125rem 0; }
    .meta { font-size: 0.8125rem; color: var(--muted); }
    .waiting { color: #5c4300; font-weight: 700; }
    .refused { color: #8c1d18; font-weight: 700; }
    button { min-height: 44px; font: inherit; font-size: 0.875rem; margin-top: 0.25rem; border-radius: 0.5rem; border: 1px solid #79747e; background: #fff; padding: 0 0.75rem; }
    .plan { white-space: pre-wrap; color: var(--ink); }
    ul.files { list-style: none; margin: 0.25rem 0; padding: 0; display: grid; gap: 0.25rem; }
    ul.pictures { list-style: none; margin: 0.375rem 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.375rem; }
    ol.milestones { margin: 0.25rem auto 0; padding: 0 0 0 1.25rem; text-align: left; color: var(--ink); display: grid; gap: 0.125rem; width: fit-content; max-width: 100%; }
    .milestone-date { font-weight: 700; }
    button.file { width: 100%; text-align: left; margin: 0; overflow-wrap: anywhere; background: #fff; color: var(--ink); }
    li.upload { display: grid; gap: 0.125rem; font-size: 0.8125rem; }
    progress { width: 100%; height: 0.5rem; accent-color: var(--seal); }
    button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
  `;

  willUpdate() {
    this.setAttribute('side', this.entry.side);
  }

  render() {
    const e = this.entry;
    const when = localTime(e.at, this.lang);
    if (e.kind === 'report') {
      const r = e.report;
      const pictures = (r.attachments ?? []).filter((a) => showsAsPicture(a.contentType));
      const files = (r.attachments ?? []).filter((a) => !showsAsPicture(a.contentType));
      return html`<div class="bubble ${e.side}">
        <div class="who">${e.side === 'mine' ? t('you') : e.unitName ?? t('unit')}</div>
        <p class="text">${r.text}</p>
        ${pictures.length ? html`<ul class="pictures" aria-label=${t('photos')}>${pictures.map((a) => html`<li>
          <duban-thumb .file=${a} .lang=${this.lang}></duban-thumb></li>`)}</ul>` : nothing}
        ${files.length ? html`<ul class="files" aria-label=${t('attachments')}>${files.map((a) => html`<li>
          <button type="button" class="file" aria-label=${t('openFile', { name: a.filename })}
            @click=${() => this.dispatchEvent(new CustomEvent('open-file', { detail: { id: a.id }, bubbles: true, composed: true }))}>
            ${t('attachments')}：${a.filename} · ${fileSize(a.size ?? 0)}</button></li>`)}</ul>` : nothing}
        <div class="meta">${when} · ${r.onTime ? t('reportOnTime') : t('reportLate')} · ${t('reportStates')[r.status] ?? r.status}</div>
        ${this.review ? html`<duban-review .lang=${this.lang} .reportId=${r.id} .unitId=${this.review.unitId}
          .waiting=${this.review.waiting} .state=${this.review.state}></duban-review>` : nothing}
      </div>`;
    }
    if (e.kind === 'queued') {
      const q = e.queued;
      return html`<div class="bubble mine" data-queued=${q.key}>
        <p class="text">${q.text}</p>
        ${q.state === 'refused'
          ? html`<div class="refused" role="alert">${t('refused', { detail: q.problem ?? '' })}</div>
              <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('discard', { bubbles: true, composed: true }))}>${t('discard')}</button>`
          : html`${q.files?.length ? html`<ul class="files" aria-label=${t('attachments')}>${q.files.map((f, i) => {
              if (!e.progress && !f.attachmentId) return html`<li class="upload">${t('attachments')}：${f.name} · ${fileSize(f.size ?? 0)}</li>`;
              const percent = Math.round(100 * (e.progress?.[i] ?? 1));
              return html`<li class="upload"><span>${t('uploadingFile', { name: f.name, percent })}</span>
                <progress max="100" .value=${percent} aria-label=${f.name}></progress></li>`;
            })}</ul>` : nothing}
            <div class="waiting">${e.online && e.progress ? t('sending') : t('waiting')}</div>`}
      </div>`;
    }
    if (e.kind === 'reminder') {
      const m = e.message;
      return html`<div class="bubble system">${t('reminderSent')}${m.kinds?.length ? `${this.lang === 'en' ? ': ' : '：'}${reminderKinds(m.kinds, this.lang)}` : ''}
        · ${when}${m.rules?.length ? html` · ${t('rule', { rule: m.rules.join(' ') })}` : nothing}</div>`;
    }
    const ev = e.event;
    const name = t('events')[ev.type] ?? ev.type;
    const grade = ev.data?.grade ? `：${t('grades')[ev.data.grade] ?? ev.data.grade}` : '';
    if (e.side !== 'system') {
      return html`<div class="bubble ${e.side}">
        <div class="who">${ev.actorName ?? t('sponsor')}${ev.unitName ? ` → ${ev.unitName}` : ''}</div>
        <p class="text">${name}${grade}</p>
        ${ev.reason ? html`<p class="text">${t(ev.type === 'graded' ? 'gradeNoteShown' : 'reason', { reason: ev.reason })}</p>` : nothing}
        <div class="meta">${when}${ev.rule ? html` · ${t('rule', { rule: ev.rule })}` : nothing}</div>
      </div>`;
    }
    return html`<div class="bubble system">${name}${grade}${ev.unitName ? ` → ${ev.unitName}` : ''}${ev.actorName ? ` · ${ev.actorName}` : ''}
      ${ev.reason ? html`<br>${t('reason', { reason: ev.reason })}` : nothing}
      ${ev.data?.newDeadline ? html`<br>${t('newDeadlineShown', { time: localTime(ev.data.newDeadline, this.lang) })}` : nothing}
      ${ev.data?.plan ? html`<br><span class="plan">${t('planShown', { plan: ev.data.plan })}</span>` : nothing}
      ${this.milestones(e)}
      <br>${when}${ev.rule ? html` · ${t('rule', { rule: ev.rule })}` : nothing}</div>`;
  }

  /** An extension request's milestones, in date order; only their number when the request was a former one. */
  milestones(e) {
    if (e.milestones?.length) {
      const sorted = [...e.milestones].sort((a, b) => a.date.localeCompare(b.date));
      return html`<br>${t('milestonesShown')}<ol class="milestones" aria-label=${t('milestonesShown')}>${sorted.map((m) => html`<li>
        <span class="milestone-date">${readableDate(m.date, this.lang)}</span>：${m.description}</li>`)}</ol>`;
    }
    const count = e.event?.data?.milestones;
    return e.milestones === null && count > 0 ? html`<br>${t('milestonesCounted', { count })}` : nothing;
  }
}

customElements.define('duban-message', DubanMessage);
