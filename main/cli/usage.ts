export const USAGE = `Factmark: tag claims, actors and numbers in news articles.

Usage:
  factmark serve [--port N] [--project DIR] [--data-dir DIR]
      Serve the app to a browser on http://127.0.0.1 (this machine only).
  factmark export [--format jsonl|conll|brat|w3c|labelstudio|doccano|csv] [--out PATH]
                  [--unit codepoint|utf16] [--scope done|all|todo|in_progress|STATUS,STATUS | --all]
                  [--annotator NAME | --all-annotators] [--split TRAIN,DEV,TEST [--seed N]
                  [--group-by outlet|date|source|title]] [--scheme iob2|bioes]
                  [--overlap longest-wins|per-label-columns] [--preview] PROJECT_DIR
      Export annotations (default: JSONL, documents marked done, offsets in code points, into
      PROJECT_DIR/exports/), with a dataset card (README) beside the data. --out is a file, or a
      folder for brat. --split writes one file (brat: one folder) per split, whole documents,
      reproducible from --seed (default 42); --group-by keeps documents sharing that field in
      one split. CoNLL: --scheme picks the tags, --overlap what to do with nested spans (the
      spans each policy drops are reported). --preview prints the first record and writes
      nothing. Progress is shown on stderr for long exports.
  factmark import PROJECT_DIR PATH... [--format auto|text|html|jsonl|brat|labelstudio|doccano|w3c]
                  [--add-labels] [--map FROM=TO]... [--annotator NAME]
      Add documents to a project: text, Markdown and HTML articles, and annotated datasets
      (JSONL, brat .txt+.ann, Label Studio JSON, doccano JSONL, W3C annotations + .txt).
      Folders are searched recursively. Each file is imported entirely or not at all; labels
      the project lacks must be added (--add-labels) or mapped (--map PERSON=actor).
      Imported spans go to the annotator's files (--annotator, default as for export).
  factmark validate PROJECT_DIR [--json]
      Check every file of a project; list each problem with its file. Exit 1 if any.
  factmark stats PROJECT_DIR [--json]
      Documents per status and spans per label, for each annotator.
  factmark repair PROJECT_DIR [--annotator NAME] [--dry-run]
      After texts changed under their annotations: move every span found again exactly (same
      quote and surroundings) and keep the others as orphans to place or drop in the app.
  factmark suggest [--labels number,actor,claim] [--annotator NAME] [--json] PROJECT_DIR
      Propose numbers, actors and claims in every document, stored as suggestions (never as
      annotations) in PROJECT_DIR/.factmark/suggestions/<annotator>/; rejected ones stay out.
  factmark eval --gold PROJECT [--gold-annotator NAME] (--pred PROJECT [--pred-annotator NAME]
                | --suggest) [--labels number,actor,claim] [--json]
      Precision, recall and F1 per label (exact and overlap matching) of one annotator's spans, or
      of the suggesters (--suggest), against a gold annotator, on the documents the gold covers.
  factmark agree PROJECT_DIR [--annotators A,B[,C...]] [--label L]... [--documents N] [--json]
      Agreement between annotators (default: all but gold): span F1 (exact and overlap),
      Cohen's kappa and Krippendorff's alpha on tokens per label layer, attribute agreement;
      per pair, per label and overall, and the N documents with most disagreement (default 10).
  factmark sync [--remote URL|PATH] [--annotator NAME] [--keep mine|theirs | --abort] [--json] PROJECT_DIR
      Share the project over git: commit the annotator's own files and the project files, fetch,
      merge, push, and print what came in. --remote sets the remote first (an empty or new folder
      becomes a shared repository). A conflict in a project file stops the sync (exit 1): settle
      it in the app, or keep one side for every conflicted file (--keep), or give the merge up (--abort).
  factmark review --out DIR [--annotator NAME] [--json] [--all-pairs] PROJECT_DIR
      Compare claims across documents: cluster the claims that state the same thing, flag numbers
      that disagree and attribution differences, apply the reviewer's decisions (claims.json), and
      write review.html (printable, self-contained), review.json and review.csv into DIR. Values
      read from the text (numbers without attributes, claimants without a relation) are marked
      derived. --all-pairs scores every pair of claims (same clusters, slowly; for checking).
  factmark init DIR [--name NAME]
      Create an empty project with the default labels.
  factmark help | --help
  factmark --version

Options:
  --port N          port to listen on (default: a free one)
  --project DIR     project to open first (default: the last one, else the sample)
  --data-dir DIR    Factmark's own data folder (default: FACTMARK_DATA_DIR or the per-user folder)
  --annotator NAME  whose annotations to export (default: the app's annotator, else your OS user)
  --json            machine-readable output (validate, stats)

Exit codes: 0 success; 1 a user error or problems found (a wrong command line, an unreadable
file, ...: a message says what); 2 an internal error (a bug in Factmark).
`;
