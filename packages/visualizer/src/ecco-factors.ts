import {
  EccoError,
  type Explanation,
  type FactorizationInput,
  isEccoError,
  TOKENIZER_FAMILIES,
  type TokenizerFamily,
  toFactorization,
} from '@explainable-ecco/core';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  type EccoFactorSelectDetail,
  type EccoTokenHoverDetail,
  eccoEvent,
  FACTOR_SELECT_EVENT,
  type InteractionSource,
  TOKEN_HOVER_EVENT,
} from './events.js';
import { alignExplanations } from './explanations.js';
import { renderFactorRow } from './factor-row.js';
import { readInlineData } from './inline-data.js';
import { isActivationKey, moveCursor } from './keyboard.js';
import { tokenAnnouncement } from './labels.js';
import { OKABE_ITO_PALETTE } from './palette.js';
import { sparkCursor, sparkPath } from './sparkline.js';
import { eccoFactorsStyles, intensityLevelStyles } from './styles.js';
import { TokenLayer } from './token-layer.js';
import { verticalNeighbour } from './token-nav.js';
import { renderTokenTooltip } from './token-tooltip.js';
import { buildModel, type ExplorerModel, valuesAt } from './view-model.js';

interface TokenHover {
  position: number;
  source: InteractionSource;
}

interface UiState {
  /** Factor row under the pointer. */
  hoverRow: number | null;
  /** Factor row with keyboard focus (previews like a hover). */
  focusPreview: number | null;
  /** Factor row holding the listbox's tab stop. */
  focusRow: number;
  /** Token under the pointer or the keyboard cursor. */
  hover: TokenHover | null;
}

function asEccoError(e: unknown): EccoError {
  if (isEccoError(e)) return e as EccoError;
  return new EccoError('INTERNAL', `Could not show the data: ${String(e)}.`, { cause: e });
}

/**
 * `<ecco-factors>`: ecco's factor explorer as a standalone web component. It shows a text with
 * every token shaded by its dominant NMF factor, and one row per factor with its explanation,
 * score, sparkline and layer share. Hover or focus a factor row to shade the text by that
 * factor alone; click it, or press Enter or Space, to lock it; click again or press Escape to
 * unlock. Every token has a tooltip with every factor's value, reachable by keyboard too.
 *
 * Data can also come from a child `<script type="application/json">` holding a Factorization,
 * ecco printJson data, or `{"data": …, "explanations": […]}`.
 *
 * @tag ecco-factors
 * @summary Interactive, accessible explorer of NMF factors over a text, with explanations.
 *
 * @fires {CustomEvent<EccoFactorSelectDetail>} ecco-factor-select - The user locked a factor (`detail.factor`) or unlocked (`detail.factor` null). Bubbles, composed.
 * @fires {CustomEvent<EccoTokenHoverDetail>} ecco-token-hover - A token got the pointer or the keyboard cursor (`detail.position`, `detail.values`), or lost it (`detail.position` null). Bubbles, composed.
 *
 * @csspart base - The wrapper around everything.
 * @csspart summary - The line with counts and what is shown.
 * @csspart tokens - The text.
 * @csspart token - Every token.
 * @csspart token-output - Tokens the model generated (also have part `token`).
 * @csspart output-start - The marker before the first generated token.
 * @csspart tooltip - The token tooltip.
 * @csspart factors - The list of factor rows.
 * @csspart factor-row - Each factor row.
 * @csspart factor-row-active - The row of the factor shown in the text.
 * @csspart factor-row-locked - The row of the locked factor.
 * @csspart locked-badge - The "locked" label in the locked row.
 * @csspart swatch - A factor's colour swatch.
 * @csspart score - A factor's explanation score.
 * @csspart explanation - A factor's explanation text.
 * @csspart explanation-error - An explanation that failed (also has part `explanation`).
 * @csspart sparkline - A factor's values over the text.
 * @csspart layer-share - A factor's share of loading mass per layer.
 * @csspart error - The message shown for unusable data.
 * @csspart empty - The message shown before data is set.
 *
 * @cssprop [--ecco-fg=#1a1a1a] - Text colour (dark scheme: #ececec).
 * @cssprop [--ecco-bg=#ffffff] - Background colour (dark scheme: #1b1b1f).
 * @cssprop [--ecco-muted=#595959] - Secondary text colour (dark scheme: #b4b4b4).
 * @cssprop [--ecco-border=#c8c8c8] - Borders.
 * @cssprop [--ecco-surface=#f3f3f3] - Background of the shown factor's row.
 * @cssprop [--ecco-accent=#0a5fb4] - Focus rings and the keyboard cursor.
 * @cssprop [--ecco-error=#a40e26] - Error text.
 * @cssprop [--ecco-color-0=#e69f00] - Factor colours 0–7 (Okabe–Ito); factor i uses colour i mod 8.
 * @cssprop [--ecco-max-tint=75%] - Tint of a token at its factor's maximum (dark scheme: 40%), kept low enough for 4.5:1 text contrast.
 * @cssprop [--ecco-font-family=inherit] - Font of the element.
 * @cssprop [--ecco-token-font-family=inherit] - Font of the text.
 * @cssprop [--ecco-text-max-height=26rem] - The text scrolls beyond this height.
 * @cssprop [--ecco-factors-max-height=26rem] - The factor list scrolls beyond this height.
 * @cssprop [--ecco-radius=4px] - Corner radius.
 * @cssprop [--ecco-transition=120ms] - Colour transition (0s under prefers-reduced-motion).
 */
