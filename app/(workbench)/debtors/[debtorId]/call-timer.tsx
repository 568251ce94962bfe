"use client";

import { useEffect, useState } from "react";

/** Minutes and seconds since the call started, ticking every second. */
export function CallTimer({ startedAt, label }: { startedAt: string; label: string }) {
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    const tick = () => setElapsed(Math.max(0, Math.floor((Date.now() - new Date(startedAt).getTime()) / 1000)));
    tick();
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [startedAt]);
  const mmss = `${String(Math.floor(elapsed / 60)).padStart(2, "0")}:${String(elapsed % 60).padStart(2, "0")}`;
  return (
    <span className="font-mono text-[13px] text-slate-700" aria-label={label} data-testid="call-timer">
      {mmss}
    </span>
  );
}
