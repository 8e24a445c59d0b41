/**
 * Records keyed by data (label and attribute ids, the labels of an imported file, words of a
 * text). A plain object answers `constructor`, `toString` or `valueOf` from Object.prototype
 * even when the key was never set, and `obj['__proto__'] = …` sets its prototype instead of a
 * key: a label with such a name would be miscounted or refused (issue 13). These helpers keep
 * such keys ordinary.
 */

/** An empty record with no prototype: every key, `__proto__` included, is an own key. */
export const keyedRecord = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/** A lookup table (a constant) with no prototype, so a word like "constructor" is simply absent. */
export const lookupTable = <T>(entries: Record<string, T>): Readonly<Record<string, T>> => Object.assign(keyedRecord<T>(), entries);

/** The value a record holds under `key` itself, never one inherited from Object.prototype. */
export function ownValue<T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return record != null && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
