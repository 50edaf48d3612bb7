import {useEffect, useState} from 'react';

/** `now()` re-read every `intervalMs`, so countdowns and ages move even when no snapshot arrives. */
export function useClock(now: () => number, intervalMs = 1000): number {
  const [time, setTime] = useState(now);
  useEffect(() => {
    setTime(now());
    const timer = setInterval(() => setTime(now()), intervalMs);
    return () => clearInterval(timer);
  }, [now, intervalMs]);
  return time;
}
