import { performance } from 'node:perf_hooks';
import { exampleKey } from '../../shared/learn/decisions';
import { isDecision, type LearningExample } from '../../shared/learn/examples';
import { ProjectLearner } from '../../shared/learn/projectLearner';
import { suggestAll, type SuggestOptions } from '../../shared/suggest/suggest';
import type { Suggestion } from '../../shared/suggest/types';
import { loadProjectExamples } from './learningFiles';
import { loadSuggestModel, type LoadedModel } from './suggestModelFile';

/**
 * What the suggestion worker holds (suggestWorker.ts; in the calling thread when there is no
 * worker script): the shipped model, and one ProjectLearner per project and annotator, loaded from
 * the learning files on first use and kept up to date by the decisions the services send.
 *
 * A document's examples arrive whole (its learning file); the engine learns the decisions it has
 * not learned yet and replaces the document's untagged occurrences, so sending a document twice,
 * or after the engine loaded it from disk, changes nothing.
 */
export interface ProjectRef {
  dir: string;
  annotator: string;
  /** Bumped by the pool on every learn: a worker that missed one reloads from disk. */
  revision: number;
}

/** Decisions replayed into the project layer when a project is loaded (the most recent; older ones count in the memory only). */
export const REPLAY_LIMIT = 2_000;

interface ProjectState {
  learner: ProjectLearner;
  revision: number;
  docs: Map<string, { learned: Set<string>; unmarked: LearningExample[] }>;
}

export class SuggestEngine {
  private readonly projects = new Map<string, ProjectState>();

  constructor(private readonly load: () => LoadedModel = loadSuggestModel) {}

  get model() {
    return this.load();
  }

  private key = (p: ProjectRef) => `${p.annotator}\u0000${p.dir}`;

  private project(ref: ProjectRef): ProjectState {
    const key = this.key(ref);
    const known = this.projects.get(key);
    if (known && known.revision >= ref.revision) return known;
    const state: ProjectState = { learner: new ProjectLearner(this.load().model), revision: ref.revision, docs: new Map() };
    const all = loadProjectExamples(ref.dir, ref.annotator, new Date(0).toISOString());
    // Decisions in the order they were made across documents; only the latest move the weights.
    const decisions: { docId: string; e: LearningExample }[] = [];
    for (const [docId, examples] of [...all].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      state.docs.set(docId, { learned: new Set(examples.filter(isDecision).map(exampleKey)), unmarked: examples.filter((e) => !isDecision(e)) });
      for (const e of examples) if (isDecision(e)) decisions.push({ docId, e });
    }
    decisions.sort((x, y) => (x.e.at < y.e.at ? -1 : x.e.at > y.e.at ? 1 : 0));
    const older = decisions.slice(0, Math.max(0, decisions.length - REPLAY_LIMIT)).map((d) => d.e);
    state.learner.learnMemoryOnly(older);
    state.learner.learn(decisions.slice(older.length).map((d) => d.e));
    for (const doc of state.docs.values()) state.learner.learn(doc.unmarked);
    this.projects.set(key, state);
    return state;
  }

  suggest(text: string, options: SuggestOptions, ref: ProjectRef | null): Suggestion[] {
    const { model } = this.load();
    const learner = ref && model ? this.project(ref).learner : null;
    return suggestAll(text, options, { model, learner });
  }

  /** Learn one document's examples (its whole learning file); answers how many decisions were new and how long it took. */
  learn(ref: ProjectRef, docId: string, examples: readonly LearningExample[]): { learned: number; ms: number } {
    const started = performance.now();
    const state = this.project({ ...ref, revision: Math.max(0, ref.revision - 1) });
    state.revision = Math.max(state.revision, ref.revision);
    let doc = state.docs.get(docId);
    if (!doc) state.docs.set(docId, (doc = { learned: new Set(), unmarked: [] }));
    const fresh = examples.filter((e) => isDecision(e) && !doc.learned.has(exampleKey(e)));
    state.learner.learn(doc.unmarked, -1);
    state.learner.learn(fresh);
    for (const e of fresh) doc.learned.add(exampleKey(e));
    doc.unmarked = examples.filter((e) => !isDecision(e));
    state.learner.learn(doc.unmarked);
    return { learned: fresh.length, ms: performance.now() - started };
  }
}
