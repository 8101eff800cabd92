import type { Explanation } from '@explainable-ecco/core';
import type { FactorsPayload, ModelInfo } from '../pipeline/protocol.js';
import { byId } from './dom.js';

/** What `<ecco-factors>` takes (the element's class stays in the visualizer package). */
interface FactorsElement extends HTMLElement {
  data: unknown;
  explanations: unknown;
  lockedFactor: number | null;
}

/** Where the run's results stand; tests and styles read it from `data-state`. */
export type ResultsState = 'empty' | 'running' | 'factors' | 'explained' | 'complete';

function describeModel(info: ModelInfo): string {
  const device =
    info.device === 'webgpu'
      ? 'WebGPU'
      : `WebAssembly, ${info.threads} thread${info.threads === 1 ? '' : 's'}`;
  const note = info.deviceNote ? ` (not WebGPU: ${info.deviceNote})` : '';
  return `${info.modelType}, ${info.layers.length} layers, on ${device}${note}`;
}

/** The results: the explorer, a summary line and the downloads. */
export class ResultsView {
  private readonly section = byId('results');
  private readonly summary = byId('summary');
  private readonly explorer = byId<FactorsElement>('explorer');
  readonly downloadJson = byId<HTMLButtonElement>('download-json');
  readonly downloadReport = byId<HTMLButtonElement>('download-report');
  private model: ModelInfo | undefined;

  private setState(state: ResultsState, busy: boolean): void {
    this.section.dataset.state = state;
    this.section.setAttribute('aria-busy', String(busy));
    const ready = state === 'complete';
    this.downloadJson.disabled = !ready;
    this.downloadReport.disabled = !ready;
  }

  /** A new run: the previous run's factors and explanations go, so none outlive it. */
  start(): void {
    this.model = undefined;
    this.explorer.lockedFactor = null;
    this.explorer.explanations = null;
    this.explorer.data = null;
    this.summary.textContent = 'Running…';
    this.setState('running', true);
  }

  showModel(info: ModelInfo): void {
    this.model = info;
  }

  showFactors(f: FactorsPayload, modelLabel: string): void {
    this.explorer.lockedFactor = null;
    this.explorer.explanations = null;
    this.explorer.data = f;
    const n = f.layers?.length ?? 0;
    const layers = n ? ` over layer${n > 1 ? 's' : ''} ${f.layers!.join(', ')}` : '';
    const model = this.model ? ` (${describeModel(this.model)})` : '';
    this.summary.textContent = `${f.factors.length} factors of ${f.tokens.length} tokens${layers}, from ${modelLabel}${model}.`;
    this.setState('factors', true);
  }

  showExplanations(explanations: readonly Explanation[], scored: boolean): void {
    this.explorer.explanations = explanations;
    this.setState(scored ? 'complete' : 'explained', !scored);
  }

  /** After a failed or cancelled run: what arrived stays; downloads need a complete run. */
  stopped(): void {
    const state = this.section.dataset.state as ResultsState;
    if (state === 'running') {
      this.summary.textContent = 'No results: the run stopped before factors were found.';
      this.setState('empty', false);
    } else {
      this.setState(state, false);
    }
  }
}
