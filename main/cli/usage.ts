export const USAGE = `Factmark: tag claims, actors and numbers in news articles.

Usage:
  factmark serve [--port N] [--project DIR] [--data-dir DIR]
      Serve the app to a browser on http://127.0.0.1 (this machine only).
  factmark export [--format jsonl] [--out FILE] [--unit codepoint|utf16]
                  [--scope done|all | --all] [--annotator NAME] PROJECT_DIR
      Write one JSON line per document with its spans (default: documents marked done,
      offsets in code points, into PROJECT_DIR/exports/).
  factmark import PROJECT_DIR FILE...
      Add UTF-8 text files (.txt, .md) to a project as documents.
  factmark init DIR [--name NAME]
      Create an empty project with the default labels.
  factmark help | --help
  factmark --version

Options:
  --port N          port to listen on (default: a free one)
  --project DIR     project to open first (default: the last one, else the sample)
  --data-dir DIR    Factmark's own data folder (default: FACTMARK_DATA_DIR or the per-user folder)
  --annotator NAME  whose annotations to export (default: the app's annotator, else your OS user)
`;
