// `send <id> /quit` closes the agent in both modes; it is never a task for the model.

/** Pure: whether a message asks to close the agent. */
export function isQuitMessage(text: string): boolean {
  return /^\/(quit|exit)$/.test(text.trim());
}
