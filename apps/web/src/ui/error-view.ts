import type { ErrorPayload, Stage } from '../pipeline/protocol.js';
import { byId } from './dom.js';

const WHERE: Record<Stage, string> = {
  model: 'Could not load the model',
  activations: 'Could not run the model',
  factors: 'Could not find factors',
  explanations: 'Could not explain the factors',
  scores: 'Could not score the explanations',
};

/** The alert that shows a typed error: what went wrong, what to do, and its code. */
export class ErrorView {
  private readonly box = byId('error');

  show(error: ErrorPayload, stage?: Stage): void {
    const title = document.createElement('p');
    title.className = 'error-title';
    title.textContent = stage ? WHERE[stage] : 'Please check the settings';
    const message = document.createElement('p');
    message.className = 'error-message';
    message.textContent = error.message;
    const parts: HTMLElement[] = [title, message];
    if (error.hint) {
      const hint = document.createElement('p');
      hint.className = 'error-hint';
      const label = document.createElement('strong');
      label.textContent = 'What to do: ';
      hint.append(label, error.hint);
      parts.push(hint);
    }
    const code = document.createElement('p');
    code.className = 'error-code';
    const codeText = document.createElement('code');
    codeText.textContent = error.code;
    code.append('Error code ', codeText);
    parts.push(code);
    this.box.replaceChildren(...parts);
    this.box.dataset.code = error.code;
    this.box.hidden = false;
  }

  clear(): void {
    this.box.hidden = true;
    this.box.replaceChildren();
    delete this.box.dataset.code;
  }

  /** Moves focus to the message, for errors not tied to a field. */
  focus(): void {
    this.box.focus();
  }
}
