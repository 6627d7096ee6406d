/** Lets fields tell the settings dialog which of them hold text that cannot be saved. */
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';

/** Reports a field's current problem (null when none); the dialog refuses to save while any is reported. */
export type ReportInvalid = (id: string, message: string | null) => void;

/** Outside a dialog that listens, reports go nowhere. */
export const InvalidFieldsContext = createContext<ReportInvalid>(() => {});

/** Keeps the dialog told of this field's problem, and withdraws it when the field goes away. */
export function useReportInvalid(id: string, message: string | null): void {
  const report = useContext(InvalidFieldsContext);
  useEffect(() => report(id, message), [report, id, message]);
  useEffect(() => () => report(id, null), [report, id]);
}

/** The dialog's side: the problems reported so far (id → message) and the function fields report through. */
export function useInvalidFields(): [ReadonlyMap<string, string>, ReportInvalid] {
  const [problems, setProblems] = useState<ReadonlyMap<string, string>>(new Map());
  const report = useCallback<ReportInvalid>((id, message) => {
    setProblems((prev) => {
      if ((prev.get(id) ?? null) === message) return prev;
      const next = new Map(prev);
      if (message === null) next.delete(id);
      else next.set(id, message);
      return next;
    });
  }, []);
  return [problems, report];
}
