/** Types for the fake Telegram Bot API (telegram.mjs). */
export interface ReceivedCall {
  method: string;
  token: string;
  params: Record<string, string>;
  /** Uploaded files; `image` is what the fake could read of them (null: not an image). */
  files: Record<
    string,
    {
      size: number;
      head: string;
      image: { type: 'png' | 'jpeg'; width: number | null; height: number | null } | null;
    }
  >;
  at: number;
  status: number;
}

/** A running fake. */
export interface FakeTelegram {
  url: string;
  received: ReceivedCall[];
  delivered(): ReceivedCall[];
  force(
    count: number,
    status: number,
    body: unknown,
    headers?: Record<string, string>,
    methods?: string[] | null,
  ): void;
  flood(count: number, retryAfter: number): void;
  userWrites(chatId: number, text?: string, chat?: Record<string, unknown>): void;
  close(): Promise<void>;
}

/** Starts the fake. */
export function startFakeTelegram(options?: {
  port?: number;
  tokens?: string[] | null;
  chats?: string[] | null;
  floodMs?: number;
}): Promise<FakeTelegram>;
