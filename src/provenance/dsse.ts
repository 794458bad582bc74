// DSSE pre-authentication encoding, and the buggy variant model_signing v0.2.0 signed
// ("DSSEV1" and the payload written as a Python bytes literal), accepted only for v0.2 statements.

export function preAuthEncoding(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `, 'utf8'),
    type,
    Buffer.from(` ${payload.length} `, 'utf8'),
    payload,
  ]);
}

/** Python's repr() of a bytes object: b'...' (or b"..." when only single quotes occur). */
export function pythonBytesRepr(data: Buffer): string {
  const hasSingle = data.includes(0x27);
  const hasDouble = data.includes(0x22);
  const quote = hasSingle && !hasDouble ? 0x22 : 0x27;
  let out = 'b' + String.fromCharCode(quote);
  for (const c of data) {
    if (c === quote || c === 0x5c) out += '\\' + String.fromCharCode(c);
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x20 || c >= 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += String.fromCharCode(c);
  }
  return out + String.fromCharCode(quote);
}

/** The PAE model_signing v0.2.0 actually signed (see its signature/encoding.py). */
export function legacyPreAuthEncoding(payloadType: string, payload: Buffer): Buffer {
  const typeLen = Buffer.byteLength(payloadType, 'utf8');
  return Buffer.from(`DSSEV1 ${typeLen} ${payloadType} ${payload.length} ${pythonBytesRepr(payload)}`, 'utf8');
}
