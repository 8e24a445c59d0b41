import { useState } from 'react';
import { appStore } from '../stores/appStore';
import { useStore } from '../stores/createStore';

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** Problems found reading the project: never silently dropped. */
export function ProblemsBanner() {
  const problems = useStore(appStore, (s) => s.project?.problems);
  const [open, setOpen] = useState(true);
  if (!problems || problems.length === 0) return null;
  return (
    <section className="banner banner-problem" data-testid="problems" aria-label="Project problems">
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} {problems.length === 1 ? '1 problem' : `${problems.length} problems`} found in this project
      </button>
      {open && (
        <ul>
          {problems.map((p, i) => (
            <li key={`${p.file}-${i}`}>
              {/* Messages usually name their file already; add it only where they do not. */}
              {!p.message.includes(p.file) && (
                <>
                  <code className="path">{p.file}</code>:{' '}
                </>
              )}
              {p.message}
              {p.movedTo && !p.message.includes(baseName(p.movedTo)) && (
                <>
                  {' '}
                  It was moved aside to <code className="path">{p.movedTo}</code>.
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
