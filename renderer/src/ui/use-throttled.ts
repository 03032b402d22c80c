import { useEffect, useRef, useState } from 'react';

/**
 * The value, passed on at most once per `ms` (the latest one, never dropped at the end): a panel
 * fed 1,500 events a second redraws a few times a second, which is all a person can read.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = last.current + ms - Date.now();
    if (wait <= 0) {
      last.current = Date.now();
      setShown(value);
      return;
    }
    const timer = setTimeout(() => {
      last.current = Date.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return shown;
}
