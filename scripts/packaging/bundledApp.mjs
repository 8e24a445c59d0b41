// electron-builder's beforeBuild hook (electron-builder.yml). scripts/build.mjs bundles the app's
// main process, preload and suggestion worker with esbuild, so the packaged app loads nothing from
// node_modules: answering false tells electron-builder that node_modules are handled here, so it
// neither rebuilds native modules nor copies any dependency into app.asar.
// `npm run test:package` proves the bundles need nothing else (every require resolves in app.asar).
export default async function bundledApp() {
  return false;
}
