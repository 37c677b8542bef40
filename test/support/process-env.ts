/**
 * Sets process environment variables for a test file and gives back the function that puts them
 * back. The AWS SDK reads its endpoint and credentials from the process environment, so tests that
 * point it at the local Cost Explorer need this.
 */
export function setProcessEnv(env: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  for (const [key, value] of Object.entries(env)) {
    // undefined removes the variable for the test file
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  return () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
