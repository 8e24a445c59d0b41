import type { AttributeValue } from '../../../shared/model/schemas';
import { showToast } from '../stores/appStore';
import { documentStore } from '../stores/appDocumentStore';

/** Set the attribute values of a span of the open document (undoable). */
export function setSpanAttributes(spanId: string, values: Record<string, AttributeValue>): void {
  const result = documentStore.setSpanAttributes(spanId, values);
  if (!result.ok) showToast(result.message, 'error');
}
