/** Where an export goes: a file chosen with the File System Access API, or a plain download. */

/** A byte sink plus how to finish or abandon it. */
export interface SaveTarget {
  /** Stores a piece; resolves with it when done with it (it may be refilled), or nothing when it keeps it. */
  write(bytes: Uint8Array): Promise<Uint8Array | undefined>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

interface PickerWindow {
  showSaveFilePicker?: (options: {
    suggestedName: string;
    types: Array<{ description: string; accept: Record<string, string[]> }>;
  }) => Promise<{ createWritable(): Promise<WritableStreamLike> }>;
}
interface WritableStreamLike {
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/** True when the browser can stream straight into a file the user picks. */
export function canPickFile(): boolean {
  return typeof (window as PickerWindow).showSaveFilePicker === 'function';
}

/** Opens the save picker (throws AbortError if the user cancels). */
export async function pickFile(name: string): Promise<SaveTarget> {
  const picker = (window as PickerWindow).showSaveFilePicker;
  if (!picker) return download(name);
  const handle = await picker({
    suggestedName: name,
    types: [{ description: 'CSV', accept: { 'text/csv': ['.csv'] } }],
  });
  const w = await handle.createWritable();
  return {
    // Written once the promise resolves: the exporter may fill the same buffer again.
    write: async (b) => {
      await w.write(b);
      return b;
    },
    close: () => w.close(),
    abort: () => w.abort(),
  };
}

/** Collects the pieces and hands them to the browser as one download at the end. */
export function download(name: string): SaveTarget {
  const parts: BlobPart[] = [];
  return {
    async write(b) {
      parts.push(b as Uint8Array<ArrayBuffer>);
      return undefined; // kept until the download is built
    },
    async close() {
      const url = URL.createObjectURL(new Blob(parts, { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    async abort() {
      parts.length = 0;
    },
  };
}
