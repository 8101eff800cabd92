/** The form's raw values, as strings and flags, before they are checked. */
export interface FormValues {
  /** Preset name, or 'text' for the user's own. */
  preset: string;
  text: string;
  modelKind: 'demo' | 'hub';
  hubId: string;
  dtype: string;
  device: string;
  truncate: boolean;
  remoteHost: string;
  components: string;
  layers: string;
  fromLayer: string;
  toLayer: string;
  explainer: 'heuristic' | 'openai' | 'compatible';
  baseUrl: string;
  llmModel: string;
  apiKey: string;
}

/** Form fields by the name an error's `details.field` uses, for focusing the culprit. */
export const FIELD_IDS: Readonly<Record<string, string>> = {
  text: 'text',
  hubId: 'hub-id',
  remoteHost: 'remote-host',
  components: 'components',
  fromLayer: 'from-layer',
  toLayer: 'to-layer',
  baseUrl: 'base-url',
  llmModel: 'llm-model',
  apiKey: 'api-key',
};
