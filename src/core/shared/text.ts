// Small text helpers shared by messages, tooltips and tree rows.

/** `text` cut to at most `max` characters, the last one an ellipsis when something was cut. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Text shown literally inside Markdown (tooltips, hovers): every character Markdown gives a meaning is escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
