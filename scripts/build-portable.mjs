// Build the engine as plain JavaScript: assembly/index.ts bundled by esbuild,
// with AssemblyScript's portable library providing i32(), ctz() and the other
// builtins as globals. Output: build/engine.js (ES module).
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const assemblyDir = path.join(root, 'assembly') + path.sep;

// unchecked() only turns off bounds checks in WASM; in JavaScript it is an
// identity call, so it is removed from the source before bundling.
const stripUnchecked = {
  name: 'strip-unchecked',
  setup(context) {
    context.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (!args.path.startsWith(assemblyDir)) return undefined;
      const source = await readFile(args.path, 'utf8');
      return { contents: source.replace(/\bunchecked\(/g, '('), loader: 'ts' };
    });
  },
};

await build({
  entryPoints: [path.join(assemblyDir, 'portable.ts')],
  outfile: path.join(root, 'build', 'engine.js'),
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  plugins: [stripUnchecked],
  logLevel: 'warning',
});
