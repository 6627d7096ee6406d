/** Shapes the fetch worker's alert calls return to the page (kept in core so the UI needs no worker module). */

/** A chat the bot has seen in getUpdates. */
export interface ChatCandidate {
  id: string;
  title: string;
  type: string;
}

/** Result of "Send test message". */
export interface TestSendResult {
  ok: boolean;
  message: string;
}

/** Result of "Find my chat". */
export interface FindChatsResult {
  chats: ChatCandidate[];
  error: string | null;
}
