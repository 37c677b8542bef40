/** Levenshtein distance, for "did you mean …?" suggestions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate nearest to `input`, if it is near enough to be a plausible typo: a few edits, and
 * fewer than either word has letters (two edits turn any two-letter word into `ha`, `gb` included).
 */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(input.length / 3));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(input, candidate);
    const near = distance <= limit && distance < Math.min(input.length, candidate.length);
    if (near && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}
