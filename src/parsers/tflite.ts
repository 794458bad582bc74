// TFLite flatbuffer header: the "TFL3" identifier at offset 4, the Model table's version,
// description, and counts of subgraphs, operator codes and operators. Reads a handful of small
// ranges; every offset is checked against the file size.
import { errorText, type ByteSource } from './magic-reader.js';

export interface TfliteInfo {
  version?: number;
  description?: string;
  subgraphs?: number;
  operatorCodes?: number;
  operators?: number;
  warnings: string[];
}

class Fb {
  constructor(private readonly src: ByteSource) {}
  async buf(at: number, n: number): Promise<Buffer> {
    if (at < 0 || at + n > this.src.size) throw new Error(`offset ${at} (+${n}) outside the ${this.src.size}-byte file`);
    return this.src.range(at, at + n);
  }
  async u32(at: number): Promise<number> {
    return (await this.buf(at, 4)).readUInt32LE(0);
  }
  /** absolute position of field `i` of the table at `table`, or undefined when absent */
  async field(table: number, i: number): Promise<number | undefined> {
    const vt = table - (await this.buf(table, 4)).readInt32LE(0);
    const vtSize = (await this.buf(vt, 2)).readUInt16LE(0);
    if (4 + 2 * i + 2 > vtSize) return undefined;
    const off = (await this.buf(vt + 4 + 2 * i, 2)).readUInt16LE(0);
    return off === 0 ? undefined : table + off;
  }
  async deref(at: number): Promise<number> {
    return at + (await this.u32(at));
  }
  async vectorLength(table: number, i: number): Promise<number | undefined> {
    const f = await this.field(table, i);
    return f === undefined ? undefined : this.u32(await this.deref(f));
  }
}

export async function readTflite(file: ByteSource): Promise<TfliteInfo> {
  const info: TfliteInfo = { warnings: [] };
  try {
    const fb = new Fb(file);
    const head = await fb.buf(0, 8);
    if (head.subarray(4, 8).toString('latin1') !== 'TFL3') throw new Error('TFL3 identifier missing');
    const model = head.readUInt32LE(0);
    const vf = await fb.field(model, 0);
    if (vf !== undefined) info.version = await fb.u32(vf);
    const df = await fb.field(model, 3);
    if (df !== undefined) {
      const s = await fb.deref(df);
      const len = await fb.u32(s);
      info.description = (await fb.buf(s + 4, Math.min(len, 1024))).toString('utf8');
    }
    info.operatorCodes = (await fb.vectorLength(model, 1)) ?? 0;
    const sf = await fb.field(model, 2);
    if (sf !== undefined) {
      const vec = await fb.deref(sf);
      const n = await fb.u32(vec);
      if (n * 4 > file.size) throw new Error(`subgraph count ${n} is beyond the file size`);
      info.subgraphs = n;
      let ops = 0;
      for (let i = 0; i < Math.min(n, 1000); i++) ops += (await fb.vectorLength(await fb.deref(vec + 4 + 4 * i), 3)) ?? 0;
      info.operators = ops;
    } else info.subgraphs = 0;
  } catch (e) {
    info.warnings.push(`malformed TFLite flatbuffer: ${errorText(e)}`);
  }
  return info;
}
