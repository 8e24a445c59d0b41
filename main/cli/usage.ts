export const USAGE = `Factmark: tag claims, actors and numbers in news articles.

Usage:
  factmark serve [--port N] [--project DIR] [--data-dir DIR]
      Serve the app to a browser on http://127.0.0.1 (this machine only).
  factmark export [--format jsonl|conll|brat|w3c|labelstudio|doccano|csv] [--out PATH]
                  [--unit codepoint|utf16] [--scope done|all|todo|in_progress|STATUS,STATUS | --all]
                  [--annotator NAME | --all-annotators] [--data-dir DIR] [--split TRAIN,DEV,TEST [--seed N]
                  [--group-by outlet|date|source|title]] [--scheme iob2|bioes]
                  [--overlap longest-wins|per-label-columns] [--preview] PROJECT_DIR
      Export annotations (default: JSONL, documents marked done, offsets in code points, into
      PROJECT_DIR/exports/), with a dataset card <file>.README.md beside each file. --out is a
      file, or a folder for brat; an existing file is replaced only if an earlier export wrote it
      (its card records it), never a project's own file. "Note:" lines say what the format
      could not carry. --split writes one file (brat: one folder) per split, whole documents,
      reproducible from --seed (default 42); --group-by keeps documents sharing that field in
      one split. CoNLL: --scheme picks the tags, --overlap what to do with nested spans (the
      spans each policy drops are reported). --preview prints the first record and writes
      nothing. Progress is shown on stderr for long exports. An export that would hold no spans
      while other annotators have some fails (exit 1) naming them, or takes the project's only
      annotator and says so.
  factmark import PROJECT_DIR PATH... [--format auto|text|html|jsonl|brat|labelstudio|doccano|w3c]
                  [--add-labels] [--map FROM=TO]... [--annotator NAME] [--data-dir DIR]
      Add documents to a project: text, Markdown and HTML articles, and annotated datasets
      (JSONL, brat .txt+.ann, Label Studio JSON, doccano JSONL, W3C annotations + .txt).
      Folders are searched recursively. Each file is imported entirely or not at all; labels
      the project lacks must be added (--add-labels) or mapped (--map PERSON=actor; doccano
      1.x label ids: --map 12=actor, or import doccano's label_config.json alongside).
      Attributes and relations come along; what the project cannot take is listed as notes.
      Imported spans go to the annotator's files (--annotator, default as for export).
  factmark validate PROJECT_DIR [--json]
      Check every file of a project; list each problem with its file. Exit 1 if any.
  factmark stats PROJECT_DIR [--json]
      Documents per status and spans per label, for each annotator.
  factmark repair PROJECT_DIR [--annotator NAME] [--data-dir DIR] [--dry-run]
      After texts changed under their annotations: move every span found again exactly (same
      quote and surroundings) and keep the others as orphans to place or drop in the app.
  factmark suggest [--labels number,actor,claim] [--annotator NAME] [--data-dir DIR] [--json] PROJECT_DIR
      Propose numbers, actors and claims in every document, stored as suggestions (never as
      annotations) in PROJECT_DIR/.factmark/suggestions/<annotator>/; rejected ones stay out.
  factmark eval --gold PROJECT [--gold-annotator NAME] (--pred PROJECT [--pred-annotator NAME]
                | --suggest) [--labels number,actor,claim] [--json]
      Precision, recall and F1 per label (exact and overlap matching) of one annotator's spans, or
      of the suggesters (--suggest), against a gold annotator, on the documents the gold covers.
  factmark eval --learning-curve --gold PROJECT [--gold-annotator NAME] [--labels ...] [--json]
      Simulate an annotator: documents in id order, each one's suggestions scored against the
      gold, then its gold spans learned as decisions; P/R/F1 per label and actions per gold
      span after 0, 1, 2, ... documents.
  factmark agree PROJECT_DIR [--annotators A,B[,C...]] [--label L]... [--documents N] [--json]
      Agreement between annotators (default: all but gold): span F1 (exact and overlap),
      Cohen's kappa and Krippendorff's alpha on tokens per label layer, attribute agreement;
      per pair, per label and overall, and the N documents with most disagreement (default 10).
  factmark sync [--remote URL|PATH] [--annotator NAME] [--data-dir DIR] [--keep mine|theirs | --abort] [--json] PROJECT_DIR
      Share the project over git: commit the annotator's own files and the project files, fetch,
      merge, push, and print what came in. --remote sets the remote first (an empty or new folder
      becomes a shared repository). A conflict in a project file stops the sync (exit 1): settle
      it in the app, or keep one side for every conflicted file (--keep), or give the merge up (--abort).
  factmark review --out DIR [--annotator NAME] [--data-dir DIR] [--json] [--all-pairs] PROJECT_DIR
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
  --data-dir DIR    Factmark's own data folder, where the app and serve save the annotator's name
                    (default: FACTMARK_DATA_DIR or the per-user folder)
  --annotator NAME  who the command acts as, whose annotations it exports (default: the name
                    saved in the data folder by the app or serve, else your OS user name)
  --json            machine-readable output (validate, stats)

Exit codes: 0 success; 1 a user error or problems found (a wrong command line, an unreadable
file, ...: a message says what); 2 an internal error (a bug in Factmark).
`;
