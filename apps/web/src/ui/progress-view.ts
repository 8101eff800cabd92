import { STAGES, type Stage } from '../pipeline/protocol.js';
import { byId } from './dom.js';

const LABELS: Record<Stage, string> = {
  model: 'Load the model',
  activations: 'Run the model and capture FFN activations',
  factors: 'Find factors (NMF)',
  explanations: 'Explain the factors',
  scores: 'Score the explanations',
};

type StageState = 'waiting' | 'running' | 'done' | 'failed' | 'cancelled' | 'skipped';

const STATE_TEXT: Record<StageState, string> = {
  waiting: 'waiting',
  running: 'running',
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
  skipped: 'not run',
};

interface StageRow {
  item: HTMLLIElement;
  state: HTMLSpanElement;
  bar: HTMLProgressElement;
  detail: HTMLSpanElement;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The list of stages with their state, a progress bar and a detail line each. */
export class ProgressView {
  private readonly rows = new Map<Stage, StageRow>();
  private readonly status = byId('status');

  constructor() {
    const list = byId<HTMLOListElement>('stages');
    for (const stage of STAGES) {
      const item = document.createElement('li');
      item.dataset.stage = stage;
      const label = document.createElement('span');
      label.className = 'stage-label';
      label.textContent = LABELS[stage];
      const state = document.createElement('span');
      state.className = 'stage-state';
      const bar = document.createElement('progress');
      bar.max = 1;
      bar.setAttribute('aria-label', LABELS[stage]);
      const detail = document.createElement('span');
      detail.className = 'stage-detail';
      item.append(label, state, bar, detail);
      list.append(item);
      this.rows.set(stage, { item, state, bar, detail });
    }
    this.reset();
  }

  /** Every stage waiting, nothing announced. */
  reset(): void {
    for (const stage of STAGES) {
      this.set(stage, 'waiting');
      const row = this.rows.get(stage)!;
      row.bar.value = 0;
      row.detail.textContent = '';
      delete row.item.dataset.ms;
    }
    this.status.textContent = '';
  }

  stage(stage: Stage, status: 'running' | 'done', ms?: number): void {
    const row = this.rows.get(stage)!;
    this.set(stage, status);
    if (status === 'running') {
      row.detail.textContent = '';
      row.bar.removeAttribute('value'); // indeterminate until a fraction arrives
      this.status.textContent = `${LABELS[stage]}…`;
    } else {
      row.bar.value = 1;
      if (ms !== undefined) {
        row.item.dataset.ms = String(Math.round(ms));
        const last = row.detail.textContent;
        row.detail.textContent = last ? `${last} · ${seconds(ms)}` : seconds(ms);
      }
    }
  }

  progress(stage: Stage, fraction: number | undefined, detail: string | undefined): void {
    const row = this.rows.get(stage)!;
    if (row.item.dataset.state !== 'running') return;
    if (fraction !== undefined) row.bar.value = fraction;
    if (detail !== undefined) row.detail.textContent = detail;
  }

  /** Marks how a run ended: the stage it stopped in, and later stages not run. */
  end(outcome: 'done' | 'cancelled' | 'failed', stoppedAt?: Stage): void {
    if (outcome === 'done') {
      this.status.textContent = 'Done.';
      return;
    }
    let after = false;
    for (const stage of STAGES) {
      const state = this.rows.get(stage)!.item.dataset.state as StageState;
      if (stage === stoppedAt || (!stoppedAt && state === 'running')) {
        this.set(stage, outcome);
        after = true;
      } else if (after || state === 'waiting') {
        this.set(stage, 'skipped');
      }
    }
    this.status.textContent = outcome === 'cancelled' ? 'Cancelled.' : 'The run failed.';
  }

  private set(stage: Stage, state: StageState): void {
    const row = this.rows.get(stage)!;
    row.item.dataset.state = state;
    row.state.textContent = STATE_TEXT[state];
    if (state !== 'running') row.bar.value = state === 'done' ? 1 : row.bar.value || 0;
  }
}
