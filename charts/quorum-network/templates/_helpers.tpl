{{/*
Chart name, truncated to 63 characters (Kubernetes name limit).
*/}}
{{- define "quorum-network.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name: the release name (or fullnameOverride), truncated to 63 characters.
Suffixed names ("-genesis", "-peers") truncate the prefix so the result stays within 63.
*/}}
{{- define "quorum-network.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Name of the genesis ConfigMap (<= 63 chars). */}}
{{- define "quorum-network.genesisConfigMap" -}}
{{- printf "%s-genesis" (include "quorum-network.fullname" . | trunc 55 | trimSuffix "-") }}
{{- end }}

{{/* Name of the peers ConfigMap (<= 63 chars). */}}
{{- define "quorum-network.peersConfigMap" -}}
{{- printf "%s-peers" (include "quorum-network.fullname" . | trunc 57 | trimSuffix "-") }}
{{- end }}

{{- define "quorum-network.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Standard labels.
*/}}
{{- define "quorum-network.labels" -}}
helm.sh/chart: {{ include "quorum-network.chart" . }}
app.kubernetes.io/name: {{ include "quorum-network.name" . }}
app.kubernetes.io/instance: {{ .Release.Name | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: network-config
app.kubernetes.io/part-of: orca
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}
