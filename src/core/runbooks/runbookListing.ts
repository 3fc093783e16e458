// What the Runbooks view writes beside a runbook's title. Teams copy one template, so several
// runbooks often share a first heading ("Incident Response Runbook"): those rows need what
// tells them apart, short enough to be seen in a narrow sidebar.

export interface RunbookListing {
  readonly title: string;
  /** Workspace-relative path, or `starter/<file>`. */
  readonly path: string;
  /** The `service` of the front matter. */
  readonly service?: string;
}

/**
 * One description per listing, in order: the path, as always, unless another listing has
 * the same title; then the service when it is that runbook's alone among them, else the file
 * name when it is, else the path.
 */
export function describeListings(listings: readonly RunbookListing[]): string[] {
  const byTitle = new Map<string, RunbookListing[]>();
  for (const listing of listings) {
    const key = normalise(listing.title);
    byTitle.set(key, [...(byTitle.get(key) ?? []), listing]);
  }
  return listings.map((listing) => {
    const namesakes = byTitle.get(normalise(listing.title)) ?? [];
    if (namesakes.length < 2) return listing.path;
    const service = listing.service?.trim() ?? '';
    if (service !== '' && namesakes.filter((other) => normalise(other.service ?? '') === normalise(service)).length === 1) return service;
    const file = fileNameOf(listing.path);
    if (namesakes.filter((other) => fileNameOf(other.path) === file).length === 1) return file;
    return listing.path;
  });
}

function normalise(text: string): string {
  return text.trim().toLowerCase();
}

function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
