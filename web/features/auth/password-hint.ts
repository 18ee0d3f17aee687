import { PASSWORD_MIN_LENGTH } from '../../../shared/schemas/auth.ts';

export const PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters. A short sentence or a few unrelated words is easy to remember and hard to guess.`;
