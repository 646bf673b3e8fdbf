import { renderFieldError, zodFieldErrors } from '@bureau/core';
import { describe, expect, it } from 'vitest';
import { Quantity } from '../src/server/services/quantity.ts';

describe('Quantity', () => {
  it('refuses a fourth decimal in the reader’s language (issue 20 item 5)', () => {
    const parsed = Quantity.safeParse(1.2345);
    if (parsed.success) throw new Error('1.2345 was accepted');
    const [error] = zodFieldErrors(parsed.error);
    if (!error) throw new Error('no field error');
    expect(renderFieldError(error, 'cs').message).toBe('Nejvýše tři desetinná místa');
    expect(renderFieldError(error, 'en').message).toBe('At most three decimals');
    expect(Quantity.parse('1,234')).toBe(1.234);
  });
});
