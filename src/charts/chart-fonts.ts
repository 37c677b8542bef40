import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The font every chart is drawn in. It ships in an npm package (`dejavu-fonts-ttf`, a production
 * dependency) because the runtime image and CI may have no system fonts at all; resolving it through
 * Node's module resolution finds it from src/ under ts-jest, from dist/, and in the Docker image
 * (which copies node_modules), without any path relative to this file.
 */
export const CHART_FONT_FAMILY = 'DejaVu Sans';

const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

let resolved: string[] | undefined;

/** Absolute paths of the bundled TTF files; throws a clear error if the package is missing. */
export function chartFontFiles(): string[] {
  if (resolved) return resolved;
  let dir: string;
  try {
    dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  } catch (error) {
    throw new Error(`charts: the font package dejavu-fonts-ttf is not installed (${(error as Error).message})`);
  }
  const files = FONT_FILES.map((file) => path.join(dir, file));
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`charts: font files missing: ${missing.join(', ')}`);
  resolved = files;
  return files;
}
