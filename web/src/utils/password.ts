/** Client-side copy of the server's password rule: at least 8 characters, a letter and a digit. */
export type PasswordProblem = 'tooShort' | 'needLetterDigit';

export function passwordProblem(pw: string): PasswordProblem | null {
  if ([...pw].length < 8) return 'tooShort';
  if (!/\p{L}/u.test(pw) || !/\p{Nd}/u.test(pw)) return 'needLetterDigit';
  return null;
}
