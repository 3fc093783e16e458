// Commands quoted exactly from the runbooks in ../shared/corpus (Apache-2.0; see each folder's
// LICENSE), labelled by hand: destructive when running them changes a cluster, node, workload
// or data, or opens a shell or runs a command inside a pod, node or VM (exec, rsh, debug,
// console), whatever that inner command does. Single commands (continuation lines included)
// and a few whole fenced blocks are quoted; only the fence's own indentation is removed.
// Terminal prompts written as `$ ` in `bash` fences are kept (the block reaches the terminal
// that way); `console` fences contribute their prompted lines with the prompt removed, as the
// runbook parser does. Each entry names the file it comes from.

export interface LabelledCommand {
  readonly command: string;
  readonly destructive: boolean;
}

export const CORPUS_COMMANDS: readonly LabelledCommand[] = [
  // kubevirt-runbooks/docs/runbooks/CDIDataImportCronOutdated.md
  { destructive: true, command: "$ kubectl patch hco kubevirt-hyperconverged -n $CDI_NAMESPACE --type json -p '[{\"op\": \"replace\", \"path\": \"/spec/featureGates/enableCommonBootImageImport\", \"value\": false}]'" },
  // kubevirt-runbooks/docs/runbooks/CDINoDefaultStorageClass.md
  { destructive: true, command: "$ kubectl patch storageclass <storage-class-name> -p '{\"metadata\": {\"annotations\":{\"storageclass.kubernetes.io/is-default-class\":\"true\"}}}'" },
  // kubevirt-runbooks/docs/runbooks/CDIStorageProfilesIncomplete.md
  { destructive: true, command: "$ kubectl patch storageprofile local --type=merge -p '{\"spec\": \\\n  {\"claimPropertySets\": [{\"accessModes\": [\"ReadWriteOnce\"], \\\n  \"volumeMode\": \"Filesystem\"}]}}'" },
  // kubevirt-runbooks/docs/runbooks/DeprecatedMachineType.md
  { destructive: true, command: "$ kubectl patch vm <vm-name> -n <namespace> --type='json' \\\n  -p='[{\"op\":\"remove\",\"path\":\"/spec/template/spec/domain/machine\"}]'" },
  // kubevirt-runbooks/docs/runbooks/GuestFilesystemAlmostOutOfSpace.md
  { destructive: true, command: "$ kubectl exec -it <pod-name> -n <namespace> -- virsh list" },
  // kubevirt-runbooks/docs/runbooks/GuestFilesystemAlmostOutOfSpace.md
  { destructive: true, command: "$ kubectl exec -it <pod-name> -n <namespace> -- virsh qemu-agent-command <domain-name> '{\"execute\": \"guest-get-fsinfo\"}'" },
  // kubevirt-runbooks/docs/runbooks/GuestFilesystemAlmostOutOfSpace.md
  { destructive: true, command: "$ virtctl console <vmi-name> -n <namespace>" },
  // kubevirt-runbooks/docs/runbooks/GuestFilesystemAlmostOutOfSpace.md
  { destructive: true, command: "$ kubectl edit pvc <pvc-name> -n <namespace>" },
  // kubevirt-runbooks/docs/runbooks/GuestFilesystemAlmostOutOfSpace.md
  { destructive: true, command: "$ virtctl restart <vm-name> -n <namespace>" },
  // kubevirt-runbooks/docs/runbooks/HAControlPlaneDown.md
  { destructive: true, command: "systemctl restart kubelet" },
  // kubevirt-runbooks/docs/runbooks/HAControlPlaneDown.md
  { destructive: true, command: "kubectl drain <node-name> --ignore-daemonsets --delete-emptydir-data" },
  // kubevirt-runbooks/docs/runbooks/HCOMultiArchGoldenImagesDisabled.md
  { destructive: true, command: "$ kubectl edit hyperconverged -n kubevirt-hyperconverged kubevirt-hyperconverged -o yaml" },
  // kubevirt-runbooks/docs/runbooks/HighNodeCPUFrequency.md
  { destructive: true, command: "$ kubectl debug node/<node-name> -it --image=registry.redhat.io/ubi8/ubi" },
  // kubevirt-runbooks/docs/runbooks/KubeVirtVMGuestMemoryAvailableLow.md
  { destructive: true, command: "kubectl edit vm <vm-name> -n <namespace>" },
  // kubevirt-runbooks/docs/runbooks/KubeVirtVMGuestMemoryAvailableLow.md
  { destructive: true, command: "virtctl stop <vm-name> -n <namespace>" },
  // kubevirt-runbooks/docs/runbooks/KubeVirtVMGuestMemoryAvailableLow.md
  { destructive: true, command: "virtctl start <vm-name> -n <namespace>" },
  // kubevirt-runbooks/docs/runbooks/NoLeadingVirtController.md
  { destructive: true, command: "$ kubectl -n $NAMESPACE delete lease virt-controller" },
  // kubevirt-runbooks/docs/runbooks/NoLeadingVirtController.md
  { destructive: true, command: "$ kubectl -n $NAMESPACE rollout restart deployment virt-controller" },
  // kubevirt-runbooks/docs/runbooks/NoLeadingVirtController.md
  { destructive: true, command: "$ kubectl -n $NAMESPACE delete pod -l kubevirt.io=virt-controller" },
  // kubevirt-runbooks/docs/runbooks/NodeNetworkInterfaceDown.md
  { destructive: true, command: "systemctl restart NetworkManager" },
  // kubevirt-runbooks/docs/runbooks/NodeNetworkInterfaceDown.md
  { destructive: true, command: "ip link set <interface-name> up" },
  // kubevirt-runbooks/docs/runbooks/OutdatedVirtualMachineInstanceWorkloads.md
  { destructive: true, command: "$ virtctl stop --namespace <namespace> <vm>" },
  // kubevirt-runbooks/docs/runbooks/OutdatedVirtualMachineInstanceWorkloads.md
  { destructive: true, command: "$ kubectl create -f migration.yaml" },
  // kubevirt-runbooks/docs/runbooks/PersistentVolumeFillingUp.md
  { destructive: true, command: "$ kubectl exec -it <pod-name> -n <namespace> -- df -h /path/to/mount" },
  // kubevirt-runbooks/docs/runbooks/PersistentVolumeFillingUp.md
  { destructive: true, command: "$ kubectl -n <my-namespace> edit pvc <my-pvc>" },
  // kubevirt-runbooks/docs/runbooks/PersistentVolumeFillingUp.md
  { destructive: true, command: "$ oc -n <my-namespace> delete pod `oc -n <my-namespace> get pod -ojson | jq -r '.items[] | select(.spec.volumes[] .persistentVolumeClaim.claimName==\"<my-pvc>\") | .metadata.name'`" },
  // kubevirt-runbooks/docs/runbooks/UnsupportedHCOModification.md
  { destructive: true, command: "kubectl annotate hyperconverged -n \"${NS}\" kubevirt-hyperconverged \\\n  'kubevirt.kubevirt.io/jsonpatch-'" },
  // kubevirt-runbooks/docs/runbooks/VirtControllerRESTErrorsBurst.md
  { destructive: true, command: "$ kubectl delete -n $NAMESPACE <virt-controller>" },
  // kubevirt-runbooks/docs/runbooks/VirtLauncherPodsStuckFailed.md
  { destructive: true, command: "$ kubectl delete vmim -A" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineInstanceHasEphemeralHotplugVolume.md
  { destructive: true, command: "$ virtctl addvolume <vm-name> --volume-name=<volume-name> --persist" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckInUnhealthyState.md
  { destructive: true, command: "$ kubectl debug node/<node-name> -it --image=busybox" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckInUnhealthyState.md
  { destructive: true, command: "$ kubectl create secret docker-registry <secret-name> \\\n  --docker-server=<registry-url> \\\n  --docker-username=<username> \\\n  --docker-password=<password>" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckInUnhealthyState.md
  { destructive: true, command: "$ kubectl uncordon <node-name>" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckInUnhealthyState.md
  { destructive: true, command: "$ kubectl patch vm <vm-name> -n <namespace> --type='merge' \\\n  -p='{\"spec\":{\"template\":{\"spec\":{\"domain\":{\"resources\": \\\n    {\"requests\":{\"memory\":\"2Gi\"}}}}}}}'" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckInUnhealthyState.md
  { destructive: true, command: "$ kubectl create secret generic <secret-name> \\\n  --from-literal=key=value" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckOnNode.md
  { destructive: true, command: "$ kubectl exec -it <virt-launcher-pod> -n <namespace> -c compute \\\n  -- virsh list --all | grep <vm-name>" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckOnNode.md
  { destructive: true, command: "$ kubectl exec -it <virt-launcher-pod> -n <namespace> -c compute \\\n  -- virsh dumpxml <domain-name>" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckOnNode.md
  { destructive: true, command: "$ kubectl delete pod <virt-launcher-pod> -n <namespace>" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckOnNode.md
  { destructive: true, command: "$ crictl rmi <problematic-image>" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckOnNode.md
  { destructive: true, command: "$ docker rmi <problematic-image>" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckOnNode.md
  { destructive: true, command: "$ kubectl delete volumeattachment <attachment-name>" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckOnNode.md
  { destructive: true, command: "$ kubectl drain <node-name> --ignore-daemonsets \\\n  --delete-emptydir-data" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckOnNode.md
  { destructive: true, command: "$ kubectl delete vmi <vm-name> -n <namespace> --force \\\n  --grace-period=0" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckOnNode.md
  { destructive: true, command: "$ virtctl migrate <vm-name> -n <namespace>" },
  // openshift-runbooks/alerts/HighlyAvailableWorkloadIncorrectlySpread.md
  { destructive: true, command: "oc adm cordon \"$NODE\"" },
  // openshift-runbooks/alerts/HighlyAvailableWorkloadIncorrectlySpread.md
  { destructive: true, command: "oc delete -n \"$NS\" pvc \"$PVC\"" },
  // openshift-runbooks/alerts/HighlyAvailableWorkloadIncorrectlySpread.md
  { destructive: true, command: "oc delete -n \"$NS\" pod \"$POD\"" },
  // openshift-runbooks/alerts/HighlyAvailableWorkloadIncorrectlySpread.md
  { destructive: true, command: "oc adm uncordon \"$NODE\"" },
  // openshift-runbooks/alerts/advanced-cluster-management-operator/ACMThanosCompactHalted.md
  { destructive: true, command: "oc create secret generic thanos-object-storage \\\n  -n open-cluster-management-observability \\\n  --from-file=thanos.yaml=./thanos.yaml \\\n  --dry-run=client -o yaml | oc apply -f -" },
  // openshift-runbooks/alerts/cluster-dns-operator/CoreDNSErrorsHigh.md
  { destructive: true, command: "oc exec pod/$COREDNS_POD_NAME -c dns -n openshift-dns -- \\\n    dig -q $DOMAIN_NAME @$IP_OF_UPSTREAM_NAMESERVER" },
  // openshift-runbooks/alerts/cluster-dns-operator/CoreDNSErrorsHigh.md
  { destructive: true, command: "oc patch dnses.operator.openshift.io/default \\\n    --patch '{\"spec\":{\"logLevel\":\"Debug\"}}' --type=merge" },
  // openshift-runbooks/alerts/cluster-dns-operator/CoreDNSErrorsHigh.md
  { destructive: true, command: "oc edit dns.operator/default" },
  // openshift-runbooks/alerts/cluster-etcd-operator/etcdDatabaseQuotaLowSpace.md
  { destructive: true, command: "oc rsh -c etcdctl -n openshift-etcd $(oc get pod -l app=etcd -oname -n openshift-etcd | awk -F\"/\" 'NR==1{ print $2 }')" },
  // openshift-runbooks/alerts/cluster-etcd-operator/etcdDatabaseQuotaLowSpace.md
  { destructive: true, command: "etcdctl defrag" },
  // openshift-runbooks/alerts/cluster-kube-apiserver-operator/ExtremelyHighIndividualControlPlaneCPU.md
  { destructive: true, command: "queue ${ARTIFACT_DIR}/metrics/prometheus.tar.gz oc --insecure-skip-tls-verify exec -n openshift-monitoring prometheus-k8s-0 -- tar cvzf - -C /prometheus ." },
  // openshift-runbooks/alerts/cluster-kube-apiserver-operator/ExtremelyHighIndividualControlPlaneCPU.md
  { destructive: true, command: "FILTER=gzip queue ${ARTIFACT_DIR}/metrics/prometheus-target-metadata.json.gz oc --insecure-skip-tls-verify exec -n openshift-monitoring prometheus-k8s-0 -- /bin/bash -c \"curl -G http://localhost:9090/api/v1/targets/metadata --data-urlencode 'match_target={instance!=\\\"\\\"}'\"" },
  // openshift-runbooks/alerts/cluster-kube-controller-manager-operator/GarbageCollectorSyncFailed.md
  { destructive: true, command: "oc patch kubecontrollermanagers.operator/cluster --type=json -p '[{\"op\": \"replace\", \"path\": \"/spec/logLevel\", \"value\": \"LOGLEVEL\" }]'" },
  // openshift-runbooks/alerts/cluster-kube-descheduler-operator/DeschedulerPSIDisabled.md
  { destructive: true, command: "oc debug node/<node-name>" },
  // openshift-runbooks/alerts/cluster-logging-operator/ClusterLogForwarderNotReady.md
  { destructive: true, command: "oc delete pod -n openshift-logging -l name=cluster-logging-operator" },
  // openshift-runbooks/alerts/cluster-logging-operator/CollectorHigh403ForbiddenResponseRate.md
  { destructive: true, command: "oc create -f bundle/manifests/logging-collector-logs-writer_rbac.authorization.k8s.io_v1_clusterrole.yaml" },
  // openshift-runbooks/alerts/cluster-logging-operator/CollectorHigh403ForbiddenResponseRate.md
  { destructive: true, command: "oc adm policy add-cluster-role-to-user \\\n  logging-collector-logs-writer -z <SA-NAME> -n <SA-NAMESPACE>" },
  // openshift-runbooks/alerts/cluster-logging-operator/CollectorNodeDown.md
  { destructive: true, command: "oc exec <POD_NAME> -n openshift-logging -- curl -s http://localhost:24231/metrics" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/KubePersistentVolumeFillingUp.md
  { destructive: true, command: "oc -n $NAMESPACE rsh $POD_NAME" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/NodeClockNotSynchronising.md
  { destructive: true, command: "oc -n default debug node/<affected_node_name>" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/NodeClockNotSynchronising.md
  { destructive: true, command: "systemctl start chronyd" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/NodeClockNotSynchronising.md
  { destructive: true, command: "systemctl restart chronyd" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/NodeFileDescriptorLimit.md
  { destructive: true, command: "oc debug \"node/$NODE_NAME\"" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/NodeFilesystemSpaceFillingUp.md
  { destructive: true, command: "oc -n default debug node/$NODE_NAME" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/NodeFilesystemSpaceFillingUp.md
  { destructive: true, command: "podman images -q -f dangling=true | xargs --no-run-if-empty podman rmi" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/NodeFilesystemSpaceFillingUp.md
  { destructive: true, command: "podman images | grep -v -e registry.redhat.io -e \"quay.io/openshift\" -e registry.access.redhat.com -e docker-registry.usersys.redhat.com -e docker-registry.ops.rhcloud.com -e rhmap | xargs --no-run-if-empty podman rmi 2>/dev/null" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/PrometheusScrapeBodySizeLimitHit.md
  { destructive: true, command: "token=$(oc sa new-token prometheus-k8s -n openshift-monitoring)" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/PrometheusScrapeBodySizeLimitHit.md
  { destructive: true, command: "oc exec -it prometheus-k8s-0 -n openshift-monitoring  -- curl -k --key /etc/prometheus/secrets/metrics-client-certs/tls.key --cert /etc/prometheus/secrets/metrics-client-certs/tls.crt --cacert /etc/prometheus/configmaps/serving-certs-ca-bundle/service-ca.crt $scrape_url | wc --bytes" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/TargetDown.md
  { destructive: true, command: "oc exec -n $NAMESPACE $POD_NAME -- df" },
  // openshift-runbooks/alerts/cluster-network-operator/NorthboundStaleAlert.md
  { destructive: true, command: "LEADER=\"not found\"; for MASTER_POD in $(oc -n openshift-ovn-kubernetes get pods -l app=ovnkube-master -o=jsonpath='{.items[*].metadata.name}'); do RAFT_ROLE=$(oc exec -n openshift-ovn-kubernetes \"${MASTER_POD}\" -c nbdb -- bash -c \"ovn-appctl -t /var/run/ovn/ovnnb_db.ctl cluster/status OVN_Northbound 2>&1 | grep \\\"^Role\\\"\"); if echo \"${RAFT_ROLE}\" | grep -q -i leader; then LEADER=$MASTER_POD; break; fi; done; echo \"nbdb leader ${LEADER}\"" },
  // openshift-runbooks/alerts/cluster-network-operator/NorthboundStaleAlert.md
  { destructive: true, command: "oc exec -n openshift-ovn-kubernetes -it <podname> -c nbdb --bash" },
  // openshift-runbooks/alerts/cluster-network-operator/OVNKubernetesControllerDisconnectedSouthboundDatabase.md
  { destructive: true, command: "oc exec -n openshift-ovn-kubernetes ${pod} -c ovn-controller -- ovn-appctl connection-status" },
  // openshift-runbooks/alerts/cluster-network-operator/OVNKubernetesControllerDisconnectedSouthboundDatabase.md
  { destructive: true, command: "oc debug node/<node> -- tcpdump -i <primary_interface> tcp and port 9642" },
  // openshift-runbooks/alerts/cluster-network-operator/OVNKubernetesNorthdInactive.md
  { destructive: true, command: "oc exec -it <ovnkube-master-podname> -c northd -- bash" },
  // openshift-runbooks/alerts/cluster-network-operator/OVNKubernetesNorthdInactive.md
  { destructive: true, command: "ovn-appctl -t ovn-northd exit" },
  // openshift-runbooks/alerts/cluster-openshift-apiserver-operator/ImageStreamImportFailed.md
  { destructive: true, command: "oc import-image <imagestream-name> -n <namespace> --confirm" },
  // openshift-runbooks/alerts/machine-config-operator/ExtremelyHighIndividualControlPlaneMemory.md
  { destructive: true, command: "oc debug node/<node>" },
  // openshift-runbooks/alerts/machine-config-operator/ExtremelyHighIndividualControlPlaneMemory.md
  { destructive: true, command: "oc -n openshift-etcd rsh <etcd-pod-name>" },
  // openshift-runbooks/alerts/machine-config-operator/ExtremelyHighIndividualControlPlaneMemory.md
  { destructive: true, command: "oc exec -n openshift-etcd <etcd-pod> -c etcd -n openshift-etcd -- etcdctl --command-timeout=160s get / --prefix --keys-only |sed '/^$/d' | cut -d/ -f3,4 | sort | uniq -c | sort -rn |head" },
  // openshift-runbooks/alerts/machine-config-operator/KubeletHealthState.md
  { destructive: true, command: "systemctl restart kubelet.service" },
  // openshift-runbooks/alerts/machine-config-operator/KubeletHealthState.md
  { destructive: true, command: "systemctl reboot" },
  // openshift-runbooks/alerts/machine-config-operator/MachineConfigControllerDrainError.md
  { destructive: true, command: "oc delete <webhook_type> <webhook_name>" },
  // openshift-runbooks/alerts/machine-config-operator/MachineConfigControllerDrainError.md
  { destructive: true, command: "oc delete pod <pod-name> --force=true --grace-period=0" },
  // openshift-runbooks/alerts/machine-config-operator/MachineConfigDaemonPivotError.md
  { destructive: true, command: "oc debug node <Node-name>" },
  // openshift-runbooks/alerts/machine-config-operator/MachineConfigDaemonPivotError.md
  { destructive: true, command: "systemctl restart rpm-ostreed" },
  // openshift-runbooks/alerts/machine-config-operator/RuncDeprecated.md
  { destructive: true, command: "$ oc -n openshift-monitoring exec -it prometheus-k8s-0 -c prometheus -- sh" },
  // openshift-runbooks/alerts/machine-config-operator/RuncDeprecated.md
  { destructive: true, command: "$ oc delete machineconfig \\\n  00-override-master-generated-crio-default-container-runtime" },
  // openshift-runbooks/alerts/machine-config-operator/RuncDeprecated.md
  { destructive: true, command: "$ oc create -f configure-crun-worker.yaml" },
  // openshift-runbooks/alerts/network-observability-operator/DNSErrors.md
  { destructive: true, command: "oc edit flowcollector cluster" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephFSOrphanedSnapshot.md
  { destructive: true, command: "odf cephfs-snap delete <subvolume> <snapshot>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephFSOrphanedSnapshot.md
  { destructive: true, command: "odf cephfs-snap delete <subvolume> <snapshot> --storage-client <storage-client-name>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephFSStaleSubvolume.md
  { destructive: true, command: "odf subvolume delete <filesystem> <subvolume> <subvolumegroup>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephMdsCPUUsageHighNeedsHorizontalScaling.md
  { destructive: true, command: "oc patch -n openshift-storage storagecluster ocs-storagecluster\\\n    --type merge \\\n    --patch '{\"spec\": {\"managedResources\": {\"cephFilesystems\":{\"activeMetadataServers\": 2}}}}'" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephMonLowNumber.md
  { destructive: true, command: "oc patch storageclusters.ocs.openshift.io ocs-storagecluster -n openshift-storage --type merge --patch '{\"spec\": {\"managedResources\": {\"cephCluster\": {\"monCount\" : 5}}}}'" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephOSDFlapping.md
  { destructive: true, command: "ceph osd set noup      # prevent OSDs from getting marked up" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephOSDFlapping.md
  { destructive: true, command: "ceph osd set nodown    # prevent OSDs from getting marked down" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephOSDFlapping.md
  { destructive: true, command: "ceph osd unset noup" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephOSDFlapping.md
  { destructive: true, command: "ceph osd unset nodown" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephOSDNearFull.md
  { destructive: true, command: "oc rsh -n openshift-storage $TOOLS_POD" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephPoolQuotaBytesCriticallyExhausted.md
  { destructive: true, command: "ceph osd pool set-quota <pool> max_bytes <bytes>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephPoolQuotaBytesCriticallyExhausted.md
  { destructive: true, command: "ceph osd pool set-quota <pool> max_objects <objects>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephXattrSetLatency.md
  { destructive: true, command: "oc rsh -n openshift-storage $(oc get pods -n openshift-storage -l app=rook-ceph-tools -o name)" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephXattrSetLatency.md
  { destructive: true, command: "oc delete pod -n openshift-storage -l app=rook-ceph-mds" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/HighRBDCloneSnapshotCount.md
  { destructive: true, command: "oc -n openshift-storage exec -it <rook-ceph-tools-pod> -- bash" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/HighRBDCloneSnapshotCount.md
  { destructive: true, command: "oc delete pvc <pvc-name> -n <namespace>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/StorageAutoScalerCRIsInvalid.md
  { destructive: true, command: "oc delete storageautoscaler <scaler_name> -n <resource_namespace>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/StorageAutoScalingCapacityReached.md
  { destructive: true, command: "oc patch storageautoscaler <resource_name> -n <resource_namespace> --type=merge --patch '{\"spec\":{\"storageCapacityLimit\":<storageCapacityLimit>}}'" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/StorageAutoScalingFailed.md
  { destructive: true, command: "oc delete pod <osd-pod-name> -n <namespace>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/StorageAutoScalingFailed.md
  { destructive: true, command: "oc rollout restart deployment rook-ceph-operator -n <namespace>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/StorageClientIncompatibleOperatorVersion.md
  { destructive: true, command: "oc patch console.v1.operator.openshift.io cluster --type=json \\\n -p=\"[{'op': 'add', 'path': '/spec/plugins', 'value':[odf-client-console]}]\"" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/helpers/cephCLI.md
  { destructive: true, command: "oc rsh -n openshift-storage $(oc get pods -n openshift-storage -o name -l app=rook-ceph-operator)" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/helpers/networkConnectivity.md
  { destructive: true, command: "oc debug node/<any-node-name> -n openshift-storage" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/helpers/networkConnectivity.md
  { destructive: true, command: "oc rsh -n openshift-storage <rook-ceph-tools pod name from previous step>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/helpers/networkConnectivity.md
  { destructive: true, command: "$ oc rsh -n openshift-storage rook-ceph-tools-79ccc8ddc5-77brq" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/helpers/networkConnectivity.md
  { destructive: true, command: "oc debug -n openshift-storage" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/helpers/networkConnectivity.md
  { destructive: true, command: "oc exec bash -- ping -c 5 <provider ip from first step>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/helpers/verifyEndpoint.md
  { destructive: true, command: "oc rsh -n<CLIENT_NAMESPACE> deploy/ocs-client-operator-controller-manager \\\n  curl <ENDPOINT>" },
  // openshift-runbooks/alerts/openshift-virtualization-operator/DuplicateWaspAgentDSDetected.md
  { destructive: true, command: "oc delete ds wasp-agent -n wasp" },
  // openshift-runbooks/alerts/openshift-virtualization-operator/DuplicateWaspAgentDSDetected.md
  { destructive: true, command: "oc delete sa wasp -n wasp" },
  // openshift-runbooks/alerts/openshift-virtualization-operator/DuplicateWaspAgentDSDetected.md
  { destructive: true, command: "oc delete clusterrolebinding wasp" },
  // openshift-runbooks/alerts/openshift-virtualization-operator/DuplicateWaspAgentDSDetected.md
  { destructive: true, command: "oc adm policy remove-scc-from-user -n wasp privileged -z wasp" },
  // openshift-runbooks/alerts/openshift-virtualization-operator/DuplicateWaspAgentDSDetected.md
  { destructive: true, command: "oc delete project wasp" },
  // openshift-runbooks/alerts/openshift-virtualization-operator/HAControlPlaneDown.md
  { destructive: true, command: "oc drain <node-name> --ignore-daemonsets --delete-emptydir-data" },
  // openshift-runbooks/alerts/openshift-virtualization-operator/KubeMacPoolDuplicateMacsFound.md
  { destructive: true, command: "$ oc delete pod -n <namespace> <kubemacpool_mac_controller>" },
  // openshift-runbooks/alerts/openshift-virtualization-operator/KubevirtVmHighMemoryUsage.md
  { destructive: true, command: "$ oc exec -it <virt-launcher> -c compute -- top" },
  // openshift-runbooks/alerts/openshift-virtualization-operator/NoLeadingVirtController.md
  { destructive: true, command: "$ oc -n $NAMESPACE rollout restart deployment virt-controller" },
  // openshift-runbooks/alerts/openshift-virtualization-operator/VirtLauncherPodsStuckFailed.md
  { destructive: true, command: "$ oc delete vmim -A" },
  // openshift-runbooks/alerts/openshift-virtualization-operator/VirtualMachineStuckInUnhealthyState.md
  { destructive: true, command: "$ oc create secret docker-registry <secret-name> \\\n  --docker-server=<registry-url> \\\n  --docker-username=<username> \\\n  --docker-password=<password>" },
  // openshift-runbooks/alerts/openshift-virtualization-operator/VirtualMachineStuckInUnhealthyState.md
  { destructive: true, command: "$ oc uncordon <node-name>" },
  // openshift-runbooks/alerts/openshift-virtualization-operator/VirtualMachineStuckOnNode.md
  { destructive: true, command: "$ oc delete vmi <vm-name> -n <namespace> --force \\\n  --grace-period=0" },
  // prometheus-operator-runbooks/etcd/etcdBackendQuotaLowSpace.md
  { destructive: true, command: "$ kubectl rsh -c etcdctl -n $NAMESPACE $(kubectl get po -l app=etcd -oname -n $NAMESPACE | awk -F\"/\" 'NR==1{ print $2 }')" },
  // prometheus-operator-runbooks/etcd/etcdBackendQuotaLowSpace.md
  { destructive: true, command: "$ etcdctl defrag" },
  // prometheus-operator-runbooks/etcd/etcdInsufficientMembers.md
  { destructive: true, command: "$ kubectl exec -c etcdctl -n openshift-etcd $(kubectl get po -l app=etcd -oname -n openshift-etcd | awk -F\"/\" 'NR==1{ print $2 }')" },
  // prometheus-operator-runbooks/kubernetes/KubePersistentVolumeFillingUp.md
  { destructive: true, command: "$ kubectl -n <my-namespace> delete pod `kubectl -n <my-namespace> get pod -ojson | jq -r '.items[] | select(.spec.volumes[] .persistentVolumeClaim.claimName==\"<my-pvc>\") | .metadata.name'`" },
  // prometheus-operator-runbooks/node/NodeFilesystemSpaceFillingUp.md
  { destructive: true, command: "$ kubectl -n default debug node/$NODE_NAME" },
  // kubevirt-runbooks/docs/runbooks/CDIDataImportCronOutdated.md
  { destructive: false, command: "$ kubectl get sc -o jsonpath='{.items[?(.metadata.annotations.storageclass\\.kubernetes\\.io\\/is-default-class==\"true\")].metadata.name}'" },
  // kubevirt-runbooks/docs/runbooks/CDIDataImportCronOutdated.md
  { destructive: false, command: "$ kubectl -n <namespace> get dv <datavolume> -o jsonpath-as-json='{.status}'" },
  // kubevirt-runbooks/docs/runbooks/CDIDataImportCronOutdated.md
  { destructive: false, command: "$ export CDI_NAMESPACE=\"$(kubectl get deployment -A -o jsonpath='{.items[?(.metadata.name==\"cdi-operator\")].metadata.namespace}')\"" },
  // kubevirt-runbooks/docs/runbooks/CDIDefaultStorageClassDegraded.md
  { destructive: false, command: "$ kubectl get storageprofile $CDI_DEFAULT_VIRT_SC -o jsonpath='{.status.claimPropertySets}' | grep ReadWriteMany" },
  // kubevirt-runbooks/docs/runbooks/CDINotReady.md
  { destructive: false, command: "$ export CDI_NAMESPACE=\"$(kubectl get deployment -A | grep cdi-operator | awk '{print $1}')\"" },
  // kubevirt-runbooks/docs/runbooks/CDIOperatorDown.md
  { destructive: false, command: "$ kubectl -n $CDI_NAMESPACE describe pods -l name=cdi-operator" },
  // kubevirt-runbooks/docs/runbooks/ClusterVMPanicDetected.md
  { destructive: false, command: "kubectl get events -A --field-selector involvedObject.kind=Node" },
  // kubevirt-runbooks/docs/runbooks/ClusterVMPanicDetected.md
  { destructive: false, command: "POD=$(kubectl get pod -n <namespace> -l kubevirt.io/domain=<vm-name> -o name | head -n1)" },
  // kubevirt-runbooks/docs/runbooks/CnaoDown.md
  { destructive: false, command: "$ export NAMESPACE=\"$(kubectl get deployment -A | grep cluster-network-addons-operator | awk '{print $1}')\"" },
  // kubevirt-runbooks/docs/runbooks/GuestFilesystemAlmostOutOfSpace.md
  { destructive: false, command: "$ df -h" },
  // kubevirt-runbooks/docs/runbooks/GuestFilesystemAlmostOutOfSpace.md
  { destructive: false, command: "$ du -sh /* | sort -h" },
  // kubevirt-runbooks/docs/runbooks/GuestFilesystemAlmostOutOfSpace.md
  { destructive: false, command: "$ kubectl get storageclass <storage-class-name> -o yaml | grep allowVolumeExpansion" },
  // kubevirt-runbooks/docs/runbooks/HAControlPlaneDown.md
  { destructive: false, command: "ssh <node-address>" },
  // kubevirt-runbooks/docs/runbooks/HAControlPlaneDown.md
  { destructive: false, command: "journalctl -xeu kubelet" },
  // kubevirt-runbooks/docs/runbooks/HAControlPlaneDown.md
  { destructive: false, command: "kubectl top node <node-name>" },
  // kubevirt-runbooks/docs/runbooks/HAControlPlaneDown.md
  { destructive: false, command: "systemctl status kubelet" },
  // kubevirt-runbooks/docs/runbooks/HCOGoldenImageWithNoArchitectureAnnotation.md
  { destructive: false, command: "$ NAMESPACE=\"$(oc get hyperconverged -A --no-headers | awk '{print $1}')\"" },
  // kubevirt-runbooks/docs/runbooks/HCOGoldenImageWithNoArchitectureAnnotation.md
  { destructive: false, command: "$ podman manifest inspect your-registry/your-image:latest" },
  // kubevirt-runbooks/docs/runbooks/HCOMisconfiguredDescheduler.md
  { destructive: false, command: "kubectl get -n openshift-kube-descheduler-operator KubeDescheduler cluster -o yaml" },
  // kubevirt-runbooks/docs/runbooks/HPPNotReady.md
  { destructive: false, command: "$ kubectl -n $HPP_NAMESPACE describe pods <pod>" },
  // kubevirt-runbooks/docs/runbooks/HPPSharingPoolPathWithOS.md
  { destructive: false, command: "$ kubectl -n $HPP_NAMESPACE get pods | grep hostpath-provisioner-csi" },
  // kubevirt-runbooks/docs/runbooks/HighCPUWorkload.md
  { destructive: false, command: "kubectl top pods --all-namespaces --sort-by=cpu" },
  // kubevirt-runbooks/docs/runbooks/HighNodeCPUFrequency.md
  { destructive: false, command: "$ cat /proc/cpuinfo | grep -i \"cpu mhz\"" },
  // kubevirt-runbooks/docs/runbooks/HighNodeCPUFrequency.md
  { destructive: false, command: "$ sensors" },
  // kubevirt-runbooks/docs/runbooks/HighNodeCPUFrequency.md
  { destructive: false, command: "$ kubectl describe node <node-name>" },
  // kubevirt-runbooks/docs/runbooks/HighNodeCPUFrequency.md
  { destructive: false, command: "$ ps aux --sort=-%cpu | head -20" },
  // kubevirt-runbooks/docs/runbooks/KubeVirtVMIExcessiveMigrations.md
  { destructive: false, command: "$ systemctl status kubelet" },
  // kubevirt-runbooks/docs/runbooks/KubeVirtVMIExcessiveMigrations.md
  { destructive: false, command: "$ journalctl -r -u kubelet" },
  // kubevirt-runbooks/docs/runbooks/KubemacpoolDown.md
  { destructive: false, command: "$ export KMP_NAMESPACE=\"$(kubectl get pod -A --no-headers -l \\\n   control-plane=mac-controller-manager | awk '{print $1}')\"" },
  // kubevirt-runbooks/docs/runbooks/KubemacpoolMACCollisionDetected.md
  { destructive: false, command: "$ kubectl get vmi -A -o jsonpath='{range .items[*]}{.metadata.namespace}{\"\\t\"}{.metadata.name}{\"\\t\"}{.status.interfaces[*].mac}{\"\\n\"}{end}' | grep -i \"$MAC\"" },
  // kubevirt-runbooks/docs/runbooks/LowReadyVirtAPICount.md
  { destructive: false, command: "$ kubectl -n $NAMESPACE get pods -l kubevirt.io=virt-api -o wide" },
  // kubevirt-runbooks/docs/runbooks/LowReadyVirtControllersCount.md
  { destructive: false, command: "$ kubectl -n $NAMESPACE describe deploy virt-controller" },
  // kubevirt-runbooks/docs/runbooks/LowReadyVirtOperatorsCount.md
  { destructive: false, command: "$ kubectl -n $NAMESPACE get deploy virt-operator -o yaml" },
  // kubevirt-runbooks/docs/runbooks/LowVirtControllersCount.md
  { destructive: false, command: "$ kubectl -n kubevirt logs <virt-controller>" },
  // kubevirt-runbooks/docs/runbooks/NetworkAddonsConfigNotReady.md
  { destructive: false, command: "$ kubectl get networkaddonsconfig -o custom-columns=\"\":.status.conditions[*].message" },
  // kubevirt-runbooks/docs/runbooks/NoLeadingVirtController.md
  { destructive: false, command: "$ export NAMESPACE=\"$(kubectl get kubevirt -A -o custom-columns=NAMESPACE:.metadata.namespace --no-headers | head -1)\"" },
  // kubevirt-runbooks/docs/runbooks/NoLeadingVirtController.md
  { destructive: false, command: "$ kubectl -n $NAMESPACE logs -l kubevirt.io=virt-controller | grep -i lead" },
  // kubevirt-runbooks/docs/runbooks/NoLeadingVirtController.md
  { destructive: false, command: "$ kubectl get mutatingwebhookconfiguration" },
  // kubevirt-runbooks/docs/runbooks/NoLeadingVirtController.md
  { destructive: false, command: "$ kubectl auth can-i create leases \\\n    --as=system:serviceaccount:$NAMESPACE:kubevirt-controller \\\n    -n $NAMESPACE" },
  // kubevirt-runbooks/docs/runbooks/NoLeadingVirtController.md
  { destructive: false, command: "$ kubectl auth can-i update leases \\\n    --as=system:serviceaccount:$NAMESPACE:kubevirt-controller \\\n    -n $NAMESPACE" },
  // kubevirt-runbooks/docs/runbooks/NoReadyVirtAPI.md
  { destructive: false, command: "$ kubectl -n $NAMESPACE logs <virt-api-pod-name>" },
  // kubevirt-runbooks/docs/runbooks/NodeNetworkInterfaceDown.md
  { destructive: false, command: "ip link show | grep -i down" },
  // kubevirt-runbooks/docs/runbooks/NodeNetworkInterfaceDown.md
  { destructive: false, command: "ip addr show" },
  // kubevirt-runbooks/docs/runbooks/NodeNetworkInterfaceDown.md
  { destructive: false, command: "ethtool <interface-name>" },
  // kubevirt-runbooks/docs/runbooks/NodeNetworkInterfaceDown.md
  { destructive: false, command: "journalctl -u NetworkManager" },
  // kubevirt-runbooks/docs/runbooks/NodeNetworkInterfaceDown.md
  { destructive: false, command: "dmesg | grep -i eth" },
  // kubevirt-runbooks/docs/runbooks/OrphanedVirtualMachineInstances.md
  { destructive: false, command: "$ kubectl get pods --all-namespaces -o wide -l kubevirt.io=virt-handler" },
  // kubevirt-runbooks/docs/runbooks/OutdatedVirtualMachineInstanceWorkloads.md
  { destructive: false, command: "$ kubectl get vmi -l kubevirt.io/outdatedLauncherImage --all-namespaces" },
  // kubevirt-runbooks/docs/runbooks/SSPCommonTemplatesModificationReverted.md
  { destructive: false, command: "$ kubectl -n $NAMESPACE logs --tail=-1 -l control-plane=ssp-operator | grep 'common template' -C 3" },
  // kubevirt-runbooks/docs/runbooks/SSPFailingToReconcile.md
  { destructive: false, command: "$ kubectl -n $NAMESPACE describe pods -l name=virt-template-validator" },
  // kubevirt-runbooks/docs/runbooks/UnsupportedHCOModification.md
  { destructive: false, command: "NS=$(kubectl get hyperconverged -A -o jsonpath='{.items[0].metadata.namespace}')" },
  // kubevirt-runbooks/docs/runbooks/VMNonRecoverableOSPanic.md
  { destructive: false, command: "export NAMESPACE=\"<alert namespace label>\"" },
  // kubevirt-runbooks/docs/runbooks/VMNonRecoverableOSPanic.md
  { destructive: false, command: "kubectl get vmi -n $NAMESPACE $VM_NAME -o wide" },
  // kubevirt-runbooks/docs/runbooks/VMStorageClassWarning.md
  { destructive: false, command: "$ kubectl get vm <vm-name> -o json | jq -r '.spec.template.spec.volumes[] | if .dataVolume then \"DataVolume - \" + .dataVolume.name elif .persistentVolumeClaim then \"PersistentVolumeClaim - \" + .persistentVolumeClaim.claimName else empty end'" },
  // kubevirt-runbooks/docs/runbooks/VirtControllerDown.md
  { destructive: false, command: "$ kubectl -n $NAMESPACE logs -l kubevirt.io=virt-controller \\\n    --previous" },
  // kubevirt-runbooks/docs/runbooks/VirtHandlerDown.md
  { destructive: false, command: "$ kubectl -n $NAMESPACE get daemonset virt-handler -o yaml" },
  // kubevirt-runbooks/docs/runbooks/VirtLauncherPodsStuckFailed.md
  { destructive: false, command: "$ kubectl -n <namespace> describe pod <virt-launcher-pod> | sed -n '/Events/,$p'" },
  // kubevirt-runbooks/docs/runbooks/VirtOperatorDown.md
  { destructive: false, command: "$ kubectl -n $NAMESPACE get pods \\\n    -l kubevirt.io=virt-operator" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckInUnhealthyState.md
  { destructive: false, command: "$ kubectl get vm <vm-name> -n <namespace> -o yaml" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckInUnhealthyState.md
  { destructive: false, command: "$ kubectl get storageclass" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckInUnhealthyState.md
  { destructive: false, command: "$ ps aux | grep -E \"(containerd|dockerd|crio)\"" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckInUnhealthyState.md
  { destructive: false, command: "$ crictl pull <vm-disk-image>" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckInUnhealthyState.md
  { destructive: false, command: "$ docker pull <vm-disk-image>" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckInUnhealthyState.md
  { destructive: false, command: "$ kubectl get kubevirt -n \"$NAMESPACE\" \\\n  -o jsonpath='{range .items[*].status.conditions[*]}{.type}={.status}{\"\\n\"}{end}'" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckInUnhealthyState.md
  { destructive: false, command: "$ kubectl logs -n \"$NAMESPACE\" <virt-handler-pod>" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckOnNode.md
  { destructive: false, command: "$ kubectl describe vmi <vm-name> -n <namespace>" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckOnNode.md
  { destructive: false, command: "$ kubectl logs <virt-launcher-pod> -n <namespace> -c istio-proxy \\\n  # if using Istio" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckOnNode.md
  { destructive: false, command: "$ kubectl top pod <virt-launcher-pod> -n <namespace>" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckOnNode.md
  { destructive: false, command: "$ kubectl describe dv <dv-name> -n <namespace>" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckOnNode.md
  { destructive: false, command: "$ crictl images" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckOnNode.md
  { destructive: false, command: "$ docker images" },
  // openshift-runbooks/alerts/HighlyAvailableWorkloadIncorrectlySpread.md
  { destructive: false, command: "NODE=$(oc -n \"$NS\" get pods -ojson | jq -r --arg WORKLOAD \"$WORKLOAD\" '.items[] | select(.metadata.name|test($WORKLOAD + \".*\")) | .spec.nodeName' | head -n 1)" },
  // openshift-runbooks/alerts/HighlyAvailableWorkloadIncorrectlySpread.md
  { destructive: false, command: "POD=$(oc -n \"$NS\" get -o wide pods | grep \"$WORKLOAD.*$NODE\" | cut -f1 -d ' ' | head -n 1)" },
  // openshift-runbooks/alerts/HighlyAvailableWorkloadIncorrectlySpread.md
  { destructive: false, command: "PVC=$(oc get -n \"$NS\" pod \"$POD\" -ojson | jq -r '.spec.volumes[] | select(.persistentVolumeClaim!=null) | .persistentVolumeClaim.claimName')" },
  // openshift-runbooks/alerts/advanced-cluster-management-operator/ACMMetricsCollectorFederationError.md
  { destructive: false, command: "oc get clusterrolebinding metrics-collector-view" },
  // openshift-runbooks/alerts/cluster-etcd-operator/etcdDatabaseQuotaLowSpace.md
  { destructive: false, command: "etcdctl version" },
  // openshift-runbooks/alerts/cluster-etcd-operator/etcdDatabaseQuotaLowSpace.md
  { destructive: false, command: "etcdctl endpoint status -w table" },
  // openshift-runbooks/alerts/cluster-etcd-operator/etcdHighNumberOfFailedGRPCRequests.md
  { destructive: false, command: "oc logs -n openshift-etcd -lapp=etcd -c etcd" },
  // openshift-runbooks/alerts/cluster-etcd-operator/etcdInsufficientMembers.md
  { destructive: false, command: "oc adm upgrade" },
  // openshift-runbooks/alerts/cluster-etcd-operator/etcdInsufficientMembers.md
  { destructive: false, command: "etcdctl endpoint health -w table" },
  // openshift-runbooks/alerts/cluster-kube-apiserver-operator/ExtremelyHighIndividualControlPlaneCPU.md
  { destructive: false, command: "oc adm must-gather -- /usr/bin/gather_audit_logs" },
  // openshift-runbooks/alerts/cluster-kube-apiserver-operator/ExtremelyHighIndividualControlPlaneCPU.md
  { destructive: false, command: "ARTIFACT_DIR=$PWD" },
  // openshift-runbooks/alerts/cluster-kube-apiserver-operator/ExtremelyHighIndividualControlPlaneCPU.md
  { destructive: false, command: "mkdir -p $ARTIFACT_DIR/metrics" },
  // openshift-runbooks/alerts/cluster-kube-apiserver-operator/ExtremelyHighIndividualControlPlaneCPU.md
  { destructive: false, command: "echo \"Snapshotting prometheus (may take 15s) ...\"" },
  // openshift-runbooks/alerts/cluster-kube-apiserver-operator/KubeAPIDown.md
  { destructive: false, command: "oc cluster-info" },
  // openshift-runbooks/alerts/cluster-kube-apiserver-operator/KubeAPIDown.md
  { destructive: false, command: "oc -n openshift-kube-apiserver logs -l 'app=openshift-kube-apiserver'" },
  // openshift-runbooks/alerts/cluster-kube-apiserver-operator/KubeAPIErrorBudgetBurn.md
  { destructive: false, command: "oc dev_tool audit -f ${kube_apiserver_audit_log_dir} -otop --by=user resource=\"apirequestcounts\"" },
  // openshift-runbooks/alerts/cluster-kube-apiserver-operator/KubeAPIErrorBudgetBurn.md
  { destructive: false, command: "oc dev_tool audit -f ${kube_apiserver_audit_log_dir} --by user --failed-only -otop" },
  // openshift-runbooks/alerts/cluster-kube-apiserver-operator/KubeAggregatedAPIErrors.md
  { destructive: false, command: "openssl x509 -noout -enddate -in {myfile_with_certs.crt}" },
  // openshift-runbooks/alerts/cluster-kube-controller-manager-operator/GarbageCollectorSyncFailed.md
  { destructive: false, command: "oc logs -n openshift-kube-controller-manager $POD" },
  // openshift-runbooks/alerts/cluster-kube-controller-manager-operator/KubeControllerManagerDown.md
  { destructive: false, command: "oc logs -n openshift-kube-controller-manager-operator $POD_NAME" },
  // openshift-runbooks/alerts/cluster-kube-controller-manager-operator/PodDisruptionBudgetAtLimit.md
  { destructive: false, command: "oc get pods -n $NS --selector=\"app=myapp\"" },
  // openshift-runbooks/alerts/cluster-kube-descheduler-operator/DeschedulerPSIDisabled.md
  { destructive: false, command: "ls -l /host/proc/pressure/" },
  // openshift-runbooks/alerts/cluster-kube-descheduler-operator/DeschedulerPSIDisabled.md
  { destructive: false, command: "cat /host/proc/cmdline | grep psi" },
  // openshift-runbooks/alerts/cluster-kube-scheduler-operator/KubeSchedulerDown.md
  { destructive: false, command: "oc logs -n openshift-kube-scheduler-operator $POD_NAME" },
  // openshift-runbooks/alerts/cluster-logging-operator/ClusterLogForwarderNotReady.md
  { destructive: false, command: "oc describe clusterlogforwarder <NAME> -n <NAMESPACE>" },
  // openshift-runbooks/alerts/cluster-logging-operator/ClusterLogForwarderNotReady.md
  { destructive: false, command: "oc get clusterlogforwarder <NAME> -n <NAMESPACE> -o yaml" },
  // openshift-runbooks/alerts/cluster-logging-operator/CollectorNodeDown.md
  { destructive: false, command: "oc get pods -n openshift-logging -l app.kubernetes.io/component=collector" },
  // openshift-runbooks/alerts/cluster-logging-operator/CollectorNodeDown.md
  { destructive: false, command: "oc describe servicemonitor <SERVICEMONITOR_NAME> -n openshift-logging" },
  // openshift-runbooks/alerts/cluster-logging-operator/CollectorNodeDown.md
  { destructive: false, command: "oc get configmap <COLLECTOR_CONFIG_MAP> -n openshift-logging -o yaml" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/AlertmanagerFailedToSendAlerts.md
  { destructive: false, command: "oc -n openshift-monitoring logs alertmanager-main-1" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/ClusterOperatorDegraded.md
  { destructive: false, command: "oc adm inspect clusteroperator/$CLUSTEROPERATOR --dest-dir=out" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/KubeDeploymentReplicasMismatch.md
  { destructive: false, command: "oc get events -n $NAMESPACE" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/KubeDeploymentReplicasMismatch.md
  { destructive: false, command: "oc adm top nodes" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/KubeNodeNotReady.md
  { destructive: false, command: "oc get node $NODE -o yaml" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/KubePersistentVolumeFillingUp.md
  { destructive: false, command: "df -h" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/KubePersistentVolumeInodesFillingUp.md
  { destructive: false, command: "cd /path/to/pvc-mount" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/KubePersistentVolumeInodesFillingUp.md
  { destructive: false, command: "ls -li ." },
  // openshift-runbooks/alerts/cluster-monitoring-operator/KubePodNotReady.md
  { destructive: false, command: "oc logs -n $NAMESPACE $POD" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/KubeletDown.md
  { destructive: false, command: "oc adm node-logs --role=master -u kubelet" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/KubeletDown.md
  { destructive: false, command: "journalctl -b -f -u kubelet.service" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/NodeClockNotSynchronising.md
  { destructive: false, command: "chroot /host" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/NodeClockNotSynchronising.md
  { destructive: false, command: "systemctl status chronyd" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/NodeFileDescriptorLimit.md
  { destructive: false, command: "sysctl -a | grep 'fs.file-'" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/NodeFileDescriptorLimit.md
  { destructive: false, command: "lsof -n" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/NodeFilesystemFilesFillingUp.md
  { destructive: false, command: "df -hi \"/host/$MOUNT_POINT\"" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/NodeRAIDDegraded.md
  { destructive: false, command: "cat /proc/mdstat" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/PrometheusDuplicateTimestamps.md
  { destructive: false, command: "$ oc -n $NAMESPACE logs -l 'app.kubernetes.io/name=prometheus' | \\\ngrep 'Duplicate sample for timestamp.*' | sort | uniq -c | sort -n" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/PrometheusOperatorRejectedResources.md
  { destructive: false, command: "$ ALERTMANAGER=$(oc get route alertmanager-main -n openshift-monitoring -o jsonpath='{@.spec.host}')" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/PrometheusOperatorRejectedResources.md
  { destructive: false, command: "$ curl -sk -H \"Authorization: Bearer $(oc create token prometheus-k8s -n openshift-monitoring)\" \\\n    https://$ALERTMANAGER/api/v2/alerts?filter=alertname=PrometheusOperatorRejectedResources" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/PrometheusRemoteStorageFailures.md
  { destructive: false, command: "oc -n $NAMESPACE logs -l 'app.kubernetes.io/component=prometheus'" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/PrometheusScrapeBodySizeLimitHit.md
  { destructive: false, command: "token=$(oc get secret $secret_name_here -n openshift-monitoring -o jsonpath={.data.token} | base64 -d)" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/PrometheusScrapeBodySizeLimitHit.md
  { destructive: false, command: "host=$(oc get route -n openshift-monitoring prometheus-k8s -o jsonpath={.spec.host})" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/PrometheusScrapeBodySizeLimitHit.md
  { destructive: false, command: "curl -H \"Authorization: Bearer $token\" -k https://${host}/api/v1/targets | jq '.data.activeTargets[]|select(.health!=\"up\")'" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/TargetDown.md
  { destructive: false, command: "$ oc -n $NAMESPACE logs -l 'app.kubernetes.io/name=prometheus' --tail=-1 | \\\ngrep 'Failed to determine correct type of scrape target.*' \\\n| sort | uniq -c | sort -n" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/TargetDown.md
  { destructive: false, command: "oc top pod $POD_NAME" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/TargetDown.md
  { destructive: false, command: "oc extract secret/$SECRET_NAME -n $NAMESPACE --keys=tls.crt --to=- > certificate.crt" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/TargetDown.md
  { destructive: false, command: "openssl x509 -noout -enddate -in certificate.crt" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/ThanosRuleQueueIsDroppingAlerts.md
  { destructive: false, command: "oc -n openshift-user-workload-monitoring logs -l 'thanos-ruler=user-workload'" },
  // openshift-runbooks/alerts/cluster-network-operator/NoRunningOvnControlPlane.md
  { destructive: false, command: "oc get node -l node-role.kubernetes.io/control-plane=\"\"" },
  // openshift-runbooks/alerts/cluster-network-operator/NoRunningOvnControlPlane.md
  { destructive: false, command: "oc logs <podname> -n openshift-ovn-kubernetes -c <container>" },
  // openshift-runbooks/alerts/cluster-network-operator/NorthboundStaleAlert.md
  { destructive: false, command: "ovs-appctl -t /var/run/ovn/ovnnb_db.ctl cluster/status OVN_Northbound" },
  // openshift-runbooks/alerts/cluster-network-operator/OVNKubernetesControllerDisconnectedSouthboundDatabase.md
  { destructive: false, command: "oc describe pods -n openshift-ovn-kubernetes ${pod}" },
  // openshift-runbooks/alerts/cluster-network-operator/OVNKubernetesControllerDisconnectedSouthboundDatabase.md
  { destructive: false, command: "oc logs -n openshift-ovn-kubernetes ${pod} -c sbdb" },
  // openshift-runbooks/alerts/cluster-network-operator/OVNKubernetesNorthdInactive.md
  { destructive: false, command: "curl 127.0.0.1:29105/metrics | grep northd" },
  // openshift-runbooks/alerts/cluster-network-operator/OVNKubernetesNorthdInactive.md
  { destructive: false, command: "ovn-appctl -t ovn-northd status" },
  // openshift-runbooks/alerts/cluster-network-operator/hierarchy/README.md
  { destructive: false, command: "dot ./alerts-hierarchy.dot -Tsvg -Nshape=rect > alerts-hierarchy.svg" },
  // openshift-runbooks/alerts/cluster-version-operator/ClusterVersionOperatorDown.md
  { destructive: false, command: "oc logs -n openshift-cluster-version deployment/cluster-version-operator --container cluster-version-operator" },
  // openshift-runbooks/alerts/cluster-version-operator/ClusterVersionOperatorDown.md
  { destructive: false, command: "oc get endpointslices -n openshift-cluster-version" },
  // openshift-runbooks/alerts/machine-config-operator/ExtremelyHighIndividualControlPlaneMemory.md
  { destructive: false, command: "top -b -n100 -d2" },
  // openshift-runbooks/alerts/machine-config-operator/ExtremelyHighIndividualControlPlaneMemory.md
  { destructive: false, command: "etcdctl member list -w table" },
  // openshift-runbooks/alerts/machine-config-operator/KubeletHealthState.md
  { destructive: false, command: "sudo systemctl status kubelet.service" },
  // openshift-runbooks/alerts/machine-config-operator/KubeletHealthState.md
  { destructive: false, command: "journalctl -u kubelet" },
  // openshift-runbooks/alerts/machine-config-operator/KubeletHealthState.md
  { destructive: false, command: "netstat -antpu | grep 10248" },
  // openshift-runbooks/alerts/machine-config-operator/MachineConfigControllerDrainError.md
  { destructive: false, command: "oc get mutatingwebhookconfiguration" },
  // openshift-runbooks/alerts/machine-config-operator/MachineConfigDaemonPivotError.md
  { destructive: false, command: "podman pull quay.io/startx/couchbase:ubi8 --log-level debug" },
  // openshift-runbooks/alerts/machine-config-operator/MachineConfigDaemonPivotError.md
  { destructive: false, command: "rpm-ostree status" },
  // openshift-runbooks/alerts/machine-config-operator/MachineConfigDaemonPivotError.md
  { destructive: false, command: "journalctl -u ostree-finalize-staged" },
  // openshift-runbooks/alerts/machine-config-operator/RuncDeprecated.md
  { destructive: false, command: "$ promtool query instant http://localhost:9090 \\\n  'container_runtime_crio_default_runtime{runtime=\"runc\"}'" },
  // openshift-runbooks/alerts/machine-config-operator/RuncDeprecated.md
  { destructive: false, command: "$ oc get mcp worker" },
  // openshift-runbooks/alerts/network-observability-operator/NetObservNoFlows.md
  { destructive: false, command: "oc logs -n netobserv-privileged <POD>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephFSOrphanedSnapshot.md
  { destructive: false, command: "odf cephfs-snap ls" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephFSOrphanedSnapshot.md
  { destructive: false, command: "odf cephfs-snap ls --orphaned" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephFSStaleSubvolume.md
  { destructive: false, command: "odf subvolume ls" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephFSStaleSubvolume.md
  { destructive: false, command: "odf subvolume ls --stale" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephMonVersionMismatch.md
  { destructive: false, command: "oc get events --field-selector involvedObject.name=$ocs_operator --namespace openshift-storage" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephOSDFlapping.md
  { destructive: false, command: "ceph osd dump | grep flags" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephOSDNearFull.md
  { destructive: false, command: "ocm list clusters" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephOSDNearFull.md
  { destructive: false, command: "TOOLS_POD=$(oc get pods -n openshift-storage -l app=rook-ceph-tools -o name)" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephOSDNearFull.md
  { destructive: false, command: "ceph status" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephOSDNearFull.md
  { destructive: false, command: "ceph osd status" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephOSDNearFull.md
  { destructive: false, command: "oc adm must-gather --image=<must-gather-image-name>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephOSDSlowOps.md
  { destructive: false, command: "ceph daemon osd.<id> ops" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephOSDSlowOps.md
  { destructive: false, command: "ceph daemon osd.<id> dump_historic_ops" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephXattrSetLatency.md
  { destructive: false, command: "ceph mds stat" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephXattrSetLatency.md
  { destructive: false, command: "ceph fs status" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephXattrSetLatency.md
  { destructive: false, command: "ceph daemon mds.<mds-name> dump_ops_in_flight" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephXattrSetLatency.md
  { destructive: false, command: "ceph fs status -f json-pretty | jq -r '.mdsmap[] | select(.state==\"active\") | .name'" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephXattrSetLatency.md
  { destructive: false, command: "oc adm top pod -n openshift-storage -l app=rook-ceph-mds" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephXattrSetLatency.md
  { destructive: false, command: "ceph health detail" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephXattrSetLatency.md
  { destructive: false, command: "ceph osd perf" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephXattrSetLatency.md
  { destructive: false, command: "ceph daemon mds.<mds-name> dump_blocked_ops" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/HighRBDCloneSnapshotCount.md
  { destructive: false, command: "rbd children --pool <pool> [--namespace <namespace>] <image-name>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/HighRBDCloneSnapshotCount.md
  { destructive: false, command: "rbd snap ls --pool <pool> [--namespace <namespace>] <image-name>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/ODFDiskUtilizationHigh.md
  { destructive: false, command: "lsblk -d -o NAME,ROTA,MODEL" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/ODFDiskUtilizationHigh.md
  { destructive: false, command: "iostat -x 2 5" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/ODFDiskUtilizationHigh.md
  { destructive: false, command: "ceph osd df tree  # check weight and reweight" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/ODFDiskUtilizationHigh.md
  { destructive: false, command: "ceph osd perf     # check commit/apply latency" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/ODFNodeLatencyHighOnNonOSDNodes.md
  { destructive: false, command: "ping <node-ip>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/ODFNodeLatencyHighOnNonOSDNodes.md
  { destructive: false, command: "mtr <node-ip>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/ODFNodeLatencyHighOnNonOSDNodes.md
  { destructive: false, command: "sar -n DEV 1 5" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/ODFNodeLatencyHighOnNonOSDNodes.md
  { destructive: false, command: "ip -s link show <iface>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/ODFNodeLatencyHighOnOSDNodes.md
  { destructive: false, command: "top -b -n 1 | head -20" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/ODFNodeLatencyHighOnOSDNodes.md
  { destructive: false, command: "sar -u 1 5" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/ODFNodeLatencyHighOnOSDNodes.md
  { destructive: false, command: "ceph -s" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/ODFNodeMTULessThan9000.md
  { destructive: false, command: "ip link show" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/ODFOperatorNotUpgradeable.md
  { destructive: false, command: "oc get operatorconditions -n openshift-storage" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/ODFPersistentVolumeMirrorStatus.md
  { destructive: false, command: "rbd mirror image status POOL_NAME/IMAGE_NAME" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/StorageAutoScalingFailed.md
  { destructive: false, command: "pvcName=$(oc get pod <osd_pod> -n <namespace> -o jsonpath='{.spec.volumes[*].persistentVolumeClaim.claimName}')" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/StorageAutoScalingFailed.md
  { destructive: false, command: "oc get pvc $pvcName -n <namespace> -o yaml" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/StorageAutoScalingFailed.md
  { destructive: false, command: "oc logs -l app=rook-ceph-operator -n <namespace>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/helpers/checkOperator.md
  { destructive: false, command: "echo $OCSOP" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/helpers/checkOperator.md
  { destructive: false, command: "oc describe pod/${OCSOP} -n openshift-storage" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/helpers/connectedClient.md
  { destructive: false, command: "CONSUMERUID=$(oc get storageconsumer -nopenshift-storage ${CONSUMERNAME} \\\n    -ojsonpath='{.metadata.uid}')" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/helpers/diagnosis.md
  { destructive: false, command: "ocm backplane tunnel <cluster_id>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/helpers/diagnosis.md
  { destructive: false, command: "ocm backplane login <cluster_id>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/helpers/diagnosis.md
  { destructive: false, command: "curl http://localhost:9093/api/v1/alerts | jq '.data[] | select( .labels.alertname) | { ALERT: .labels.alertname, STATE: .status.state}'" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/helpers/diagnosis.md
  { destructive: false, command: "oc get events -n default | grep NODE_NAME" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/helpers/gatherLogs.md
  { destructive: false, command: "oc adm must-gather --image=<ODF-MUST-GATHER-IMAGE>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/helpers/networkConnectivity.md
  { destructive: false, command: "nc -vz <mon-ip> <mon-port>" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/helpers/networkConnectivity.md
  { destructive: false, command: "oc get storagecluster -n openshift-storage -o json | grep storageProviderEndpoint" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/helpers/podDebug.md
  { destructive: true, command: "oc project openshift-storage" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/helpers/troubleshootCeph.md
  { destructive: false, command: "curl -k -H \"Authorization: Bearer $(oc -n openshift-monitoring sa get-token prometheus-k8s)\"  https://${MYALERTMANAGER}/api/v1/alerts | jq '.data[] | select( .labels.alertname) | { ALERT: .labels.alertname, STATE: .status.state}'" },
  // openshift-runbooks/alerts/openshift-virtualization-operator/ClusterVMPanicDetected.md
  { destructive: false, command: "POD=$(oc get pod -n <namespace> -l kubevirt.io/domain=<vm-name> -o name | head -n1)" },
  // openshift-runbooks/alerts/openshift-virtualization-operator/KubeVirtVMIExcessiveMigrations.md
  { destructive: false, command: "$ oc get nodes -l node-role.kubernetes.io/worker= -o json | jq .items[].status.allocatable" },
  // openshift-runbooks/alerts/openshift-virtualization-operator/NetworkAddonsConfigNotReady.md
  { destructive: false, command: "$ oc get networkaddonsconfig -o custom-columns=':.status.conditions[*].message' | tr -d '\\n'" },
  // openshift-runbooks/alerts/openshift-virtualization-operator/NoLeadingVirtController.md
  { destructive: false, command: "$ oc auth can-i create leases \\\n    --as=system:serviceaccount:$NAMESPACE:kubevirt-controller \\\n    -n $NAMESPACE" },
  // prometheus-operator-runbooks/kubernetes/KubeAPIDown.md
  { destructive: false, command: "$ kubectl cluster-info" },
  // prometheus-operator-runbooks/kubernetes/KubeletDown.md
  { destructive: false, command: "$ journalctl -b -f -u kubelet.service" },
  // prometheus-operator-runbooks/node/NodeFilesystemFilesFillingUp.md
  { destructive: false, command: "$ df -hi \"/host/$MOUNT_POINT\"" },
  // prometheus-operator-runbooks/node/NodeFilesystemSpaceFillingUp.md
  { destructive: false, command: "$ chroot /host" },
  // prometheus-operator-runbooks/node/NodeRAIDDegraded.md
  { destructive: false, command: "$ cat /proc/mdstat" },
  // kubevirt-runbooks/docs/runbooks/HCOInstallationIncomplete.md
  { destructive: true, command: "$ cat <<EOF | kubectl apply -f -\napiVersion: hco.kubevirt.io/v1beta1\nkind: HyperConverged\nmetadata:\n  name: kubevirt-hyperconverged\n  namespace: kubevirt-hyperconverged\nspec: {}\nEOF" },
  // kubevirt-runbooks/docs/runbooks/UnsupportedHCOModification.md
  { destructive: true, command: "# Example: remove the KubeVirt jsonpatch annotation key\nkubectl annotate hyperconverged -n \"${NS}\" kubevirt-hyperconverged \\\n  'kubevirt.kubevirt.io/jsonpatch-'\n\n# Other examples (use if those annotations are present):\n# Remove CDI jsonpatch\n# kubectl annotate hyperconverged -n \"${NS}\" kubevirt-hyperconverged 'containerizeddataimporter.kubevirt.io/jsonpatch-'\n# Remove CNAO jsonpatch\n# kubectl annotate hyperconverged -n \"${NS}\" kubevirt-hyperconverged 'networkaddonsconfigs.kubevirt.io/jsonpatch-'\n# Remove SSP jsonpatch\n# kubectl annotate hyperconverged -n \"${NS}\" kubevirt-hyperconverged 'ssp.kubevirt.io/jsonpatch-'" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckInUnhealthyState.md
  { destructive: false, command: "# Discover the KubeVirt installation namespace\n$ export NAMESPACE=\"$(kubectl get kubevirt -A -o custom-columns=\"\":.metadata.namespace)\"\n\n# Check KubeVirt CR conditions (expect Available=True)\n$ kubectl get kubevirt -n \"$NAMESPACE\" \\\n  -o jsonpath='{range .items[*].status.conditions[*]}{.type}={.status}{\"\\n\"}{end}'\n\n# Or check a single CR named 'kubevirt'\n$ kubectl get kubevirt kubevirt -n \"$NAMESPACE\" \\\n  -o jsonpath='{.status.conditions[?(@.type==\"Available\")].status}'\n\n# Verify virt-controller is running\n$ kubectl get pods -n \"$NAMESPACE\" \\\n  -l kubevirt.io=virt-controller\n\n# Check virt-controller logs for errors\n# Replace <virt-controller-pod> with a pod name from the list above\n$ kubectl logs -n \"$NAMESPACE\" <virt-controller-pod>\n\n# Verify virt-handler is running\n$ kubectl get pods -n \"$NAMESPACE\" \\\n  -l kubevirt.io=virt-handler -o wide\n\n# Check virt-handler logs for errors (daemonset uses per-node pods)\n# Replace <virt-handler-pod> with a pod name from the list above\n$ kubectl logs -n \"$NAMESPACE\" <virt-handler-pod>" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckOnNode.md
  { destructive: false, command: "# Find the virt-launcher pod for this VM\n$ kubectl get pods -n <namespace> -l kubevirt.io/domain=<vm-name>\n\n# Check pod status and events\n$ kubectl describe pod <virt-launcher-pod> -n <namespace>\n\n# Check pod logs for errors\n$ kubectl logs <virt-launcher-pod> -n <namespace> -c compute\n$ kubectl logs <virt-launcher-pod> -n <namespace> -c istio-proxy \\\n  # if using Istio\n\n# Optional: Check resource usage for the virt-launcher pod\n$ kubectl top pod <virt-launcher-pod> -n <namespace>" },
  // openshift-runbooks/alerts/cluster-kube-apiserver-operator/ExtremelyHighIndividualControlPlaneCPU.md
  { destructive: true, command: "#!/usr/bin/env bash\n\nfunction queue() {\n  local TARGET=\"${1}\"\n  shift\n  local LIVE\n  LIVE=\"$(jobs | wc -l)\"\n  while [[ \"${LIVE}\" -ge 45 ]]; do\n    sleep 1\n    LIVE=\"$(jobs | wc -l)\"\n  done\n  echo \"${@}\"\n  if [[ -n \"${FILTER:-}\" ]]; then\n    \"${@}\" | \"${FILTER}\" >\"${TARGET}\" &\n  else\n    \"${@}\" >\"${TARGET}\" &\n  fi\n}\n\nARTIFACT_DIR=$PWD\nmkdir -p $ARTIFACT_DIR/metrics\necho \"Snapshotting prometheus (may take 15s) ...\"\nqueue ${ARTIFACT_DIR}/metrics/prometheus.tar.gz oc --insecure-skip-tls-verify exec -n openshift-monitoring prometheus-k8s-0 -- tar cvzf - -C /prometheus .\nFILTER=gzip queue ${ARTIFACT_DIR}/metrics/prometheus-target-metadata.json.gz oc --insecure-skip-tls-verify exec -n openshift-monitoring prometheus-k8s-0 -- /bin/bash -c \"curl -G http://localhost:9090/api/v1/targets/metadata --data-urlencode 'match_target={instance!=\\\"\\\"}'\"" },
  // openshift-runbooks/alerts/cluster-network-operator/OVNKubernetesControllerDisconnectedSouthboundDatabase.md
  { destructive: false, command: "for pod in ${pods}\ndo\n  echo \"${pod}:\\n\"\n  oc describe pods -n openshift-ovn-kubernetes ${pod}\ndone" },
  // kubevirt-runbooks/docs/runbooks/VirtLauncherPodsStuckFailed.md
  { destructive: true, command: "$ kubectl get pods -A -l kubevirt.io=virt-launcher --field-selector=status.phase=Failed -o name | xargs -r -n50 kubectl delete" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/NodeClockNotSynchronising.md
  { destructive: true, command: "oc -n default debug node/<affected_node_name>\nchroot /host\nsystemctl status chronyd" },
  // kubevirt-runbooks/docs/runbooks/VirtualMachineStuckOnNode.md
  { destructive: true, command: "$ kubectl drain <node-name> --ignore-daemonsets \\\n  --delete-emptydir-data\n$ kubectl uncordon <node-name>" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/PrometheusPossibleNarrowSelectors.md
  { destructive: false, command: "$ NAMESPACE='<value of namespace label from alert>'\n$ NAME='<name of the component, see mapping below>'\n# job label (from the alert) -> NAME mapping:\n# prometheus-k8s -> prometheus\n# prometheus-user-workload -> prometheus\n# thanos-ruler -> thanos-ruler\n# thanos-querier -> thanos-query\n\n$ oc -n $NAMESPACE logs -l app.kubernetes.io/name=$NAME --tail=-1 \\\n| grep 'narrow_matcher_label' | sort | uniq -c | sort -n" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/CephMdsCpuUsageHigh.md
  { destructive: true, command: "oc patch -n openshift-storage storagecluster ocs-storagecluster\\\n    --type merge \\\n    --patch '{\"spec\": {\"managedResources\": {\"cephFilesystems\":{\"activeMetadataServers\": 2}}}}'\n\nMake sure we have enough CPU provisioned for MDS depending on the load." },
  // openshift-runbooks/alerts/openshift-container-storage-operator/StorageAutoScalerCRIsInvalid.md
  { destructive: false, command: "\"storage class has provisioner as no-provisioner, which is an lso storageclass, autoscaler does not support lso storageclass, delete the autoStorageScaler cr as scaling is not supported\"" },
  // openshift-runbooks/alerts/machine-config-operator/ExtremelyHighIndividualControlPlaneMemory.md
  { destructive: false, command: "$ oc get nodes -l node-role.kubernetes.io/control-plane -o name | while read NODE; do printf -- '\\n----------%s description---------\\n\\n' \"${NODE}\"; oc describe \"${NODE}\"; done" },
  // kubevirt-runbooks/docs/runbooks/HAControlPlaneDown.md
  { destructive: false, command: "# Check node status conditions for DiskPressure status\nkubectl get node <node-name> -o yaml | jq '.status.conditions[] | select(.type == \"DiskPressure\")'" },
  // kubevirt-runbooks/docs/runbooks/NodeNetworkInterfaceDown.md
  { destructive: true, command: "# Restart NetworkManager\nsystemctl restart NetworkManager" },
  // openshift-runbooks/alerts/openshift-container-storage-operator/ODFDiskUtilizationHigh.md
  { destructive: false, command: "ceph osd df tree  # check weight and reweight\nceph osd perf     # check commit/apply latency" },
  // openshift-runbooks/alerts/cluster-monitoring-operator/TargetDown.md
  { destructive: false, command: "# NAMESPACE='<value of namespace label from alert>'\n\n$ oc -n $NAMESPACE logs -l 'app.kubernetes.io/name=prometheus' --tail=-1 | \\\ngrep 'Failed to determine correct type of scrape target.*' \\\n| sort | uniq -c | sort -n\nmsg=\"Failed to determine correct type of scrape target.\" \\\ncomponent=\"scrape manager\" \\\nscrape_pool=<monitor>/<namespace>/<service-monitor-name>/<endpoint-id> \\\ntarget=concerned-target content_type=\"concerned-content_type\" \\\nfallback_media_type=\"fallback_media_type-if-any\" err=\"explicit_error\"" },
  // openshift-runbooks/alerts/advanced-cluster-management-operator/ACMMetricsCollectorForwardRemoteWriteError.md
  { destructive: true, command: "oc scale deployment metrics-collector-deployment -n open-cluster-management-observability --replicas=0" },
  // openshift-runbooks/alerts/advanced-cluster-management-operator/ACMMetricsCollectorForwardRemoteWriteError.md
  { destructive: true, command: "oc scale deployment observability-observatorium-api -n open-cluster-management-observability --replicas=2" },
];
