/**
 * Runs `work` over the items with at most `limit` in flight, keeping input order. Once `isStopped()` turns true no
 * further item starts (a destination-wide failure makes the rest pointless); their slots stay undefined.
 */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  isStopped: () => boolean = () => false,
): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = new Array<R | undefined>(items.length).fill(undefined);
  let next = 0;
  const runner = async (): Promise<void> => {
    while (next < items.length && !isStopped()) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, runner));
  return results;
}