export class EccoFactors extends LitElement {
  static override styles = [eccoFactorsStyles, intensityLevelStyles];

  static override properties = {
    data: { attribute: false },
    explanations: { attribute: false },
    tokenizerFamily: { attribute: 'tokenizer-family' },
    lockedFactor: { attribute: 'locked-factor', type: Number, reflect: true },
    label: {},
  };

  /**
   * The factors to show: a core `Factorization`, ecco printJson data (object or JSON text).
   * Invalid data shows a typed error in place of the explorer.
   */
  declare data: FactorizationInput | string | null | undefined;

  /** Explanations, element i for factor i (or placed by their `factor` field). */
  declare explanations: ReadonlyArray<Explanation | null | undefined> | null | undefined;

  /**
   * Subword conventions to apply to the raw token pieces (`wordpiece`, `byte-bpe`,
   * `sentencepiece`, `plain`), overriding what the data says or what is detected.
   */
  declare tokenizerFamily: TokenizerFamily | undefined;

  /** The locked factor, or null. The user's lock and unlock change it. */
  declare lockedFactor: number | null;

  /** Accessible name of the explorer. */
  declare label: string;

  /** Interaction state; kept out of Lit's properties so it stays out of the public manifest. */
  private ui: UiState = { hoverRow: null, focusPreview: null, focusRow: 0, hover: null };

  private model: ExplorerModel | null = null;
  private paths: string[] = [];
  private aligned: Array<Explanation | undefined> = [];
  private dataProblem: EccoError | null = null;
  private familyProblem: EccoError | null = null;
  private explanationsProblem: EccoError | null = null;
  private inlineProblem: EccoError | null = null;
  private layer: TokenLayer | null = null;
  private cursorSpan: HTMLElement | null = null;
  private childWatcher: MutationObserver | null = null;

  constructor() {
    super();
    this.data = null;
    this.explanations = null;
    this.tokenizerFamily = undefined;
    this.lockedFactor = null;
    this.label = 'Factor explorer';
  }

  /** The factor the text is shaded by right now (locked, else hovered or focused), or null. */
  get activeFactor(): number | null {
    return this.validLock() ?? this.ui.hoverRow ?? this.ui.focusPreview;
  }

  /** Why the data could not be shown, or null. */
  get error(): EccoError | null {
    return this.inlineProblem ?? this.dataProblem;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.data == null && !this.tryInlineData()) {
      // The parser may not have added the children yet when the element upgrades early.
      this.childWatcher = new MutationObserver(() => {
        if (this.tryInlineData()) this.stopWatching();
      });
      this.childWatcher.observe(this, { childList: true, subtree: true, characterData: true });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatching();
  }

  private stopWatching(): void {
    this.childWatcher?.disconnect();
    this.childWatcher = null;
  }

  private tryInlineData(): boolean {
    const inline = readInlineData(this);
    if (inline === null) return false;
    if (inline.error) {
      this.inlineProblem = inline.error;
      this.requestUpdate();
      return true;
    }
    this.inlineProblem = null;
    this.data = inline.data as FactorizationInput;
    if (inline.explanations !== undefined) {
      this.explanations = inline.explanations as Explanation[];
    }
    return true;
  }

  /** Updates interaction state and re-renders when anything changed. */
  private patch(changes: Partial<UiState>): void {
    let changed = false;
    for (const key of Object.keys(changes) as Array<keyof UiState>) {
      if (this.ui[key] !== changes[key]) changed = true;
    }
    if (!changed) return;
    this.ui = { ...this.ui, ...changes };
    this.requestUpdate();
  }

