/**
 * The jobs of one timer owner run one after another in this process (a digest never races its own
 * snapshot, a budget check never races the anomaly scan). A failing job is reported, never thrown
 * at the timer; after `stop()` no job starts and the one under way is waited for.
 */
export class OneAtATime {
  private running = Promise.resolve();
  private stopped = false;

  constructor(private readonly onFailure: (error: unknown) => void) {}

  run(job: () => Promise<unknown>): Promise<void> {
    const next = this.running.then(async () => {
      if (this.stopped) return;
      try {
        await job();
      } catch (error) {
        this.onFailure(error);
      }
    });
    this.running = next;
    return next;
  }

  /** From now on no job starts; resolves when the one under way is done. */
  stop(): Promise<void> {
    this.stopped = true;
    return this.running;
  }
}
