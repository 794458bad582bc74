// A one-line progress display on stderr, only on a TTY; silent otherwise.
export interface Progress {
  update(p: { files: number; bytesHashed: number }): void;
  done(): void;
}

function mb(n: number): string {
  return n >= 1 << 30 ? `${(n / (1 << 30)).toFixed(2)} GiB` : `${(n / (1 << 20)).toFixed(1)} MiB`;
}

export function makeProgress(stream: NodeJS.WriteStream, enabled: boolean): Progress {
  if (!enabled || !stream.isTTY) return { update() {}, done() {} };
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      stream.write(`\r\u001b[2Kscanning: ${p.files} files walked, ${mb(p.bytesHashed)} hashed`);
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}
