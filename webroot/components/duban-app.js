// The root: holds the store's state and hands it down; turns the children's events into store actions.
// Screens: sign-in (with an SMS link's notice or its one-time code), my items, one item (#/items/12).
import { LitElement, html, css, nothing } from 'lit';
import * as store from '../store.js';
import { t } from '../i18n.js';
import './duban-signin.js';
import './duban-items.js';
import './duban-item.js';
import './duban-update.js';

class DubanApp extends LitElement {
  static properties = { state: { attribute: false } };

  static styles = css`
    :host { display: block; max-width: 40rem; margin: 0 auto; min-height: 100vh; background: var(--paper); }
    header {
      display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; padding: 0.25rem 0.5rem 0.25rem 0.75rem;
      background: var(--seal); color: #fff; position: sticky; top: 0; z-index: 2;
    }
    .brand { display: flex; align-items: center; gap: 0.5rem; font-weight: 700; font-size: 1.125rem; flex: 1; white-space: nowrap; }
    .brand img { width: 1.75rem; height: 1.75rem; }
    button {
      min-height: 44px; min-width: 44px; padding: 0 0.75rem; font: inherit; font-size: 0.9375rem;
      color: #fff; background: transparent; border: 1px solid rgb(255 255 255 / 0.6); border-radius: 0.5rem; cursor: pointer;
    }
    button:focus-visible { outline: 3px solid #fff; outline-offset: 2px; }
    .offline { margin: 0; padding: 0.5rem 0.75rem; background: var(--yellow-bg); color: #3d2c00; font-size: 0.9375rem; }
    main { display: block; }
    .starting { padding: 2rem 1rem; color: var(--muted); }
  `;

  constructor() {
    super();
    this.state = store.getState();
  }

  connectedCallback() {
    super.connectedCallback();
    this.unsubscribe = store.subscribe((state) => {
      this.state = state;
    });
    this.onHash = () => this.route();
    window.addEventListener('hashchange', this.onHash);
    store.start().then(() => this.route());
  }

  disconnectedCallback() {
    this.unsubscribe?.();
    window.removeEventListener('hashchange', this.onHash);
    super.disconnectedCallback();
  }

  route() {
    if (this.state.phase !== 'signed-in') return;
    const match = /^#\/items\/(\d+)$/.exec(window.location.hash);
    if (match) {
      const id = Number(match[1]);
      if (this.state.current?.id !== id) store.openItem(id);
    } else if (this.state.current) {
      store.closeItem();
    }
  }

  updated(changed) {
    const before = changed.get('state');
    if (before && before.phase !== 'signed-in' && this.state.phase === 'signed-in') this.route();
  }

  render() {
    const s = this.state;
    return html`
      <header>
        <span class="brand"><img src="/favicon.svg" alt="">${t('appName')}</span>
        <button type="button" lang=${s.lang === 'zh' ? 'en' : 'zh-CN'} aria-label=${t('langLabel')}
          @click=${() => store.setLang(s.lang === 'zh' ? 'en' : 'zh')}>${t('lang')}</button>
        ${s.phase === 'signed-in' ? html`<button type="button" @click=${() => store.signOut()}>${t('signOut')}</button>` : nothing}
      </header>
      ${s.updateReady ? html`<duban-update .lang=${s.lang}></duban-update>` : nothing}
      ${s.online ? nothing : html`<p class="offline" role="status">${t('offline')}</p>`}
      <main>${this.screen(s)}</main>
    `;
  }

  screen(s) {
    if (s.phase === 'starting' || s.linkPending) return html`<p class="starting">${t('loading')}</p>`;
    if (s.phase === 'signed-out') {
      const notice = s.link?.notice ? { kind: s.link.notice, seconds: s.link.seconds, item: s.link.itemId != null } : null;
      return html`<duban-signin .lang=${s.lang} .busy=${s.signIn.busy} .error=${s.signIn.error} .notice=${notice}
        .otp=${s.link?.otp ?? null}
        @sign-in=${(e) => store.signIn(e.detail.login, e.detail.password)}
        @confirm-code=${(e) => store.confirmLinkCode(e.detail.otp)}
        @resend-code=${() => store.resendLinkCode()}
        @use-password=${() => store.forgetLink()}></duban-signin>`;
    }
    if (s.current) {
      return html`<duban-item .lang=${s.lang} .current=${s.current} .offsetMs=${s.offsetMs} .role=${s.session?.role} .me=${s.me}
        .outbox=${s.outbox.filter((o) => o.itemId === s.current.id)} .progress=${s.progress} .online=${s.online}
        @back=${() => { window.location.hash = '#/'; }}
        @send-report=${(e) => store.submitReport(s.current.id, e.detail.text, e.detail.files)}
        @open-file=${(e) => store.openAttachment(e.detail.id)}
        @fetch-file=${(e) => store.attachmentBlob(e.detail.id).then(e.detail.reply)}
        @request-extension=${(e) => store.requestExtension(s.current.id, e.detail.newDeadline, e.detail.plan, e.detail.milestones)}
        @accept-report=${(e) => store.acceptReport(s.current.id, e.detail.reportId, e.detail.unitId)}
        @return-report=${(e) => store.returnReport(s.current.id, e.detail.reportId, e.detail.unitId, e.detail.reason)}
        @clear-review=${() => store.clearReview(s.current.id)}
        @grade-item=${(e) => store.gradeItem(s.current.id, e.detail.grade, e.detail.note)}
        @request-sign-off=${() => store.requestSignOff(s.current.id)}
        @request-completion=${() => store.requestCompletion(s.current.id)}
        @clear-step=${() => store.clearStep(s.current.id)}
        @discard=${(e) => store.discard(e.detail.key)}></duban-item>`;
    }
    return html`<duban-items .lang=${s.lang} .items=${s.items} .filters=${s.filters} .offsetMs=${s.offsetMs}
      @filters=${(e) => store.setFilters(e.detail)}
      @refresh=${() => store.loadItems()}
      @open-item=${(e) => { window.location.hash = `#/items/${e.detail.id}`; }}></duban-items>`;
  }
}

customElements.define('duban-app', DubanApp);
