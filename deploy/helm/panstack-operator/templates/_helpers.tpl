{{/*
Object names are those of deploy/ (panstack-operator, ...), not derived from the release name: the operator is one per
cluster (its CRDs and ClusterRole are cluster-wide), and HelmChartTest compares the chart with deploy/ by name.
*/}}

{{/* The label deploy/ puts on everything, and the selector of the Deployment, the Service and the ServiceMonitor. */}}
{{- define "panstack-operator.selectorLabels" -}}
app.kubernetes.io/name: panstack-operator
{{- end }}

{{/* Helm's standard labels on top: HelmChartTest ignores exactly these four when it compares the chart with deploy/. */}}
{{- define "panstack-operator.labels" -}}
{{ include "panstack-operator.selectorLabels" . }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The ServiceAccount subject of every binding. */}}
{{- define "panstack-operator.subjects" -}}
subjects:
  - kind: ServiceAccount
    name: panstack-operator
    namespace: {{ .Release.Namespace }}
{{- end }}

{{/* The watched namespaces, checked: a list of names or nothing. */}}
{{- define "panstack-operator.watchNamespaces" -}}
{{- $watched := .Values.watchNamespaces | default list -}}
{{- if not (kindIs "slice" $watched) -}}
{{- fail "watchNamespaces must be a list of namespaces, e.g. --set 'watchNamespaces={team-a,team-b}'" -}}
{{- end -}}
{{- join "," $watched -}}
{{- end }}
