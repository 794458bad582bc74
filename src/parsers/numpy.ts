// NumPy .npy header reader: "\x93NUMPY", version, header length, then a Python dict literal
// {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }. The literal is read with patterns,
// never evaluated.

export interface NpyInfo {
  version?: string;
  dtype?: string;
  shape?: number[];
  fortranOrder?: boolean;
  /** the dtype holds Python objects: loading needs allow_pickle (the data is a pickle) */
  objectDtype: boolean;
  elements?: number;
  headerEnd?: number;
  warnings: string[];
}

/** Bytes to pass to parseNpyHeader: enough for any ordinary header. */
export const NPY_HEAD_BYTES = 65536 + 12;

export function parseNpyHeader(head: Buffer, size = head.length, label = 'NumPy file'): NpyInfo {
  const info: NpyInfo = { objectDtype: false, warnings: [] };
  if (head.length < 10 || head.subarray(0, 6).toString('latin1') !== '\x93NUMPY') {
    info.warnings.push(`${label}: not a NumPy array (magic missing)`);
    return info;
  }
  const major = head[6];
  info.version = `${major}.${head[7]}`;
  let len: number;
  let start: number;
  if (major === 1) {
    len = head.readUInt16LE(8);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (head.length < 12) {
      info.warnings.push(`${label}: truncated header`);
      return info;
    }
    len = head.readUInt32LE(8);
    start = 12;
  } else {
    info.warnings.push(`${label}: unsupported .npy version ${info.version}`);
    return info;
  }
  if (start + len > size || start + len > head.length) {
    info.warnings.push(`${label}: header length ${len} runs past the available ${Math.min(size, head.length)} bytes (truncated)`);
    return info;
  }
  info.headerEnd = start + len;
  const text = head.subarray(start, start + len).toString(major === 3 ? 'utf8' : 'latin1');
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text);
  if (descr) info.dtype = descr[1];
  else if (/'descr'\s*:\s*\[/.test(text)) {
    info.dtype = 'structured';
    if (/'\|?O\d*'/.test(text.slice(text.indexOf("'descr'")))) info.objectDtype = true;
  }
  if (info.dtype && /^[|<>=]?O\d*$/.test(info.dtype)) info.objectDtype = true;
  const fo = /'fortran_order'\s*:\s*(True|False)/.exec(text);
  if (fo) info.fortranOrder = fo[1] === 'True';
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (shape) {
    const dims = shape[1].split(',').map((s) => s.trim()).filter((s) => s.length > 0);
    if (dims.every((d) => /^\d+L?$/.test(d))) {
      info.shape = dims.map((d) => Number.parseInt(d, 10));
      info.elements = info.shape.reduce((a, b) => a * b, 1);
    }
  }
  if (!info.dtype || !info.shape) info.warnings.push(`${label}: header dict lacks a readable descr or shape`);
  return info;
}
