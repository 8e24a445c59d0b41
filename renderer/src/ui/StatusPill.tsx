import type { DocStatus } from '../../../shared/model/schemas';

export const STATUS_LABEL: Record<DocStatus, string> = { todo: 'To do', in_progress: 'In progress', done: 'Done' };

export function StatusPill({ status }: { status: DocStatus }) {
  return <span className={`status-pill status-${status}`}>{STATUS_LABEL[status]}</span>;
}
