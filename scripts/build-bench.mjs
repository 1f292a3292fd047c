// Build the benchmark-only AssemblyScript in bench/assembly/ (the timer-loop
// ceiling) to build/bench/ceiling.wasm, with the engine's release settings, and
// to build/bench/ceiling.js through AssemblyScript's portable library, as
// scripts/build-portable.mjs builds the engine. Takes about a second.
import asc from 'assemblyscript/asc';
import { build } from 'esbuild';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const source = path.join(root, 'bench', 'assembly', 'ceiling.ts');
const outDir = path.join(root, 'build', 'bench');
await mkdir(outDir, { recursive: true });

const { error, stderr } = await asc.main([
  source,
  '--outFile', path.join(outDir, 'ceiling.wasm'),
  '--optimizeLevel', '3',
  '--shrinkLevel', '0',
  '--noAssert',
  '--runtime', 'stub',
  '--initialMemory', '1',
]);
if (error) {
  process.stderr.write(stderr.toString());
  throw error;
}

// The portable build: the library's globals first, then the same source with
// unchecked() removed (it only turns off bounds checks in WASM).
const entry = path.join(outDir, 'ceiling-portable.ts');
await writeFile(entry, `import "assemblyscript/std/portable/index.js";\nexport * from ${JSON.stringify(source.replace(/\.ts$/, ''))};\n`);
await build({
  entryPoints: [entry],
  outfile: path.join(outDir, 'ceiling.js'),
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  nodePaths: [path.join(root, 'node_modules')],
  plugins: [
    {
      name: 'strip-unchecked',
      setup(context) {
        context.onLoad({ filter: /\.ts$/ }, async (args) => {
          if (args.path !== source) return undefined;
          const text = await readFile(args.path, 'utf8');
          return { contents: text.replace(/\bunchecked\(/g, '('), loader: 'ts' };
        });
      },
    },
  ],
  logLevel: 'warning',
});
