// Pickle opcodes of protocols 0-5 (CPython Lib/pickletools.py is the reference), as a table:
// how the argument is encoded and what the opcode does to the symbolic stack. No behaviour here.

/** How an opcode's argument is stored after the opcode byte. */
export const enum Arg {
  None = 0,
  /** fixed-size binary argument of `size` bytes */
  Fixed = 1,
  /** newline-terminated text */
  Line = 2,
  /** two newline-terminated lines (module, name) */
  Line2 = 3,
  /** little-endian length of `size` bytes (unsigned) followed by that many bytes */
  Len = 4,
}

/** What the opcode does to the symbolic stack. */
export const enum Eff {
  PushOther = 0,
  PushString = 1,
  Mark = 2,
  Pop = 3,
  PopMark = 4,
  Dup = 5,
  /** pop `n` values, push one "other" */
  PopNPush = 6,
  /** pop `n` values, push nothing */
  PopN = 7,
  /** pop to mark, push one "other" */
  MarkPush = 8,
  /** pop to mark, push nothing */
  MarkPop = 9,
  Global = 10,
  Inst = 11,
  StackGlobal = 12,
  Put = 13,
  Memoize = 14,
  Get = 15,
  Stop = 16,
  Proto = 17,
  Frame = 18,
  Nop = 19,
  Ext = 20,
  Persid = 21,
}

export interface OpInfo {
  code: number;
  name: string;
  arg: Arg;
  /** bytes of a Fixed argument, or of the length prefix of a Len argument */
  size: number;
  eff: Eff;
  /** values popped by PopNPush / PopN */
  n: number;
  /** the opcode is a call that may run code (REDUCE, BUILD, NEWOBJ, NEWOBJ_EX, OBJ, INST) */
  call?: boolean;
  /** Line argument is a string literal (STRING / UNICODE) */
  text?: 'repr' | 'rawunicode';
  /** Len argument carries text (BINSTRING, BINUNICODE...) */
  str?: boolean;
  /** memo index encoding for PUT/GET: line decimal or binary */
}

const T: OpInfo[] = [];
function op(ch: string | number, name: string, arg: Arg, size: number, eff: Eff, n = 0, extra: Partial<OpInfo> = {}): void {
  const code = typeof ch === 'number' ? ch : ch.charCodeAt(0);
  // every entry has the same shape (monomorphic access in the hot loop)
  T.push({ code, name, arg, size, eff, n, call: extra.call ?? false, text: extra.text, str: extra.str ?? false });
}

