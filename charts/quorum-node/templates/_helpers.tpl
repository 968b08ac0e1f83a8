{{/*
Chart name, truncated to 63 characters (Kubernetes name limit).
*/}}
{{- define "quorum-node.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name: the release name (or fullnameOverride), truncated to 52 characters: a StatefulSet's Pods
carry the label controller-revision-hash=<name>-<10 chars>, which must stay within 63.
It names the StatefulSet and its headless P2P Service.
*/}}
{{- define "quorum-node.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 52 | trimSuffix "-" }}
{{- end }}

{{/*
"<fullname>-<suffix>", the prefix truncated so the whole stays within 63 characters.
Usage: include "quorum-node.suffixed" (list . "rpc")
*/}}
{{- define "quorum-node.suffixed" -}}
{{- $root := index . 0 }}
{{- $suffix := index . 1 }}
{{- $max := sub 62 (len $suffix) | int }}
{{- printf "%s-%s" (include "quorum-node.fullname" $root | trunc $max | trimSuffix "-") $suffix }}
{{- end }}

{{- define "quorum-node.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Selector labels (stable across upgrades).
*/}}
{{- define "quorum-node.selectorLabels" -}}
app.kubernetes.io/name: {{ include "quorum-node.name" . }}
app.kubernetes.io/instance: {{ .Release.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Standard labels.
*/}}
{{- define "quorum-node.labels" -}}
helm.sh/chart: {{ include "quorum-node.chart" . }}
{{ include "quorum-node.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/component: {{ .Values.node.role }}
app.kubernetes.io/part-of: orca
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
JSON-RPC APIs: explicit list, or derived from the consensus: eth, net, web3, txpool, and raft or istanbul (IBFT and
QBFT share GoQuorum's istanbul API).
*/}}
{{- define "quorum-node.rpcApi" -}}
{{- if .Values.rpc.api }}
{{- join "," .Values.rpc.api }}
{{- else }}
{{- $consensusApi := dict "raft" "raft" "ibft" "istanbul" "qbft" "istanbul" }}
{{- join "," (list "eth" "net" "web3" "txpool" (get $consensusApi .Values.node.consensus)) }}
{{- end }}
{{- end }}

{{/*
Pod-level security context: non-root, RuntimeDefault seccomp.
*/}}
{{- define "quorum-node.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
fsGroup: {{ .Values.securityContext.fsGroup }}
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/*
Container-level security context: read-only root, no escalation, no capabilities.
*/}}
{{- define "quorum-node.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
privileged: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end }}