  private validLock(): number | null {
    const f = this.lockedFactor;
    const k = this.model?.factors.length ?? 0;
    return typeof f === 'number' && Number.isInteger(f) && f >= 0 && f < k ? f : null;
  }

  private familyOverride(): TokenizerFamily | undefined {
    const family = this.tokenizerFamily;
    if (family === undefined || family === null || (family as string) === '') return undefined;
    if (!TOKENIZER_FAMILIES.includes(family)) {
      this.familyProblem = new EccoError(
        'INVALID_ARGUMENT',
        `Unknown tokenizer family ${JSON.stringify(family)}.`,
        {
          hint: `Use one of ${TOKENIZER_FAMILIES.join(', ')}, or leave it unset to detect it.`,
        },
      );
      return undefined;
    }
    return family;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const dataChanged = changed.has('data') || changed.has('tokenizerFamily');
    if (dataChanged) {
      this.familyProblem = null;
      this.model = null;
      this.paths = [];
      this.dataProblem = null;
      this.ui = { hoverRow: null, focusPreview: null, focusRow: 0, hover: null };
      if (this.data != null) {
        try {
          const input = typeof this.data === 'string' ? parseJsonText(this.data) : this.data;
          this.model = buildModel(toFactorization(input), this.familyOverride());
          this.paths = this.model.factors.map((f) => sparkPath(f.intensity));
        } catch (e) {
          this.dataProblem = asEccoError(e);
        }
      }
    }
    if (dataChanged || changed.has('explanations')) {
      this.explanationsProblem = null;
      try {
        this.aligned = alignExplanations(this.explanations, this.model?.factors.length ?? 0);
      } catch (e) {
        this.aligned = [];
        this.explanationsProblem = asEccoError(e);
      }
    }
    if (changed.has('lockedFactor')) {
      const locked = this.validLock();
      if (locked !== null) this.ui = { ...this.ui, focusRow: locked };
    }
  }

  protected override render(): TemplateResult {
    const problem = this.error;
    if (problem) {
      return html`<div class="error" role="alert" part="error">
        <strong>${problem.code}</strong>: ${problem.message}
      </div>`;
    }
    const m = this.model;
    if (!m) {
      return html`<div class="empty" part="empty">
        No factors to show yet: set the element's <code>data</code> property to a factorization
        or to ecco printJson data.
      </div>`;
    }
    const active = this.activeFactor;
    const locked = this.validLock();
    return html`<div class="base" part="base" role="group" aria-label=${this.label}>
      ${[this.familyProblem, this.explanationsProblem].map((n) =>
        n
          ? html`<p class="error" role="alert" part="error"><strong>${n.code}</strong>: ${n.message}</p>`
          : nothing,
      )}
      <p class="summary" part="summary">
        <span>${m.tokens.length} tokens · ${m.factors.length} factors</span>
        <span>${this.modeText(active, locked)}</span>
      </p>
      <div class="layout">
        <div class="text-wrap">
          <div
            class="tokens"
            part="tokens"
            role="group"
            tabindex="0"
            aria-label="Text, ${m.tokens.length} tokens"
            aria-describedby="tokens-help"
            @pointerover=${this.onTokenPointerOver}
            @pointerleave=${this.onTokenPointerLeave}
            @click=${this.onTokenClick}
            @keydown=${this.onTokenKeydown}
            @focus=${this.onTokenFocus}
            @blur=${this.onTokenBlur}
          ></div>
          <p id="tokens-help" hidden>
            Arrow keys move from token to token and read every factor's value; Enter locks the
            token's dominant factor; Escape unlocks.
          </p>
          <div class="tooltip" part="tooltip" role="tooltip" id="tooltip" ?hidden=${!this.ui.hover}>
            ${this.ui.hover ? renderTokenTooltip(m, this.ui.hover.position, active) : nothing}
          </div>
        </div>
        <div
          class="factors"
          part="factors"
          role="listbox"
          aria-label="Factors: arrow keys move, Enter or Space locks, Escape unlocks"
          aria-orientation="vertical"
          @pointerover=${this.onRowPointerOver}
          @pointerleave=${this.onRowPointerLeave}
          @click=${this.onRowClick}
          @keydown=${this.onRowKeydown}
          @focusin=${this.onRowFocusIn}
          @focusout=${this.onRowFocusOut}
        >
          ${m.factors.map((f, i) =>
            renderFactorRow(m, f, this.aligned[i], this.paths[i]!, {
              active: active === i,
              locked: locked === i,
              tabStop: this.ui.focusRow === i,
            }),
          )}
        </div>
      </div>
      <div class="sr-only" aria-live="polite" id="announce"></div>
    </div>`;
  }