// protocol 0 / 1
op('(', 'MARK', Arg.None, 0, Eff.Mark);
op('.', 'STOP', Arg.None, 0, Eff.Stop);
op('0', 'POP', Arg.None, 0, Eff.Pop);
op('1', 'POP_MARK', Arg.None, 0, Eff.PopMark);
op('2', 'DUP', Arg.None, 0, Eff.Dup);
op('F', 'FLOAT', Arg.Line, 0, Eff.PushOther);
op('I', 'INT', Arg.Line, 0, Eff.PushOther);
op('J', 'BININT', Arg.Fixed, 4, Eff.PushOther);
op('K', 'BININT1', Arg.Fixed, 1, Eff.PushOther);
op('L', 'LONG', Arg.Line, 0, Eff.PushOther);
op('M', 'BININT2', Arg.Fixed, 2, Eff.PushOther);
op('N', 'NONE', Arg.None, 0, Eff.PushOther);
op('P', 'PERSID', Arg.Line, 0, Eff.Persid);
op('Q', 'BINPERSID', Arg.None, 0, Eff.PopNPush, 1);
op('R', 'REDUCE', Arg.None, 0, Eff.PopNPush, 2, { call: true });
op('S', 'STRING', Arg.Line, 0, Eff.PushString, 0, { text: 'repr' });
op('T', 'BINSTRING', Arg.Len, 4, Eff.PushString, 0, { str: true });
op('U', 'SHORT_BINSTRING', Arg.Len, 1, Eff.PushString, 0, { str: true });
op('V', 'UNICODE', Arg.Line, 0, Eff.PushString, 0, { text: 'rawunicode' });
op('X', 'BINUNICODE', Arg.Len, 4, Eff.PushString, 0, { str: true });
op('a', 'APPEND', Arg.None, 0, Eff.PopN, 1);
op('b', 'BUILD', Arg.None, 0, Eff.PopNPush, 2, { call: true });
op('c', 'GLOBAL', Arg.Line2, 0, Eff.Global);
op('d', 'DICT', Arg.None, 0, Eff.MarkPush);
op('}', 'EMPTY_DICT', Arg.None, 0, Eff.PushOther);
op('e', 'APPENDS', Arg.None, 0, Eff.MarkPop);
op('g', 'GET', Arg.Line, 0, Eff.Get);
op('h', 'BINGET', Arg.Fixed, 1, Eff.Get);
op('i', 'INST', Arg.Line2, 0, Eff.Inst, 0, { call: true });
op('j', 'LONG_BINGET', Arg.Fixed, 4, Eff.Get);
op('l', 'LIST', Arg.None, 0, Eff.MarkPush);
op(']', 'EMPTY_LIST', Arg.None, 0, Eff.PushOther);
op('o', 'OBJ', Arg.None, 0, Eff.MarkPush, 0, { call: true });
op('p', 'PUT', Arg.Line, 0, Eff.Put);
op('q', 'BINPUT', Arg.Fixed, 1, Eff.Put);
op('r', 'LONG_BINPUT', Arg.Fixed, 4, Eff.Put);
op('s', 'SETITEM', Arg.None, 0, Eff.PopN, 2);
op('t', 'TUPLE', Arg.None, 0, Eff.MarkPush);
op(')', 'EMPTY_TUPLE', Arg.None, 0, Eff.PushOther);
op('u', 'SETITEMS', Arg.None, 0, Eff.MarkPop);
op('G', 'BINFLOAT', Arg.Fixed, 8, Eff.PushOther);
// protocol 2
op(0x80, 'PROTO', Arg.Fixed, 1, Eff.Proto);
op(0x81, 'NEWOBJ', Arg.None, 0, Eff.PopNPush, 2, { call: true });
op(0x82, 'EXT1', Arg.Fixed, 1, Eff.Ext);
op(0x83, 'EXT2', Arg.Fixed, 2, Eff.Ext);
op(0x84, 'EXT4', Arg.Fixed, 4, Eff.Ext);
op(0x85, 'TUPLE1', Arg.None, 0, Eff.PopNPush, 1);
op(0x86, 'TUPLE2', Arg.None, 0, Eff.PopNPush, 2);
op(0x87, 'TUPLE3', Arg.None, 0, Eff.PopNPush, 3);
op(0x88, 'NEWTRUE', Arg.None, 0, Eff.PushOther);
op(0x89, 'NEWFALSE', Arg.None, 0, Eff.PushOther);
op(0x8a, 'LONG1', Arg.Len, 1, Eff.PushOther);
op(0x8b, 'LONG4', Arg.Len, 4, Eff.PushOther);
// protocol 3
op('B', 'BINBYTES', Arg.Len, 4, Eff.PushOther);
op('C', 'SHORT_BINBYTES', Arg.Len, 1, Eff.PushOther);
// protocol 4
op(0x8c, 'SHORT_BINUNICODE', Arg.Len, 1, Eff.PushString, 0, { str: true });
op(0x8d, 'BINUNICODE8', Arg.Len, 8, Eff.PushString, 0, { str: true });
op(0x8e, 'BINBYTES8', Arg.Len, 8, Eff.PushOther);
op(0x8f, 'EMPTY_SET', Arg.None, 0, Eff.PushOther);
op(0x90, 'ADDITEMS', Arg.None, 0, Eff.MarkPop);
op(0x91, 'FROZENSET', Arg.None, 0, Eff.MarkPush);
op(0x92, 'NEWOBJ_EX', Arg.None, 0, Eff.PopNPush, 3, { call: true });
op(0x93, 'STACK_GLOBAL', Arg.None, 0, Eff.StackGlobal);
op(0x94, 'MEMOIZE', Arg.None, 0, Eff.Memoize);
op(0x95, 'FRAME', Arg.Fixed, 8, Eff.Frame);
// protocol 5
op(0x96, 'BYTEARRAY8', Arg.Len, 8, Eff.PushOther);
op(0x97, 'NEXT_BUFFER', Arg.None, 0, Eff.PushOther);
op(0x98, 'READONLY_BUFFER', Arg.None, 0, Eff.Nop);

/** opcode byte -> info; undefined for bytes that are not opcodes */
export const OPCODES: readonly (OpInfo | undefined)[] = (() => {
  const table: (OpInfo | undefined)[] = new Array<OpInfo | undefined>(256).fill(undefined);
  for (const info of T) table[info.code] = info;
  return table;
})();

export const HIGHEST_PROTOCOL = 5;

/** Flat per-byte tables for the walker's hot loop (typed arrays: no object access per opcode). */
export const FLAG_VALID = 1;
export const FLAG_CALL = 2;
export const FLAG_STR = 4;
export const OP_ARG = new Uint8Array(256);
export const OP_SIZE = new Uint8Array(256);
export const OP_EFF = new Uint8Array(256);
export const OP_N = new Uint8Array(256);
export const OP_FLAGS = new Uint8Array(256);
for (const info of T) {
  OP_ARG[info.code] = info.arg;
  OP_SIZE[info.code] = info.size;
  OP_EFF[info.code] = info.eff;
  OP_N[info.code] = info.n;
  OP_FLAGS[info.code] = FLAG_VALID | (info.call ? FLAG_CALL : 0) | (info.str ? FLAG_STR : 0);
}
