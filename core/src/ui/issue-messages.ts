import { fieldMessageText } from '../i18n/field-messages.ts';
import type { IssueMessage, SchemaIssue } from './form.ts';
import { useI18n } from './i18n.tsx';
import { useKit } from './kit-messages.ts';

/**
 * Localized words for the zod issues a form meets before it sends: required, too short/long, too
 * small/big, not an e-mail. A schema's own field message (`defineFieldMessages`) is read in the
 * current language; other messages a schema states itself are kept as written.
 */
export function useIssueMessage(): IssueMessage {
  const t = useKit();
  const { locale } = useI18n();
  return (issue: SchemaIssue) => {
    const own = fieldMessageText(issue.message, locale());
    if (own) return own;
    const n = (v: number | bigint | undefined) => Number(v ?? 0);
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined || issue.input === null ? t('required') : t('invalidValue');
      case 'too_small':
        if (issue.origin === 'string')
          return n(issue.minimum) <= 1 ? t('required') : t('tooShort', { count: n(issue.minimum) });
        if (issue.origin === 'array') return t('required');
        return t('tooSmall', { min: String(issue.minimum) });
      case 'too_big':
        if (issue.origin === 'string') return t('tooLong', { count: n(issue.maximum) });
        return t('tooBig', { max: String(issue.maximum) });
      case 'invalid_format':
        return issue.format === 'email' ? t('invalidEmail') : t('invalidValue');
      case 'invalid_value':
        return t('invalidValue');
      default:
        return issue.message;
    }
  };
}
