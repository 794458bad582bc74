// A static, streaming pickle opcode walker. It never builds objects: it decodes opcodes from a
// table, keeps a symbolic stack (string / literal / unknown) and memo so STACK_GLOBAL operands are
// resolved, records every import, and continues past STOP to the end of the data.
// Feed chunks with `feed()`, then call `end()`. Memory is bounded by the limits below.
import { Arg, Eff, OPCODES, HIGHEST_PROTOCOL, OP_ARG, OP_SIZE, OP_EFF, OP_N, OP_FLAGS, FLAG_VALID, FLAG_CALL, FLAG_STR } from './opcodes.js';

const A_NONE: number = Arg.None;
const A_FIXED: number = Arg.Fixed;
const A_LINE2: number = Arg.Line2;
const A_LEN: number = Arg.Len;
const E_STOP: number = Eff.Stop;
import { decodeRawUnicode, decodeReprString } from './strings.js';
import { JoblibArrays, type DtypeRef } from './joblib-arrays.js';

/** a literal that is not a string or a small int (list, None, float...) */
const OTHER = -0.5;
/** a value known only at run time (result of a call, a global, a missing memo entry, underflow) */
const UNKNOWN = -1.5;
/** a dict literal (BUILD state of joblib's NumpyArrayWrapper) */
const DICT = -2.5;
/** strings, integer numbers (ints), the markers above, or a tuple of ints */
type Sym = string | number | number[] | DtypeRef;

function isInt(v: Sym): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

export interface PickleLimits {
  /** opcodes before the walk stops with an error (default 200M) */
  maxOpcodes?: number;
  /** symbolic stack depth (default 1M) */
  maxStack?: number;
  /** memo entries kept (default 4M); past it, memo lookups are no longer resolved (warning) */
  maxMemo?: number;
  /** distinct globals recorded (default 10k) */
  maxGlobals?: number;
  /** longest newline-terminated argument (default 1 MiB) */
  maxLine?: number;
  /** stop after this many complete pickles (legacy PyTorch: 5); default: to the end of the data */
  maxPickles?: number;
  /** total size when known: every length is checked against the bytes that remain */
  totalSize?: number;
}

export type ImportOpcode = 'GLOBAL' | 'INST' | 'STACK_GLOBAL';

export interface PickleImport {
  /** module and name as written in the pickle ('unknown' when not resolvable statically) */
  module: string;
  name: string;
  opcode: ImportOpcode;
  /** byte offset of the first occurrence */
  offset: number;
  count: number;
}

export interface PickleWalk {
  imports: PickleImport[];
  /** complete pickles (STOP seen) */
  pickles: number;
  opcodes: number;
  bytes: number;
  protocols: number[];
  calls: { reduce: number; build: number; newobj: number; obj: number; inst: number };
  persid: number;
  ext: number;
  /** set when the data is truncated or invalid; what was found before it is still reported */
  error?: { message: string; offset: number };
  warnings: string[];
  /** offset where the walk stopped because maxPickles was reached */
  stoppedAt?: number;
}

const MAX_KEPT_STRING = 1024;
/** memo indexes below this live in an array */
const MEMO_DENSE = 1 << 22;
const CAPTURE_MAX = 64 * 1024;
const NL = 10;

export class PickleWalker {
  private readonly maxOps: number;
  private readonly maxStack: number;
  private readonly maxMemo: number;
  private readonly maxGlobals: number;
  private readonly maxLine: number;
  private readonly maxPickles: number;
  private readonly total: number;

  private stack: Sym[] = [];
  private marks: number[] = [];
  /** memo: a dense array for the usual small indexes, a Map for the rest; `memoCount` = len(memo) */
  private memo: Sym[] = [];
  private memoSparse = new Map<number, Sym>();
  private memoCount = 0;
  private memoOverflow = false;
  private pending: Buffer | undefined;
  /** stream offset of the first byte of the current buffer */
  private base = 0;
  private skip = 0;
  private rawPending: { bytes: number; padded: boolean } | undefined;
  private saved: { stack: Sym[]; marks: number[]; memo: Sym[]; memoSparse: Map<number, Sym>; memoCount: number } | undefined;
  private readonly joblib = new JoblibArrays();
  private done = false;
  /** an opcode has been read since the last STOP */
  private inPickle = false;
  private underflowWarned = false;
  private globalsFull = false;
  private readonly importMap = new Map<string, PickleImport>();
  readonly result: PickleWalk = {
    imports: [],
    pickles: 0,
    opcodes: 0,
    bytes: 0,
    protocols: [],
    calls: { reduce: 0, build: 0, newobj: 0, obj: 0, inst: 0 },
    persid: 0,
    ext: 0,
    warnings: [],
  };

