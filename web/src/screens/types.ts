/** Renders a screen into `root`; the returned function stops its timers and subscriptions. */
export type Screen = (root: HTMLElement) => (() => void) | void;

export interface Feedback {
  error(error: unknown): void;
  clear(): void;
}

/** Runs a user action, clearing the last error first and showing the action's own if it fails. */
export const attempt = (feedback: Feedback, action: () => Promise<unknown>) => async (): Promise<void> => {
  try {
    feedback.clear();
    await action();
  } catch (e) {
    feedback.error(e);
  }
};
