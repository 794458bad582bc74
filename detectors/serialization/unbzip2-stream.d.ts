// Types for the block decoder inside unbzip2-stream (plain JavaScript, no bundled types).
declare module 'unbzip2-stream/lib/bit_iterator.js' {
  export interface BitReader {
    (n: number | null): number;
    bytesRead: number;
  }
  export default function bitIterator(nextBuffer: () => Buffer): BitReader;
}
declare module 'unbzip2-stream/lib/bzip2.js' {
  type BitReader = ((n: number | null) => number) & { bytesRead: number };
  const bzip2: {
    /** reads the stream header; returns the block size (1-9) */
    header(bits: BitReader): number;
    /** decodes one block into `write`; returns the running stream CRC, or null at the end-of-stream marker */
    decompress(bits: BitReader, write: (byte: number) => void, buf: Int32Array, bufsize: number, streamCRC: number | null): number | null;
  };
  export default bzip2;
}
