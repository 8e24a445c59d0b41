import { z } from 'zod';

/**
 * A path sent by a caller (the UI, a browser, the CLI): any text but a NUL character, which no
 * file system allows in a name. Refused here, at the contract, as the caller's mistake, rather
 * than failing deep in a file operation as an internal error (issue 13).
 */
export const noNul = (s: string) => !s.includes('\0');
export const NUL_MESSAGE = 'a path cannot contain the NUL character (\\0)';

export const pathInputSchema = (max = 4096) => z.string().min(1).max(max).refine(noNul, NUL_MESSAGE);
