// Text from scanned content (file and member names, keys, messages that quote them) shown in a terminal, in
// Markdown or in XML. A hostile repository can name a file "\u001b]0;...\u0007x.pt": printed raw, that drives the
// reader's terminal; in a CycloneDX XML BOM, characters XML 1.0 forbids even as references make the whole
// document unreadable.

/** C0 and C1 control characters, DEL, and the bidirectional controls that reorder displayed text */
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The text with control and bidirectional characters written as \u{...} (a tab or line break as a space), for
 *  terminal and Markdown output. */
export function visibleText(s: string): string {
  return s.replace(HIDDEN, (c) => (c === '\t' || c === '\n' || c === '\r' ? ' ' : `\\u{${c.charCodeAt(0).toString(16).toUpperCase()}}`));
}

/** a UTF-16 surrogate without its other half (a name that is not valid Unicode) */
const LONE_SURROGATE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const LONE_SURROGATE_RE = new RegExp(LONE_SURROGATE, 'g');

/** The text with each lone surrogate replaced by U+FFFD, so that it can be percent-encoded or written as UTF-8. */
export function wellFormed(s: string): string {
  return s.replace(LONE_SURROGATE_RE, '\ufffd');
}

/** characters XML 1.0 does not allow anywhere, not even as character references; lone surrogates too */
const XML_FORBIDDEN = new RegExp(`[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\ufffe\\uffff]|${LONE_SURROGATE}`, 'g');

/** A serialized XML document with every character XML 1.0 forbids written as \u{...}. The characters never occur
 *  in markup, so only text and attribute values change, and the same way everywhere (a bom-ref and the references
 *  to it stay equal). */
export function xmlSafe(xml: string): string {
  return xml.replace(XML_FORBIDDEN, (c) => `\\u{${c.charCodeAt(0).toString(16).toUpperCase()}}`);
}
