/**
 * `Promise.all(items.map(work))` with at most `limit` calls in flight, results in input order.
 * For file reads over a whole workspace: thousands of files opened at once would hit the
 * per-process open-file limit (256 by default on macOS) and fail with EMFILE.
 */
export async function mapWithLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
