{{/*
Chart name, truncated to 63 characters (Kubernetes name limit).
*/}}
{{- define "besu-node.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name: the release name (or fullnameOverride), truncated to 52 characters: a StatefulSet's Pods
carry the label controller-revision-hash=<name>-<10 chars>, which must stay within 63.
It names the StatefulSet and its headless P2P Service.
*/}}
{{- define "besu-node.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 52 | trimSuffix "-" }}
{{- end }}

{{/*
"<fullname>-<suffix>", the prefix truncated so the whole stays within 63 characters.
Usage: include "besu-node.suffixed" (list . "rpc")
*/}}
{{- define "besu-node.suffixed" -}}
{{- $root := index . 0 }}
{{- $suffix := index . 1 }}
{{- $max := sub 62 (len $suffix) | int }}
{{- printf "%s-%s" (include "besu-node.fullname" $root | trunc $max | trimSuffix "-") $suffix }}
{{- end }}

{{- define "besu-node.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Selector labels (stable across upgrades).
*/}}
{{- define "besu-node.selectorLabels" -}}
app.kubernetes.io/name: {{ include "besu-node.name" . }}
app.kubernetes.io/instance: {{ .Release.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Standard labels.
*/}}
{{- define "besu-node.labels" -}}
helm.sh/chart: {{ include "besu-node.chart" . }}
{{ include "besu-node.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/component: {{ .Values.node.role }}
app.kubernetes.io/part-of: orca
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
JSON-RPC APIs: explicit list, or derived from role, consensus and privacy.
*/}}
{{- define "besu-node.rpcApi" -}}
{{- if .Values.rpc.api }}
{{- join "," .Values.rpc.api }}
{{- else }}
{{- $apis := list "ETH" "NET" "WEB3" }}
{{- if eq .Values.node.role "validator" }}
{{- $consensusApi := dict "qbft" "QBFT" "ibft2" "IBFT" "clique" "CLIQUE" }}
{{- $apis = append $apis (get $consensusApi .Values.node.consensus) }}
{{- end }}
{{- if .Values.privacy.enabled }}
{{- $apis = concat $apis (list "PRIV" "EEA") }}
{{- end }}
{{- join "," $apis }}
{{- end }}
{{- end }}

{{/*
Pod-level security context: non-root, RuntimeDefault seccomp.
*/}}
{{- define "besu-node.podSecurityContext" -}}
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
{{- define "besu-node.containerSecurityContext" -}}
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