  constructor(limits: PickleLimits = {}) {
    this.maxOps = limits.maxOpcodes ?? 200_000_000;
    this.maxStack = limits.maxStack ?? 1_000_000;
    this.maxMemo = limits.maxMemo ?? 4_000_000;
    this.maxGlobals = limits.maxGlobals ?? 10_000;
    this.maxLine = limits.maxLine ?? 1 << 20;
    this.maxPickles = limits.maxPickles ?? Number.POSITIVE_INFINITY;
    this.total = limits.totalSize ?? Number.POSITIVE_INFINITY;
  }

  get finished(): boolean {
    return this.done;
  }

  feed(chunk: Buffer): void {
    if (this.done || chunk.length === 0) return;
    this.result.bytes += chunk.length;
    let buf = chunk;
    if (this.pending) {
      // finish the opcode cut at the previous chunk's end with just enough of this chunk (no 1 MiB copies)
      const p = this.pending;
      for (let k = Math.min(chunk.length, 64 * 1024 + 16); ; k = Math.min(chunk.length, k * 4)) {
        this.pending = undefined;
        const head = Buffer.concat([p, chunk.subarray(0, k)]);
        const reached = this.run(head, p.length);
        if (this.done) return;
        if (this.pending === undefined) {
          this.base += reached;
          buf = chunk.subarray(reached - p.length);
          break;
        }
        // still incomplete: nothing was applied (the first opcode is the cut one); retry with more bytes
        if (k >= chunk.length) return;
      }
      if (buf.length === 0) return;
    }
    const adv = this.run(buf, buf.length);
    this.base += adv;
  }

  end(): PickleWalk {
    if (!this.done) {
      if (this.skip > 0 || this.rawPending) this.fail('truncated: data ends inside an argument or array data', this.base);
      else if (this.pending && this.pending.length > 0) this.fail('truncated: data ends inside an opcode', this.base);
      else if (this.inPickle) this.fail('truncated: data ends before STOP', this.base);
      else if (this.result.pickles === 0) this.fail('empty: no pickle opcodes', 0);
      this.done = true;
    }
    this.result.imports = [...this.importMap.values()].sort((a, b) => a.offset - b.offset);
    return this.result;
  }

  private fail(message: string, offset: number): void {
    if (!this.result.error) this.result.error = { message, offset };
    this.done = true;
    this.pending = undefined;
  }

  private pop(): Sym {
    const m = this.marks.length > 0 ? this.marks[this.marks.length - 1] : 0;
    if (this.stack.length <= m) {
      if (!this.underflowWarned) {
        this.underflowWarned = true;
        this.result.warnings.push('stack underflow: operands treated as unknown');
      }
      return UNKNOWN;
    }
    return this.stack.pop() as Sym;
  }

  private popMark(at: number): void {
    const m = this.marks.pop();
    if (m === undefined) {
      this.result.warnings.push(`opcode at offset ${at} needs a MARK that is missing`);
      this.stack.length = 0;
      return;
    }
    this.stack.length = m;
  }

  private push(v: Sym): boolean {
    if (this.stack.length >= this.maxStack) return false;
    this.stack.push(v);
    if (this.joblib.active) this.joblib.onPush(v, v === DICT);
    return true;
  }

  private record(module: string, name: string, opcode: ImportOpcode, offset: number): void {
    const key = `${module}\u0000${name}`;
    const seen = this.importMap.get(key);
    if (seen) {
      seen.count++;
      return;
    }
    if (this.importMap.size >= this.maxGlobals) {
      if (!this.globalsFull) this.result.warnings.push('too many distinct globals; later ones not recorded');
      this.globalsFull = true;
      return;
    }
    this.importMap.set(key, { module, name, opcode, offset, count: 1 });
  }

