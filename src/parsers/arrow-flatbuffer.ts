// A minimal, bounds-checked FlatBuffers table reader: enough to walk the Arrow IPC Schema message.
// Every offset is checked against the buffer; a bad offset throws FlatbufferError, caught by callers.
export class FlatbufferError extends Error {}

export class FbTable {
  constructor(
    private readonly buf: Buffer,
    readonly pos: number,
  ) {
    check(buf, pos, 4);
    const vt = pos - buf.readInt32LE(pos);
    check(buf, vt, 4);
    this.vtable = vt;
    this.vtSize = buf.readUInt16LE(vt);
    check(buf, vt, this.vtSize);
  }
  private readonly vtable: number;
  private readonly vtSize: number;

  static root(buf: Buffer, start = 0): FbTable {
    check(buf, start, 4);
    return new FbTable(buf, start + buf.readUInt32LE(start));
  }

  private field(i: number): number | undefined {
    const at = 4 + 2 * i;
    if (at + 2 > this.vtSize) return undefined;
    const off = this.buf.readUInt16LE(this.vtable + at);
    return off === 0 ? undefined : this.pos + off;
  }

  uint8(i: number, dflt = 0): number {
    const p = this.field(i);
    if (p === undefined) return dflt;
    check(this.buf, p, 1);
    return this.buf.readUInt8(p);
  }

  private target(i: number): number | undefined {
    const p = this.field(i);
    if (p === undefined) return undefined;
    check(this.buf, p, 4);
    return p + this.buf.readUInt32LE(p);
  }

  table(i: number): FbTable | undefined {
    const t = this.target(i);
    return t === undefined ? undefined : new FbTable(this.buf, t);
  }

  string(i: number): string | undefined {
    const t = this.target(i);
    if (t === undefined) return undefined;
    check(this.buf, t, 4);
    const len = this.buf.readUInt32LE(t);
    check(this.buf, t + 4, len);
    return this.buf.toString('utf8', t + 4, t + 4 + len);
  }

  /** a vector of tables, at most `max` entries read */
  tables(i: number, max: number): { items: FbTable[]; length: number } {
    const t = this.target(i);
    if (t === undefined) return { items: [], length: 0 };
    check(this.buf, t, 4);
    const length = this.buf.readUInt32LE(t);
    check(this.buf, t + 4, Math.min(length, max) * 4);
    const items: FbTable[] = [];
    for (let k = 0; k < Math.min(length, max); k++) {
      const e = t + 4 + 4 * k;
      items.push(new FbTable(this.buf, e + this.buf.readUInt32LE(e)));
    }
    return { items, length };
  }
}

function check(buf: Buffer, pos: number, len: number): void {
  if (!Number.isInteger(pos) || pos < 0 || len < 0 || pos + len > buf.length) {
    throw new FlatbufferError(`flatbuffer offset ${pos}+${len} outside ${buf.length} bytes`);
  }
}
