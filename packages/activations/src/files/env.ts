/**
 * Where models come from, with transformers.js's `env` names and meanings so settings carry over.
 * Change fields on the exported `env` object; per-call options of `fromPretrained` override them.
 */
export interface EccoEnv {
  /** Host that serves Hub ids. Default 'https://huggingface.co/'. */
  remoteHost: string;
  /** Path under `remoteHost`, `{model}` and `{revision}` filled in. Default '{model}/resolve/{revision}/'. */
  remotePathTemplate: string;
  /** Download Hub ids that are not cached. Default true. */
  allowRemoteModels: boolean;
  /** Look for Hub ids under `localModelPath` first. Default true. */
  allowLocalModels: boolean;
  /**
   * Directory (Node) or URL prefix (browser, e.g. '/models/') holding models by id, as
   * `<localModelPath>/<id>/config.json` …; '' to disable. Default ''.
   */
  localModelPath: string;
  /**
   * Node: directory for downloaded files, laid out as <cacheDir>/<id>/<file> (revision 'main') or
   * <cacheDir>/<id>/<revision>/<file>. null: $ECCO_CACHE_DIR, else ~/.cache/explainable-ecco.
   */
  cacheDir: string | null;
  /** Cache downloads (file system in Node, Cache API in browsers). Default true. */
  useCache: boolean;
  /** Browser Cache API cache name. Default 'explainable-ecco'. */
  browserCacheName: string;
}

export const env: EccoEnv = {
  remoteHost: 'https://huggingface.co/',
  remotePathTemplate: '{model}/resolve/{revision}/',
  allowRemoteModels: true,
  allowLocalModels: true,
  localModelPath: '',
  cacheDir: null,
  useCache: true,
  browserCacheName: 'explainable-ecco',
};