  private symName(v: Sym): string {
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v === UNKNOWN ? 'unknown' : '<non-string>';
    return '<non-string>';
  }

  private memoPut(idx: number, v: Sym): void {
    const dense = idx < MEMO_DENSE;
    const exists = dense ? this.memo[idx] !== undefined : this.memoSparse.has(idx);
    if (!exists && this.memoCount >= this.maxMemo) {
      if (!this.memoOverflow) {
        this.memoOverflow = true;
        this.result.warnings.push(`memo limit (${this.maxMemo}) reached; later memo entries are not resolved`);
      }
      return;
    }
    if (!exists) this.memoCount++;
    if (dense) this.memo[idx] = v;
    else this.memoSparse.set(idx, v);
  }

  private memoGet(idx: number): Sym {
    const v = idx < MEMO_DENSE ? this.memo[idx] : this.memoSparse.get(idx);
    if (v !== undefined) return v;
    return this.memoOverflow ? OTHER : UNKNOWN;
  }

  /** walk one buffer; returns how far `base` advances (0 when an exit path already set it) */
  private run(buf: Buffer, stopAt: number): number {
    const len = buf.length;
    let pos = 0;
    const r = this.result;
    while (pos < stopAt) {
      if (this.skip > 0) {
        const k = Math.min(this.skip, len - pos);
        this.skip -= k;
        pos += k;
        continue;
      }
      if (this.rawPending) {
        // joblib array bytes sit in the stream: [padding length, 0xff * padding], then the data
        const raw = this.rawPending;
        this.rawPending = undefined;
        this.skip = (raw.padded ? 1 + buf[pos] : 0) + raw.bytes;
        if (this.base + pos + this.skip > this.total) {
          this.fail(`joblib array data at offset ${this.base + pos} runs past the end of the data`, this.base + pos);
          return 0;
        }
        continue;
      }
      const code = buf[pos];
      // fast path for the most common opcodes of large pickles (same semantics as apply())
      if (r.opcodes < this.maxOps && this.stack.length < this.maxStack - 1) {
        let done = true;
        switch (code) {
          case 0x28: // MARK
            if (this.marks.length >= this.maxStack) {
              done = false;
              break;
            }
            this.marks.push(this.stack.length);
            pos++;
            break;
          case 0x4b: // BININT1
            if (pos + 2 > len) {
              done = false;
              break;
            }
            this.push(buf[pos + 1]);
            pos += 2;
            break;
          case 0x4a: // BININT
            if (pos + 5 > len) {
              done = false;
              break;
            }
            this.push(buf.readInt32LE(pos + 1));
            pos += 5;
            break;
          case 0x4d: // BININT2
            if (pos + 3 > len) {
              done = false;
              break;
            }
            this.push(buf.readUInt16LE(pos + 1));
            pos += 3;
            break;
          case 0x7d: // EMPTY_DICT
            this.push(DICT);
            pos++;
            break;
          case 0x4e: // NONE
          case 0x88: // NEWTRUE
          case 0x89: // NEWFALSE
          case 0x5d: // EMPTY_LIST
            this.push(OTHER);
            pos++;
            break;
          case 0x47: // BINFLOAT
            if (pos + 9 > len) {
              done = false;
              break;
            }
            this.push(OTHER);
            pos += 9;
            break;
          case 0x65: // APPENDS
          case 0x75: // SETITEMS
            if (this.marks.length === 0) {
              done = false;
              break;
            }
            this.stack.length = this.marks.pop() as number;
            pos++;
            break;
          case 0x71: // BINPUT
            if (pos + 2 > len) {
              done = false;
              break;
            }
            this.memoPut(buf[pos + 1], this.stack.length > 0 ? this.stack[this.stack.length - 1] : UNKNOWN);
            pos += 2;
            break;
          case 0x94: // MEMOIZE
            this.memoPut(this.memoCount, this.stack.length > 0 ? this.stack[this.stack.length - 1] : UNKNOWN);
            pos++;
            break;
          case 0x8c: {
            // SHORT_BINUNICODE
            if (pos + 2 > len) {
              done = false;
              break;
            }
            const end = pos + 2 + buf[pos + 1];
            if (end > len || this.base + end > this.total) {
              done = false;
              break;
            }
            this.push(buf.toString('utf8', pos + 2, end));
            pos = end;
            break;
          }
          case 0x68: // BINGET
            if (pos + 2 > len) {
              done = false;
              break;
            }
            this.push(this.memoGet(buf[pos + 1]));
            pos += 2;
            break;
          default:
            done = false;
        }
        if (done) {
          r.opcodes++;
          this.inPickle = true;
          continue;
        }
      }
      const at = this.base + pos;
      const flags = OP_FLAGS[code];
      if ((flags & FLAG_VALID) === 0) {
        this.fail(`invalid opcode 0x${code.toString(16).padStart(2, '0')} at offset ${at}`, at);
        return 0;
      }
      if (r.opcodes >= this.maxOps) {
        this.fail(`opcode limit (${this.maxOps}) reached at offset ${at}`, at);
        return 0;
      }
      let next = pos + 1;
      let text: string | undefined;
      let text2: string | undefined;
      let num = 0;
      let sym: Sym = OTHER;
      const argKind = OP_ARG[code];
      if (argKind === A_NONE) {
        // no argument
      } else if (argKind === A_FIXED) {
        {
          const s = OP_SIZE[code];
          next = pos + 1 + s;
          if (next > len) return this.wait(buf, pos);
          num = s === 1 ? buf[pos + 1] : s === 2 ? buf.readUInt16LE(pos + 1) : s === 4 ? (code === 0x4a ? buf.readInt32LE(pos + 1) : buf.readUInt32LE(pos + 1)) : 0;
        }
      } else if (argKind !== A_LEN) {
        {
          const e1 = buf.indexOf(NL, pos + 1);
          if (e1 < 0 || e1 - pos > this.maxLine) return this.waitLine(buf, pos, e1);
          text = buf.toString('utf8', pos + 1, e1);
          next = e1 + 1;
          if (argKind === A_LINE2) {
            const e2 = buf.indexOf(NL, next);
            if (e2 < 0 || e2 - pos > this.maxLine) return this.waitLine(buf, pos, e2);
            text2 = buf.toString('utf8', next, e2);
            next = e2 + 1;
          }
        }
      } else {
        {
          const h = OP_SIZE[code];
          if (pos + 1 + h > len) return this.wait(buf, pos);
          let n: number;
          if (h === 1) n = buf[pos + 1];
          else if (h === 4) n = code === 0x54 || code === 0x8b ? buf.readInt32LE(pos + 1) : buf.readUInt32LE(pos + 1);
          else {
            const big = buf.readBigUInt64LE(pos + 1);
            n = big > BigInt(Number.MAX_SAFE_INTEGER) ? -1 : Number(big);
          }
          const opName = OPCODES[code]?.name ?? 'opcode';
          if (n < 0) {
            this.fail(`${opName} at offset ${at} has an invalid length`, at);
            return 0;
          }
          const dataStart = pos + 1 + h;
          if (this.base + dataStart + n > this.total) {
            this.fail(`${opName} at offset ${at} declares ${n} bytes but only ${this.total - this.base - dataStart} remain`, at);
            return 0;
          }
          const isStr = (flags & FLAG_STR) !== 0;
          if (dataStart + n <= len) {
            if (isStr && n <= MAX_KEPT_STRING) sym = buf.toString('utf8', dataStart, dataStart + n);
            else sym = isStr ? UNKNOWN : OTHER;
            next = dataStart + n;
          } else if (n > CAPTURE_MAX) {
            // long argument: consume what is here and skip the rest as it streams in
            sym = isStr ? UNKNOWN : OTHER;
            this.skip = dataStart + n - len;
            next = len;
          } else return this.wait(buf, pos);
        }
      }
      r.opcodes++;
      this.inPickle = true;
      const eff = OP_EFF[code];
      if (!this.apply(eff, OP_N[code], code, (flags & FLAG_CALL) !== 0, at, num, text, text2, sym)) return 0;
      if (eff === E_STOP && r.pickles >= this.maxPickles) {
        r.stoppedAt = this.base + next;
        this.done = true;
        return 0;
      }
      pos = next;
    }
    return pos;
  }

