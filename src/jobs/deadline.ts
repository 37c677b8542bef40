/** A bound on work that may hang (a slow or silent upstream): the caller stops waiting at the deadline. */
export class DeadlineExceeded extends Error {
  constructor(readonly ms: number) {
    super(`did not finish within ${Math.round(ms / 1000)} s`);
    this.name = 'DeadlineExceeded';
  }
}

/** `work`, or a DeadlineExceeded rejection after `ms`. The timer never keeps the process alive. */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(ms)), ms);
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
