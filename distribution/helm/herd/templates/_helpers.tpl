{{/* Chart name, at most 63 characters. */}}
{{- define "herd.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release full name, at most 63 characters. */}}
{{- define "herd.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of one component's objects: <fullname>-<component>; dict "root" $ "component" "web". */}}
{{- define "herd.componentName" -}}
{{- printf "%s-%s" (include "herd.fullname" .root | trunc 52 | trimSuffix "-") .component }}
{{- end }}

{{/* Name of the Service that serves a role (the single trial Service in trial mode). */}}
{{- define "herd.serviceName" -}}
{{- if .root.Values.trial.enabled }}
{{- include "herd.fullname" .root }}
{{- else }}
{{- include "herd.componentName" . }}
{{- end }}
{{- end }}

{{- define "herd.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "herd.selectorLabels" -}}
app.kubernetes.io/name: {{ include "herd.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "herd.labels" -}}
helm.sh/chart: {{ include "herd.chart" . }}
{{ include "herd.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: herd
{{- end }}

{{- define "herd.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "herd.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "herd.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Host names without a port. */}}
{{- define "herd.stripPort" -}}
{{- regexReplaceAll ":[0-9]+$" . "" }}
{{- end }}

{{/* The web domain hosts of the ingress: ingress.hosts, else the host of publicUrl. */}}
{{- define "herd.ingressHosts" -}}
{{- if .Values.ingress.hosts }}
{{- toJson .Values.ingress.hosts }}
{{- else if .Values.publicUrl }}
{{- toJson (list (include "herd.stripPort" (urlParse .Values.publicUrl).host)) }}
{{- else }}
{{- toJson list }}
{{- end }}
{{- end }}

{{/* HERD_PUBLIC_URL: publicUrl, else derived from the first ingress host, else empty (Herd's default). */}}
{{- define "herd.publicUrl" -}}
{{- if .Values.publicUrl }}
{{- .Values.publicUrl }}
{{- else if and .Values.ingress.enabled .Values.ingress.hosts }}
{{- $host := first .Values.ingress.hosts }}
{{- $tls := false }}
{{- range .Values.ingress.tls }}
{{- if has $host (default list .hosts) }}
{{- $tls = true }}
{{- end }}
{{- end }}
{{- printf "%s://%s" (ternary "https" "http" $tls) $host }}
{{- end }}
{{- end }}

{{/* The handle domain host when it needs its own ingress rule, else empty. */}}
{{- define "herd.handleDomainHost" -}}
{{- if and .Values.ingress.enabled .Values.ingress.handleDomain.enabled .Values.localDomain }}
{{- $handle := include "herd.stripPort" .Values.localDomain }}
{{- $hosts := include "herd.ingressHosts" . | fromJsonArray }}
{{- $web := "" }}
{{- with include "herd.publicUrl" . }}
{{- $web = include "herd.stripPort" (urlParse .).host }}
{{- end }}
{{- if and (ne $handle $web) (not (has $handle $hosts)) }}
{{- $handle }}
{{- end }}
{{- end }}
{{- end }}

{{/* Whether Herd gets a Redis URL (from the chart's Secret or an existing one). */}}
{{- define "herd.redisEnabled" -}}
{{- if or .Values.redis.url (and .Values.existingSecret .Values.redis.urlFromExistingSecret) }}true{{ end }}
{{- end }}

{{/* The worker Deployments as a JSON list of {component, cfg}: the main one and worker.extraGroups
     (each <fullname>-worker-<name>, with worker's settings where the group gives none). */}}
{{- define "herd.workerGroups" -}}
{{- $groups := list (dict "component" "worker" "cfg" (omit .Values.worker "extraGroups")) }}
{{- range $g := .Values.worker.extraGroups }}
{{- $cfg := merge (omit $g "name" | deepCopy) (omit $.Values.worker "extraGroups" "queues" | deepCopy) }}
{{- $groups = append $groups (dict "component" (printf "worker-%s" $g.name) "cfg" $cfg) }}
{{- end }}
{{- toJson $groups }}
{{- end }}

{{/* Stops rendering with one clear message for combinations that cannot work. */}}
{{- define "herd.validate" -}}
{{- if .Values.trial.enabled }}
{{- if .Values.postgresql.url }}
{{- fail "trial.enabled runs Herd's embedded PostgreSQL: remove postgresql.url, or set trial.enabled=false to run the web, worker and streaming roles on it" }}
{{- end }}
{{- else }}
{{- if not .Values.postgresql.url }}
{{- fail "postgresql.url is required when trial.enabled is false (the roles share an external PostgreSQL)" }}
{{- end }}
{{- if not (include "herd.redisEnabled" .) }}
{{- fail "redis.url is required when trial.enabled is false: the web, worker and streaming pods share caches, locks and streaming events through Redis" }}
{{- end }}
{{- if ne .Values.media.storage "s3" }}
{{- fail "media.storage must be s3 when trial.enabled is false: local media would live in one pod's emptyDir" }}
{{- end }}
{{- end }}
{{- if eq .Values.search.engine "opensearch" }}
{{- if not .Values.opensearch.url }}
{{- fail "opensearch.url is required with search.engine=opensearch" }}
{{- end }}
{{- if and .Values.opensearch.user (not .Values.opensearch.password) (not .Values.existingSecret) }}
{{- fail "opensearch.password (or existingSecret with key opensearch-password) is required with opensearch.user" }}
{{- end }}
{{- end }}
{{- if eq .Values.media.storage "s3" }}
{{- if not (and .Values.s3.endpoint .Values.s3.bucket .Values.s3.accessKey) }}
{{- fail "s3.endpoint, s3.bucket and s3.accessKey are required with media.storage=s3" }}
{{- end }}
{{- if and (not .Values.s3.secretKey) (not .Values.existingSecret) }}
{{- fail "s3.secretKey (or existingSecret with key s3-secret-key) is required with media.storage=s3" }}
{{- end }}
{{- end }}
{{- if .Values.existingSecret }}
{{- if or .Values.postgresql.password .Values.redis.url .Values.opensearch.password .Values.s3.secretKey .Values.smtp.password }}
{{- fail (printf "existingSecret %q holds the secrets: leave postgresql.password, redis.url, opensearch.password, s3.secretKey and smtp.password empty" .Values.existingSecret) }}
{{- end }}
{{- else if .Values.redis.urlFromExistingSecret }}
{{- fail "redis.urlFromExistingSecret needs existingSecret" }}
{{- end }}
{{- if and .Values.ingress.enabled (eq (include "herd.ingressHosts" . | fromJsonArray | len) 0) }}
{{- fail "ingress.enabled needs ingress.hosts or publicUrl" }}
{{- end }}
{{- if not .Values.trial.enabled }}
{{- $all := list "push" "pull" "ingress" "mailers" "default" }}
{{- $served := .Values.worker.queues | default $all }}
{{- $names := list }}
{{- range $g := .Values.worker.extraGroups }}
{{- if has $g.name $names }}
{{- fail (printf "worker.extraGroups: the name %q is used twice" $g.name) }}
{{- end }}
{{- $names = append $names $g.name }}
{{- $served = concat $served $g.queues }}
{{- end }}
{{- $idle := list }}
{{- range $q := $all }}
{{- if not (has $q $served) }}
{{- $idle = append $idle $q }}
{{- end }}
{{- end }}
{{- if $idle }}
{{- fail (printf "no worker takes the queue(s) %s: add them to worker.queues or to a worker.extraGroups entry (web and streaming pods run no jobs)" (join ", " $idle)) }}
{{- end }}
{{- range $role := list "web" "worker" "streaming" }}
{{- if and (index $.Values.autoscaling $role "enabled") (not (dig "requests" "cpu" "" (default dict (index $.Values $role "resources")))) }}
{{- fail (printf "autoscaling.%s.enabled needs %s.resources.requests.cpu (the CPU target is a share of it)" $role $role) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* Non-secret settings, the data of the ConfigMap (environment variables). */}}
{{- define "herd.configData" -}}
HERD_BIND: "0.0.0.0"
HERD_PORT: "8080"
{{- with include "herd.publicUrl" . }}
HERD_PUBLIC_URL: {{ . | quote }}
{{- end }}
{{- with .Values.localDomain }}
HERD_LOCAL_DOMAIN: {{ . | quote }}
{{- end }}
HERD_REGISTRATIONS: {{ .Values.registrations | quote }}
HERD_LOG_LEVEL: {{ .Values.logLevel | quote }}
{{- with .Values.instance.title }}
HERD_INSTANCE_TITLE: {{ . | quote }}
{{- end }}
{{- with .Values.instance.description }}
HERD_INSTANCE_DESCRIPTION: {{ . | quote }}
{{- end }}
{{- with .Values.instance.contactEmail }}
HERD_CONTACT_EMAIL: {{ . | quote }}
{{- end }}
{{- if not .Values.trial.enabled }}
HERD_DB_URL: {{ .Values.postgresql.url | quote }}
{{- with .Values.postgresql.user }}
HERD_DB_USER: {{ . | quote }}
{{- end }}
{{- end }}
HERD_DB_POOL_SIZE: {{ .Values.postgresql.poolSize | quote }}
HERD_SEARCH_ENGINE: {{ .Values.search.engine | quote }}
{{- with .Values.search.indexPrefix }}
HERD_SEARCH_INDEX_PREFIX: {{ . | quote }}
{{- end }}
{{- if eq .Values.search.engine "opensearch" }}
HERD_OPENSEARCH_URL: {{ .Values.opensearch.url | quote }}
{{- with .Values.opensearch.user }}
HERD_OPENSEARCH_USER: {{ . | quote }}
{{- end }}
{{- with .Values.opensearch.caFile }}
HERD_OPENSEARCH_CA_FILE: {{ . | quote }}
{{- end }}
{{- end }}
HERD_MEDIA_STORAGE: {{ .Values.media.storage | quote }}
{{- if eq .Values.media.storage "s3" }}
HERD_S3_ENDPOINT: {{ .Values.s3.endpoint | quote }}
HERD_S3_REGION: {{ .Values.s3.region | quote }}
HERD_S3_BUCKET: {{ .Values.s3.bucket | quote }}
HERD_S3_ACCESS_KEY: {{ .Values.s3.accessKey | quote }}
{{- with .Values.s3.publicUrl }}
HERD_S3_PUBLIC_URL: {{ . | quote }}
{{- end }}
{{- end }}
{{- if .Values.smtp.host }}
HERD_SMTP_HOST: {{ .Values.smtp.host | quote }}
{{- if .Values.smtp.port }}
HERD_SMTP_PORT: {{ .Values.smtp.port | quote }}
{{- end }}
HERD_SMTP_TLS: {{ .Values.smtp.tls | quote }}
{{- with .Values.smtp.user }}
HERD_SMTP_USER: {{ . | quote }}
{{- end }}
{{- end }}
{{- with .Values.smtp.from }}
HERD_MAIL_FROM: {{ . | quote }}
{{- end }}
{{- end }}

{{/* Secret files: one "key: FILE_VARIABLE" line per secret Herd reads in this configuration. */}}
{{- define "herd.secretFiles" -}}
{{- if and (not .Values.trial.enabled) (or .Values.existingSecret .Values.postgresql.password) }}
db-password: HERD_DB_PASSWORD_FILE
{{- end }}
{{- if include "herd.redisEnabled" . }}
redis-url: HERD_REDIS_URL_FILE
{{- end }}
{{- if and (eq .Values.search.engine "opensearch") .Values.opensearch.user }}
opensearch-password: HERD_OPENSEARCH_PASSWORD_FILE
{{- end }}
{{- if eq .Values.media.storage "s3" }}
s3-secret-key: HERD_S3_SECRET_KEY_FILE
{{- end }}
{{- if and .Values.smtp.host .Values.smtp.user (or .Values.existingSecret .Values.smtp.password) }}
smtp-password: HERD_SMTP_PASSWORD_FILE
{{- end }}
{{- end }}

{{/* The data of the chart's Secret (base64), for the keys in herd.secretFiles. */}}
{{- define "herd.secretData" -}}
{{- $files := include "herd.secretFiles" . | fromYaml }}
{{- $values := dict "db-password" .Values.postgresql.password "redis-url" .Values.redis.url "opensearch-password" .Values.opensearch.password "s3-secret-key" .Values.s3.secretKey "smtp-password" .Values.smtp.password }}
{{- range $key := keys $files | sortAlpha }}
{{ $key }}: {{ get $values $key | b64enc | quote }}
{{- end }}
{{- end }}

{{/* The name of the Secret Herd reads: existingSecret or the chart's own. */}}
{{- define "herd.secretName" -}}
{{- default (include "herd.fullname" .) .Values.existingSecret }}
{{- end }}

{{/* The container's own environment variables (the ConfigMap comes with envFrom); args as herd.podSpec. */}}
{{- define "herd.env" -}}
{{- $files := include "herd.secretFiles" .root | fromYaml }}
{{- if .role }}
- name: HERD_ROLE
  value: {{ .role | quote }}
{{- end }}
{{- with .cfg.queues }}
- name: HERD_WORKER_QUEUES
  value: {{ join "," . | quote }}
{{- end }}
{{- range $key := keys $files | sortAlpha }}
- name: {{ get $files $key }}
  value: /etc/herd/secrets/{{ $key }}
{{- end }}
{{- with .root.Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* The pod spec shared by the Deployments and the migration Job.
     dict "root" $ "component" "web" "role" "web"|"all"|"" "args" (list ...) "cfg" <role values>
          "configMap" name "secret" name "job" bool */}}
{{- define "herd.podSpec" -}}
{{- $root := .root }}
{{- $v := $root.Values }}
{{- $files := include "herd.secretFiles" $root | fromYaml }}
{{- with $v.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- if .job }}
serviceAccountName: default
{{- else }}
serviceAccountName: {{ include "herd.serviceAccountName" $root }}
{{- end }}
automountServiceAccountToken: false
enableServiceLinks: false
securityContext:
  {{- toYaml $v.podSecurityContext | nindent 2 }}
{{- if .job }}
restartPolicy: Never
{{- end }}
{{- with .cfg.terminationGracePeriodSeconds }}
terminationGracePeriodSeconds: {{ . }}
{{- end }}
containers:
  - name: herd
    image: {{ include "herd.image" $root | quote }}
    imagePullPolicy: {{ $v.image.pullPolicy }}
    args:
      {{- toYaml .args | nindent 6 }}
    securityContext:
      {{- toYaml $v.securityContext | nindent 6 }}
    envFrom:
      - configMapRef:
          name: {{ .configMap }}
    {{- with include "herd.env" . | trim }}
    env:
      {{- . | nindent 6 }}
    {{- end }}
    {{- if not .job }}
    ports:
      - name: http
        containerPort: 8080
        protocol: TCP
    startupProbe:
      httpGet:
        path: /health/ready
        port: http
      periodSeconds: {{ $v.probes.startup.periodSeconds }}
      timeoutSeconds: {{ $v.probes.startup.timeoutSeconds }}
      failureThreshold: {{ $v.probes.startup.failureThreshold }}
    livenessProbe:
      httpGet:
        path: /health
        port: http
      periodSeconds: {{ $v.probes.liveness.periodSeconds }}
      timeoutSeconds: {{ $v.probes.liveness.timeoutSeconds }}
      failureThreshold: {{ $v.probes.liveness.failureThreshold }}
    readinessProbe:
      httpGet:
        path: /health/ready
        port: http
      periodSeconds: {{ $v.probes.readiness.periodSeconds }}
      timeoutSeconds: {{ $v.probes.readiness.timeoutSeconds }}
      failureThreshold: {{ $v.probes.readiness.failureThreshold }}
    {{- end }}
    {{- with .cfg.resources }}
    resources:
      {{- toYaml . | nindent 6 }}
    {{- end }}
    volumeMounts:
      - name: data
        mountPath: /opt/herd/data
      - name: deploy
        mountPath: /opt/herd/deploy
      - name: tmp
        mountPath: /tmp
      {{- if $files }}
      - name: secrets
        mountPath: /etc/herd/secrets
        readOnly: true
      {{- end }}
      {{- if eq .role "all" }}
      - name: dshm
        mountPath: /dev/shm
      {{- end }}
      {{- with $v.extraVolumeMounts }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
{{- with .cfg.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .cfg.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .cfg.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
volumes:
  {{- if eq .role "all" }}
  - name: data
    persistentVolumeClaim:
      claimName: {{ default (include "herd.fullname" $root) $v.trial.persistence.existingClaim }}
  - name: dshm
    emptyDir:
      medium: Memory
      sizeLimit: 256Mi
  {{- else }}
  - name: data
    emptyDir: {}
  {{- end }}
  - name: deploy
    emptyDir: {}
  - name: tmp
    emptyDir: {}
  {{- if $files }}
  - name: secrets
    secret:
      secretName: {{ .secret }}
      defaultMode: 288 # 0440
  {{- end }}
  {{- with $v.extraVolumes }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end }}

{{/* One Deployment: dict "root" $ "component" "web" "role" "web" "cfg" .Values.web "autoscaled" bool */}}
{{- define "herd.deployment" -}}
{{- $root := .root }}
{{- $trial := eq .role "all" }}
{{- $name := ternary (include "herd.fullname" $root) (include "herd.componentName" .) $trial }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "herd.labels" $root | nindent 4 }}
    app.kubernetes.io/component: {{ .component }}
spec:
  {{- if $trial }}
  replicas: 1
  strategy:
    type: Recreate
  {{- else if not .autoscaled }}
  replicas: {{ .cfg.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "herd.selectorLabels" $root | nindent 6 }}
      app.kubernetes.io/component: {{ .component }}
  template:
    metadata:
      labels:
        {{- include "herd.labels" $root | nindent 8 }}
        app.kubernetes.io/component: {{ .component }}
      annotations:
        checksum/config: {{ include "herd.configData" $root | sha256sum }}
        checksum/secret: {{ include "herd.secretData" $root | sha256sum }}
        {{- with .cfg.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      {{- include "herd.podSpec" (dict "root" $root "component" .component "role" .role "args" (list "run") "cfg" .cfg "configMap" (include "herd.fullname" $root) "secret" (include "herd.secretName" $root) "job" false) | trim | nindent 6 }}
{{- end }}
