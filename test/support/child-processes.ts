import fs from 'node:fs';

/** The command line of a process, or '' when it has ended since it was listed. */
function commandLine(pid: string): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/**
 * This test process's children running `entry` (e.g. `digest-process.js`), as Linux lists them: a
 * test of one kind of child process is not confused by another test's (the bot's Cost Explorer
 * process stays up for a while after its last request).
 */
export function childProcesses(entry: string): string[] {
  return fs
    .readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter((pid) => pid && commandLine(pid).includes(entry));
}
