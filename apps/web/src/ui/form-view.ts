import type { ApiKeyStore } from '../settings/api-key-store.js';
import { FIELD_IDS, type FormValues } from '../settings/form-values.js';
import type { Preset } from '../settings/presets.js';
import { endpointOf } from '../settings/read-settings.js';
import { byId, checkedValue } from './dom.js';

/**
 * The settings form: reads its values, shows only the fields that apply, applies presets,
 * and keeps API keys per endpoint in sessionStorage.
 */
export class FormView {
  readonly form = byId<HTMLFormElement>('run-form');
  private readonly text = byId<HTMLTextAreaElement>('text');
  private readonly preset = byId<HTMLSelectElement>('preset');
  private readonly apiKey = byId<HTMLInputElement>('api-key');
  private readonly baseUrl = byId<HTMLInputElement>('base-url');
  private readonly fieldsets: HTMLFieldSetElement[];
  /** The endpoint the key field's content belongs to. */
  private keyEndpoint: string | undefined;

  constructor(
    private readonly presets: readonly Preset[],
    private readonly keys: ApiKeyStore,
  ) {
    this.fieldsets = [...this.form.querySelectorAll<HTMLFieldSetElement>(':scope > fieldset')];
    for (const p of presets) this.preset.add(new Option(p.title, p.name));
    this.preset.addEventListener('change', () => this.applyPreset(this.preset.value));
    this.text.addEventListener('input', () => {
      this.preset.value = 'text';
    });
    this.text.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.form.requestSubmit();
      }
    });
    this.form.addEventListener('change', () => this.sync());
    // Emptying the field forgets the key kept for its endpoint.
    this.apiKey.addEventListener('input', () => {
      if (this.apiKey.value === '') this.keys.set(this.keyEndpoint, '');
    });
    this.form.addEventListener('input', (event) => {
      (event.target as HTMLElement).removeAttribute('aria-invalid');
    });
    if (presets[0]) {
      this.preset.value = presets[0].name;
      this.applyPreset(presets[0].name);
    }
    this.sync();
  }

  /** Everything the user set, unchecked. */
  values(): FormValues {
    const value = (id: string) => byId<HTMLInputElement>(id).value;
    return {
      preset: this.preset.value,
      text: this.text.value,
      modelKind: checkedValue(this.form, 'model-kind') === 'hub' ? 'hub' : 'demo',
      hubId: value('hub-id'),
      dtype: value('dtype'),
      device: value('device'),
      truncate: byId<HTMLInputElement>('truncate').checked,
      remoteHost: value('remote-host'),
      components: value('components'),
      layers: value('layers'),
      fromLayer: value('from-layer'),
      toLayer: value('to-layer'),
      explainer: checkedValue(this.form, 'explainer') as FormValues['explainer'],
      baseUrl: this.baseUrl.value,
      llmModel: value('llm-model'),
      apiKey: this.apiKey.value,
    };
  }

  /** Locks the settings while a run goes on (the Cancel button stays usable). */
  setBusy(busy: boolean): void {
    for (const fieldset of this.fieldsets) fieldset.disabled = busy;
    this.form.setAttribute('aria-busy', String(busy));
  }

  /** Marks the field an error names and moves focus there; true when there was one. */
  markInvalid(field: unknown): boolean {
    const id = typeof field === 'string' ? FIELD_IDS[field] : undefined;
    if (!id) return false;
    const element = byId(id);
    element.closest('details')?.setAttribute('open', '');
    element.setAttribute('aria-invalid', 'true');
    element.focus();
    return true;
  }

  /** Keeps a key for the endpoint a run sends it to, for this tab (called when a run starts). */
  rememberKey(endpoint: string, key: string): void {
    this.keys.set(endpoint, key);
    this.keyEndpoint = endpoint;
  }

  /**
   * A key kept for one endpoint never follows the user to another: switching shows the new
   * endpoint's key, or empties the field. A key typed but not yet used stays while the
   * address is being edited.
   */
  private switchKey(endpoint: string | undefined): void {
    const current = this.apiKey.value;
    const stored = this.keys.get(endpoint);
    const keptForPrevious = current !== '' && current === this.keys.get(this.keyEndpoint);
    if (stored) this.apiKey.value = stored;
    else if (keptForPrevious) this.apiKey.value = '';
    this.keyEndpoint = endpoint;
  }

  private applyPreset(name: string): void {
    const p = this.presets.find((x) => x.name === name);
    if (!p) return;
    this.text.value = p.text;
    byId<HTMLInputElement>('components').value = String(p.components);
    byId<HTMLSelectElement>('layers').value = p.layers;
    this.sync();
  }

  /** Shows the fields that apply to the current choices, and the key kept for the endpoint. */
  private sync(): void {
    const v = this.values();
    byId('hub-field').hidden = v.modelKind !== 'hub';
    byId('range-fields').hidden = v.layers !== 'range';
    byId('llm-fields').hidden = v.explainer === 'heuristic';
    byId('base-url-field').hidden = v.explainer !== 'compatible';
    byId<HTMLInputElement>('llm-model').placeholder =
      v.explainer === 'openai' ? 'gpt-4o-mini' : 'llama3.2';
    const endpoint = endpointOf(v);
    if (endpoint !== this.keyEndpoint) this.switchKey(endpoint);
    byId('api-key-help').textContent = endpoint
      ? `Kept in this tab only (sessionStorage) and sent only to ${endpoint}.${v.explainer === 'compatible' ? ' Optional for local servers.' : ''}`
      : 'Enter the server URL first; the key is sent only there.';
  }
}