  private modeText(active: number | null, locked: number | null): string {
    if (locked !== null)
      return `Showing factor ${locked} (locked): click it again or press Escape to unlock.`;
    if (active !== null) return `Showing factor ${active}: click it or press Enter to lock.`;
    return "Showing each token's dominant factor: hover or focus a factor to see it alone.";
  }

  protected override updated(): void {
    const container = this.renderRoot.querySelector<HTMLElement>('.tokens');
    if (!container || !this.model) {
      this.layer = null;
      this.cursorSpan = null;
      return;
    }
    if (!this.layer || this.layer.container !== container || this.layer.model !== this.model) {
      this.layer = new TokenLayer(container, this.model, OKABE_ITO_PALETTE.length);
      this.cursorSpan = null;
    }
    this.layer.show(this.activeFactor);
    this.syncHover();
  }

  /** Keyboard cursor outline, sparkline cursor and tooltip placement for the hovered token. */
  private syncHover(): void {
    const hover = this.ui.hover;
    const cursor = hover?.source === 'keyboard' ? this.layer!.spans[hover.position]! : null;
    if (cursor !== this.cursorSpan) {
      this.cursorSpan?.removeAttribute('data-cursor');
      cursor?.setAttribute('data-cursor', '');
      this.cursorSpan = cursor;
    }
    const factors = this.renderRoot.querySelector<HTMLElement>('.factors');
    if (factors) {
      if (hover) {
        factors.dataset.cursor = '';
        const x = sparkCursor(hover.position, this.model!.tokens.length);
        factors.style.setProperty('--cursor', String(x));
      } else {
        delete factors.dataset.cursor;
      }
    }
    if (hover) this.placeTooltip(hover.position);
  }

  private placeTooltip(position: number): void {
    const span = this.layer!.spans[position];
    const wrap = this.renderRoot.querySelector<HTMLElement>('.text-wrap');
    const tip = this.renderRoot.querySelector<HTMLElement>('.tooltip');
    if (!span || !wrap || !tip) return;
    const s = span.getBoundingClientRect();
    const w = wrap.getBoundingClientRect();
    const left = Math.max(0, Math.min(s.left - w.left, w.width - tip.offsetWidth));
    let top = s.bottom - w.top + 6;
    const above = s.top - w.top - tip.offsetHeight - 6;
    if (top + tip.offsetHeight > w.height && above >= 0) top = above;
    tip.style.left = `${left}px`;
    tip.style.top = `${top}px`;
  }

  private announce(text: string): void {
    const region = this.renderRoot.querySelector('#announce');
    if (region) region.textContent = text;
  }

  private setLock(factor: number | null, source: InteractionSource): void {
    const previous = this.validLock();
    if (previous === factor) return;
    this.lockedFactor = factor;
    if (factor !== null) this.patch({ focusRow: factor });
    this.announce(factor === null ? `Factor ${previous} unlocked.` : `Factor ${factor} locked.`);
    const detail: EccoFactorSelectDetail = {
      factor,
      previous,
      explanation: factor === null ? null : (this.aligned[factor] ?? null),
      source,
    };
    this.dispatchEvent(eccoEvent(FACTOR_SELECT_EVENT, detail));
  }

  private toggleLock(factor: number, source: InteractionSource): void {
    this.setLock(this.validLock() === factor ? null : factor, source);
  }

  // ---- factor rows ----

  private rowOf(e: Event): number | null {
    const row = (e.target as Element | null)?.closest?.<HTMLElement>('[data-f]');
    return row ? Number(row.dataset.f) : null;
  }

  private onRowPointerOver = (e: PointerEvent): void => {
    const f = this.rowOf(e);
    if (f !== null) this.patch({ hoverRow: f });
  };

  private onRowPointerLeave = (): void => {
    this.patch({ hoverRow: null });
  };

  private onRowClick = (e: MouseEvent): void => {
    const f = this.rowOf(e);
    if (f === null) return;
    this.patch({ focusRow: f });
    this.toggleLock(f, e.detail === 0 ? 'keyboard' : 'pointer');
  };

  private onRowFocusIn = (e: FocusEvent): void => {
    const f = this.rowOf(e);
    if (f === null) return;
    this.patch({ focusRow: f });
    // Keyboard focus previews like a hover; a click's focus does not, so moving the mouse
    // away after a click still returns the text to its dominant colours.
    if ((e.target as Element).matches(':focus-visible')) this.patch({ focusPreview: f });
  };

