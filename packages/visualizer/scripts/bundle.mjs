// Builds dist/ecco-factors.standalone.js: one ES module with Lit and core inside, safe to inline
// into <script type="module"> (no literal "</script" or "<!--").
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(root, 'dist/ecco-factors.standalone.js');

const result = await build({
  entryPoints: [resolve(root, 'src/standalone.ts')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'eof',
  write: false,
  logLevel: 'warning',
});
let code = result.outputFiles[0].text;
code = code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '\\x3C!--');
if (/<\/script/i.test(code) || code.includes('<!--')) {
  throw new Error('standalone bundle still contains </script or <!--');
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, code);
console.log(`standalone bundle: ${out} (${(code.length / 1024).toFixed(1)} KiB)`);
