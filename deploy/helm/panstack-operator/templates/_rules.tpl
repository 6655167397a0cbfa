{{/*
The operator's RBAC rules: deploy/base/rbac.yaml's, in its order (HelmChartTest compares them rule for rule). With
"namespaced" the rules for namespaced resources, with "clusterScoped" those for cluster-scoped ones (PersistentVolumes):
both in the ClusterRole when the operator watches all namespaces; otherwise the namespaced ones in a Role per watched
namespace and only the cluster-scoped ones in the ClusterRole, as deploy/confined/ does.
Exactly what the operator does, nothing more: it cannot delete Secrets, PersistentVolumeClaims or StatefulSets, so no
bug can remove a stack's data or database. Data goes only through Kubernetes' garbage collector, under deletionPolicy: Delete.
*/}}
{{- define "panstack-operator.rules" -}}
{{- if .namespaced }}
  # The PanStacks it reconciles, and their status. "patch" adds and removes its finalizer; "finalizers" lets it set
  # blockOwnerDeletion on owner references (OwnerReferencesPermissionEnforcement, e.g. OpenShift).
  - apiGroups: ["panstack.io"]
    resources: ["panstacks"]
    verbs: ["get", "list", "watch", "patch", "update"]
  - apiGroups: ["panstack.io"]
    resources: ["panstacks/status"]
    verbs: ["get", "update", "patch"]
  - apiGroups: ["panstack.io"]
    resources: ["panstacks/finalizers"]
    verbs: ["update"]
  # A record per backup (PanStackBackup): it creates those of the backups it takes, and deletes them past retention.
  - apiGroups: ["panstack.io"]
    resources: ["panstackbackups"]
    verbs: ["get", "list", "watch", "create", "delete"]
  - apiGroups: ["panstack.io"]
    resources: ["panstackbackups/status"]
    verbs: ["get", "patch"]
  # In-place restores (PanStackRestore): users create them; the operator carries them out and reports in status.
  - apiGroups: ["panstack.io"]
    resources: ["panstackrestores"]
    verbs: ["get", "list", "watch"]
  - apiGroups: ["panstack.io"]
    resources: ["panstackrestores/status"]
    verbs: ["get", "patch"]
  # Pi workloads and their Services, ServiceAccount, Ingress, CronJob, PodDisruptionBudget, NetworkPolicies and HPAs:
  # created, updated, and removed when turned off.
  - apiGroups: ["apps"]
    resources: ["deployments"]
    verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
  - apiGroups: [""]
    resources: ["services"]
    verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
  - apiGroups: [""]
    resources: ["serviceaccounts"]
    verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
  - apiGroups: ["networking.k8s.io"]
    resources: ["ingresses"]
    verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
  - apiGroups: ["batch"]
    resources: ["cronjobs"]
    verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
  - apiGroups: ["policy"]
    resources: ["poddisruptionbudgets"]
    verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
  - apiGroups: ["networking.k8s.io"]
    resources: ["networkpolicies"]
    verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
  - apiGroups: ["autoscaling"]
    resources: ["horizontalpodautoscalers"]
    verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
  # The in-cluster MariaDB and the objects holding data: never deleted by the operator.
  - apiGroups: ["apps"]
    resources: ["statefulsets"]
    verbs: ["get", "list", "watch", "create", "update", "patch"]
  - apiGroups: [""]
    resources: ["persistentvolumeclaims"]
    verbs: ["get", "list", "watch", "create", "update", "patch"]
  # Its own generated database credentials, and the licence / external-database Secrets a PanStack names.
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get", "list", "watch", "create", "update", "patch"]
{{- end }}
{{- if .clusterScoped }}
  # The PersistentVolume of a stack's EFS access point, and the reclaim policy of the volumes its data claims are
  # bound to. Cluster-scoped: no Role can grant it. No list or watch: the operator reads them by name only.
  - apiGroups: [""]
    resources: ["persistentvolumes"]
    verbs: ["get", "create", "patch", "delete"]
{{- end }}
{{- if .namespaced }}
  # The Job that seeds a stack's files volume from its bucket, once; never deleted by the operator.
  - apiGroups: ["batch"]
    resources: ["jobs"]
    verbs: ["get", "list", "watch", "create"]
  # Events on PanStacks for what a human should know.
  - apiGroups: ["", "events.k8s.io"]
    resources: ["events"]
    verbs: ["create", "patch"]
  # Problems seen on pods (image pull, crash loops, scheduling) are reported in status.
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get", "list", "watch"]
{{- end }}
{{- end }}
