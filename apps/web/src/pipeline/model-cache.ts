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

/**
 * Keeps the last loaded model, so running another text on it costs no reload. A different
 * choice disposes it first: models can be large and the worker holds one at a time.
 */
export class ModelCache {
  private current: { key: string; loaded: LoadedModel } | undefined;

  constructor(private readonly ort: OrtSettings) {}

  async get(
    choice: ModelChoice,
    onProgress: (progress: LoadProgress) => void,
  ): Promise<{ loaded: LoadedModel; reused: boolean }> {
    const key = keyOf(choice);
    if (this.current?.key === key) return { loaded: this.current.loaded, reused: true };
    const previous = this.current;
    this.current = undefined;
    await previous?.loaded.model.dispose();
    const loaded = await this.load(choice, onProgress);
    this.current = { key, loaded };
    return { loaded, reused: false };
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
