import * as vscode from 'vscode';

/** The Kubernetes extension's configuration API, v1.1 (the parts used here). */
interface KubernetesConfigurationV1_1 {
  getKubeconfigPath(): { readonly pathType: 'host'; readonly hostPath: string } | { readonly pathType: 'wsl'; readonly wslPath: string };
  readonly onDidChangeKubeconfigPath: vscode.Event<unknown>;
  readonly onDidChangeContext: vscode.Event<string | null>;
}

interface ApiBroker {
  get(component: string, version: string): { available: true; api: unknown } | { available: false; reason: string };
}

const KUBERNETES_EXTENSION_ID = 'ms-kubernetes-tools.vscode-kubernetes-tools';

/**
 * When the Kubernetes extension is installed, its kubeconfig path is the one both extensions
 * should read, so that they agree on the cluster. Its API is reached the way its API library
 * does: the extension's exports are a broker handing out versioned APIs. Any surprise in that
 * shape means "not available", never an error.
 */
export async function kubernetesExtensionConfiguration(log: { warn(message: string): void }): Promise<KubernetesConfigurationV1_1 | undefined> {
  const extension = vscode.extensions.getExtension<ApiBroker>(KUBERNETES_EXTENSION_ID);
  if (!extension) return undefined;
  try {
    const broker = extension.isActive ? extension.exports : await extension.activate();
    const result = broker?.get?.('configuration', 'v1_1');
    if (!result?.available) return undefined;
    const api = result.api as Partial<KubernetesConfigurationV1_1>;
    return typeof api.getKubeconfigPath === 'function' ? (api as KubernetesConfigurationV1_1) : undefined;
  } catch (error) {
    log.warn(`The Kubernetes extension's configuration API could not be used: ${String(error)}`);
    return undefined;
  }
}

/** The host path of the Kubernetes extension's kubeconfig, when it names one this machine can read. */
export function hostKubeconfigPath(api: KubernetesConfigurationV1_1): string | undefined {
  const path = api.getKubeconfigPath();
  return path.pathType === 'host' && path.hostPath ? path.hostPath : undefined;
}
