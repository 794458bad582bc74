// Used by build-action.mjs (the CLI bundle is CommonJS and needs none): CommonJS dependencies bundled into ES modules
// need require, __filename and __dirname, which this banner defines at the top of each output file.
export const COMMONJS_SHIMS_BANNER = [
  "import { createRequire as __aibomCreateRequire } from 'node:module';",
  "import { fileURLToPath as __aibomFileURLToPath } from 'node:url';",
  "import { dirname as __aibomDirname } from 'node:path';",
  'const require = __aibomCreateRequire(import.meta.url);',
  'const __filename = __aibomFileURLToPath(import.meta.url);',
  'const __dirname = __aibomDirname(__filename);',
].join('\n');
