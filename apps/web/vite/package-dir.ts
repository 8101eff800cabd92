import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The directory of an installed package, found the way Node finds packages from `fromDir`
 * (every node_modules up the tree), whether or not its exports map exposes package.json.
 */
export function packageDir(name: string, fromDir: string): string {
  const require = createRequire(join(fromDir, 'noop.js'));
  for (const modules of require.resolve.paths(name) ?? []) {
    const candidate = join(modules, name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
  }
  throw new Error(`Cannot find the package ${name} from ${fromDir}. Run pnpm install.`);
}

/** onnxruntime-web's dist/ directory: the copy the activations package itself imports. */
export function ortDistDir(appRoot: string): string {
  const activations = packageDir('@explainable-ecco/activations', appRoot);
  // Resolving from the activations package guarantees the .wasm matches its JavaScript.
  return join(packageDir('onnxruntime-web', activations), 'dist');
}
