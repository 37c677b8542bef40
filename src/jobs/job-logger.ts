/** What the jobs log through: the app's logger in production, a quiet one in tests. */
export interface JobLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}
