{{/*
Chart name, truncated to 63 characters (Kubernetes name limit).
*/}}
{{- define "besu-network.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name: the release name (or fullnameOverride), truncated to 63 characters.
Suffixed names ("-genesis", "-peers") truncate the prefix so the result stays within 63.
*/}}
{{- define "besu-network.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Name of the genesis ConfigMap (<= 63 chars). */}}
{{- define "besu-network.genesisConfigMap" -}}
{{- printf "%s-genesis" (include "besu-network.fullname" . | trunc 55 | trimSuffix "-") }}
{{- end }}

{{/* Name of the peers ConfigMap (<= 63 chars). */}}
{{- define "besu-network.peersConfigMap" -}}
{{- printf "%s-peers" (include "besu-network.fullname" . | trunc 57 | trimSuffix "-") }}
{{- end }}

{{- define "besu-network.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Standard labels.
*/}}
{{- define "besu-network.labels" -}}
helm.sh/chart: {{ include "besu-network.chart" . }}
app.kubernetes.io/name: {{ include "besu-network.name" . }}
app.kubernetes.io/instance: {{ .Release.Name | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: network-config
app.kubernetes.io/part-of: orca
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}
