/**
 * The few non-ES globals core may use: present in every runtime LiqLab runs in (page, workers, Node).
 * Everything else (DOM, IndexedDB, fetch) stays out of core on purpose.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
