import { describe, expect, it } from 'vitest';
import { auditBundledPackages, auditEntries, auditRequires, bundledPackages, defaultFuseWire, readFuses, requiredModules } from './asarAudit';

const APP = ['package.json', 'dist/main/electron.js', 'dist/main/preload.js', 'dist/main/suggestWorker.js', 'dist/renderer/index.html', 'dist/renderer/assets/index-x.js'];

describe('app.asar audit', () => {
  it('accepts exactly what the app loads, models included', () => {
    expect(auditEntries([...APP, 'models/factmark-suggest.json', 'models/NOTICE.md'])).toEqual([]);
  });

  it.each([
    ['node_modules/zod/index.js', /dependency folder/],
    ['dist/main/electron.js.map', /source map/],
    ['dist/main/cli.js', /never loads/],
    ['dist/main/stressWriter.js', /never loads/],
    ['main/cli.ts', /TypeScript source/],
    ['shared/model/spans.js', /source or repository folder/],
    ['test-fixtures/dev-gold/project.json', /test data/],
    ['dist/renderer/e2e/x.js', /test data/],
    ['dist/renderer/assets/a.test.js', /a test/],
    ['README.md', /not something the app loads/],
  ])('refuses %s', (file, why) => {
    const problems = auditEntries([...APP, file]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(why);
  });

  it('names what the app needs and app.asar lacks', () => {
    expect(auditEntries(APP.filter((f) => f !== 'dist/main/suggestWorker.js'))).toEqual(['dist/main/suggestWorker.js is missing from app.asar.']);
  });
});

describe('bundle requires', () => {
  const bundle = [
    'var fs = require("node:fs"); var p = require("path"); var e = require("electron");',
    "var w = require('worker_threads'); try { c = require(\"canvas\") } catch {}",
    'var x = require("./suggestWorker.js");',
  ].join('\n');

  it('finds string-literal requires', () => {
    expect(requiredModules(bundle)).toEqual(['./suggestWorker.js', 'canvas', 'electron', 'node:fs', 'path', 'worker_threads']);
  });

  it('accepts builtins, electron, known optional modules and files inside the asar', () => {
    expect(auditRequires('dist/main/electron.js', bundle, APP)).toEqual([]);
  });

  it('refuses a package or a file the asar lacks, and a computed require', () => {
    const problems = auditRequires('dist/main/electron.js', 'require("zod"); require("./gone.js"); require(name);', APP);
    expect(problems).toEqual([
      'dist/main/electron.js requires ./gone.js, which app.asar does not hold.',
      'dist/main/electron.js requires the package zod, which app.asar does not hold (bundle it: scripts/build.mjs).',
      'dist/main/electron.js has 1 require() call(s) with a computed name, which cannot be checked.',
    ]);
  });
});

describe('bundled packages', () => {
  const bundle = '// ../../main/node_modules/zod/v4/core.js\nx\n// node_modules/@mozilla/readability/Readability.js\n// node_modules/vitest/index.js\n';
  const lock = {
    packages: {
      'node_modules/zod': {},
      'node_modules/@mozilla/readability': {},
      'node_modules/vitest': { dev: true },
    },
  };

  it('reads the packages esbuild bundled', () => {
    expect(bundledPackages(bundle)).toEqual(['@mozilla/readability', 'vitest', 'zod']);
  });

  it('refuses a development dependency shipped inside a bundle', () => {
    expect(auditBundledPackages('dist/main/electron.js', bundledPackages(bundle), lock)).toEqual([
      'dist/main/electron.js bundles vitest, a development dependency: declare it in dependencies if the app needs it, or stop importing it.',
    ]);
  });
});

describe('fuse wire', () => {
  it('reads back the wire a stand-in binary carries', () => {
    const defaults = {
      runAsNode: true,
      enableCookieEncryption: false,
      enableNodeOptionsEnvironmentVariable: true,
      enableNodeCliInspectArguments: true,
      enableEmbeddedAsarIntegrityValidation: false,
      onlyLoadAppFromAsar: false,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: true,
    };
    const binary = Buffer.concat([Buffer.from('#!/bin/sh\n# '), defaultFuseWire(defaults), Buffer.from('\n')]);
    expect(readFuses(binary)).toEqual(defaults);
    expect(() => readFuses(Buffer.from('no wire'))).toThrow(/sentinel/);
  });
});
