import { useCallback, useEffect, useState } from 'preact/hooks';

/**
 * A counter that goes up every `everyMs` while the tab is visible, and at once when the user asks;
 * panels put it in their request deps so one timer refreshes a whole page.
 */
export function useTicker(everyMs: number): { tick: number; bump: () => void } {
  const [tick, setTick] = useState(0);
  const bump = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') bump();
    }, everyMs);
    // A tab coming back shows fresh figures instead of waiting for the next beat.
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') bump();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [everyMs, bump]);
  return { tick, bump };
}
