// Credentials of an instance configured like `oncall.alertmanager.instances` (Alertmanager,
// Prometheus): userinfo in the URL, a user name in the entry, a password or bearer token in
// secret storage (sent only to an origin it is bound to), and extra headers. No 'vscode'.

import type { CredentialGate } from './credentialBindings';
import { basicAuthorization } from './httpJson';
import type { SecretReader } from './incidentSource';

export interface InstanceSetting {
  readonly name: string;
  readonly url: string;
  /** Where the user's own settings point this name (a workspace may point it elsewhere). */
  readonly userUrl?: string;
  readonly username?: string;
  readonly headers?: Record<string, string>;
  readonly tls?: { ca?: string; cert?: string; key?: string; insecureSkipVerify?: boolean };
}

/** The configured URL without userinfo, and the userinfo it carried. */
export function splitUserinfo(raw: string): { base: string; user?: string; password?: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    // Reported as a bad URL by the first request.
    return { base: raw };
  }
  const user = url.username ? safeDecode(url.username) : undefined;
  const password = url.password ? safeDecode(url.password) : undefined;
  url.username = '';
  url.password = '';
  return { base: url.toString(), ...(user !== undefined ? { user } : {}), ...(password !== undefined ? { password } : {}) };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export interface AuthHeadersInput {
  readonly instance: InstanceSetting;
  /** `alertmanager/<name>`, `prometheus/<name>`: the owner of the stored secret's binding. */
  readonly owner: string;
  /** `Alertmanager prod`, `Prometheus main`: how questions and logs name it. */
  readonly title: string;
  readonly secrets: SecretReader;
  readonly credentials: CredentialGate;
  readonly secretKeys: { readonly token: string; readonly password: string };
}

export interface AuthHeaders {
  readonly headers: Record<string, string>;
  /** An Authorization header went with the request (for the 401 sentence). */
  readonly sent: boolean;
  /** A stored secret was held back: its origin is not one it is bound to. */
  readonly withheld: boolean;
}

/** A bearer token wins (proxies in front take those); else user + password as Basic. */
export async function instanceAuthHeaders(input: AuthHeadersInput): Promise<AuthHeaders> {
  const { instance } = input;
  const { base, user: urlUser, password: urlPassword } = splitUserinfo(instance.url);
  const headers: Record<string, string> = {};
  for (const [header, value] of Object.entries(instance.headers ?? {})) if (header.toLowerCase() !== 'authorization') headers[header] = value;
  // Stored secrets go only to an origin they are bound to; credentials written in the URL
  // or the headers of the same setting travel with that setting and need no binding.
  let token = await input.secrets.get(input.secretKeys.token);
  let storedPassword = await input.secrets.get(input.secretKeys.password);
  let withheld = false;
  if (token || storedPassword) {
    const release = await input.credentials.mayRelease({
      owner: input.owner,
      title: input.title,
      secret: token ? 'token' : 'password',
      url: base,
      ...(instance.userUrl !== undefined ? { userUrl: instance.userUrl } : {}),
    });
    if (!release) {
      token = undefined;
      storedPassword = undefined;
      withheld = true;
    }
  }
  let authorization: string | undefined;
  if (token) authorization = `Bearer ${token}`;
  else {
    const user = instance.username || urlUser;
    const password = storedPassword || urlPassword;
    if (user && password) authorization = basicAuthorization(user, password);
  }
  // A configured Authorization header is a static credential of its own; secrets override it.
  authorization ??= Object.entries(instance.headers ?? {}).find(([header]) => header.toLowerCase() === 'authorization')?.[1];
  if (authorization !== undefined) headers.Authorization = authorization;
  return { headers, sent: authorization !== undefined, withheld };
}