  /** keep the incomplete opcode for the next chunk */
  private wait(buf: Buffer, pos: number): number {
    this.pending = Buffer.from(buf.subarray(pos));
    this.base += pos;
    return 0;
  }

  private waitLine(buf: Buffer, pos: number, found: number): number {
    if (found >= 0 || buf.length - pos > this.maxLine) {
      this.fail(`line argument at offset ${this.base + pos} longer than ${this.maxLine} bytes`, this.base + pos);
      return 0;
    }
    return this.wait(buf, pos);
  }

  private apply(eff: Eff, n: number, code: number, call: boolean, at: number, num: number, text: string | undefined, text2: string | undefined, sym: Sym): boolean {
    const r = this.result;
    switch (eff) {
      case Eff.PushOther: {
        // BININT, BININT1, BININT2 keep their value (ints can be STACK_GLOBAL operands and joblib shapes)
        const v: Sym = code === 0x4a || code === 0x4b || code === 0x4d ? num : code === 0x7d ? DICT : code === 0x29 ? [] : OTHER;
        return this.pushOk(v, at);
      }
      case Eff.PushString: {
        let v: Sym = sym;
        if (text !== undefined) {
          const d = code === 0x53 ? decodeReprString(text) : decodeRawUnicode(text);
          v = d === undefined ? OTHER : d.length <= MAX_KEPT_STRING ? d : UNKNOWN;
        }
        return this.pushOk(v, at);
      }
      case Eff.Mark:
        if (this.marks.length >= this.maxStack) return this.failed(`mark stack limit at offset ${at}`, at);
        this.marks.push(this.stack.length);
        return true;
      case Eff.Pop:
        if (this.marks.length > 0 && this.stack.length === this.marks[this.marks.length - 1]) this.marks.pop();
        else this.pop();
        return true;
      case Eff.PopMark:
        this.popMark(at);
        return true;
      case Eff.Dup: {
        const top = this.stack.length > 0 ? this.stack[this.stack.length - 1] : UNKNOWN;
        return this.pushOk(top, at);
      }
      case Eff.PopNPush:
      case Eff.PopN: {
        if (code === 0x62) return this.build(at);
        if (code >= 0x85 && code <= 0x87) return this.tuple(n, at);
        for (let i = 0; i < n; i++) this.pop();
        if (call) this.countCall(code);
        if (code === 0x51) r.persid++;
        if (code === 0x52 && this.joblib.pendingDescr !== undefined) {
          const dt: DtypeRef = { descr: this.joblib.pendingDescr };
          this.joblib.pendingDescr = undefined;
          return this.pushOk(dt, at);
        }
        return eff === Eff.PopN ? true : this.pushOk(call || code === 0x51 ? UNKNOWN : OTHER, at);
      }
      case Eff.MarkPush:
      case Eff.MarkPop: {
        const m = this.marks.length > 0 ? this.marks[this.marks.length - 1] : 0;
        const t = code === 0x74 && this.joblib.active ? this.intTuple(m, this.stack.length) : undefined;
        this.popMark(at);
        if (call) this.countCall(code);
        return eff === Eff.MarkPop ? true : this.pushOk(call ? UNKNOWN : code === 0x64 ? DICT : t ?? OTHER, at);
      }
      case Eff.Global:
      case Eff.Inst: {
        const mod = (text ?? '').trim();
        const name = (text2 ?? '').trim();
        this.record(mod, name, eff === Eff.Global ? 'GLOBAL' : 'INST', at);
        this.joblib.onGlobal(mod, name);
        if (eff === Eff.Inst) {
          this.popMark(at);
          r.calls.inst++;
        }
        return this.pushOk(UNKNOWN, at);
      }
      case Eff.StackGlobal: {
        const name = this.pop();
        const mod = this.pop();
        this.record(this.symName(mod), this.symName(name), 'STACK_GLOBAL', at);
        if (typeof mod === 'string' && typeof name === 'string') this.joblib.onGlobal(mod, name);
        return this.pushOk(UNKNOWN, at);
      }
      case Eff.Put: {
        const idx = text !== undefined ? Number.parseInt(text, 10) : num;
        if (!Number.isFinite(idx) || idx < 0) return this.failed(`PUT at offset ${at} has an invalid index`, at);
        this.memoPut(idx, this.stack.length > 0 ? this.stack[this.stack.length - 1] : UNKNOWN);
        return true;
      }
      case Eff.Memoize:
        this.memoPut(this.memoCount, this.stack.length > 0 ? this.stack[this.stack.length - 1] : UNKNOWN);
        return true;
      case Eff.Get: {
        const idx = text !== undefined ? Number.parseInt(text, 10) : num;
        return this.pushOk(Number.isFinite(idx) ? this.memoGet(idx) : UNKNOWN, at);
      }
      case Eff.Stop:
        if (this.saved) {
          // end of a nested pickle (joblib object array): back to the outer pickle
          ({ stack: this.stack, marks: this.marks, memo: this.memo, memoSparse: this.memoSparse, memoCount: this.memoCount } = this.saved);
          this.saved = undefined;
          return true;
        }
        r.pickles++;
        this.stack.length = 0;
        this.marks.length = 0;
        this.memo = [];
        this.memoSparse.clear();
        this.memoCount = 0;
        this.memoOverflow = false;
        this.inPickle = false;
        return true;
      case Eff.Proto:
        if (num > HIGHEST_PROTOCOL) return this.failed(`unsupported pickle protocol ${num} at offset ${at}`, at);
        if (!r.protocols.includes(num)) r.protocols.push(num);
        return true;
      case Eff.Ext:
        r.ext++;
        return this.pushOk(UNKNOWN, at);
      case Eff.Persid:
        r.persid++;
        return this.pushOk(UNKNOWN, at);
      case Eff.Frame:
      case Eff.Nop:
        return true;
    }
    return true;
  }

