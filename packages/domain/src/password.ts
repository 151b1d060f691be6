// The password rule shown to users as error.password_too_weak.

export const PASSWORD_MIN_LENGTH = 8;

/** At least 8 characters, with at least one Latin letter and one digit. */
export function passwordStrongEnough(pw: unknown): boolean {
  if (typeof pw !== 'string') return false;
  return [...pw].length >= PASSWORD_MIN_LENGTH && /[A-Za-z]/.test(pw) && /\d/.test(pw);
}
