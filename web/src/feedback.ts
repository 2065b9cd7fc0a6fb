import { describeError } from './errors.js';
import type { Feedback } from './screens/types.js';

/** The page's one error line: the contract's code in `data-code`, the message in words. */
export function pageFeedback(errorBox: HTMLElement): Feedback {
  return {
    error(error) {
      const { code, message } = describeError(error);
      errorBox.textContent = message;
      errorBox.dataset.code = code;
      errorBox.hidden = false;
    },
    clear() {
      errorBox.hidden = true;
      errorBox.textContent = '';
      delete errorBox.dataset.code;
    },
  };
}
