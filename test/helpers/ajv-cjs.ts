// ajv-formats and ajv-draft-04 are CommonJS modules whose default export TypeScript's NodeNext
// resolution does not see as callable; load them through require with their declared types.
import { createRequire } from 'node:module';
import type { Ajv } from 'ajv';

const require = createRequire(import.meta.url);

export const addFormats = require('ajv-formats') as (ajv: Ajv | object) => unknown;
export const AjvDraft04 = require('ajv-draft-04') as new (opts?: object) => Ajv;
