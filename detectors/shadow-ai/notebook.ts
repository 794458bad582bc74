// Jupyter notebooks: the code cells joined into one Python text, with a map from each line of
// that text back to the line of the .ipynb file it came from. Markdown and output cells are skipped.
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { lineOf, lineStarts } from './source-view.js';

export interface NotebookCode {
  code: string;
  /** lineMap[i] = .ipynb line (1-based) of code line i+1 */
  lineMap: number[];
}


/** undefined when the file is not a notebook (not JSON, no cells list). */
export function notebookCode(text: string): NotebookCode | undefined {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) return undefined;
  const cells = isMap(doc.contents) ? doc.contents.get('cells', true) : undefined;
  if (!isSeq(cells)) return undefined;
  const starts = lineStarts(text);
  const chunks: string[] = [];
  const lineMap: number[] = [];
  const addLines = (value: string, fileLine: number, sameLine: boolean) => {
    const lines = value.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    lines.forEach((l, k) => {
      chunks.push(l);
      lineMap.push(sameLine ? fileLine : fileLine + k);
    });
  };
  for (const cell of cells.items) {
    if (!isMap(cell) || cell.get('cell_type') !== 'code') continue;
    const src = cell.get('source', true) as Node | undefined;
    if (isSeq(src)) {
      for (const item of src.items) {
        if (isScalar(item) && typeof item.value === 'string' && item.range) addLines(item.value, lineOf(starts, item.range[0]), true);
      }
    } else if (isScalar(src) && typeof src.value === 'string' && src.range) {
      addLines(src.value, lineOf(starts, src.range[0]), true);
    }
    chunks.push('');
    lineMap.push(lineMap[lineMap.length - 1] ?? 1);
  }
  return { code: chunks.join('\n'), lineMap };
}
