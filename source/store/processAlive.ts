// Whether a pid belongs to a live process, as seen from this host. Used by the data-dir lock (is the
// holder still there?) and by `status` (is the bot running?).

/** True when `pid` names a live process. EPERM means it exists but belongs to another user: alive. */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
