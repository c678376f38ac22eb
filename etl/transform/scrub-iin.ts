const TWELVE_DIGITS = /\d{12}/g;

/**
 * Replaces every run of 12 digits with [IIN] (data contract §2), so stored free text never holds a
 * personal number. A longer run loses each 12 digits in turn: a typo'd IIN with a 13th digit is still hidden.
 */
export function scrubIin(text: string): string {
  return /\d{12}/.test(text) ? text.replace(TWELVE_DIGITS, '[IIN]') : text;
}