  /** BUILD: pop the state, the object stays (as unknown); joblib arrays may follow in the stream */
  private build(at: number): boolean {
    const state = this.pop();
    const obj = this.pop();
    this.result.calls.build++;
    if (this.joblib.active) {
      const after = this.joblib.onBuild(state === DICT);
      if (after?.kind === 'raw') this.rawPending = after;
      else if (after?.kind === 'nested-pickle' && !this.saved) {
        this.saved = { stack: this.stack, marks: this.marks, memo: this.memo, memoSparse: this.memoSparse, memoCount: this.memoCount };
        this.stack = [];
        this.marks = [];
        this.memo = [];
        this.memoSparse = new Map();
        this.memoCount = 0;
      }
    }
    return this.pushOk(typeof obj === 'object' && !Array.isArray(obj) ? obj : UNKNOWN, at);
  }

  private tuple(n: number, at: number): boolean {
    const end = this.stack.length;
    const t = this.joblib.active ? this.intTuple(end - n, end) : undefined;
    for (let i = 0; i < n; i++) this.pop();
    return this.pushOk(t ?? OTHER, at);
  }

  /** the stack slice as a tuple of ints, when it is one (kept small) */
  private intTuple(from: number, to: number): number[] | undefined {
    if (from < 0 || to - from > 32) return undefined;
    const out: number[] = [];
    for (let i = from; i < to; i++) {
      const v = this.stack[i];
      if (!isInt(v)) return undefined;
      out.push(v);
    }
    return out;
  }

  private countCall(code: number): void {
    const c = this.result.calls;
    if (code === 0x52) c.reduce++;
    else if (code === 0x62) c.build++;
    else if (code === 0x81 || code === 0x92) c.newobj++;
    else if (code === 0x6f) c.obj++;
  }

  private pushOk(v: Sym, at: number): boolean {
    if (this.push(v)) return true;
    return this.failed(`stack depth limit (${this.maxStack}) reached at offset ${at}`, at);
  }

  private failed(message: string, at: number): boolean {
    this.fail(message, at);
    return false;
  }
}
