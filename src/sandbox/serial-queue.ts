/**
 * Runs async tasks one at a time, in the order they were queued. A failing task does not stop the queue; its
 * caller gets the rejection.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  run<T>(task: () => Promise<T>): Promise<T> {
    this.pending += 1;
    const result = this.tail.then(task);
    this.tail = result.then(
      () => {
        this.pending -= 1;
      },
      () => {
        this.pending -= 1;
      },
    );
    return result;
  }

  /** Tasks queued or running. */
  get size(): number {
    return this.pending;
  }
}
