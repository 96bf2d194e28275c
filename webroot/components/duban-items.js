// My items: most urgent first, filters by board and state, a refresh button, an empty state.
import { LitElement, html, css, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { t } from '../i18n.js';
import { byUrgency } from '../logic/urgency.js';
import { serverNow } from '../logic/clock.js';
import './duban-item-card.js';

const BOARDS = ['daily', 'key', 'continuous'];
const STATES = ['open', 'active', 'completion_requested', 'closed'];

class DubanItems extends LitElement {
  static properties = { lang: {}, items: { attribute: false }, filters: { attribute: false }, offsetMs: { type: Number } };

  static styles = css`
    :host { display: block; padding: 0.75rem 0.75rem 2rem; }
    .bar { display: flex; align-items: center; gap: 0.5rem; margin-bottom: 0.5rem; }
    h1 { font-size: 1.25rem; margin: 0; flex: 1; }
    .filters { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-bottom: 0.75rem; }
    label { display: grid; gap: 0.125rem; font-size: 0.875rem; color: var(--muted); flex: 1 1 8rem; }
    select, button {
      font: inherit; min-height: 44px; border-radius: 0.5rem; border: 1px solid #79747e; background: #fff; color: var(--ink);
      padding: 0 0.5rem;
    }
    button { padding: 0 1rem; cursor: pointer; }
    select:focus-visible, button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.625rem; }
    .empty { padding: 1.5rem 1rem; text-align: center; color: var(--muted); border: 1px dashed var(--line); border-radius: 0.75rem; }
    .empty h2 { color: var(--ink); font-size: 1.125rem; margin: 0 0 0.5rem; }
    .error { color: #8c1d18; background: #fce8e6; padding: 0.75rem; border-radius: 0.5rem; }
  `;

  render() {
    const items = this.items ?? { list: [] };
    const list = byUrgency(items.list, serverNow(this.offsetMs));
    return html`
      <div class="bar">
        <h1>${t('myItems')}</h1>
        <button type="button" @click=${() => this.emit('refresh')} ?disabled=${items.busy} aria-live="polite">
          ${items.busy ? t('refreshing') : t('refresh')}</button>
      </div>
      <div class="filters">
        <label>${t('board')}
          <select @change=${(e) => this.emit('filters', { board: e.target.value })}>
            <option value="" ?selected=${!this.filters.board}>${t('all')}</option>
            ${BOARDS.map((b) => html`<option value=${b} ?selected=${this.filters.board === b}>${t('boards')[b]}</option>`)}
          </select>
        </label>
        <label>${t('state')}
          <select @change=${(e) => this.emit('filters', { status: e.target.value })}>
            <option value="" ?selected=${!this.filters.status}>${t('all')}</option>
            ${STATES.map((s) => html`<option value=${s} ?selected=${this.filters.status === s}>${s === 'open' ? t('open') : t('statuses')[s]}</option>`)}
          </select>
        </label>
      </div>
      ${items.error ? html`<p class="error" role="alert">${t('loadFailed', { detail: items.error })}</p>` : nothing}
      ${items.loaded && list.length === 0
        ? html`<div class="empty"><h2>${t('emptyTitle')}</h2><p>${t('emptyBody')}</p></div>`
        : html`<ul aria-label=${t('myItems')}>${repeat(list, (i) => i.id, (i) => html`<li>
            <duban-item-card .item=${i} .lang=${this.lang} .offsetMs=${this.offsetMs}
              @click=${() => this.emit('open-item', { id: i.id })}></duban-item-card></li>`)}</ul>`}
    `;
  }

  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

customElements.define('duban-items', DubanItems);
