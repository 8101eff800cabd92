import demoTexts from '@explainable-ecco/demo-model/demo-texts.json' with { type: 'json' };

/** The counting example, as the app's first preset shows it. */
export const COUNTING = demoTexts.counting.text;

/**
 * A text of about `tokens` tokens for a tokenizer: the robot poem, repeated and cut at a word
 * boundary. `count` is the tokenizer's token count of a string.
 */
export function textOfAbout(tokens: number, count: (text: string) => number): string {
  const poem = demoTexts['robot-poem'].text;
  const words = `${poem}\n${poem}\n${poem}`.split(' ');
  let lo = 1;
  let hi = words.length;
  // The longest prefix (in words) that stays within the budget.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (count(words.slice(0, mid).join(' ')) <= tokens) lo = mid;
    else hi = mid - 1;
  }
  return words.slice(0, lo).join(' ');
}
