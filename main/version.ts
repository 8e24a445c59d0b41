import { version as packageVersion } from '../package.json';

/** Defined by scripts/build.mjs (esbuild `define`); absent when the source runs under Vitest. */
declare const __FACTMARK_VERSION__: string;

/** The app version shown to users and written into export sidecars. */
export const VERSION: string =
  typeof __FACTMARK_VERSION__ === 'string' ? __FACTMARK_VERSION__ : packageVersion;
