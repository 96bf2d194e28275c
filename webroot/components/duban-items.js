// My items: most urgent first, filters by board and state, pull to refresh (and a refresh button for
// those who cannot pull, or have no touch screen), an empty state.
import { LitElement, html, css, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { t } from '../i18n.js';
import { byUrgency } from '../logic/urgency.js';
import { serverNow } from '../logic/clock.js';
import { pullDistance, pullPhase, releaseRefreshes } from '../logic/pull.js';
import './duban-item-card.js';

const BOARDS = ['daily', 'key', 'continuous'];
const STATES = ['open', 'active', 'completion_requested', 'closed'];

class DubanItems extends LitElement {
  static properties = {
    lang: {}, items: { attribute: false }, filters: { attribute: false }, offsetMs: { type: Number }, pull: { state: true },
  };

  static styles = css`
    :host { display: block; padding: 0.75rem 0.75rem 2rem; --pull: 0px; }
    /* pull to refresh: the indicator comes down with the finger and stays while the list is read */
    .pull {
      display: flex; align-items: flex-end; justify-content: center; gap: 0.5rem; overflow: hidden;
      height: var(--pull); color: var(--muted); font-size: 0.9375rem;
    }
    .pull > * { margin-bottom: 0.5rem; }
    .pull.settle { transition: height 0.2s ease-out; }
    .pull.reading { height: 2.75rem; }
    .arrow { font-weight: 700; color: var(--focus); transition: transform 0.15s; }
    .armed .arrow { transform: rotate(180deg); }
    .spinner {
      width: 1rem; height: 1rem; border-radius: 50%; border: 3px solid var(--line); border-top-color: var(--focus); flex: none;
      animation: spin 0.8s linear infinite;
    }
    @keyframes spin { to { transform: rotate(360deg); } }
    @media (prefers-reduced-motion: reduce) {
      .pull.settle, .arrow { transition: none; }
      .spinner { animation: none; border-color: var(--focus); }
    }
    .bar { display: flex; align-items: center; gap: 0.5rem; margin-bottom: 0.5rem; }
    h1 { font-size: 1.25rem; margin: 0; flex: 1; }
    .filters { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-bottom: 0.75rem; }
    label { display: grid; gap: 0.125rem; font-size: 0.875rem; color: var(--muted); flex: 1 1 8rem; }
    select, button {
      font: inherit; min-height: 44px; border-radius: 0.5rem; border: 1px solid #79747e; background: #fff; color: var(--ink);
      padding: 0 0.5rem;
    }
    button { padding: 0 1rem; cursor: pointer; }
    button:disabled { color: var(--muted); border-color: var(--line); background: var(--ground); cursor: progress; }
    select:focus-visible, button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.625rem; }
    .empty { padding: 1.5rem 1rem; text-align: center; color: var(--muted); border: 1px dashed var(--line); border-radius: 0.75rem; }
    .empty h2 { color: var(--ink); font-size: 1.125rem; margin: 0 0 0.5rem; }
    .error { color: #8c1d18; background: #fce8e6; padding: 0.75rem; border-radius: 0.5rem; }
  `;

  constructor() {
    super();
    this.pull = 0;
    this.startY = null;
    this.onTouchStart = (e) => this.touchStart(e);
    this.onTouchMove = (e) => this.touchMove(e);
    this.onTouchEnd = () => this.touchEnd();
  }

  connectedCallback() {
    super.connectedCallback();
    this.addEventListener('touchstart', this.onTouchStart, { passive: true });
    // not passive: a pull from the top is ours, so the page neither scrolls nor reloads under it
    this.addEventListener('touchmove', this.onTouchMove, { passive: false });
    this.addEventListener('touchend', this.onTouchEnd);
    this.addEventListener('touchcancel', this.onTouchEnd);
  }

  disconnectedCallback() {
    this.removeEventListener('touchstart', this.onTouchStart);
    this.removeEventListener('touchmove', this.onTouchMove);
    this.removeEventListener('touchend', this.onTouchEnd);
    this.removeEventListener('touchcancel', this.onTouchEnd);
    super.disconnectedCallback();
  }

  render() {
    const items = this.items ?? { list: [] };
    const list = byUrgency(items.list, serverNow(this.offsetMs));
    const reading = Boolean(items.busy && items.loaded);
    const phase = pullPhase(this.pull, reading);
    return html`
      <div class="pull ${phase} ${this.startY === null ? 'settle' : ''}" role="status">
        ${phase === 'idle' ? nothing : html`${phase === 'reading'
            ? html`<span class="spinner" aria-hidden="true"></span>` : html`<span class="arrow" aria-hidden="true">↓</span>`}
          <span>${phase === 'reading' ? t('refreshing') : phase === 'armed' ? t('releaseToRefresh') : t('pullToRefresh')}</span>`}
      </div>
      <div class="bar">
        <h1>${t('myItems')}</h1>
        <button type="button" @click=${() => this.refresh()} ?disabled=${items.busy} aria-busy=${items.busy ? 'true' : 'false'}>
          ${t('refresh')}</button>
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

  updated() {
    this.style.setProperty('--pull', `${this.pull}px`);
  }

  /** One read at a time: a tap or a pull while the list is being read asks for nothing more. */
  refresh() {
    if (!this.items?.busy) this.emit('refresh');
  }

  touchStart(e) {
    // only a one-finger pull that starts with the page at its top
    this.startY = e.touches.length === 1 && atTop() ? e.touches[0].clientY : null;
  }

  touchMove(e) {
    if (this.startY === null) return;
    const distance = pullDistance(e.touches[0].clientY - this.startY);
    if (distance === 0 || !atTop()) {
      this.pull = 0;
      return;
    }
    if (e.cancelable) e.preventDefault();
    this.pull = distance;
  }

  touchEnd() {
    if (this.startY === null) return;
    const refreshes = releaseRefreshes(this.pull, Boolean(this.items?.busy));
    this.startY = null;
    this.pull = 0;
    if (refreshes) this.refresh();
  }

  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

function atTop() {
  return (document.scrollingElement?.scrollTop ?? window.scrollY) <= 0;
}

customElements.define('duban-items', DubanItems);
