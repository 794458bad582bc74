// Jupyter notebooks (.ipynb, nbformat 4): the code cells' source, with IPython magics (%, !) blanked so the
// Python parser sees plain code; each code line maps back to its line in the .ipynb file.
import { lineOf } from '../manifests/lines.js';

export interface NotebookCell {
  index: number;
  code: string;
  /** 1-based .ipynb line of each code line (undefined when it cannot be located) */
  fileLines: (number | undefined)[];
}

export interface NotebookResult {
  cells: NotebookCell[];
  warning?: string;
}

export function notebookCells(text: string): NotebookResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { cells: [], warning: `invalid notebook JSON: ${(e instanceof Error ? e.message : String(e)).slice(0, 120)}` };
  }
  const cells = (doc as { cells?: unknown }).cells;
  if (!Array.isArray(cells)) return { cells: [], warning: 'notebook without cells (nbformat 4 expected)' };
  const out: NotebookCell[] = [];
  let cursor = 0;
  cells.forEach((cell: unknown, index) => {
    const c = cell as { cell_type?: unknown; source?: unknown };
    if (c.cell_type !== 'code') return;
    const parts = Array.isArray(c.source) ? c.source.filter((s): s is string => typeof s === 'string') : typeof c.source === 'string' ? [c.source] : [];
    const lines = parts.join('').split('\n');
    const fileLines: (number | undefined)[] = [];
    for (const l of lines) {
      const needle = JSON.stringify(l).slice(0, -1); // the JSON string literal, open-ended ("...\n" or "...")
      const at = l.trim() ? text.indexOf(needle, cursor) : -1;
      if (at >= 0) {
        fileLines.push(lineOf(text, needle, at));
        cursor = at + needle.length;
      } else fileLines.push(undefined);
    }
    const code = lines.map((l) => (/^\s*[%!]/.test(l) ? '' : l)).join('\n');
    out.push({ index, code, fileLines });
  });
  return { cells: out };
}
