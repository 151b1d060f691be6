// Puts the server's per-field validation messages (already in the user's language) beside the
// fields of an antd form. Whatever cannot be placed on a field is returned, to be shown otherwise.
import type { FormInstance } from 'antd';
import i18n from '../i18n.ts';
import { ApiError, errorMessage } from './client.ts';

/**
 * @param fields  the form's field names, so messages for other fields are not lost
 * @param aliases server field → form field (e.g. `toUnitId` → `unit`)
 * @returns the message to show outside the form, or null when every problem sits on a field
 */
export function applyFormErrors(
  form: FormInstance,
  error: unknown,
  fields: readonly string[],
  aliases: Record<string, string> = {},
): string | null {
  if (!(error instanceof ApiError) || error.details.length === 0) return errorMessage(error);
  const byField = new Map<string, string[]>();
  const leftovers: string[] = [];
  for (const d of error.details) {
    // Nested paths such as `specialties.0` belong to the list field.
    const head = d.field.split('.')[0];
    const name = aliases[d.field] ?? aliases[head] ?? head;
    const text = d.message || error.message;
    if (fields.includes(name)) byField.set(name, [...(byField.get(name) ?? []), text]);
    else leftovers.push(d.field ? `${d.field}: ${text}` : text);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors: [...new Set(errors)] })));
  const first = [...byField.keys()][0];
  if (first) form.scrollToField(first, { block: 'center' });
  if (leftovers.length) return [error.message, ...leftovers].join(i18n.t('common.separator'));
  return null;
}
