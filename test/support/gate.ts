/**
 * A gate a fake holds its answer on until the test opens it: "the ack came while Cost Explorer was
 * still answering" becomes an ordering the test controls, not a race against a clock.
 */
export class Gate {
  readonly opened: Promise<void>;
  isOpen = false;
  private release!: () => void;

  constructor() {
    this.opened = new Promise<void>((resolve) => {
      this.release = resolve;
    });
  }

  open(): void {
    this.isOpen = true;
    this.release();
  }
}

/**
 * Polls until `condition()` holds. The limit (about 20 s of 10 ms polls) is only a safety net that
 * names what never happened; it does not assert speed.
 */
export async function waitUntil(condition: () => boolean, what: string, polls = 2_000): Promise<void> {
  for (let i = 0; !condition(); i++) {
    if (i >= polls) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10).unref());
  }
}
