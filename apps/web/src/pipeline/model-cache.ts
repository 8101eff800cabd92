import { EccoModel, env, type LoadProgress } from '@explainable-ecco/activations/browser';
import { isEccoError } from '@explainable-ecco/core';
import { pickDevice } from './device.js';
import type { OrtSettings } from './ort-setup.js';
import type { ModelChoice, ModelInfo } from './protocol.js';

export interface LoadedModel {
  model: EccoModel;
  info: ModelInfo;
}

function keyOf(choice: ModelChoice): string {
  return JSON.stringify([choice.source, choice.dtype, choice.device, choice.remoteHost]);
}

/** How a run got its model. */
export type ModelSource = 'loaded' | 'reused' | 'joined';

interface Entry {
  key: string;
  loading: Promise<LoadedModel>;
  done: boolean;
  /** Who hears the progress of a load in flight: whoever asked last. */
  listener: ((progress: LoadProgress) => void) | undefined;
}

/**
 * Keeps the last loaded (or loading) model, so running another text on it costs no reload and
 * a run can join a load started in advance. A different choice disposes it first: models can
 * be large and the worker holds one at a time.
 */
export class ModelCache {
  private current: Entry | undefined;

  constructor(private readonly ort: OrtSettings) {}

  /** Starts loading a model nobody has asked to run yet; failures wait for the run to report. */
  preload(choice: ModelChoice): void {
    this.get(choice, () => undefined).catch(() => undefined);
  }

  async get(
    choice: ModelChoice,
    onProgress: (progress: LoadProgress) => void,
  ): Promise<{ loaded: LoadedModel; source: ModelSource }> {
    const key = keyOf(choice);
    const entry = this.current;
    if (entry?.key === key) {
      const source: ModelSource = entry.done ? 'reused' : 'joined';
      entry.listener = onProgress;
      return { loaded: await entry.loading, source };
    }
    this.current = undefined;
    // Released once it has loaded; the new choice does not wait for a load nobody wants.
    entry?.loading.then(
      (previous) => previous.model.dispose(),
      () => undefined,
    );
    const next = { key, done: false, listener: onProgress } as Entry;
    next.loading = this.load(choice, (p) => next.listener?.(p)).then(
      (loaded) => {
        next.done = true;
        return loaded;
      },
      (error: unknown) => {
        // A failed load is not kept: the next run tries again and reports its own error.
        if (this.current === next) this.current = undefined;
        throw error;
      },
    );
    this.current = next;
    return { loaded: await next.loading, source: 'loaded' };
  }

  private async load(
    choice: ModelChoice,
    onProgress: (progress: LoadProgress) => void,
  ): Promise<LoadedModel> {
    env.remoteHost = choice.remoteHost;
    const picked = await pickDevice(choice.device);
    let device = picked.device;
    let note = picked.note;
    let model: EccoModel;
    try {
      model = await EccoModel.fromPretrained(choice.source, {
        dtype: choice.dtype,
        device,
        onProgress,
      });
    } catch (error) {
      // 'auto' promised a working device: fall back when WebGPU cannot take the model.
      const deviceFailure =
        isEccoError(error, 'UNSUPPORTED_DEVICE') || isEccoError(error, 'MODEL_CORRUPT');
      if (choice.device !== 'auto' || device !== 'webgpu' || !deviceFailure) throw error;
      device = 'wasm';
      note = 'WebGPU could not run this model';
      model = await EccoModel.fromPretrained(choice.source, {
        dtype: choice.dtype,
        device,
        onProgress,
      });
    }
    const info: ModelInfo = {
      source: model.source,
      modelType: model.config.modelType,
      layers: model.layers,
      device,
      threads: device === 'wasm' ? this.ort.threads : 1,
      crossOriginIsolated: this.ort.crossOriginIsolated,
    };
    if (note) info.deviceNote = note;
    return { model, info };
  }
}
