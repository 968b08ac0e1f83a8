{{- define "fabric-chaincode.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name, at most 52 characters: a StatefulSet's Pods carry controller-revision-hash=<name>-<10 chars>.
*/}}
{{- define "fabric-chaincode.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 52 | trimSuffix "-" }}
{{- end }}

{{- define "fabric-chaincode.selectorLabels" -}}
app.kubernetes.io/name: {{ include "fabric-chaincode.name" . }}
app.kubernetes.io/instance: {{ .Release.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "fabric-chaincode.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "fabric-chaincode.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/component: chaincode
app.kubernetes.io/part-of: orca
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "fabric-chaincode.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
fsGroup: {{ .Values.securityContext.fsGroup }}
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "fabric-chaincode.containerSecurityContext" -}}
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

{{/*
"<fullname>-<suffix>", the prefix truncated so the whole stays within 63 characters.
*/}}
{{- define "fabric-chaincode.suffixed" -}}
{{- $root := index . 0 }}
{{- $suffix := index . 1 }}
{{- $max := sub 62 (len $suffix) | int }}
{{- printf "%s-%s" (include "fabric-chaincode.fullname" $root | trunc $max | trimSuffix "-") $suffix }}
{{- end }}

{{/*
The parts every Job shares: Pod settings, the admin's MSP and TLS folders, the organization's public MSP.
*/}}
{{- define "fabric-chaincode.jobPod" -}}
automountServiceAccountToken: false
enableServiceLinks: false
restartPolicy: Never
securityContext:
  {{- include "fabric-chaincode.podSecurityContext" . | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{- define "fabric-chaincode.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: 64Mi
- name: scripts
  configMap:
    name: {{ include "fabric-chaincode.suffixed" (list . "scripts") }}
    defaultMode: 0555
- name: msp-public
  configMap:
    name: {{ .Values.admin.mspConfigMap }}
- name: admin-msp
  projected:
    defaultMode: 0440
    sources:
      - secret:
          name: {{ .Values.admin.mspSecret }}
          items:
            - key: key.pem
              path: keystore/key.pem
            - key: cert.pem
              path: signcerts/cert.pem
      - configMap:
          name: {{ .Values.admin.mspConfigMap }}
          items:
            - key: cacert.pem
              path: cacerts/ca.pem
            - key: tlscacert.pem
              path: tlscacerts/tlsca.pem
            - key: config.yaml
              path: config.yaml
- name: admin-tls
  projected:
    defaultMode: 0440
    sources:
      - secret:
          name: {{ .Values.admin.tlsSecret }}
          items:
            - key: tls.key
              path: tls.key
            - key: tls.crt
              path: tls.crt
      - configMap:
          name: {{ .Values.admin.mspConfigMap }}
          items:
            - key: tlscacert.pem
              path: ca.crt
{{- end }}

{{- define "fabric-chaincode.mounts" -}}
- name: tmp
  mountPath: /tmp
- name: scripts
  mountPath: /scripts
  readOnly: true
- name: msp-public
  mountPath: /msp-public
  readOnly: true
- name: admin-msp
  mountPath: /admin/msp
  readOnly: true
- name: admin-tls
  mountPath: /admin/tls
  readOnly: true
{{- end }}

{{- define "fabric-chaincode.env" -}}
- name: HOME
  value: /tmp
- name: FABRIC_CFG_PATH
  value: /etc/hyperledger/fabric
- name: WAIT_TIMEOUT
  value: {{ .Values.wait.timeoutSeconds | quote }}
- name: WAIT_INTERVAL
  value: {{ .Values.wait.intervalSeconds | quote }}
- name: CORE_PEER_LOCALMSPID
  value: {{ .Values.admin.mspId | quote }}
- name: CORE_PEER_MSPCONFIGPATH
  value: /admin/msp
- name: CORE_PEER_TLS_ENABLED
  value: "true"
- name: CORE_PEER_TLS_ROOTCERT_FILE
  value: /msp-public/tlscacert.pem
{{- end }}
