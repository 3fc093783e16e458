// Contexts as kubeconfigs really name them, with the verdict the default patterns must give.
// Each row: what the context points at, whether it is protected, and why (the part that
// matches, or why nothing should).

export interface ProtectedContextCase {
  readonly context: string;
  readonly cluster: string;
  readonly server: string;
  readonly protected: boolean;
  /** For protected rows: the part that must be named in the reason (`name`, `cluster`, `server`). */
  readonly matchedBy?: 'name' | 'cluster' | 'server';
  readonly why: string;
}

export const PROTECTED_CONTEXT_CASES: readonly ProtectedContextCase[] = [
  { context: 'prod-eu', cluster: 'prod-eu', server: 'https://10.0.0.1:6443', protected: true, matchedBy: 'name', why: 'the plain name' },
  { context: 'PROD', cluster: 'k1', server: 'https://10.0.0.1', protected: true, matchedBy: 'name', why: 'upper case' },
  { context: 'Production', cluster: 'c', server: 'https://c', protected: true, matchedBy: 'name', why: 'long form, mixed case' },
  { context: 'prd-eu', cluster: 'prd-eu', server: 'https://10.1.0.1:6443', protected: true, matchedBy: 'name', why: 'the short form prd' },
  { context: 'eks-prd-payments', cluster: 'x', server: 'https://x', protected: true, matchedBy: 'name', why: 'prd inside a name' },
  { context: 'live', cluster: 'live', server: 'https://10.2.0.1', protected: true, matchedBy: 'name', why: 'live traffic' },
  { context: 'shop-LIVE-1', cluster: 'c', server: 'https://c', protected: true, matchedBy: 'name', why: 'live inside a name, upper case' },
  { context: 'preprod', cluster: 'preprod', server: 'https://pp', protected: true, matchedBy: 'name', why: 'preprod asks too: a false alarm costs a click' },
  {
    context: 'arn:aws:eks:eu-west-1:123456789012:cluster/prod-main',
    cluster: 'arn:aws:eks:eu-west-1:123456789012:cluster/prod-main',
    server: 'https://ABC123.gr7.eu-west-1.eks.amazonaws.com',
    protected: true,
    matchedBy: 'name',
    why: 'an EKS ARN whose cluster part names production',
  },
  {
    context: 'payments',
    cluster: 'arn:aws:eks:us-east-1:123456789012:cluster/payments-prd',
    server: 'https://DEF.gr7.us-east-1.eks.amazonaws.com',
    protected: true,
    matchedBy: 'cluster',
    why: 'an alias (kubectx rename) of an EKS production cluster',
  },
  {
    context: 'gke_acme_europe-west1_main',
    cluster: 'gke_acme-production_europe-west1_main',
    server: 'https://34.76.1.2',
    protected: true,
    matchedBy: 'cluster',
    why: 'a GKE cluster in a production project',
  },
  { context: 'dev', cluster: 'dev', server: 'https://api.prod.example.com:6443', protected: true, matchedBy: 'server', why: 'a dev-named context on the production API server' },
  { context: 'staging', cluster: 'shared', server: 'https://K8S.PRD.EXAMPLE.NET', protected: true, matchedBy: 'server', why: 'server in upper case, short form' },
  { context: 'ops', cluster: 'ops', server: 'https://api.live.internal:443', protected: true, matchedBy: 'server', why: 'live in the server host' },
  { context: 'kind-prod', cluster: 'kind-prod', server: 'https://127.0.0.1:40001', protected: true, matchedBy: 'name', why: 'a local cluster called prod still asks' },
  { context: 'dev', cluster: 'dev', server: 'https://dev.example:6443', protected: false, why: 'development' },
  { context: 'staging', cluster: 'staging', server: 'https://10.3.0.1:6443', protected: false, why: 'staging' },
  { context: 'minikube', cluster: 'minikube', server: 'https://192.168.49.2:8443', protected: false, why: 'a local cluster' },
  { context: 'kind-kind', cluster: 'kind-kind', server: 'https://127.0.0.1:34567', protected: false, why: 'kind' },
  {
    context: 'arn:aws:eks:eu-west-1:210987654321:cluster/sandbox',
    cluster: 'arn:aws:eks:eu-west-1:210987654321:cluster/sandbox',
    server: 'https://AAA.gr7.eu-west-1.eks.amazonaws.com',
    protected: false,
    why: 'an EKS sandbox: nothing in it says production',
  },
  { context: 'qa', cluster: '', server: '', protected: false, why: 'a context whose cluster is unknown is judged by its name' },
];
