/**
 * Where a matcher's usage error points: at the user's `expect(…)` line. A
 * synchronous matcher's error gets its stack re-captured from its caller (in
 * `fromCaller` and the setup file's stand-ins); an async matcher rejects after
 * those frames are gone, so they are captured when it is called. Light: the
 * setup file loads it.
 */

/**
 * `out` as it is, or, where it is a promise, one that rejects as it does but
 * with a usage error's stack starting at `boundary`'s caller: an async matcher
 * rejects after its caller's frames are gone, so they are captured now.
 *
 * @example
 * return rejectingFromCaller(matcher.call(this, received), userFacing, (e) => e instanceof MatcherUsageError);
 */
export function rejectingFromCaller<T>(out: T, boundary: (...args: never[]) => unknown, isUsage: (error: unknown) => error is Error): T {
  if (!(out instanceof Promise) || typeof Error.captureStackTrace !== 'function') return out;
  const site: { stack?: string } = {};
  Error.captureStackTrace(site, boundary);
  return out.catch((error: unknown) => {
    if (isUsage(error) && site.stack !== undefined) {
      const at = site.stack.indexOf('\n');
      error.stack = `${error.name}: ${error.message}${at < 0 ? '' : site.stack.slice(at)}`;
    }
    throw error;
  }) as T;
}
