// Loads that finish in the background (a WebAssembly grammar compiling on V8's threads) but need turns of the
// event loop to get there. The runner's walk is synchronous between folders, so it asks loadsPending() and yields
// while one is under way: otherwise a grammar asked for early in the walk would only be ready after it, and the
// files waiting for it would all be parsed then, with the main thread idle while the last steps compile.
let pending = 0;

/** counts `p` as pending until it settles; returns it */
export function trackLoad<T>(p: Promise<T>): Promise<T> {
  pending++;
  const done = () => {
    pending--;
  };
  p.then(done, done);
  return p;
}

/** true while a tracked load has not settled */
export function loadsPending(): boolean {
  return pending > 0;
}