  private onRowFocusOut = (e: FocusEvent): void => {
    const next = e.relatedTarget as Node | null;
    if (!next || !(e.currentTarget as Element).contains(next)) this.patch({ focusPreview: null });
  };

  private onRowKeydown = (e: KeyboardEvent): void => {
    const m = this.model;
    if (!m) return;
    const next = moveCursor(e.key, this.ui.focusRow, m.factors.length, { page: 5 });
    if (next !== null) {
      e.preventDefault();
      this.patch({ focusRow: next, focusPreview: next });
      const row = this.renderRoot.querySelector<HTMLElement>(`#factor-${next}`);
      row?.focus();
      row?.scrollIntoView({ block: 'nearest' });
    } else if (isActivationKey(e.key)) {
      e.preventDefault();
      this.toggleLock(this.ui.focusRow, 'keyboard');
    } else if (e.key === 'Escape' && this.validLock() !== null) {
      e.preventDefault();
      e.stopPropagation();
      this.setLock(null, 'keyboard');
    }
  };

  // ---- tokens ----

  private setHover(position: number | null, source: InteractionSource): void {
    const m = this.model;
    if (!m) return;
    if (position === null) {
      if (!this.ui.hover) return;
      this.patch({ hover: null });
      const off: EccoTokenHoverDetail = {
        position: null,
        token: null,
        values: null,
        dominantFactor: null,
        source,
      };
      this.dispatchEvent(eccoEvent(TOKEN_HOVER_EVENT, off));
      return;
    }
    const now = this.ui.hover;
    if (now?.position === position && now.source === source) return;
    this.patch({ hover: { position, source } });
    const t = m.tokens[position]!;
    const on: EccoTokenHoverDetail = {
      position,
      token: t.token,
      values: valuesAt(m.factorization, position),
      dominantFactor: t.dominant >= 0 ? t.dominant : null,
      source,
    };
    this.dispatchEvent(eccoEvent(TOKEN_HOVER_EVENT, on));
    if (source === 'keyboard') {
      this.announce(tokenAnnouncement(m, position, this.activeFactor));
      this.layer?.spans[position]?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }

  private onTokenPointerOver = (e: PointerEvent): void => {
    const p = this.layer?.positionOf(e.target) ?? -1;
    if (p >= 0) this.setHover(p, 'pointer');
  };

  private onTokenPointerLeave = (): void => {
    if (this.ui.hover?.source === 'pointer') this.setHover(null, 'pointer');
  };

  private onTokenClick = (e: MouseEvent): void => {
    const p = this.layer?.positionOf(e.target) ?? -1;
    const dominant = p >= 0 ? this.model!.tokens[p]!.dominant : -1;
    if (dominant >= 0) this.toggleLock(dominant, 'pointer');
  };

  private onTokenFocus = (e: FocusEvent): void => {
    if (!this.ui.hover && (e.target as Element).matches(':focus-visible'))
      this.setHover(0, 'keyboard');
  };

  private onTokenBlur = (): void => {
    if (this.ui.hover?.source === 'keyboard') this.setHover(null, 'keyboard');
  };

  private onTokenKeydown = (e: KeyboardEvent): void => {
    const m = this.model;
    const layer = this.layer;
    if (!m || !layer) return;
    const current = this.ui.hover?.position ?? 0;
    let next: number | null = null;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      next = verticalNeighbour(layer.spans, current, e.key === 'ArrowDown' ? 1 : -1);
    } else {
      next = moveCursor(e.key, current, m.tokens.length, { page: 50, vertical: false });
    }
    if (next !== null) {
      e.preventDefault();
      this.setHover(next, 'keyboard');
    } else if (isActivationKey(e.key)) {
      e.preventDefault();
      const dominant = m.tokens[current]!.dominant;
      if (dominant >= 0) this.toggleLock(dominant, 'keyboard');
    } else if (e.key === 'Escape') {
      if (this.validLock() !== null) {
        e.preventDefault();
        e.stopPropagation();
        this.setLock(null, 'keyboard');
      } else if (this.ui.hover) {
        e.preventDefault();
        this.setHover(null, 'keyboard');
      }
    }
  };
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new EccoError('INVALID_ARGUMENT', '`data` is a string but not valid JSON.', {
      hint: 'Pass the parsed object, or the complete JSON text of a factorization or ecco file.',
      cause,
    });
  }
}

if (!customElements.get('ecco-factors')) customElements.define('ecco-factors', EccoFactors);

declare global {
  interface HTMLElementTagNameMap {
    'ecco-factors': EccoFactors;
  }
}
