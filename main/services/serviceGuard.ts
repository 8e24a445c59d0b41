import {
  contract,
  parseInput,
  type FactmarkHandlers,
  type OperationName,
  type OperationOutput,
  type ParsedInput,
} from '../../shared/api/contract';
import { fail, type Result } from '../../shared/api/result';
import { FileBusyError } from './fileLock';
import { JournalBusyError } from './journal';
import { errorMessage, ioFailure } from './ioErrors';

/** Run work so it answers a Result whatever happens: file-system errors name their file. */
export async function guarded<T>(work: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof FileBusyError || err instanceof JournalBusyError) return fail('busy', err.message);
    return ioFailure(err) ?? fail('internal', `Unexpected error: ${errorMessage(err)}`);
  }
}

/** Wrap every handler (all of the contract's, or one domain's) so it answers a Result whatever happens. */
export function guardAll<H extends Partial<FactmarkHandlers>>(handlers: H): H {
  const wrapped: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (input: unknown) => Promise<Result<unknown>>][]) {
    wrapped[name] = (input) => guarded(() => handler(input));
  }
  return wrapped as unknown as H;
}

const isOperationName = (name: string): name is OperationName => Object.prototype.hasOwnProperty.call(contract, name);

/**
 * The one entry point for untrusted callers (IPC, HTTP): checks the operation name and its
 * input against the contract, then runs the handler. Never throws.
 */
export async function dispatch(handlers: FactmarkHandlers, name: string, rawInput: unknown): Promise<Result<unknown>> {
  if (typeof name !== 'string' || !isOperationName(name)) {
    return fail('invalid-input', `Unknown operation "${String(name).slice(0, 80)}".`);
  }
  const parsed = parseInput(name, rawInput);
  if (!parsed.ok) return fail('invalid-input', parsed.message);
  try {
    const handler = handlers[name] as (input: ParsedInput<OperationName>) => Promise<Result<OperationOutput<OperationName>>>;
    return await handler(parsed.value);
  } catch (err) {
    return fail('internal', `Unexpected error: ${errorMessage(err)}`);
  }
}
