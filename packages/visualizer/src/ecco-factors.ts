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
  eccoEvent,
  FACTOR_SELECT_EVENT,
  type InteractionSource,
} from './events.js';
import { alignExplanations } from './explanations.js';
import { factorListHandlers } from './factor-list-handlers.js';
import { renderFactorRow } from './factor-row.js';
import { HoverDecorations } from './hover-decorations.js';
import { readInlineData } from './inline-data.js';
import { INITIAL_UI, type InteractionHost, type UiState } from './interaction-host.js';
import { OKABE_ITO_PALETTE } from './palette.js';
import { sparkPath } from './sparkline.js';
import { eccoFactorsStyles, intensityLevelStyles } from './styles.js';
import { tokenHandlers } from './token-handlers.js';
import { TokenLayer } from './token-layer.js';
import { renderTokenTooltip } from './token-tooltip.js';
import { buildModel, type ExplorerModel } from './view-model.js';

function asEccoError(e: unknown): EccoError {
  if (isEccoError(e)) return e as EccoError;
  return new EccoError('INTERNAL', `Could not show the data: ${String(e)}.`, { cause: e });
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

function modeText(active: number | null, locked: number | null): string {
  if (locked !== null) {
    return `Showing factor ${locked} (locked): click it again or press Escape to unlock.`;
  }
  if (active !== null) return `Showing factor ${active}: click it or press Enter to lock.`;
  return "Showing each token's dominant factor: hover or focus a factor to see it alone.";
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
 * @cssprop [--ecco-transition=120ms] - Factor rows' highlight transition (0s under prefers-reduced-motion).
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
   * The factors to show: a core `Factorization`, or ecco printJson data (object or JSON text).
   * Invalid data shows a typed error in place of the explorer (see `error`).
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
  private ui: UiState = INITIAL_UI;
  private model: ExplorerModel | null = null;
  private paths: string[] = [];
  private aligned: Array<Explanation | undefined> = [];
  private dataProblem: EccoError | null = null;
  private familyProblem: EccoError | null = null;
  private explanationsProblem: EccoError | null = null;
  private inlineProblem: EccoError | null = null;
  private layer: TokenLayer | null = null;
  private readonly decorations = new HoverDecorations();
  private childWatcher: MutationObserver | null = null;

  private readonly host: InteractionHost = {
    model: () => this.model,
    layer: () => this.layer,
    ui: () => this.ui,
    patch: (changes) => this.patch(changes),
    locked: () => this.validLock(),
    active: () => this.activeFactor,
    setLock: (factor, source) => this.setLock(factor, source),
    announce: (text) => {
      const region = this.renderRoot?.querySelector('#announce');
      if (region) region.textContent = text;
    },
    dispatch: (event) => this.dispatchEvent(event),
    query: (selector) => this.renderRoot?.querySelector(selector) ?? null,
  };
  private readonly onRows = factorListHandlers(this.host);
  private readonly onTokens = tokenHandlers(this.host);

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

  private setLock(factor: number | null, source: InteractionSource): void {
    const previous = this.validLock();
    if (previous === factor) return;
    this.lockedFactor = factor;
    if (factor !== null) this.patch({ focusRow: factor });
    this.host.announce(
      factor === null ? `Factor ${previous} unlocked.` : `Factor ${factor} locked.`,
    );
    const detail: EccoFactorSelectDetail = {
      factor,
      previous,
      explanation: factor === null ? null : (this.aligned[factor] ?? null),
      source,
    };
    this.dispatchEvent(eccoEvent(FACTOR_SELECT_EVENT, detail));
  }

  private familyOverride(): TokenizerFamily | undefined {
    const family = this.tokenizerFamily;
    if (family === undefined || family === null || (family as string) === '') return undefined;
    if (TOKENIZER_FAMILIES.includes(family)) return family;
    this.familyProblem = new EccoError(
      'INVALID_ARGUMENT',
      `Unknown tokenizer family ${JSON.stringify(family)}.`,
      { hint: `Use one of ${TOKENIZER_FAMILIES.join(', ')}, or leave it unset to detect it.` },
    );
    return undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const dataChanged = changed.has('data') || changed.has('tokenizerFamily');
    if (dataChanged) {
      this.familyProblem = null;
      this.dataProblem = null;
      this.model = null;
      this.paths = [];
      this.ui = INITIAL_UI;
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
    const hover = this.ui.hover;
    const notices = [this.familyProblem, this.explanationsProblem];
    return html`<div class="base" part="base" role="group" aria-label=${this.label}>
      ${notices.map((n) =>
        n
          ? html`<p class="error" role="alert" part="error"><strong>${n.code}</strong>: ${n.message}</p>`
          : nothing,
      )}
      <p class="summary" part="summary">
        <span>${m.tokens.length} tokens · ${m.factors.length} factors</span>
        <span>${modeText(active, locked)}</span>
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
            @pointerover=${this.onTokens.pointerover}
            @pointerleave=${this.onTokens.pointerleave}
            @click=${this.onTokens.click}
            @keydown=${this.onTokens.keydown}
            @focus=${this.onTokens.focus}
            @blur=${this.onTokens.blur}
          ></div>
          <p id="tokens-help" hidden>
            Arrow keys move from token to token and read every factor's value; Enter locks the
            token's dominant factor; Escape unlocks.
          </p>
          <div class="tooltip" part="tooltip" role="tooltip" id="tooltip" ?hidden=${!hover}>
            ${hover ? renderTokenTooltip(m, hover.position, active) : nothing}
          </div>
        </div>
        <div
          class="factors"
          part="factors"
          role="listbox"
          aria-label="Factors: arrow keys move, Enter or Space locks, Escape unlocks"
          aria-orientation="vertical"
          @pointerover=${this.onRows.pointerover}
          @pointerleave=${this.onRows.pointerleave}
          @click=${this.onRows.click}
          @keydown=${this.onRows.keydown}
          @focusin=${this.onRows.focusin}
          @focusout=${this.onRows.focusout}
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

  protected override updated(): void {
    const container = this.renderRoot.querySelector<HTMLElement>('.tokens');
    if (!container || !this.model) {
      this.layer = null;
      this.decorations.reset();
      return;
    }
    if (!this.layer || this.layer.container !== container || this.layer.model !== this.model) {
      this.layer = new TokenLayer(container, this.model, OKABE_ITO_PALETTE.length);
      this.decorations.reset();
    }
    this.layer.show(this.activeFactor);
    this.decorations.sync(this.renderRoot, this.layer, this.ui.hover);
  }
}

if (!customElements.get('ecco-factors')) customElements.define('ecco-factors', EccoFactors);

declare global {
  interface HTMLElementTagNameMap {
    'ecco-factors': EccoFactors;
  }
}
