// Evidence: text a responder selected in an editor or a terminal and added to the active
// incident's timeline. A selection can be anything (a pasted kubeconfig, a megabyte of logs),
// so it is masked and bounded before it is stored, and its origin says where it was found.

import { redactSecrets } from '../execution/secretRedaction';
import type { EvidenceEvent, EvidenceOrigin } from './sessionModel';

/** The most of a selection kept, in UTF-8 bytes: enough for a stack trace or a page of logs. */
export const MAX_EVIDENCE_BYTES = 64 * 1024;

/**
 * The event that keeps `selected` as evidence: secrets masked first (so a cut cannot leave
 * half a token unmasked), then cut at MAX_EVIDENCE_BYTES on a character boundary with the
 * bytes left out counted. Undefined when nothing but white space was selected.
 */
export function prepareEvidence(selected: string, origin: EvidenceOrigin, at: string): EvidenceEvent | undefined {
  const text = redactSecrets(selected.replace(/\r\n?/g, '\n')).replace(/\s+$/, '');
  if (text.trim() === '') return undefined;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= MAX_EVIDENCE_BYTES) return { type: 'evidence', at, text, origin };
  const kept = cutUtf8(bytes, MAX_EVIDENCE_BYTES);
  return { type: 'evidence', at, text: kept, origin, omittedBytes: bytes.length - Buffer.byteLength(kept, 'utf8') };
}

/** The longest start of `bytes` of at most `max` bytes that ends on a whole character. */
function cutUtf8(bytes: Buffer, max: number): string {
  let end = max;
  // Back off continuation bytes (10xxxxxx) so the cut never splits a character.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

/** `src/app.ts, lines 10–24`, `terminal “prod-eu”`: where the evidence was selected. */
export function describeEvidenceOrigin(origin: EvidenceOrigin): string {
  if (origin.kind === 'terminal') return `terminal “${origin.name}”`;
  const lines = origin.startLine === origin.endLine ? `line ${origin.startLine}` : `lines ${origin.startLine}–${origin.endLine}`;
  return `${origin.path}, ${lines}`;
}

/** The evidence as one text: where it came from, then what was selected, then what was cut. */
export function describeEvidence(event: EvidenceEvent): string {
  const cut = event.omittedBytes ? `\n… ${event.omittedBytes} bytes left out (evidence is kept up to ${MAX_EVIDENCE_BYTES / 1024} KB) …` : '';
  return `From ${describeEvidenceOrigin(event.origin)}:\n${event.text}${cut}`;
}
